"""The list of the project's documents: number, date, title, pages; sortable and filtered as you type.

Read a page at a time (``document_models``). A project of many volumes (FRUS volumes, or a
historian's collections) lists one heading a volume, with its count, and reads a volume's
documents only when it is opened (``volume_groups``); a project of one volume lists its documents.
Both are shown by one tree view (the flat list has no children), so focus, keys and the
context menu are the same whichever the project is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from workbench.model import DocumentId
from workbench.ops import OpChanges
from workbench.storage.listing import VolumeCount
from workbench.ui.look.theme import Theme
from workbench.ui.panels.delegates import replace_delegate
from workbench.ui.panels.document_delegate import DocumentDelegate
from workbench.ui.panels.document_models import ID_ROLE, ORDERS, DocumentListModel, DocumentSource
from workbench.ui.panels.volume_groups import VolumeGroupsModel
from workbench.ui.session import ProjectSession

#: A filter that leaves this many documents or fewer opens every volume holding one.
FEW = 30


def grouped_by_volume(counts: list[VolumeCount]) -> bool:
    """Two volumes or more: the list shows one heading a volume. (One volume, with or without some
    documents from none, stays a plain list: a heading over everything says nothing.)"""
    return sum(1 for count in counts if count.volume) >= 2


class CardTree(QTreeView):
    """The list's view: cards (``DocumentDelegate``) under volume headings, one column, no branch
    lines. Enter opens a volume (or a document); a card's height follows the width it has."""

    returnPressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.returnPressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # titles wrap anew: the cards' heights change


