"""Who you are, asked once: a one-line bar above the text after the first highlight.

Until a name is set, highlights are credited to the login name (``root``, ``jdoe``), and a name
set later would make the Compare Authors window see two coders. So after the first highlight a
bar asks for the name, without taking the keyboard from the text (tagging goes on with 1–9). Using
the name stores it in the settings and credits to it what was made under the login name, as one
step of undo; Skip keeps the login name. Either way the bar is not shown again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from workbench.ops.author import author, set_author
from workbench.ops.authors import credited_names, rename_author
from workbench.ops.changes import OpChanges
from workbench.ui import preferences as stored

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

_ASKED = "identity/asked"


def was_asked() -> bool:
    return bool(QSettings().value(_ASKED, False, type=bool))


class NameBar(QFrame):
    """ "Your highlights are credited to “root”. Your name: [______] Use Name · Skip"."""

    named = Signal(str)

    def __init__(self, window: MainWindow) -> None:  # the MainWindow: its project, operations and preferences
        super().__init__(window)
        self.main = window
        self.setObjectName("nameBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel(self)
        self.field = QLineEdit(self)
        self.field.setAccessibleName("Your name")
        self.field.setPlaceholderText("Your name, as citations and colleagues will see it")
        self.use = QPushButton("&Use Name", self)
        self.skip = QPushButton("Skip", self)
        self.use.setDefault(True)
        self.use.clicked.connect(self.accept)
        self.field.returnPressed.connect(self.accept)
        self.skip.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        row.addWidget(self.message)
        row.addWidget(self.field, 1)
        row.addWidget(self.use)
        row.addWidget(self.skip)
        self.hide()

    def offer(self) -> None:
        """After a highlight: ask, once, unless a name is already set."""
        if self.isVisible() or was_asked() or self.main.preferences.author.strip():
            return
        self.message.setText(f"Your highlights are credited to “{author()}”. Your name:")
        self.show()

    def accept(self) -> None:
        name = " ".join(self.field.text().split())
        if not name:
            self.field.setFocus()
            return
        before = author()
        self.main.preferences = replace(self.main.preferences, author=name)
        stored.save(self.main.preferences)
        set_author(name)
        project = self.main.project
        if before != name and before in credited_names(project.db):
            self.main.operations.run("Claim", lambda: rename_author(project, before, name))
        self.main.statusBar().showMessage(f"Your highlights are now credited to {name}.", 6000)
        self.named.emit(name)
        self.dismiss()

    def dismiss(self) -> None:
        QSettings().setValue(_ASKED, True)
        self.hide()
        self.main.reading.setFocus()


def install(window: MainWindow, column: QWidget) -> NameBar:
    """The bar, at the top of the middle column (above the welcome and the text)."""
    bar = NameBar(window)
    layout = column.layout()
    if isinstance(layout, QBoxLayout):  # the column is a box: the bar goes on top
        layout.insertWidget(0, bar)

    def offer_after(changes: OpChanges, _initiator: object) -> None:
        if changes.spans:  # a highlight was made: the moment to ask whose it is
            bar.offer()

    window.operations.changed.connect(offer_after)
    return bar
