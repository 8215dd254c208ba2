"""Tools › Themes: follow tags across the project.

A query (tag A; overlapping, in the same paragraph as, or but not tag B) lists its passages; the
co-occurrence matrix shows how often the passages of two tags overlap, and a click on a cell
lists them; the chart shows a tag's passages over time, by document date, and saves as PNG or SVG.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis.themes import Query, Relation, across_documents, cooccurrence, run, timeline
from workbench.citations import pinpoint
from workbench.model.annotation import Span
from workbench.model.text import counted
from workbench.ops.errors import OperationError
from workbench.storage.annotations import load_spans_by_id
from workbench.ui.look import contrast
from workbench.ui.look import theme as themes
from workbench.ui.panels.card_list import CardList
from workbench.ui.panels.highlight_delegate import HighlightDelegate
from workbench.ui.panels.highlight_row import Row
from workbench.ui.panels.highlights import HighlightsModel
from workbench.ui.panels.outlines import OutlinePages

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

_RELATIONS = [("", None), ("overlapping", Relation.OVERLAPS), ("in the same paragraph as", Relation.SAME_PARAGRAPH),
              ("but not", Relation.NOT)]  # fmt: skip


def _heat(strength: float) -> QColor:
    """The list's background, deepening toward the accent colour as ``strength`` goes from 0 to 1
    (no further than keeps the count in the cell readable)."""
    theme = themes.current()
    return QColor(contrast.mix(theme.base, theme.accent, 0.6 * strength))


class TimelineChart(QWidget):
    """Bars: a tag's passages per month of document date, or per document of the volume."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(320, 160))
        self.counts: list[tuple[str, int]] = []
        self.title = ""

    def set_counts(self, title: str, by_date: list[tuple[str, int]]) -> None:
        months: Counter[str] = Counter()
        for date, count in by_date:
            months[date[:7] or "undated"] += count
        self.title, self.counts = title, sorted(months.items())
        self.update()

    def set_bars(self, title: str, bars: list[tuple[str, int]]) -> None:
        """Bars as given, in order (documents of a volume: "No. 1", "No. 2", …)."""
        self.title, self.counts = title, bars
        self.update()

    def paint(self, painter: QPainter, width: float, height: float) -> None:
        theme = themes.current()
        painter.fillRect(QRectF(0, 0, width, height), QColor(theme.paper))
        painter.setPen(QColor(theme.muted))
        painter.drawText(QRectF(8, 4, width - 16, 18), Qt.AlignmentFlag.AlignLeft, self.title or "Choose a tag")
        if not self.counts:
            return
        top, bottom, left = 28.0, height - 22.0, 8.0
        peak = max(count for _, count in self.counts)
        step = min((width - 2 * left) / len(self.counts), 60.0)  # one month is a bar, not a wall
        for i, (month, count) in enumerate(self.counts):
            bar = (bottom - top) * count / peak
            x = left + i * step
            painter.fillRect(QRectF(x + 2, bottom - bar, max(step - 4, 1), bar), QColor(theme.accent))
            if len(self.counts) <= 12 or i % max(1, len(self.counts) // 8) == 0:
                painter.drawText(QRectF(x, bottom + 2, max(step, 60), 18), Qt.AlignmentFlag.AlignLeft, month)
        painter.drawLine(QPointF(left, bottom), QPointF(width - left, bottom))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint(painter, self.width(), self.height())

    def save(self, path: str) -> None:
        if path.lower().endswith(".svg"):
            generator = QSvgGenerator()
            generator.setFileName(path)
            generator.setSize(self.size())
            generator.setViewBox(QRectF(0, 0, self.width(), self.height()))
            generator.setTitle(self.title)
            painter = QPainter(generator)
            self.paint(painter, self.width(), self.height())
            painter.end()
        else:
            self.grab().save(path)


class ThemesWindow(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # each Ctrl+Shift+T makes one: gone when closed
        self.main = window
        self.setWindowTitle("Themes")
        self.resize(1180, 720)
        tree = window.tags
        self.tag_a, self.relation, self.tag_b = QComboBox(self), QComboBox(self), QComboBox(self)
        for box in (self.tag_a, self.tag_b):
            for tag in tree:
                box.addItem(tree.path(tag.id), tree.path(tag.id))
        for label, value in _RELATIONS:
            self.relation.addItem(label or "—", value)
        for box, name in ((self.tag_a, "Passages with this tag"), (self.relation, "Related how"),
                          (self.tag_b, "To passages with this tag")):  # fmt: skip
            box.setAccessibleName(name)
            box.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel(self)
        self.model = HighlightsModel()
        self.results = CardList(self)
        self.results.setModel(self.model)
        self.results.setAccessibleName("Passages found")
        self.results.setItemDelegate(HighlightDelegate(window.theme, self.results, lambda i: self.model.rows[i.row()]))
        self.results.clicked.connect(lambda i: window.navigation.show_span(self.model.rows[i.row()].doc_id,
                                                                 self.model.rows[i.row()].place.id))  # fmt: skip
        self.matrix = QTableWidget(self)
        self.matrix.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.matrix.setAccessibleName("How often the passages of two tags overlap")
        self.matrix.cellClicked.connect(self._show_cell)
        self.chart = TimelineChart(self)
        save = QPushButton("Save chart…", self)
        save.clicked.connect(self._save_chart)

        query = QHBoxLayout()
        for widget in (QLabel("Passages with", self), self.tag_a, self.relation, self.tag_b):
            query.addWidget(widget)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(query)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.results, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel("How often the passages of two tags overlap (click a cell for them)", self))
        right_layout.addWidget(self.matrix, 2)
        chart_row = QHBoxLayout()
        self.chart_kind = QComboBox(self)
        self.chart_kind.setAccessibleName("Chart")
        self.chart_kind.addItem("The first tag over time, by document date", "time")
        self.chart_kind.addItem("The first tag across the documents, in order", "documents")
        self.chart_kind.currentIndexChanged.connect(self.refresh)
        chart_row.addWidget(self.chart_kind, 1)
        chart_row.addWidget(save)
        right_layout.addLayout(chart_row)
        right_layout.addWidget(self.chart, 1)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([520, 660])
        QVBoxLayout(self).addWidget(split)
        self._fill_matrix()
        self.refresh()

    def refresh(self) -> None:
        if not self.tag_a.count():
            self.summary.setText("There are no tags yet.")
            return
        relation = self.relation.currentData()
        self.tag_b.setEnabled(relation is not None)
        query = Query(self.tag_a.currentData(), relation, self.tag_b.currentData() if relation else "")
        try:
            spans = run(self.main.project.db, query)
        except OperationError as error:
            self.summary.setText(str(error))
            return
        self._show(spans)
        tag, db = self.tag_a.currentData(), self.main.project.db
        if self.chart_kind.currentData() == "documents":
            self.chart.set_bars(f"{tag}, document by document", across_documents(db, tag))
        else:
            self.chart.set_counts(tag, timeline(db, tag))

    def _show(self, spans: list[Span]) -> None:
        tree = self.main.tags
        # A card needs its document's pages, when it is drawn: not thousands of texts for a theme.
        outlines = OutlinePages(self.main.session, pinpoint)
        documents = {doc_id: outlines.stub(doc_id) for doc_id in {s.doc_id for s in spans}}
        rows = [Row(span, documents[span.doc_id], tree, pages=outlines) for span in spans]
        self.model.set_rows(rows, tree)
        self.summary.setText(f"{counted(len(rows), 'passage')} in {counted(len(documents), 'document')}")

    def _fill_matrix(self) -> None:
        tree = self.main.tags
        tags = [tag.id for tag in tree]
        self.cooccurrence = cooccurrence(self.main.project.db, tags)
        names = [tree.path(t) for t in tags]
        self.matrix.setRowCount(len(tags))
        self.matrix.setColumnCount(len(tags))
        self.matrix.setHorizontalHeaderLabels(names)
        self.matrix.setVerticalHeaderLabels(names)
        peak = max((n for (a, b), n in self.cooccurrence.counts.items() if a != b), default=1) or 1
        for r, a in enumerate(tags):
            for c, b in enumerate(tags):
                count = self.cooccurrence.count(a, b)
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                strength = 0.0 if a == b else count / peak
                item.setBackground(QColor(themes.current().chrome) if a == b else _heat(strength))
                self.matrix.setItem(r, c, item)
        self.matrix.resizeColumnsToContents()

    def _show_cell(self, row: int, column: int) -> None:
        tags = self.cooccurrence.tags
        if row >= len(tags) or column >= len(tags):
            return
        a, b = tags[row], tags[column]
        if a == b:
            self.tag_a.setCurrentIndex(row)
            self.relation.setCurrentIndex(0)
            return
        ids = {first for first, _ in self.cooccurrence.pairs.get((a, b), [])}
        self._show(load_spans_by_id(self.main.project.db, ids))

    def _save_chart(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save chart", "theme.png", "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            self.chart.save(path)