class DocumentsPanel(QWidget):
    documentActivated = Signal(str)  # DocumentId
    detailsRequested = Signal(str)  # DocumentId: Details… from the list's context menu
    deleteRequested = Signal(str)  # DocumentId: Delete… from the context menu, or the Delete key

    def __init__(self, theme: Theme, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.changed.connect(self._on_changes)
        self.model = DocumentListModel()  # a project of one volume
        self.groups = VolumeGroupsModel()  # of many
        self._choosing = False  # putting back the current row is not choosing a document
        title = QLabel("Documents", self)
        title.setObjectName("panelTitle")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("documentFilter")
        self.filter.setPlaceholderText("Filter documents")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter documents")
        self.filter.textChanged.connect(self._filter)
        self.sort = QComboBox(self)
        self.sort.setObjectName("documentSort")
        self.sort.setAccessibleName("Sort documents by")
        for label, column in (("By number", 0), ("By date", 1), ("By title", 2), ("By volume and chapter", 3)):
            self.sort.addItem(label, column)
        self.sort.currentIndexChanged.connect(self._sort)
        self.sort.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sort.setMinimumContentsLength(9)  # the filter field keeps its room
        self.sort.setMinimumWidth(72)  # and on a small screen (or at 200 %) both give way
        self.view = CardTree(self)
        self.view.setObjectName("documentList")
        self.view.setAccessibleName("Documents")
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)  # the heading draws its own arrow
        self.view.setIndentation(0)  # cards as wide under a volume as in a plain list
        self.view.setExpandsOnDoubleClick(False)  # a click opens or closes a volume
        self.view.setAnimated(False)
        self.view.setMouseTracking(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.clicked.connect(self._toggle)
        self.view.returnPressed.connect(self._enter)
        self.view.expanded.connect(self._read_opened)
        self.view.verticalScrollBar().valueChanged.connect(lambda _value: self._fetch_shown_later())
        self._fetching = QTimer(self, singleShot=True, interval=0)
        self._fetching.timeout.connect(self._fetch_shown)
        self._show_model(self.model)
        self.set_theme(theme)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        delete = QAction("Delete Document…", self.view)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only while the list has focus
        delete.triggered.connect(lambda: self._request(self.deleteRequested, self.view.currentIndex()))
        self.view.addAction(delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 8, 0)
        tools.addWidget(self.filter, 1)
        tools.addWidget(self.sort)
        layout.addLayout(tools)
        layout.addWidget(self.view)

    @property
    def by_volume(self) -> bool:
        """The list shows the project's volumes, each opening on its documents."""
        return self.view.model() is self.groups

    @property
    def grouped(self) -> bool:
        """Sorted by volume and chapter: the list shows a heading where a chapter begins."""
        return self.sort.currentData() == 3

    def _show_model(self, model: QAbstractItemModel) -> None:
        if self.view.model() is model:
            return
        old = self.view.selectionModel()
        self.view.setModel(model)
        for column in range(1, model.columnCount()):
            self.view.setColumnHidden(column, True)  # the flat list's other columns are its orders
        self.view.selectionModel().currentChanged.connect(self._on_current)
        if old is not None:
            old.deleteLater()

    def set_theme(self, theme: Theme) -> None:
        replace_delegate(self.view, DocumentDelegate(theme, self.view))

    # -- reading the list ------------------------------------------------------------------------

    def load(self, source: DocumentSource) -> None:
        """The list read again (documents came or went, counts changed); the open document stays open."""
        self._keeping_current(lambda: self._load(source))

    def _load(self, source: DocumentSource, filter_text: str | None = None, order: str | None = None) -> None:
        """Grouped or not is the project's, not the filter's (a filter matching one volume keeps its
        heading): it is asked when the list is read again, not as a filter is typed."""
        counts = None
        if filter_text is None and order is None:  # read again: the project may have gained or lost volumes
            counts = source.volume_counts("")
            grouped = grouped_by_volume(counts)
            if grouped != self.by_volume:  # the other list, as filtered and ordered now
                filter_text, order = self.filter.text(), ORDERS[self.sort.currentData()]
                self._show_model(self.groups if grouped else self.model)
        if not self.by_volume:
            self.groups.source = None
            self.model.load(source, filter_text, order)
            return
        text = self.groups.filter_text if filter_text is None else filter_text
        opened = self._opened()
        self.groups.load(source, filter_text, order, counts=None if text.strip() else counts)
        self._open_volumes(opened if filter_text is None and order is None else set())

    def _opened(self) -> set[str]:
        """The volumes open in the view."""
        if not self.by_volume:
            return set()
        return {group.volume for row, group in enumerate(self.groups.groups)
                if self.view.isExpanded(self.groups.index(row, 0))}  # fmt: skip

    def _open_volumes(self, opened: set[str]) -> None:
        """Open again the volumes that were; under a filter that leaves few documents (or one
        volume), every volume that holds one."""
        groups = self.groups.groups
        few = self.groups.filter_text.strip() and (sum(g.count for g in groups) <= FEW or len(groups) == 1)
        for row, group in enumerate(groups):
            if few or group.volume in opened:
                self.view.expand(self.groups.index(row, 0))

    def _sort(self) -> None:
        order = ORDERS[self.sort.currentData()]
        source = self.groups.source if self.by_volume else self.model.source
        if source is not None:
            self._keeping_current(lambda: self._load(source, order=order))
        else:
            self.model.order = self.groups.order = order
        self.view.doItemsLayout()  # grouped rows carry a chapter band: their heights change

    def _filter(self, text: str) -> None:
        source = self.groups.source if self.by_volume else self.model.source
        if source is not None:
            self._keeping_current(lambda: self._load(source, filter_text=text))

    def _keeping_current(self, change: Callable[[], None]) -> None:
        current = self.current_id()
        self._choosing = True
        try:
            change()
            if current is not None:
                self.select(current)
        finally:
            self._choosing = False

    def _read_opened(self, index: QModelIndex) -> None:
        """A volume opened: its first page now (the view reads more only when it next lays out)."""
        group = self.groups.group_at(index)
        if group is not None and not group.rows and self.groups.has_more(index):
            self.groups.fetchMore(index)
        self._fetch_shown_later()

    def _fetch_shown_later(self) -> None:
        self._fetching.start()

    def _fetch_shown(self) -> None:
        """An open volume whose last card read is in sight reads its next page (Qt fetches more
        only for the last item of the whole list; a volume in the middle must ask)."""
        if not self.by_volume:
            return
        sight = self.view.viewport().rect()
        for row, group in enumerate(self.groups.groups):
            if not group.rows or len(group.rows) >= group.count:
                continue
            heading = self.groups.index(row, 0)
            if not self.view.isExpanded(heading):
                continue
            last = self.view.visualRect(self.groups.index(len(group.rows) - 1, 0, heading))
            if sight.intersects(last) or last == QRect():
                self.groups.fetchMore(heading)

    # -- changes -------------------------------------------------------------------------------

    def set_span_counts(self, counts: dict[str, int]) -> None:
        self.model.set_span_counts(counts)
        self.groups.set_span_counts(counts)

    def _on_changes(self, changes: OpChanges, _initiator: object) -> None:
        """Highlights added or removed: their documents' counts, in place. (A new list of documents
        is the window's to show: which one is open may change with it.)"""
        if changes.span_documents and not changes.document_list:
            self.set_span_counts(self.session.span_counts(changes.span_documents))

    # -- the current document ------------------------------------------------------------------

    def current_id(self) -> DocumentId | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def first_id(self) -> DocumentId | None:
        """The document the list shows first (in a list by volume, the first volume's)."""
        if not self.by_volume:
            return self.model.rows[0].id if self.model.rows else None
        for row, group in enumerate(self.groups.groups):
            if not group.rows and self.groups.has_more(heading := self.groups.index(row, 0)):
                self.groups.fetchMore(heading)
            if group.rows:
                return group.rows[0].id
        return None

    def select(self, doc_id: DocumentId) -> None:
        """Make ``doc_id`` the current document: read as far as it stands, its volume opened."""
        if self.by_volume:
            index = self.groups.reach(doc_id)
            if index.isValid():
                self.view.expand(index.parent())
        else:
            row = self.model.reach(doc_id)
            index = self.model.index(row, 0) if row is not None else QModelIndex()
        if index.isValid():
            self.view.setCurrentIndex(index)
            if index.parent().isValid():
                self.view.scrollTo(index.parent())  # its volume's heading too, when both fit
            self.view.scrollTo(index)

    def step(self, delta: int) -> None:
        """Move to the previous (−1) or next (+1) document in the list's current order (in a list
        by volume, on into the next volume, opening it)."""
        index = self.view.currentIndex()
        if not self.by_volume:
            count = self.model.rowCount()
            if count:
                row = 0 if not index.isValid() else max(0, min(count - 1, index.row() + delta))
                self.view.setCurrentIndex(self.model.index(row, 0))
            return
        if index.data(ID_ROLE):
            group, row = index.parent().row(), index.row() + delta
        else:  # on a heading, or nowhere: its (the first) volume's first document
            group, row = max(index.row(), 0), 0
        groups = self.groups
        while 0 <= group < len(groups.groups):
            heading = groups.index(group, 0)
            while (row < 0 or row >= len(groups.groups[group].rows)) and groups.has_more(heading):
                groups.fetchMore(heading)  # (backwards into a volume: to its last document)
            rows = groups.groups[group].rows
            row = len(rows) - 1 if row < 0 else row
            if 0 <= row < len(rows):
                self.select(rows[row].id)
                return
            group, row = group + delta, 0 if delta > 0 else -1

    # -- the user's gestures -------------------------------------------------------------------

    def _toggle(self, index: QModelIndex) -> None:
        """A click on a volume's heading opens it, or closes it."""
        if self.groups.group_at(index) is not None and self.by_volume:
            self.view.setExpanded(index, not self.view.isExpanded(index))

    def _enter(self, index: QModelIndex) -> None:
        """Enter on a heading opens or closes its volume; on a document, opens it."""
        if self.by_volume and self.groups.group_at(index) is not None:
            self._toggle(index)
        elif index.data(ID_ROLE):
            self.documentActivated.emit(index.data(ID_ROLE))

    def _request(self, signal, index: QModelIndex) -> None:
        if index.isValid() and index.data(ID_ROLE):
            signal.emit(index.data(ID_ROLE))

    def _context_menu(self, point) -> None:
        index = self.view.indexAt(point)
        if not index.isValid() or not index.data(ID_ROLE):
            return
        menu = QMenu(self.view)
        menu.addAction("&Details…", lambda: self._request(self.detailsRequested, index))
        menu.addSeparator()
        menu.addAction("&Delete…", lambda: self._request(self.deleteRequested, index))
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.data(ID_ROLE) and not self._choosing:
            self.documentActivated.emit(current.data(ID_ROLE))
        heading = current.parent()
        if self.by_volume and heading.isValid() and current.row() == self.groups.rowCount(heading) - 1:
            self.groups.fetchMore(heading)  # on its volume's last card read: the next page, before the next key
        self._fetch_shown_later()
