"""Every highlight of the document (or the project): quote, tags, note, page.

Filter by tag (sub-tags included) and by text; sort by position, tag or date. Choosing a row
shows the passage in the text and makes it flash; Delete removes the chosen highlights; a
double click opens the note.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.model import Document, DocumentId
from workbench.model.annotation import Span, SpanId, SpanPlace, TagId, TagTree
from workbench.ui.look.safe_text import tooltip
from workbench.ui.look.theme import Theme
from workbench.ui.panels.card_list import CardList
from workbench.ui.panels.delegates import replace_delegate
from workbench.ui.panels.highlight_delegate import HighlightDelegate
from workbench.ui.panels.highlight_row import Details, Row, printed_pages
from workbench.ui.reading.marks import tag_icon

Index = QModelIndex | QPersistentModelIndex
_NARROWEST_CHOICE = 64


@dataclass(slots=True)
class Arranged:
    """A list's cards made and put in order, ready to show: no Qt in it, so a worker thread can
    make the whole project's 200,000 while the window goes on."""

    order: dict[DocumentId, int]  # where each document stands
    keys: list[tuple]  # each card's position (``_position``), in order
    rows: list[Row]
    by_id: dict[SpanId, Row]
    authors: list[str]


def arrange(
    spans_by_document: list[tuple[Document, list[SpanPlace]]], tree: TagTree, details: Details | None,
    pages: Callable[[Document, SpanPlace], str] = printed_pages, order: Mapping[DocumentId, int] | None = None,
) -> Arranged:  # fmt: skip
    """The cards of ``spans_by_document`` by position: documents where ``order`` puts them (else as given)."""
    placed = dict(order) if order is not None else {d.id: i for i, (d, _) in enumerate(spans_by_document)}
    rows = [Row(place, document, tree, details, pages) for document, places in spans_by_document for place in places]
    keyed = sorted(zip((_position(placed, row) for row in rows), rows, strict=True), key=lambda pair: pair[0])
    rows = [row for _, row in keyed]
    return Arranged(placed, [key for key, _ in keyed], rows, {row.place.id: row for row in rows},
                    sorted({row.place.author for row in rows}))  # fmt: skip


def _position(order: Mapping[DocumentId, int], row: Row) -> tuple:
    """Where a card stands in a list by position: its document, the text before the notes."""
    span = row.place
    return (order.get(row.doc_id, 0), span.note_n is not None, span.note_n or 0, span.start, -span.end, span.id)


