"""Edit › Settings (Ctrl+,): your name, how the text looks, how quotations are cited, how often to back up.

The dialog edits a ``Preferences`` value; Apply and OK store it and hand it to the window, which
restyles itself at once (theme, reading font, underline patterns, backup timer). The citation
tab shows what a quotation from the open document will look like with the choices made.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.citations import Style
from workbench.export import Marks, Paragraphs
from workbench.export.clip import quote_with_citation
from workbench.model import Document
from workbench.model.text import example_sentence
from workbench.ops.author import login_name
from workbench.ui import preferences as stored
from workbench.ui.dialogs.focus import focus_when_shown
from workbench.ui.look.theme import Appearance
from workbench.ui.preferences import BACKUP_CHOICES, Preferences


def _choices(parent: QWidget, name: str, items: list[tuple[str, object]], current: object) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    for label, value in items:
        box.addItem(label, value)
    box.setCurrentIndex(max(box.findData(current), 0))
    return box


def _backup_label(minutes: int) -> str:
    return "Only when the project opens" if minutes == 0 else f"Every {minutes} minutes, while in use"


class SettingsDialog(QDialog):
    applied = Signal(object)  # Preferences

    def __init__(self, parent: QWidget | None = None, *, document: Document | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.document = document
        self.stored = now = stored.load()

        self.author = QLineEdit(now.author, self)
        focus_when_shown(self, self.author)
        self.author.setPlaceholderText(login_name())
        self.author.setAccessibleName("Your name, as author of highlights and notes")
        self.author.setToolTip("Recorded on every highlight, note and change; shown to colleagues after a merge.")
        self.backups = _choices(self, "How often to back up", [(_backup_label(m), m) for m in BACKUP_CHOICES],
                                now.backup_minutes)  # fmt: skip

        self.appearance = _choices(self, "Appearance", [(a.label, a) for a in Appearance], now.appearance)
        self.font_box = QFontComboBox(self)
        self.font_box.setAccessibleName("Reading font")
        self.font_box.setFontFilters(QFontComboBox.FontFilter.ScalableFonts)
        self.font_box.setCurrentFont(QFont(now.reading_family))
        self.size_box = QDoubleSpinBox(self)
        self.size_box.setAccessibleName("Reading font size")
        self.size_box.setRange(8.0, 32.0)
        self.size_box.setSingleStep(0.5)
        self.size_box.setDecimals(1)
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(now.reading_size)
        self.patterns = QCheckBox("Underline each tag in a pattern of its own (tags told apart without colour)", self)
        self.patterns.setChecked(now.underline_patterns)

        self.style_box = _choices(self, "Citation style", [(s.label, s) for s in Style], now.citation_style)
        self.paragraphs = _choices(self, "Quotation paragraphs", [("Keep paragraph breaks", Paragraphs.KEEP),
                                   ("Join paragraphs", Paragraphs.JOIN)], now.paragraphs)  # fmt: skip
        self.marks = _choices(self, "Quotation marks", [("“Typographic” quotation marks", Marks.TYPOGRAPHIC),
                              ('"Straight" marks', Marks.STRAIGHT)], now.marks)  # fmt: skip
        self.sample = QLabel(self)
        self.sample.setWordWrap(True)
        self.sample.setAccessibleName("How a quotation will be cited")
        self.sample.setMinimumWidth(420)
        for box in (self.style_box, self.paragraphs, self.marks):
            box.currentIndexChanged.connect(self._show_sample)

        tabs = QTabWidget(self)
        tabs.addTab(self._form(("Your &name:", self.author), ("&Backups:", self.backups)), "&General")
        tabs.addTab(self._form(("&Appearance:", self.appearance), ("Reading &font:", self.font_box),
                               ("Font &size:", self.size_box), ("", self.patterns)), "&Reading")  # fmt: skip
        tabs.addTab(self._form(("Citation &style:", self.style_box), ("&Quotations:", self.paragraphs),
                               ("", self.marks), ("Example:", self.sample)), "&Citations")  # fmt: skip
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self._show_sample()

    def _form(self, *rows: tuple[str, QWidget]) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        for label, widget in rows:
            if label:
                form.addRow(label, widget)
            else:
                form.addRow(widget)
        return page

    def chosen(self) -> Preferences:
        return replace(
            self.stored,
            author=self.author.text().strip(),
            backup_minutes=int(self.backups.currentData()),
            appearance=Appearance(self.appearance.currentData()),
            reading_family=self.font_box.currentFont().family(),
            reading_size=self.size_box.value(),
            underline_patterns=self.patterns.isChecked(),
            citation_style=Style(self.style_box.currentData()),
            paragraphs=Paragraphs(self.paragraphs.currentData()),
            marks=Marks(self.marks.currentData()),
        )

    def _show_sample(self) -> None:
        document = self.document
        if document is None or not document.text:
            self.sample.setText("Open a document to see an example from it.")
            return
        start, end = example_sentence(document.text)
        prefs = self.chosen()
        _, rich = quote_with_citation(document, start, end, style=prefs.citation_style,
                                      options=prefs.quote_options())  # fmt: skip
        self.sample.setText(rich)

    def apply(self) -> None:
        preferences = self.chosen()
        stored.save(preferences)
        self.applied.emit(preferences)

    def accept(self) -> None:
        self.apply()
        super().accept()
