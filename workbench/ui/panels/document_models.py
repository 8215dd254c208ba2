"""The documents list's models: the flat list of documents, and what both lists share.

The model holds only ``DocumentSummary`` rows (no text), read from the project a page at a time
as the list is scrolled (Qt's ``canFetchMore``/``fetchMore``), so a project of 100,000 documents
shows its first page at once. The filter and the order are the project's too: the titles' index
answers as you type, and each order is read from an index, a page at a time. (The list grouped
by volume is ``volume_groups``.)
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.model import DocumentId
from workbench.storage import DocumentSummary
from workbench.storage.listing import VolumeCount
from workbench.ui.look.safe_text import tooltip
from workbench.ui.panels.document_delegate import SUMMARY_ROLE

ID_ROLE = Qt.ItemDataRole.UserRole + 2
_COLUMNS = ("No.", "Date", "Title", "Volume")  # the orders the list offers (it shows cards, not columns)

Index = QModelIndex | QPersistentModelIndex


#: The orders the sort box offers, as the project's list orders them (``storage.listing.ORDERS``).
ORDERS = ("number", "date", "title", "volume")


class DocumentSource(Protocol):
    """Where the list reads its pages: the project session."""

    def document_page(
        self, offset: int, limit: int, filter_text: str = "", order: str = "added", volume: str | None = None
    ) -> list[DocumentSummary]: ...
    def document_count(self, filter_text: str = "", volume: str | None = None) -> int: ...
    def document_row(
        self, doc_id: DocumentId, filter_text: str = "", order: str = "added", volume: str | None = None
    ) -> int | None: ...
    def volume_counts(self, filter_text: str = "") -> list[VolumeCount]: ...
    def document_volume(self, doc_id: DocumentId) -> str | None: ...


PAGE = 50  # rows read at a time: a few screenfuls of cards


def read_page(
    source: DocumentSource, offset: int, filter_text: str, order: str, volume: str | None = None
) -> list[DocumentSummary]:
    """The next page of a list, or none if the project was closed under it: Qt's tree view reads
    more while it lays itself out (a style changed), and a window closing may still be laid out."""
    try:
        return source.document_page(offset, PAGE, filter_text, order, volume=volume)
    except sqlite3.ProgrammingError:
        return []


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
        page = read_page(self.source, len(self.rows), self.filter_text, self.order)
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
        return summary_data(self.rows[index.row()], index.column(), role) if index.isValid() else None

    def row_of(self, doc_id: DocumentId) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.id == doc_id), None)


def summary_data(row: DocumentSummary, column: int, role: int):
    """What a list shows of one document (``data`` of either model)."""
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
