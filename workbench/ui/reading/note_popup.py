"""The small window that shows a footnote while the pointer rests on its mark."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from workbench.model import Note

_MAX_WIDTH = 440


class NotePopup(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip)
        self.setObjectName("notePopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#notePopup { background: #fffdf7; border: 1px solid #d9d1c0; border-radius: 6px; }"
            "QLabel { color: #2b2823; }"
        )
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 9, 12, 10)
        layout.addWidget(self.label)
        self.note: Note | None = None

    def show_note(self, note: Note, at: QPoint) -> None:
        if self.note == note and self.isVisible():
            return
        self.note = note
        body = html.escape(note.text).replace("\n", "<br>")
        self.label.setText(f"<b>{note.n}.</b>&nbsp; {body}")
        # A word-wrapped label picks a narrow width by itself: give short notes one line, long ones 440 px.
        natural = self.label.fontMetrics().horizontalAdvance(f"{note.n}.  {note.text}") + 8
        self.label.setFixedWidth(min(natural, _MAX_WIDTH))
        self.adjustSize()
        self.move(at)
        self.show()

    def hideEvent(self, event) -> None:
        self.note = None
        super().hideEvent(event)
