"""Document › Details…: who wrote it, to whom, when, and where it is kept, in a historian's words.

The form is built from ``workbench.model.fields`` (the table the command line's ``--set`` reads),
so both faces accept the same values and refuse the same nonsense. Every edit re-renders the
full note, the short note and the bibliography entry below the form, so the historian sees the
citation their journal will print while they type. Saving is one step of undo (``set_details``).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.citations import Citer, Source, Style
from workbench.model import Document, Metadata
from workbench.model.fields import FIELDS, Field, FieldError, Value, apply, kind_changes, typed_value
from workbench.model.kinds import SourceKind
from workbench.ui.look import theme as themes

#: The form's pages and the fields on each, in the order a historian reads a source.
PAGES = {
    "The item": ["kind", "title", "author", "recipient", "genre", "designation", "issued", "time", "event-place"],
    "Where it is kept": [
        "archive",
        "archive-place",
        "archive_collection",
        "series",
        "box",
        "folder",
        "folio",
        "archive_location",
        "source-note",
    ],
    "Published in": [
        "container-title",
        "volume",
        "editor",
        "publisher",
        "publisher-place",
        "container-issued",
        "number",
        "URL",
    ],
}
_HINTS = {
    "author": "Family, Given — one per line; an institution as one name",
    "recipient": "Family, Given — one per line",
    "editor": "Family, Given — one per line",
    "issued": "1954-03-14, March 1954, circa 1954, 1954-03-14/1954-03-16, or n.d.",
    "genre": "message, memorandum, telegram …",
    "designation": "Hakto 25",
    "box": "80",
    "folder": "5, or a folder's name",
    "folio": "3r, 3r–4v, item 12",
    "archive_location": "MS-2-650",
    "archive": "Seeley G. Mudd Manuscript Library, Princeton University",
    "archive-place": "Princeton, NJ",
    "archive_collection": "John Foster Dulles Papers",
}


class DetailsDialog(QDialog):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Details — {document.title[:60]}")
        self.setObjectName("detailsDialog")
        self.resize(760, 640)
        self._document = document
        self._original = document.metadata
        self.metadata: Metadata = document.metadata
        self._editors: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        tabs = QTabWidget(self)
        for page, names in PAGES.items():
            tabs.addTab(self._page(names), page)
        self.problem = QLabel(self)
        self.problem.setObjectName("detailsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {themes.current().accent}")
        self.preview = QLabel(self)
        self.preview.setObjectName("citationPreview")
        self.preview.setAccessibleName("The citation as it will print")
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self._save_if_valid)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self._update()
        self._editors["title"].setFocus()

    # -- the form ---------------------------------------------------------------------------

    def _page(self, names: list[str]) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            field = FIELDS[name]
            editor = self._editor(field)
            editor.setObjectName(f"detail_{name}")
            editor.setAccessibleName(field.label)
            self._editors[name] = editor
            if field.value != Value.DATE:
                form.addRow(f"{field.label}:", editor)
                continue
            row = QHBoxLayout()  # the date as citations will print it, beside what was typed
            row.addWidget(editor, 1)
            self.date_reading = QLabel(page)
            self.date_reading.setObjectName("dateReading")
            self.date_reading.setStyleSheet(f"color: {themes.current().muted}")
            row.addWidget(self.date_reading, 1)
            form.addRow(f"{field.label}:", row)
        return page

    def _editor(self, field: Field) -> QLineEdit | QPlainTextEdit | QComboBox:
        value = typed_value(self._original, field)
        if field.value == Value.KIND:
            combo = QComboBox(self)
            for kind in SourceKind:
                combo.addItem(kind.label, kind.value)
            combo.setCurrentIndex(combo.findData(self._original.source_kind.value))
            combo.currentIndexChanged.connect(self._update)
            return combo
        if field.value == Value.NAMES or field.name == "source-note":
            edit = QPlainTextEdit(self)
            edit.setPlainText(value.replace("; ", "\n") if field.value == Value.NAMES else value)
            edit.setPlaceholderText(_HINTS.get(field.name, ""))
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * (3 if field.value == Value.NAMES else 5) + 12)
            edit.textChanged.connect(self._update)
            return edit
        line = QLineEdit(value, self)
        line.setPlaceholderText(_HINTS.get(field.name, ""))
        line.textChanged.connect(self._update)
        return line

    def _assignments(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for name, editor in self._editors.items():
            field = FIELDS[name]
            if isinstance(editor, QComboBox):
                continue  # the kind is applied on its own: it sets the CSL type as well
            text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            if field.value == Value.NAMES:
                lines = [line for line in text.splitlines() if line.strip()]
                out += [(name, line) for line in lines] or [(name, "")]
            else:
                out.append((name, text))
        return out

    def _read(self) -> Metadata:
        """The form as metadata; ``FieldError`` names the first field that cannot be read."""
        kind = self._editors["kind"]
        assert isinstance(kind, QComboBox)
        metadata = apply(self._original, self._assignments())
        metadata = dataclasses.replace(metadata, **kind_changes(kind.currentData()))  # type: ignore[arg-type]
        if metadata.title == self._original.title:  # untouched: still the file's name, if it was
            metadata = dataclasses.replace(metadata, title_from_file=self._original.title_from_file)
        return metadata

    def _update(self) -> None:
        try:
            self.metadata = self._read()
        except FieldError as error:
            self.problem.setText(str(error)[:1].upper() + str(error)[1:])
            self.problem.show()
            self.date_reading.setText("")
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self.problem.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.date_reading.setText(self.metadata.date.long() or "undated (n.d.)")
        source = Source.of(dataclasses.replace(self._document, metadata=self.metadata))
        first, later = Citer(Style.CHICAGO_NOTE), Citer(Style.CHICAGO_NOTE)
        later.cite(source)
        rows = [("Full note", first.cite(source)), ("Short note", later.cite(source)),
                ("Bibliography", first.reference(source))]  # fmt: skip
        muted = themes.current().muted
        self.preview.setText(
            "".join(f"<p><span style='color:{muted}'>{label}</span><br>{rich.html()}</p>" for label, rich in rows)
        )

    @property
    def changed(self) -> bool:
        return self.metadata != self._original

    def _save_if_valid(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled():
            self.accept()
