"""The documents list grouped by volume: one heading a volume, its documents read when it is opened.

All of FRUS is some 550 volumes and 100,000 documents: a flat list of them says nothing of where
a document stands, and reading it whole would take seconds. Here the list is a two-level Qt item
model: the volumes (their title and how many of their documents the filter lists, counted from an
index) and, under a volume the user opens, its documents, read a page at a time like the flat list
(``fetchMore`` per volume, asked by the panel). Nothing of a closed volume is read but its count.

Indexes: a heading is ``internalId`` 0; a document carries its volume's row + 1 (no Python object
behind Qt's pointer, which Qt would keep without a reference).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from workbench.model import DocumentId
from workbench.model.text import counted
from workbench.storage import DocumentSummary
from workbench.storage.listing import VolumeCount
from workbench.ui.look.safe_text import tooltip
from workbench.ui.panels.document_delegate import GROUP_ROLE
from workbench.ui.panels.document_models import ORDERS, DocumentSource, read_page, summary_data

Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class Group:
    """A volume's heading, and those of its documents read so far (the first ``len(rows)``)."""

    volume: str  # "" for the documents from no volume
    title: str
    count: int  # its documents the list holds under the filter, read or not
    rows: list[DocumentSummary] = field(default_factory=list)
    lead: str = ""  # what every volume's title begins with ("Foreign Relations of the United States, ")

    @property
    def heading(self) -> str:
        """The title without what all titles share: a narrow list shows what tells volumes apart."""
        if self.lead and self.title.startswith(self.lead) and len(self.title) > len(self.lead):
            return self.title[len(self.lead) :]
        return self.title or self.volume or "Other documents"

    @property
    def label(self) -> str:
        return f"{self.heading} — {counted(self.count, 'document')}"


def group_of(count: VolumeCount) -> Group:
    return Group(count.volume, count.title, count.count)


def common_lead(titles: list[str]) -> str:
    """The words every title begins with, up to a comma ("Foreign Relations of the United States,
    1969–1976, "), when there are two titles or more; else nothing."""
    titles = [title for title in titles if title]
    if len(titles) < 2:
        return ""
    first, last = min(titles), max(titles)  # what the least and the greatest share, all share
    shared = first[: next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), len(first))]
    cut = shared.rfind(", ")
    return shared[: cut + 2] if cut > 0 else ""


