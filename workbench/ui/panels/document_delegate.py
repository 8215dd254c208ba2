"""How one document looks in the documents list: number, date and pages above a title of up to three lines.

FRUS titles are long and begin alike ("Message From the President's Assistant…"), so a one-line
table cell would show nothing that tells documents apart; a card shows the title whole.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from workbench.model.metadata import long_date, short_dates
from workbench.model.text import counted
from workbench.storage import DocumentSummary
from workbench.ui.look.text_layout import wrapped_lines
from workbench.ui.look.theme import Theme

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 3
#: A volume's heading in the list grouped by volume (``volume_groups.Group``).
GROUP_ROLE = Qt.ItemDataRole.UserRole + 4
_PAD_X, _PAD_Y, _GAP = 12, 8, 3
_TITLE_LINES = 3
_KEPT_COUNTS = 20_000  # titles' line counts kept (a few MB at most)

Index = QModelIndex | QPersistentModelIndex


class DocumentDelegate(QStyledItemDelegate):
    def __init__(self, theme: Theme, parent: QAbstractItemView) -> None:
        super().__init__(parent)
        self._view = parent
        self.theme = theme
        self.title_font = theme.ui_font(theme.ui_size + 0.5)
        self.meta_font = theme.ui_font(theme.ui_size - 0.5)
        self.number_font = QFont(self.meta_font)
        self.number_font.setWeight(QFont.Weight.DemiBold)
        self._lines: dict[tuple[str, int], int] = {}

    def group_heading(self, index: Index) -> str:
        """The volume and chapter above this row, when the list is grouped and they begin here."""
        panel = self._view.parent()
        if not getattr(panel, "grouped", False):
            return ""
        summary: DocumentSummary = index.data(SUMMARY_ROLE)
        previous = index.sibling(index.row() - 1, index.column()).data(SUMMARY_ROLE) if index.row() > 0 else None
        here = (summary.volume, summary.chapter)
        if index.parent().isValid():  # under its volume's heading: the chapter alone
            here = ("", summary.chapter)
        if previous is not None and (previous.volume, previous.chapter) == here:
            return ""
        return " · ".join(part for part in here if part) or "Other documents"

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.data(SUMMARY_ROLE) is None:  # a volume's heading
            return QSize(self._view.viewport().width(), QFontMetrics(self.title_font).height() + 2 * _PAD_Y + 2)
        summary: DocumentSummary = index.data(SUMMARY_ROLE)
        group = QFontMetrics(self.number_font).height() + 2 * _PAD_Y if self.group_heading(index) else 0
        width = max(self._view.viewport().width() - 2 * _PAD_X, 80)
        lines = self._line_count(summary.title, width)
        height = (
            group
            + 2 * _PAD_Y
            + QFontMetrics(self.meta_font).height()
            + _GAP
            + lines * QFontMetrics(self.title_font).lineSpacing()
        )
        return QSize(width, height)

    def _line_count(self, title: str, width: int) -> int:
        """How many lines ``title`` takes at ``width``, kept: a tree view measures every card it
        holds each time it lays itself out (a volume opened, a page read)."""
        key = (title, width)
        if key not in self._lines:
            if len(self._lines) > _KEPT_COUNTS:
                self._lines.clear()
            self._lines[key] = len(wrapped_lines(title, self.title_font, width, _TITLE_LINES))
        return self._lines[key]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        summary: DocumentSummary | None = index.data(SUMMARY_ROLE)
        if summary is None:
            self.paint_heading(painter, option, index)
            return
        theme = self.theme
        painter.save()
        rect: QRect = option.rect
        heading = self.group_heading(index)
        if heading:  # a band naming the chapter the following documents stand in
            band = QRect(rect.left(), rect.top(), rect.width(), QFontMetrics(self.number_font).height() + 2 * _PAD_Y)
            painter.fillRect(band, QColor(theme.rule))
            painter.setFont(self.number_font)
            painter.setPen(QColor(theme.ink))
            text = QFontMetrics(self.number_font).elidedText(
                heading, Qt.TextElideMode.ElideRight, band.width() - 2 * _PAD_X
            )
            painter.drawText(band.adjusted(_PAD_X, 0, -_PAD_X, 0), Qt.AlignmentFlag.AlignVCenter, text)
            rect = rect.adjusted(0, band.height(), 0, 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, QColor(theme.selection))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor(theme.paper))
        painter.setPen(QColor(theme.rule))
        painter.drawLine(rect.left() + _PAD_X, rect.bottom(), rect.right() - _PAD_X, rect.bottom())
        inner = rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)
        meta_height = QFontMetrics(self.meta_font).height()
        top_line = QRect(inner.left(), inner.top(), inner.width(), meta_height)

        number = f"No. {summary.number}" if summary.number else "—"
        painter.setFont(self.number_font)
        painter.setPen(QColor(theme.accent))
        painter.drawText(top_line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, number)
        after_number = QFontMetrics(self.number_font).horizontalAdvance(number) + 10
        painter.setFont(self.meta_font)
        painter.setPen(QColor(theme.muted))
        pages = f"pp. {summary.pages}" if summary.pages else ""
        metrics = QFontMetrics(self.meta_font)
        middle = Qt.AlignmentFlag.AlignVCenter
        room = top_line.width() - after_number - (metrics.horizontalAdvance(pages) + 10 if pages else 0)
        if summary.issued and metrics.horizontalAdvance(short_dates(summary.issued)[-1]) > room:
            pages, room = "", top_line.width() - after_number  # a narrow list: the date before the pages
        painter.drawText(top_line, Qt.AlignmentFlag.AlignRight | middle, pages)
        date = date_and_count(summary, metrics, room)
        painter.drawText(top_line.adjusted(after_number, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | middle, date)

        painter.setFont(self.title_font)
        painter.setPen(QColor(theme.ink))
        spacing = QFontMetrics(self.title_font).lineSpacing()
        y = top_line.bottom() + _GAP
        for text in wrapped_lines(summary.title, self.title_font, inner.width(), _TITLE_LINES):
            painter.drawText(QRect(inner.left(), y, inner.width(), spacing), Qt.AlignmentFlag.AlignLeft, text)
            y += spacing
        painter.restore()

    def paint_heading(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """A volume: an arrow (open or closed), its title, and on the right how many documents it lists."""
        group = index.data(GROUP_ROLE)
        theme = self.theme
        painter.save()
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect, QColor(theme.selection if selected else theme.paper))
        painter.setPen(QColor(theme.rule))
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        inner = rect.adjusted(_PAD_X, 0, -_PAD_X, 0)
        opened = isinstance(self._view, QTreeView) and self._view.isExpanded(index)
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.setFont(self.meta_font)
        painter.setPen(QColor(theme.muted))
        arrow = "▾" if opened else "▸"
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | middle, arrow)
        inner.setLeft(inner.left() + QFontMetrics(self.meta_font).horizontalAdvance("▾") + 8)
        count = f"{group.count:,}" if group is not None else ""
        painter.drawText(inner, Qt.AlignmentFlag.AlignRight | middle, count)
        inner.setRight(inner.right() - QFontMetrics(self.meta_font).horizontalAdvance(count) - 10)
        painter.setFont(self.number_font if opened else self.title_font)
        painter.setPen(QColor(theme.ink))
        heading = group.heading if group is not None else ""
        heading = painter.fontMetrics().elidedText(heading, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | middle, heading)
        painter.restore()


def date_and_count(summary: DocumentSummary, metrics: QFontMetrics, room: int) -> str:
    """The date (shortened before it is cut) and, where it fits, the highlight count, in ``room``."""
    date = long_date(summary.issued) if summary.issued else ""
    if metrics.horizontalAdvance(date) > room:  # "Nov. 24, 1972", then "1972-11-24", before cutting it
        date = next((d for d in short_dates(summary.issued) if metrics.horizontalAdvance(d) <= room), date)
    # "·" only between two things: an undated document shows its count alone, not "— · 1 highlight"
    with_count = "  ·  ".join(p for p in (date, counted(summary.span_count, "highlight")) if p)
    if summary.span_count and metrics.horizontalAdvance(with_count) <= room:  # the count only where it fits
        date = with_count
    return metrics.elidedText(date, Qt.TextElideMode.ElideRight, max(room, 0))  # never under the pages
