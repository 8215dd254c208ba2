"""Ctrl+T: choose a tag by typing part of its path, or create one from what was typed."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from workbench.model.annotation import TagId, TagTree
from workbench.ui.dialogs.focus import focus_when_shown
from workbench.ui.look import theme as themes

_TAG_ROLE = Qt.ItemDataRole.UserRole + 1
_NEW_ROLE = Qt.ItemDataRole.UserRole + 2


class TagPalette(QDialog):
    """Returns (via ``chosen``) a tag id, or a new path to create (``new_path``)."""

    def __init__(self, tree: TagTree, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("tagPalette")
        self.setMinimumWidth(380)
        self.chosen: TagId | None = None
        self.new_path: str | None = None
        self.tree = tree
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Tag… (type to filter; a new name creates a tag, Parent/Child nests it)")
        self.edit.setAccessibleName("Tag name")
        self.edit.setObjectName("tagPaletteField")
        focus_when_shown(self, self.edit)
        self.model = QStandardItemModel(self)
        for tag in tree:
            path = tree.path(tag.id)
            item = QStandardItem(f"{path}    [{tag.key}]" if tag.key else path)
            item.setData(tag.id, _TAG_ROLE)
            item.setData(QColor(tag.color), Qt.ItemDataRole.DecorationRole)
            item.setEditable(False)
            self.model.appendRow(item)
        self.create_item = QStandardItem()
        self.create_item.setData(True, _NEW_ROLE)
        self.create_item.setEditable(False)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setAccessibleName("Matching tags")
        self.list.activated.connect(self._accept_index)
        hint = QLabel("Enter applies · Esc closes", self)
        hint.setStyleSheet(f"color: {themes.current().muted}; font-size: 8pt")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        layout.addWidget(hint)
        self.edit.textChanged.connect(self._filter)
        self.edit.installEventFilter(self)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.proxy.set_words(text)
        typed = text.strip()
        exists = typed and self.tree.find(typed) is not None
        if self.create_item.row() >= 0:
            self.model.takeRow(self.create_item.row())
        if typed and not exists:
            self.create_item.setText(f"Create tag “{typed}”")
            self.model.appendRow(self.create_item)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = max(0, min(self.proxy.rowCount() - 1, self.list.currentIndex().row() + step))
                self.list.setCurrentIndex(self.proxy.index(row, 0))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._accept_index(self.list.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _accept_index(self, index) -> None:
        if not index.isValid():
            return
        if index.data(_NEW_ROLE):
            self.new_path = self.edit.text().strip()
        else:
            self.chosen = index.data(_TAG_ROLE)
        self.accept()


class _Filter(QSortFilterProxyModel):
    """Every word typed must appear in the path; the "create" row always shows."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_words(self, text: str) -> None:
        self.beginFilterChange()
        self.words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if index.data(_NEW_ROLE):
            return True
        text = (index.data() or "").lower()
        return all(word in text for word in self.words)
