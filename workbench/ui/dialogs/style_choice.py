"""The citation style box: Workbench's own three first, then every CSL style, searchable as you type,
and "Another style file…" for a ``.csl`` the journal supplies."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QFileDialog

from workbench.citations import Style
from workbench.citations.csl import load_style, style_names
from workbench.citations.styles import style_named

PICK_FILE = "::file"


def fill(box: QComboBox) -> None:
    """Make ``box`` the style box: built-ins, then the shipped CSL styles by name, then a file."""
    for style in Style:
        box.addItem(style.label, style.value)
    box.insertSeparator(box.count())
    for name in style_names():
        box.addItem(name, name)
    box.addItem("Another style file (.csl)…", PICK_FILE)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(box.model(), box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    box.setCompleter(completer)
    box.setAccessibleName("Citation style")
    line = box.lineEdit()  # there is one: the box was made editable above
    if line is not None:
        line.setPlaceholderText("Search 2,000+ styles: apa, chicago, harvard …")
        line.setAccessibleName("Citation style (type to search)")
    box.activated.connect(lambda _index: _maybe_pick_file(box))


def _maybe_pick_file(box: QComboBox) -> None:
    if box.currentData() != PICK_FILE:
        return
    path, _ = QFileDialog.getOpenFileName(box, "A citation style", "", "CSL styles (*.csl)")
    if not path:
        box.setCurrentIndex(0)
        return
    try:
        title = load_style(path).title
    except ValueError:
        title = path
    box.insertItem(box.count() - 1, title, path)
    box.setCurrentIndex(box.count() - 2)


def chosen(box: QComboBox):
    """The style the box names (``StyleError`` if it names nothing usable)."""
    value = box.currentData()
    return style_named(value if value and value != PICK_FILE else Style.CHICAGO_NOTE.value)
