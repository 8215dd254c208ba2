"""Every highlight of the document (or the project): quote, tags, note, page.

Filter by tag (sub-tags included) and by text; sort by position, tag or date. Choosing a row
shows the passage in the text and makes it flash; Delete removes the chosen highlights; a
double click opens the note.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from workbench.model import Document
from workbench.model.annotation import Span, SpanId, TagId, TagTree
from workbench.model.document import page_span
from workbench.ui.highlight_delegate import HighlightDelegate
from workbench.ui.markdown import markdown_to_plain
from workbench.ui.reading.marks import tag_icon
from workbench.ui.theme import Theme

Index = QModelIndex | QPersistentModelIndex
_NARROWEST_CHOICE = 64


@dataclass(frozen=True, slots=True)
class Row:
    span: Span
    document: Document
    tags: str
    page: str
    note: str  # the note as plain text, for the card


class HighlightsModel(QAbstractListModel):
    """One row a highlight; the delegate draws it as a card from the ``Row``."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.tree = TagTree([])

    def set_rows(self, rows: list[Row], tree: TagTree) -> None:
        self.beginResetModel()
        self.rows, self.tree = rows, tree
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span = self.rows[index.row()].span
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return " ".join(span.quote.split())
        if role == Qt.ItemDataRole.ToolTipRole:
            return span.note or None
        return None


class HighlightsPanel(QWidget):
    spanActivated = Signal(str, int)  # document id, span id
    deleteRequested = Signal(list)  # span ids
    noteRequested = Signal(str, int)  # document id, span id

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.view = QListView(self)
        self.view.setObjectName("highlightList")
        self.view.setAccessibleName("Highlights")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setModel(self.model)
        self.set_theme(theme)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)  # thousands of cards lay out a batch at a time
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)  # a click on the current row shows it again
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _: self._on_activated(current))
        self.view.installEventFilter(self)
        tools = QHBoxLayout()
        tools.setContentsMargins(6, 6, 6, 2)
        for widget in (self.scope, self.tag_filter, self.sort):
            tools.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(tools)
        text_row = QHBoxLayout()
        text_row.setContentsMargins(6, 0, 6, 4)
        text_row.addWidget(self.text_filter, 1)
        text_row.addWidget(self.author_filter)
        layout.addLayout(text_row)
        layout.addWidget(self.view)
        self._all: list[Row] = []
        self._tree = TagTree([])
        for signal in (
            self.tag_filter.currentIndexChanged,
            self.author_filter.currentIndexChanged,
            self.sort.currentIndexChanged,
        ):
            signal.connect(self._apply)
        self.text_filter.textChanged.connect(self._apply)

    def set_theme(self, theme: Theme) -> None:
        self.view.setItemDelegate(HighlightDelegate(theme, self.view, lambda index: self.model.rows[index.row()]))
        self.view.doItemsLayout()  # the cards' sizes are the new delegate's

    @property
    def whole_project(self) -> bool:
        return self.scope.currentIndex() == 1

    def set_highlights(self, spans_by_document: list[tuple[Document, list[Span]]], tree: TagTree) -> None:
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
        rows = []
        for document, spans in spans_by_document:
            for span in spans:
                tags = ", ".join(sorted(tree.path(t) for t in span.tag_ids if t in tree.by_id))
                pages = document.pages_of(span.start, span.end, span.note_n)
                page = page_span(*pages) + (f"n{span.note_n}" if span.note_n is not None else "")
                if span.orphaned:
                    page = "not in the corrected text"
                note = " ".join(markdown_to_plain(span.note).split()) if span.note else ""
                rows.append(Row(span, document, tags, page, note))
        self._all = rows
        self._fill_authors(sorted({row.span.author for row in rows}))
        self._apply()

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
        rows = self._all
        tag_id = self.tag_filter.currentData()
        if tag_id is not None:
            wanted = self._tree.subtree(tag_id)
            rows = [r for r in rows if wanted.intersection(r.span.tag_ids)]
        author = self.author_filter.currentData()
        if author is not None:
            rows = [r for r in rows if r.span.author == author]
        words = self.text_filter.text().lower().split()
        if words:
            rows = [r for r in rows if all(w in f"{r.span.quote} {r.span.note}".lower() for w in words)]
        order = self.sort.currentIndex()
        if order == 1:
            rows = sorted(rows, key=lambda r: (r.tags.lower() or "\uffff", r.span.start))
        elif order == 2:
            rows = sorted(rows, key=lambda r: r.span.created, reverse=True)
        self.model.set_rows(rows, self._tree)

    def select_span(self, span_id: SpanId | None) -> None:
        for row, item in enumerate(self.model.rows):
            if item.span.id == span_id:
                index = self.model.index(row, 0)
                if self.view.currentIndex().row() != row:
                    self.view.blockSignals(True)
                    self.view.setCurrentIndex(index)
                    self.view.blockSignals(False)
                self.view.scrollTo(index)
                return

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.rows[index.row()]
            self.spanActivated.emit(row.document.id, row.span.id)

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.rows[index.row()]
            self.noteRequested.emit(row.document.id, row.span.id)

    def eventFilter(self, watched, event) -> bool:
        is_key = isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
        if watched is self.view and is_key and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            ids = [self.model.rows[i.row()].span.id for i in self.view.selectionModel().selectedIndexes()]
            if ids:
                self.deleteRequested.emit(ids)
            return True
        return super().eventFilter(watched, event)
