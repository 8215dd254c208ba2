"""The small bar that appears over a fresh selection: the first tags by key, "Tag…", and "Note…"."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from workbench.model.annotation import TagTree
from workbench.ui.look import theme as themes
from workbench.ui.look.safe_text import tooltip
from workbench.ui.reading.marks import tag_icon


class SelectionToolbar(QFrame):
    tagChosen = Signal(int)  # TagId
    paletteRequested = Signal()
    noteRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selectionToolbar")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(5, 3, 5, 3)
        self._layout.setSpacing(2)
        self.hide()

    def show_for(self, tree: TagTree, at: QPoint, below: QPoint | None = None) -> None:
        """Offer the keyed tags (1–9), then "Tag…" and "Note…", just above ``at`` (the selection's
        top), or below ``below`` (its bottom) when there is no room above: never over its first line.

        The bar stays whole inside its view: in a narrow one (the footnotes pane) the tags show
        their keys only, then give way; "Tag…" and "Note…" always stay."""
        parent = self.parentWidget()
        if parent is None:  # made with its view as parent: cannot happen
            return
        keyed = sorted((t for t in tree.by_id.values() if t.key), key=lambda t: t.key or 0)
        self._fill(tree, keyed, named=len(keyed) <= 3)
        shown = len(keyed)
        while self.width() > parent.width() - 8 and shown > 0:  # keys only, then fewer of them
            shown -= 1
            self._fill(tree, keyed[:shown], named=False)
        x = max(4, min(at.x() - self.width() // 2, parent.width() - self.width() - 4))
        y = at.y() - self.height() - 8
        if y < 4 and below is not None:
            y = below.y() + 8
        self.move(x, max(4, y))
        self.show()
        self.raise_()

    def _fill(self, tree: TagTree, keyed: list, *, named: bool) -> None:
        """The buttons: these keyed tags (with their names if ``named``), then "Tag…" and "Note…"."""
        theme = themes.current()
        self.setStyleSheet(
            f"#selectionToolbar {{ background: {theme.toolbar}; border: 1px solid {theme.rule}; border-radius: 7px; }}"
            "QToolButton { color: #f4efe6; border: none; padding: 3px 6px; border-radius: 4px; }"
            f"QToolButton:hover {{ background: {theme.toolbar_hover}; }}"
        )
        while self._layout.count():
            item = self._layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()
                old.deleteLater()
        for tag in keyed:
            button = QToolButton(self)
            button.setIcon(tag_icon(tag.color))
            button.setText(f"{tag.key} {tag.name}" if named else str(tag.key))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(tooltip(f"{tree.path(tag.id)}  (key {tag.key})"))
            button.setAccessibleName(f"Tag {tree.path(tag.id)}")
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
