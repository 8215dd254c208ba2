"""The tag tree: themes and sub-themes with their colours, keys and counts (this document / project).

Every edit (rename in place, drag to re-parent, the context menu's colour, key, description,
merge and delete) is asked of the window as an operation; the model never changes itself but
reloads when an operation reports that the tags changed, so undo puts everything back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from workbench.model.annotation import TagId, TagTree
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.look import theme as themes
from workbench.ui.look.safe_text import tooltip
from workbench.ui.reading.marks import pattern_of, tag_icon

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow
    from workbench.ui.window.tag_actions import TagActions

_MIME = "application/x-workbench-tag"
TAG_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class TagTreeModel(QAbstractItemModel):
    renameRequested = Signal(int, str)  # tag id, new name
    moveRequested = Signal(int, object, int)  # tag id, new parent id (or None), row

    def __init__(self) -> None:
        super().__init__()
        self.tree = TagTree([])
        self.document_totals: dict[TagId, int] = {}
        self.project_totals: dict[TagId, int] = {}
        self.patterns = False  # show each tag's underline pattern beside its dot (Settings)
        self._icons: dict[tuple, QIcon] = {}

    def _icon(self, color: str, pattern) -> QIcon:
        """The tag's dot, drawn once per colour and pattern (the view asks at every repaint)."""
        key = (color, pattern)
        if key not in self._icons:
            self._icons[key] = tag_icon(color, pattern)
        return self._icons[key]

    def set_patterns(self, on: bool) -> None:
        self.patterns = on
        self._changed(0)  # the icons

    def set_tree(self, tree: TagTree, document_totals: dict[TagId, int], project_totals: dict[TagId, int]) -> None:
        self.beginResetModel()
        self.tree, self.document_totals, self.project_totals = tree, document_totals, project_totals
        self.endResetModel()

    def set_counts(self, document_totals: dict[TagId, int], project_totals: dict[TagId, int]) -> None:
        """New counts: only the rows whose counts differ are told (a highlight touches a few tags)."""
        changed = [tag.id for tag in self.tree
                   if document_totals.get(tag.id) != self.document_totals.get(tag.id)
                   or project_totals.get(tag.id) != self.project_totals.get(tag.id)]  # fmt: skip
        self.document_totals, self.project_totals = document_totals, project_totals
        # One signal per group of siblings, over the rows that changed: the column is sized to its
        # contents, and each signal has the view measure every row again.
        groups: dict[TagId | None, list[QModelIndex]] = {}
        for tag_id in changed:
            groups.setdefault(self.tree.by_id[tag_id].parent_id, []).append(self.index_of(tag_id, 2))
        for indexes in groups.values():
            rows = [index.row() for index in indexes]
            self.dataChanged.emit(indexes[0].siblingAtRow(min(rows)), indexes[0].siblingAtRow(max(rows)))

    def widest_counts(self) -> str:
        """The longest "here / all" text of any tag (its digits: the widest the column must be)."""
        return max((self._counts_text(tag.id) for tag in self.tree), key=len, default="0 / 0")

    def _counts_text(self, tag_id: TagId) -> str:
        return f"{self.document_totals.get(tag_id, 0)} / {self.project_totals.get(tag_id, 0)}"

    def _changed(self, column: int) -> None:
        """Tell the view that ``column`` of every row changed: one signal per group of siblings."""
        for parent in [None, *(tag.id for tag in self.tree)]:
            children = self.tree.children(parent)
            if children:
                self.dataChanged.emit(self.index_of(children[0].id, column), self.index_of(children[-1].id, column))

    # -- structure --------------------------------------------------------------------------

    def _siblings(self, parent_id: TagId | None):
        return self.tree.children(parent_id)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_id = TagId(parent.internalId()) if parent.isValid() else None
        siblings = self._siblings(parent_id)
        if 0 <= row < len(siblings) and 0 <= column < 3:
            return self.createIndex(row, column, int(siblings[row].id))
        return QModelIndex()

    def index_of(self, tag_id: TagId, column: int = 0) -> QModelIndex:
        tag = self.tree.by_id.get(tag_id)
        if tag is None:
            return QModelIndex()
        row = [t.id for t in self._siblings(self.tree.parent[tag_id])].index(tag_id)
        return self.createIndex(row, column, int(tag_id))

    # PySide6's stubs overload parent(): QObject.parent() and the model's parent(index); this is the latter.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        tag = self.tree.by_id.get(TagId(index.internalId()))
        parent = self.tree.parent.get(tag.id) if tag is not None else None  # the tree's: no cycles
        return QModelIndex() if parent is None else self.index_of(parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._siblings(TagId(parent.internalId()) if parent.isValid() else None))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Tag", "Key", "Here / all")[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        tag = self.tree.by_id[TagId(index.internalId())]
        if role == TAG_ROLE:
            return tag.id
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return tag.name
            if role == Qt.ItemDataRole.EditRole:
                return tag.name
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icon(tag.color, pattern_of(self.tree, tag.id) if self.patterns else None)
            if role == Qt.ItemDataRole.ToolTipRole:
                key = f" — key {tag.key}" if tag.key else ""
                return tooltip(f"{self.tree.path(tag.id)}{key}" + (f"\n{tag.description}" if tag.description else ""))
        elif role == Qt.ItemDataRole.DisplayRole and index.column() == 1:
            return str(tag.key) if tag.key else ""
        elif role == Qt.ItemDataRole.DisplayRole:
            return self._counts_text(tag.id)
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.ForegroundRole:
            return QColor(themes.current().muted)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.column() == 0 and str(value).strip():
            self.renameRequested.emit(index.internalId(), str(value))
        return False  # the rename comes back as a change from the operation

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        flags = base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 0 else flags

    # -- drag and drop: a drop asks for a move; the tree changes when the operation is done --

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [_MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        if indexes:
            data.setData(_MIME, str(indexes[0].internalId()).encode())
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: Index) -> bool:
        if not data.hasFormat(_MIME):
            return False
        tag_id = int(bytes(data.data(_MIME).data()).decode())
        parent_id = TagId(parent.internalId()) if parent.isValid() else None
        self.moveRequested.emit(tag_id, parent_id, row)
        return False


