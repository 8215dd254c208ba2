"""Writing a note: Markdown on the left, as it will show on the right; Ctrl+Enter saves."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.dialogs.focus import focus_when_shown
from workbench.ui.look import theme as themes
from workbench.ui.look.safe_text import SafeBrowser


class NoteEditor(QDialog):
    def __init__(self, title: str, text: str, context: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 420)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlainText(text)
        self.edit.setAccessibleName("Note (Markdown)")
        self.edit.setPlaceholderText("Write a note. Markdown works: *italic*, **bold**, lists, > quotes.")
        self.preview = SafeBrowser(self)
        self.preview.setAccessibleName("Note as it will show")
        self.edit.textChanged.connect(lambda: self.preview.show_markdown(self.edit.toPlainText()))
        self.preview.show_markdown(text)
        split = QSplitter(self)
        split.addWidget(self.edit)
        split.addWidget(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.accept)
        layout = QVBoxLayout(self)
        if context:
            quote = QLabel(f"“{context}”", self)
            quote.setWordWrap(True)
            quote.setStyleSheet(f"color: {themes.current().muted}; font-style: italic")
            layout.addWidget(quote)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        focus_when_shown(self, self.edit)

    @property
    def text(self) -> str:
        return self.edit.toPlainText()