class HighlightsModel(QStringListModel):
    """One row a highlight; the delegate draws it as a card from the ``Row``.

    The rows are counted by Qt's own list model (a list of empty strings beside ``rows``): a tree
    view lays out a list by asking the model for each row's index, and each of those asks how many
    rows there are, which for a model written in Python is a call into Python — 10,000 of them per
    highlight added. Qt's list changes first and says so; ``rows`` follows at that moment (the
    model's own handlers run before any view's), so whoever is told sees both agree.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.tree = TagTree([])
        self._coming: list[Row] = []
        self.rowsInserted.connect(self._inserted)
        self.rowsRemoved.connect(self._removed)
        self.modelReset.connect(self._reset)

    def set_rows(self, rows: list[Row], tree: TagTree) -> None:
        """Show ``rows``. Only the stretch that differs from what is shown is removed and inserted
        (one highlight changed: one row), so the view keeps its place and its selection; a whole
        new list (another document, another filter) is a reset."""
        old, self.tree = self.rows, tree
        rows = list(rows)
        n, m = len(old), len(rows)
        head = 0
        while head < n and head < m and old[head] is rows[head]:
            head += 1
        tail = 0
        while tail < n - head and tail < m - head and old[n - 1 - tail] is rows[m - 1 - tail]:
            tail += 1
        removed, inserted = n - head - tail, m - head - tail
        if removed + inserted > max(64, (n + m) // 4):
            self._coming = rows
            self.setStringList([""] * m)
            return
        if removed:  # a changed card may change height: out and back in, so the view measures it again
            self.removeRows(head, removed)
        if inserted:
            self._coming = rows[head : head + inserted]
            self.insertRows(head, inserted)

    def _inserted(self, _parent: Index, first: int, last: int) -> None:
        self.rows[first:first] = self._coming[: last - first + 1]
        self._coming = []

    def _removed(self, _parent: Index, first: int, last: int) -> None:
        del self.rows[first : last + 1]

    def _reset(self) -> None:
        self.rows, self._coming = self._coming, []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span = self.rows[index.row()].span
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return " ".join(span.quote.split())
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(span.note) if span.note else None  # a note is shown as typed, never as HTML
        return None


class HighlightsPanel(QWidget):
    spanActivated = Signal(str, int)  # document id, span id
    deleteRequested = Signal(list)  # span ids
    noteRequested = Signal(str, int)  # document id, span id

    def __init__(self, theme: Theme, details: Details, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details  # the words of the cards shown, read when they are
        self.model = HighlightsModel()
        self.scope = QComboBox(self)
        self.scope.addItems(["This document", "Whole project"])
        self.scope.setAccessibleName("Which highlights")
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName("Only highlights with this tag")
        self.author_filter = QComboBox(self)
        self.author_filter.setAccessibleName("Only highlights by this author")
        self.author_filter.setVisible(False)  # shown once more than one person has highlighted
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Filter quotes and notes")
        self.text_filter.setAccessibleName("Filter highlights by words")
        self.text_filter.setClearButtonEnabled(True)
        self.sort = QComboBox(self)
        self.sort.addItems(["By position", "By tag", "By date"])
        self.sort.setAccessibleName("Sort highlights")
        for box in (self.tag_filter, self.author_filter):
            # As wide as a short name, whatever the longest tag path: the panel keeps its width and
            # the open list shows the paths whole.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
        for box in (self.scope, self.tag_filter, self.author_filter, self.sort):
            box.setMinimumWidth(_NARROWEST_CHOICE)  # a small screen (or 200 %) may elide them, not widen the panel
        for box in (self.scope, self.sort):  # short fixed choices: whole, never "This documen▾"
            box.setMinimumWidth(box.sizeHint().width())
        self.view = CardList(self)
        self.view.setObjectName("highlightList")
        self.view.setAccessibleName("Highlights")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setModel(self.model)
        self.set_theme(theme)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)  # a click on the current row shows it again
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _: self._on_activated(current))
        self.view.installEventFilter(self)
        tools = QHBoxLayout()
        tools.setContentsMargins(6, 6, 6, 2)
        for widget in (self.scope, self.tag_filter):  # two a row: each reads whole in a narrow panel
            tools.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(tools)
        text_row = QHBoxLayout()
        text_row.setContentsMargins(6, 0, 6, 4)
        text_row.addWidget(self.text_filter, 1)
        text_row.addWidget(self.sort)
        text_row.addWidget(self.author_filter)
        layout.addLayout(text_row)
        layout.addWidget(self.view)
        self._all: list[Row] = []  # every card of the scope, by position; ``_keys`` their positions
        self._keys: list[tuple] = []
        self._by_id: dict[SpanId, Row] = {}
        self._order: dict[DocumentId, int] = {}  # the documents' order in the list
        self._tree = TagTree([])
        for signal in (
            self.tag_filter.currentIndexChanged,
            self.author_filter.currentIndexChanged,
            self.sort.currentIndexChanged,
        ):
            signal.connect(self._apply)
        self.text_filter.textChanged.connect(self._apply)

    def set_theme(self, theme: Theme) -> None:
        replace_delegate(self.view, HighlightDelegate(theme, self.view, lambda index: self.model.rows[index.row()]))

    @property
    def whole_project(self) -> bool:
        return self.scope.currentIndex() == 1

    def set_highlights(
        self, spans_by_document: list[tuple[Document, list[SpanPlace]]], tree: TagTree,
        pages: Callable[[Document, SpanPlace], str] = printed_pages, order: Mapping[DocumentId, int] | None = None,
    ) -> None:  # fmt: skip
        """Every highlight anew: another document or scope, or the tags changed. ``pages`` tells a
        card's printed pages from its document (the whole project's: read when the card is drawn);
        ``order``, where each document stands in the project (else: as given)."""
        self.show_arranged(arrange(spans_by_document, tree, self.details, pages, order), tree)

    def show_arranged(self, arranged: Arranged, tree: TagTree) -> None:
        """Cards ``arrange`` made (here, or on a worker thread for the whole project's)."""
        if tree is not self._tree:
            self._set_tree(tree)
        self._order, self._keys, self._all, self._by_id = arranged.order, arranged.keys, arranged.rows, arranged.by_id
        self._fill_authors(arranged.authors)
        self._apply()

    def update_spans(
        self, changed: Iterable[SpanId], current: Iterable[tuple[Document, Span | SpanPlace]],
        order: Mapping[DocumentId, int] | None = None,
    ) -> None:  # fmt: skip
        """Some highlights changed (``changed`` ids, of which ``current`` still exist, with their
        documents): only their cards are made again, and only their rows change in the view. A
        document new to the list stands where ``order`` says (else after the others)."""
        self._order.update(order or {})
        for span_id in set(changed):
            row = self._by_id.pop(span_id, None)
            if row is not None:
                index = bisect_left(self._keys, self._position(row))
                del self._all[index], self._keys[index]
        for document, span in current:
            self._order.setdefault(document.id, len(self._order))
            row = Row(span, document, self._tree, self.details)
            key = self._position(row)
            index = bisect_left(self._keys, key)
            self._all.insert(index, row)
            self._keys.insert(index, key)
            self._by_id[span.id] = row
        authors = sorted({row.place.author for row in self._all})
        if authors != [self.author_filter.itemData(i) for i in range(1, self.author_filter.count())]:
            self._fill_authors(authors)
        self._apply()

    def places(self, span_ids: Iterable[SpanId]) -> list[SpanPlace]:
        """The listed spans of ``span_ids``, as the list holds them (before an update)."""
        return [row.place for span_id in span_ids if (row := self._by_id.get(span_id)) is not None]

    def _position(self, row: Row) -> tuple:
        return _position(self._order, row)

    def _set_tree(self, tree: TagTree) -> None:
        self._tree = tree
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in tree:
            self.tag_filter.addItem(tag_icon(tag.color), tree.path(tag.id), tag.id)
        found = self.tag_filter.findData(current)
        self.tag_filter.setCurrentIndex(max(found, 0))
        self.tag_filter.view().setMinimumWidth(self.tag_filter.view().sizeHintForColumn(0) + 24)
        self.tag_filter.blockSignals(False)

    def _fill_authors(self, authors: list[str]) -> None:
        current = self.author_filter.currentData()
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItem("All authors", None)
        for author in authors:
            self.author_filter.addItem(author or "(no author)", author)
        self.author_filter.setCurrentIndex(max(self.author_filter.findData(current), 0))
        self.author_filter.blockSignals(False)
        self.author_filter.setVisible(len(authors) > 1 or self.author_filter.currentIndex() > 0)

    def filter_author(self, author: str | None) -> None:
        self.author_filter.setCurrentIndex(max(self.author_filter.findData(author), 0))

    def filter_tag(self, tag_id: TagId | None) -> None:
        self.tag_filter.setCurrentIndex(max(self.tag_filter.findData(tag_id), 0))

    def _apply(self) -> None:
        rows = list(self._all)
        tag_id = self.tag_filter.currentData()
        if tag_id is not None:
            wanted = self._tree.subtree(tag_id)
            rows = [r for r in rows if wanted.intersection(r.place.tag_ids)]
        author = self.author_filter.currentData()
        if author is not None:
            rows = [r for r in rows if r.place.author == author]
        words = self.text_filter.text().lower().split()
        order = self.sort.currentIndex()
        if words or order == 2:  # what the filter or the order reads, read for every card at once
            Row.read_words(rows)
        if words:
            rows = [r for r in rows if all(w in f"{r.span.quote} {r.span.note}".lower() for w in words)]
        if order == 1:
            rows = sorted(rows, key=lambda r: (r.tags.lower() or "\uffff", r.place.start))
        elif order == 2:
            rows = sorted(rows, key=lambda r: r.span.created, reverse=True)
        self.model.set_rows(rows, self._tree)

    def select_span(self, span_id: SpanId | None) -> None:
        """Show ``span_id``'s card as the current one; choosing it here is not the user's choice, so
        the text neither jumps nor flashes."""
        for row, item in enumerate(self.model.rows):
            if item.place.id == span_id:
                index = self.model.index(row, 0)
                if self.view.currentIndex().row() != row:
                    selection = self.view.selectionModel()
                    self.view.blockSignals(True)
                    selection.blockSignals(True)
                    self.view.setCurrentIndex(index)
                    selection.blockSignals(False)
                    self.view.blockSignals(False)
                    self.view.viewport().update()
                self.view.scrollTo(index)
                return

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.rows[index.row()]
            self.spanActivated.emit(row.doc_id, row.place.id)

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.rows[index.row()]
            self.noteRequested.emit(row.doc_id, row.place.id)

    def eventFilter(self, watched, event) -> bool:
        is_key = isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
        if watched is self.view and is_key and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            ids = [self.model.rows[i.row()].place.id for i in self.view.selectionModel().selectedIndexes()]
            if ids:
                self.deleteRequested.emit(ids)
            return True
        return super().eventFilter(watched, event)