_CELL_PADDING, _HEADING_PADDING = 14, 20  # a cell's margins; a heading's, with room for a sort mark


class TagsPanel(QWidget):
    """The tag tree with its context menu; asks the window (``actions``) to do every change."""

    tagActivated = Signal(int)  # double click or Enter: apply to the selection
    tagSelected = Signal(object)  # TagId or None: the highlights panel filters by it
    #: Narrower than this, the Key column gives way: the tag names stay readable (keys show in the
    #: Tag menu and the selection bar too).
    NARROW = 230

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = window
        self.model = TagTreeModel()
        title = QLabel("Tags", self)
        title.setObjectName("panelTitle")
        self.view = QTreeView(self)
        self.view.setObjectName("tagTree")
        self.view.setAccessibleName("Tags")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(False)
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The key and count columns are as wide as their widest text, set here when that changes:
        # sized "to contents", every change of a count had the view measure every row again.
        for column in (1, 2):
            self.view.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.model.dataChanged.connect(self._fit_columns)
        self.model.modelReset.connect(self._fit_columns)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.activated.connect(lambda index: self.tagActivated.emit(index.internalId()))
        self.view.selectionModel().currentChanged.connect(
            lambda current, _: self.tagSelected.emit(TagId(current.internalId()) if current.isValid() else None)
        )
        self.empty = QLabel("No tags yet. Select words in the text and press Ctrl+T to make the first.", self)
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setContentsMargins(10, 6, 10, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.view.setColumnHidden(1, self.width() < self.NARROW)

    def _fit_columns(self) -> None:
        """Each narrow column as wide as its heading or its widest text, whichever is wider."""
        header = self.view.header()
        for column, widest in ((1, "9"), (2, self.model.widest_counts())):
            heading = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(self.view.fontMetrics().horizontalAdvance(widest) + _CELL_PADDING,
                        header.fontMetrics().horizontalAdvance(heading) + _HEADING_PADDING)  # fmt: skip
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def set_tree(self, tree: TagTree, document_totals: dict, project_totals: dict) -> None:
        self.empty.setVisible(not len(tree))
        expanded = {tag.id for tag in self.model.tree if self.view.isExpanded(self.model.index_of(tag.id))}
        current = self.view.currentIndex().internalId() if self.view.currentIndex().isValid() else None
        self.model.set_tree(tree, document_totals, project_totals)
        for tag in tree:  # a small tree opens whole; a large one keeps what the user opened
            if tag.id in expanded or len(tree) < 40:
                self.view.setExpanded(self.model.index_of(tag.id), True)
        if current in tree.by_id:
            self.view.setCurrentIndex(self.model.index_of(TagId(current)))

    def current_tag(self) -> TagId | None:
        index = self.view.currentIndex()
        return TagId(index.internalId()) if index.isValid() else None

    def _menu(self, point) -> None:
        index = self.view.indexAt(point)
        tag_id = TagId(index.internalId()) if index.isValid() else None
        actions = self.main.tag_actions
        menu = QMenu(self)
        menu.addAction("&New Tag…", lambda: actions.new_tag(None))
        if tag_id is None:
            menu.exec(self.view.viewport().mapToGlobal(point))
            return
        tree = self.model.tree
        tag = tree.by_id[tag_id]
        menu.addAction(f"New &Sub-tag of “{tag.name}”…", lambda: actions.new_tag(tag_id))
        menu.addSeparator()
        menu.addAction("&Rename", lambda: self.view.edit(self.model.index_of(tag_id)))
        menu.addAction("&Colour…", lambda: actions.recolor(tag_id, QColorDialog.getColor(QColor(tag.color), self)))
        menu.addAction("D&escription…", lambda: actions.describe(tag_id))
        keys = menu.addMenu("&Key")
        for key in range(1, 10):
            owner = tree.by_key(key)
            action = QAction(f"&{key}" + (f"  ({owner.name})" if owner and owner.id != tag_id else ""), keys)
            action.setCheckable(True)
            action.setChecked(tag.key == key)
            action.triggered.connect(lambda _=False, k=key: actions.set_key(tag_id, k))
            keys.addAction(action)
        keys.addAction("N&one", lambda: actions.set_key(tag_id, None))
        merge = menu.addMenu("&Merge Into")
        for other in tree:
            if other.id not in tree.subtree(tag_id):
                merge.addAction(tree.path(other.id), _merge_slot(actions, tag_id, other.id))
        menu.addSeparator()
        menu.addAction("&Delete…", lambda: self._delete(tag_id))
        menu.exec(self.view.viewport().mapToGlobal(point))

    def _delete(self, tag_id: TagId) -> None:
        tree = self.model.tree
        tag = tree.by_id[tag_id]
        count = self.model.project_totals.get(tag_id, 0)
        box = QMessageBox(self)
        box.setWindowTitle("Delete tag")
        subtags = len(tree.subtree(tag_id)) - 1
        also = f" and its {subtags} sub-tag(s)" if subtags else ""
        box.setText(f"Delete “{tag.name}”{also}? It is used by {count} highlight(s).")
        box.setInformativeText("Highlights that keep another tag stay. What of those left with no tag?")
        keep = box.addButton("Keep them as plain highlights", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("Delete them too", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        run_dialog(box)
        if box.clickedButton() in (keep, drop):
            self.main.tag_actions.delete(tag_id, keep_spans=box.clickedButton() is keep)


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def _merge_slot(actions: TagActions, source: TagId, target: TagId) -> Callable[[], None]:
    """A menu entry's slot merging ``source`` into ``target``: one per entry, each with its own target."""
    return lambda: actions.merge(source, target)
