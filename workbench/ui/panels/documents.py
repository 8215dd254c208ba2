"""The list of the project's documents: number, date, title, pages; sortable and filtered as you type.

The model holds only ``DocumentSummary`` rows (no text), read from the project a page at a time
as the list is scrolled (Qt's ``canFetchMore``/``fetchMore``), so a project of 100,000 documents
shows its first page at once. The filter and the order are the project's too: the titles' index
answers as you type, and each order is read from an index, a page at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from workbench.model import DocumentId
from workbench.ops import OpChanges
from workbench.storage import DocumentSummary
from workbench.ui.look.safe_text import tooltip
from workbench.ui.look.theme import Theme
from workbench.ui.panels.delegates import replace_delegate
from workbench.ui.panels.document_delegate import SUMMARY_ROLE, DocumentDelegate
from workbench.ui.session import ProjectSession

ID_ROLE = Qt.ItemDataRole.UserRole + 2
_COLUMNS = ("No.", "Date", "Title", "Volume")  # the orders the list offers (it shows cards, not columns)

Index = QModelIndex | QPersistentModelIndex


#: The orders the sort box offers, as the project's list orders them (``storage.listing.ORDERS``).
ORDERS = ("number", "date", "title", "volume")


class DocumentSource(Protocol):
    """Where the list reads its pages: the project session."""

    def document_page(
        self, offset: int, limit: int, filter_text: str = "", order: str = "added"
    ) -> list[DocumentSummary]: ...
    def document_count(self, filter_text: str = "") -> int: ...
    def document_row(self, doc_id: DocumentId, filter_text: str = "", order: str = "added") -> int | None: ...


PAGE = 50  # rows read at a time: a few screenfuls of cards


class DocumentListModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DocumentSummary] = []
        self.total = 0  # the documents the list holds (under the filter), read or not
        self.filter_text = ""
        self.order = ORDERS[0]
        self.source: DocumentSource | None = None

    def load(self, source: DocumentSource, filter_text: str | None = None, order: str | None = None) -> None:
        """Read the list again from ``source``, as far as it was read (at least a page); a new
        ``filter_text`` or ``order`` reads its first page."""
        same = (filter_text is None or filter_text == self.filter_text) and (order is None or order == self.order)
        self.source = source
        self.filter_text = self.filter_text if filter_text is None else filter_text
        self.order = self.order if order is None else order
        self.total = source.document_count(self.filter_text)
        wanted = min(self.total, max(PAGE, len(self.rows)) if same else PAGE)
        self.set_rows(source.document_page(0, wanted, self.filter_text, self.order) if wanted else [])

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self.source is not None and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self.source is None:
            return
        page = self.source.document_page(len(self.rows), PAGE, self.filter_text, self.order)
        if not page:  # fewer than counted (another program deleted some): the list ends here
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows = self.rows + page
        self.endInsertRows()

    def reach(self, doc_id: DocumentId) -> int | None:
        """The row of ``doc_id``, reading pages until it is read (a search hit far down the list)."""
        row = self.row_of(doc_id)
        if row is not None or self.source is None:
            return row
        at = self.source.document_row(doc_id, self.filter_text, self.order)
        while at is not None and len(self.rows) <= at and self.canFetchMore():
            self.fetchMore()
        return self.row_of(doc_id)

    def set_rows(self, rows: list[DocumentSummary]) -> None:
        """New rows. The same documents in the same order (a highlight changed a count): only the
        rows that differ are told, so the list neither resets nor lays out again."""
        if [row.id for row in rows] != [row.id for row in self.rows]:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
            return
        old, self.rows = self.rows, rows
        for i, (before, after) in enumerate(zip(old, rows, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(_COLUMNS) - 1))

    def set_span_counts(self, counts: dict[str, int]) -> None:
        """New highlight counts for some documents: those rows change in place, nothing is read again."""
        for i, row in enumerate(self.rows):
            if row.id in counts and counts[row.id] != row.span_count:
                self.rows[i] = replace(row, span_count=counts[row.id])
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(_COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.number, row.issued, row.title, row.volume)[column]
        if role == ID_ROLE:
            return row.id
        if role == SUMMARY_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{row.number}. {row.title}" if row.number else row.title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column in (0, 3) else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        return None

    def row_of(self, doc_id: DocumentId) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.id == doc_id), None)


class DocumentsPanel(QWidget):
    documentActivated = Signal(str)  # DocumentId
    detailsRequested = Signal(str)  # DocumentId: Details… from the list's context menu
    deleteRequested = Signal(str)  # DocumentId: Delete… from the context menu, or the Delete key

    def __init__(self, theme: Theme, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.changed.connect(self._on_changes)
        self.model = DocumentListModel()
        self.proxy = QSortFilterProxyModel(self)  # in the model's own order: the project sorts
        self.proxy.setSourceModel(self.model)
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
        self.view = QListView(self)
        self.view.setObjectName("documentList")
        self.view.setAccessibleName("Documents")
        self.view.setModel(self.proxy)
        self.set_theme(theme)
        self.view.setMouseTracking(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap titles when the panel is resized
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)  # the first cards show before the rest are measured
        self.view.setBatchSize(20)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
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

    def _sort(self) -> None:
        source = self.model.source
        order = ORDERS[self.sort.currentData()]
        if source is not None:
            self._keeping_current(lambda: self.model.load(source, order=order))
        else:
            self.model.order = order
        self.view.doItemsLayout()  # grouped rows carry a chapter band: their heights change

    @property
    def grouped(self) -> bool:
        """Sorted by volume and chapter: the list shows a heading where a chapter begins."""
        return self.sort.currentData() == 3

    def set_theme(self, theme: Theme) -> None:
        replace_delegate(self.view, DocumentDelegate(theme, self.view))

    def load(self, source: DocumentSource) -> None:
        """The list read again (documents came or went, counts changed); the open document stays open."""
        self._keeping_current(lambda: self.model.load(source))

    def _filter(self, text: str) -> None:
        source = self.model.source
        if source is not None:
            self._keeping_current(lambda: self.model.load(source, filter_text=text))

    def _keeping_current(self, change: Callable[[], None]) -> None:
        current = self.current_id()
        selection = self.view.selectionModel()
        selection.blockSignals(True)  # putting back the current row is not choosing a document
        change()
        if current is not None:
            self.select(current)
        selection.blockSignals(False)

    def set_span_counts(self, counts: dict[str, int]) -> None:
        self.model.set_span_counts(counts)

    def _on_changes(self, changes: OpChanges, _initiator: object) -> None:
        """Highlights added or removed: their documents' counts, in place. (A new list of documents
        is the window's to show: which one is open may change with it.)"""
        if changes.span_documents and not changes.document_list:
            self.set_span_counts(self.session.span_counts(changes.span_documents))

    def current_id(self) -> DocumentId | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, doc_id: DocumentId) -> None:
        row = self.model.reach(doc_id)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.view.setCurrentIndex(index)

    def step(self, delta: int) -> None:
        """Move to the previous (−1) or next (+1) document in the list's current order."""
        count = self.proxy.rowCount()
        if not count:
            return
        row = self.view.currentIndex().row()
        row = 0 if row < 0 else max(0, min(count - 1, row + delta))
        self.view.setCurrentIndex(self.proxy.index(row, 0))

    def _request(self, signal, index: QModelIndex) -> None:
        if index.isValid():
            signal.emit(index.data(ID_ROLE))

    def _context_menu(self, point) -> None:
        index = self.view.indexAt(point)
        if not index.isValid():
            return
        menu = QMenu(self.view)
        menu.addAction("&Details…", lambda: self._request(self.detailsRequested, index))
        menu.addSeparator()
        menu.addAction("&Delete…", lambda: self._request(self.deleteRequested, index))
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.documentActivated.emit(current.data(ID_ROLE))
