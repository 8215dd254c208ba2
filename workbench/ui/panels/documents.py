"""The list of the project's documents: number, date, title, pages; sortable and filtered as you type.

The model holds only ``DocumentSummary`` rows (no text), so a volume of hundreds of documents
loads at once; it reloads itself when an operation reports that the document list changed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

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

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_COLUMNS = ("No.", "Date", "Title", "Volume")  # the orders the list offers (it shows cards, not columns)

Index = QModelIndex | QPersistentModelIndex


@lru_cache(maxsize=8192)  # sorting 500 documents compares them thousands of times
def natural_key(value: str) -> tuple:
    """ "9" < "10" < "10a": document numbers sort as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", value))


class DocumentListModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DocumentSummary] = []

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
        if role == SORT_ROLE:
            by_volume = (row.volume, natural_key(row.number))
            return (natural_key(row.number), row.issued, row.title.lower(), by_volume)[column]
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


class _SortProxy(QSortFilterProxyModel):
    def lessThan(self, left: Index, right: Index) -> bool:
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)


class DocumentsPanel(QWidget):
    documentActivated = Signal(str)  # DocumentId
    detailsRequested = Signal(str)  # DocumentId: Details… from the list's context menu
    deleteRequested = Signal(str)  # DocumentId: Delete… from the context menu, or the Delete key

    def __init__(self, theme: Theme, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.changed.connect(self._on_changes)
        self.model = DocumentListModel()
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        title = QLabel("Documents", self)
        title.setObjectName("panelTitle")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("documentFilter")
        self.filter.setPlaceholderText("Filter documents")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter documents")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
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
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.proxy.sort(0)
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
        self.proxy.sort(self.sort.currentData())
        self.view.doItemsLayout()  # grouped rows carry a chapter band: their heights change

    @property
    def grouped(self) -> bool:
        """Sorted by volume and chapter: the list shows a heading where a chapter begins."""
        return self.sort.currentData() == 3

    def set_theme(self, theme: Theme) -> None:
        replace_delegate(self.view, DocumentDelegate(theme, self.view))

    def set_documents(self, rows: list[DocumentSummary]) -> None:
        """New rows (counts changed, documents came or went); the open document stays open."""
        current = self.current_id()
        selection = self.view.selectionModel()
        selection.blockSignals(True)  # putting back the current row is not choosing a document
        self.model.set_rows(rows)
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
        row = self.model.row_of(doc_id)
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
