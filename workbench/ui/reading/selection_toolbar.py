"""The small bar that appears over a fresh selection: the first tags by key, "Tag…", and "Note…"."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from workbench.model.annotation import TagTree


def color_dot(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(QColor(color).darker(130))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class SelectionToolbar(QFrame):
    tagChosen = Signal(int)  # TagId
    paletteRequested = Signal()
    noteRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selectionToolbar")
        self.setStyleSheet(
            "#selectionToolbar { background: #2f2b26; border-radius: 7px; }"
            "QToolButton { color: #f4efe6; border: none; padding: 3px 6px; border-radius: 4px; }"
            "QToolButton:hover { background: #4a443c; }"
        )
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(5, 3, 5, 3)
        self._layout.setSpacing(2)
        self.hide()

    def show_for(self, tree: TagTree, at: QPoint) -> None:
        """Offer the keyed tags (1–9), then "Tag…" and "Note…", just above ``at``."""
        while self._layout.count():
            self._layout.takeAt(0).widget().deleteLater()
        keyed = sorted((t for t in tree.by_id.values() if t.key), key=lambda t: t.key)
        for tag in keyed:
            button = QToolButton(self)
            button.setIcon(color_dot(tag.color))
            button.setText(f"{tag.key} {tag.name}" if len(keyed) <= 3 else str(tag.key))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"{tree.path(tag.id)}  (key {tag.key})")
            button.clicked.connect(lambda _=False, tag_id=tag.id: self.tagChosen.emit(tag_id))
            self._layout.addWidget(button)
        for text, tip, signal in (("Tag…", "Choose or create a tag (Ctrl+T)", self.paletteRequested),
                                  ("Note…", "Write a note on this passage (Ctrl+M)", self.noteRequested)):  # fmt: skip
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(signal.emit)
            self._layout.addWidget(button)
        self.adjustSize()
        parent = self.parentWidget()
        x = max(4, min(at.x() - self.width() // 2, parent.width() - self.width() - 4))
        y = max(4, at.y() - self.height() - 8)
        self.move(x, y)
        self.show()
        self.raise_()
