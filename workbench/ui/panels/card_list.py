"""A list of cards of different heights that measures only the cards on screen.

``QListView`` lays out every row whenever one is inserted or removed (with 10,000 highlights, a
tag key press had the delegate measure 3,000 cards, and more on the next turns of the event loop).
A ``QTreeView`` over a flat model, scrolled a card at a time, asks the height of a card only when
it is shown or when the scroll bar's last page needs it: some thirty cards, whatever the length of
the list.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget


class CardList(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # cards wrap to the width
        self.setAllColumnsShowFocus(True)
        # Read-only cards: the list models behind them may be Qt's own, whose strings are editable.
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A card's height follows the width its text wraps in: another width, measured again."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()

    def sizeHint(self) -> QSize:
        return QSize(240, super().sizeHint().height())
