"""The small window that shows a footnote, or a highlight's tags and note, while the pointer rests on it."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from workbench.model import Note
from workbench.ui.look import theme as themes

_MAX_WIDTH = 440


class NotePopup(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip)
        self.setObjectName("notePopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 9, 12, 10)
        layout.addWidget(self.label)
        self.key: object = None

    def show_note(self, note: Note, at: QPoint) -> None:
        body = html.escape(note.text).replace("\n", "<br>")
        self.show_html(("note", note.n), f"<b>{note.n}.</b>&nbsp; {body}", f"{note.n}.  {note.text}", at)

    def shows(self, key: object) -> bool:
        """Whether what ``key`` names is on screen already (then nothing needs making again)."""
        return self.key == key and self.isVisible()

    def show_html(self, key: object, rich: str, plain: str, at: QPoint) -> None:
        """Show ``rich`` text at ``at``; ``key`` names what is shown, so resting on it does not redraw."""
        if self.shows(key):
            return
        self.key = key
        theme = themes.current()
        self.setStyleSheet(
            f"#notePopup {{ background: {theme.popup}; border: 1px solid {theme.popup_border}; border-radius: 6px; }}"
            f"QLabel {{ color: {theme.ink}; }}"
        )
        self.label.setText(rich)
        # A word-wrapped label picks a narrow width by itself: short texts get one line, long ones 440 px.
        metrics = self.label.fontMetrics()
        natural = max((metrics.horizontalAdvance(line) for line in plain.splitlines()), default=0) + 16
        self.label.setFixedWidth(min(natural, _MAX_WIDTH))
        self.adjustSize()
        self.move(at)
        self.show()

    def hideEvent(self, event: QHideEvent) -> None:
        self.key = None
        super().hideEvent(event)