class VolumeGroupsModel(QAbstractItemModel):
    def __init__(self) -> None:
        super().__init__()
        self.groups: list[Group] = []
        self.filter_text = ""
        self.order = ORDERS[0]
        self.source: DocumentSource | None = None
        self._busy = False  # telling a change: nothing more is read meanwhile (``_changing``)
        self.lead = ""  # of all the volumes' titles (not only those a filter leaves): headings keep their words

    # -- reading -------------------------------------------------------------------------------

    def load(
        self,
        source: DocumentSource,
        filter_text: str | None = None,
        order: str | None = None,
        counts: list[VolumeCount] | None = None,
    ) -> None:
        """The headings read again (``counts``, if the caller read them already, under this
        filter); each volume that was open reads again as far as it was read when neither the
        filter nor the order changed, else nothing (the view opens what it shows)."""
        same = (filter_text is None or filter_text == self.filter_text) and (order is None or order == self.order)
        self.source = source
        self.filter_text = self.filter_text if filter_text is None else filter_text
        self.order = self.order if order is None else order
        read = {group.volume: len(group.rows) for group in self.groups} if same else {}
        groups = [group_of(count) for count in (source.volume_counts(self.filter_text) if counts is None else counts)]
        if not self.filter_text.strip():
            self.lead = common_lead([group.title for group in groups])
        for group in groups:
            group.lead = self.lead
            wanted = min(group.count, read.get(group.volume, 0))
            group.rows = self._page(group, 0, wanted) if wanted else []
        with self._changing():
            self.beginResetModel()
            self.groups = groups
            self.endResetModel()

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """Qt's tree view reads more of a volume as it hears of a change (rows inserted, a reset):
        not before the change is told to all, or a page would be read into the middle of it."""
        self._busy = True
        try:
            yield
        finally:
            self._busy = False

    def _page(self, group: Group, offset: int, limit: int) -> list[DocumentSummary]:
        assert self.source is not None
        return self.source.document_page(offset, limit, self.filter_text, self.order, volume=group.volume)

    def has_more(self, parent: Index) -> bool:
        """The volume ``parent`` holds documents not read yet."""
        group = self.group_at(parent)
        return group is not None and self.source is not None and not self._busy and len(group.rows) < group.count

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        """Never, to Qt: its tree view reads a page more of every open volume each time it lays
        itself out (a resize, a row inserted), so 200 open volumes would read 200 pages a time.
        The panel reads a volume's next page when its last card comes into sight (``has_more``)."""
        return False

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        group = self.group_at(parent)
        if group is None or not self.has_more(parent):
            return
        assert self.source is not None
        page = read_page(self.source, len(group.rows), self.filter_text, self.order, volume=group.volume)
        if not page:  # fewer than counted (another program deleted some): the volume ends here
            group.count = len(group.rows)
            return
        first = len(group.rows)
        with self._changing():
            self.beginInsertRows(self.index(parent.row(), 0), first, first + len(page) - 1)
            group.rows = group.rows + page
            self.endInsertRows()

    def reach(self, doc_id: DocumentId) -> QModelIndex:
        """The row of ``doc_id`` under its volume, reading its pages until it is read (a search
        hit far down a volume); invalid if the list does not hold it (filtered out, or gone)."""
        found = self.index_of(doc_id)
        if found.isValid() or self.source is None:
            return found
        volume = self.source.document_volume(doc_id)
        row = next((i for i, group in enumerate(self.groups) if group.volume == volume), None)
        if row is None:
            return QModelIndex()
        at = self.source.document_row(doc_id, self.filter_text, self.order, volume=volume)
        parent = self.index(row, 0)
        while at is not None and len(self.groups[row].rows) <= at and self.has_more(parent):
            self.fetchMore(parent)
        return self.index_of(doc_id)

    def set_span_counts(self, counts: dict[str, int]) -> None:
        """New highlight counts for some documents: those rows change in place, nothing is read again."""
        for g, group in enumerate(self.groups):
            for i, row in enumerate(group.rows):
                if row.id in counts and counts[row.id] != row.span_count:
                    group.rows[i] = replace(row, span_count=counts[row.id])
                    changed = self.createIndex(i, 0, g + 1)
                    self.dataChanged.emit(changed, changed)

    # -- where things are ------------------------------------------------------------------------

    def group_at(self, index: Index) -> Group | None:
        """The volume whose heading ``index`` is (``None`` for a document, or the root)."""
        if not index.isValid() or index.internalId() != 0:
            return None
        return self.groups[index.row()] if index.row() < len(self.groups) else None

    def summary_at(self, index: Index) -> DocumentSummary | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        rows = self.groups[index.internalId() - 1].rows
        return rows[index.row()] if index.row() < len(rows) else None

    def index_of(self, doc_id: DocumentId) -> QModelIndex:
        for g, group in enumerate(self.groups):
            for i, row in enumerate(group.rows):
                if row.id == doc_id:
                    return self.createIndex(i, 0, g + 1)
        return QModelIndex()

    def documents_read(self) -> list[DocumentSummary]:
        """The documents read so far, volume after volume."""
        return [row for group in self.groups for row in group.rows]

    # -- Qt's model ------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:  # (``hasIndex``, without its calls back into Python)
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.groups) else QModelIndex()
        group = self.group_at(parent)
        if group is None or row >= len(group.rows):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, child: Index | None = None) -> QModelIndex | QObject | None:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return super().parent()
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if not parent.isValid():
            return len(self.groups)
        group = self.group_at(parent)
        return len(group.rows) if group is not None and parent.column() == 0 else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """A volume has documents before any is read: the view offers to open it."""
        if not parent.isValid():
            return bool(self.groups)
        group = self.group_at(parent)
        return group is not None and parent.column() == 0 and group.count > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        group = self.group_at(index)
        if group is not None:
            if role == GROUP_ROLE:
                return group
            if role == Qt.ItemDataRole.DisplayRole:
                return group.label
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(f"{group.title or group.heading}\n{group.volume}: {counted(group.count, 'document')}")
            return None
        summary = self.summary_at(index)
        return summary_data(summary, 2, role) if summary is not None else None
