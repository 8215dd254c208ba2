"""How one highlight looks in the highlights list: its tags and page, the quote, the note.

The side panel is narrow; a table would show a sliver of each column. A card shows what a
historian scans for: the words (in the reading font, as in the text), what they were tagged,
where they stand, and the note.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from workbench.model.annotation import Span, SpanId
from workbench.ui.text_layout import wrapped_lines
from workbench.ui.theme import Theme

_PAD_X, _PAD_Y, _GAP = 12, 8, 3
_QUOTE_LINES, _NOTE_LINES = 3, 2
_CARDS_KEPT = 100_000  # laid-out cards remembered (two widths of 50,000 highlights) before starting afresh

Index = QModelIndex | QPersistentModelIndex


class HighlightDelegate(QStyledItemDelegate):
    def __init__(self, theme: Theme, parent: QWidget, row_of) -> None:
        super().__init__(parent)
        self.theme = theme
        self.row_of = row_of
        self.meta_font = theme.ui_font(theme.ui_size - 0.5)
        self.quote_font = theme.reading_font()
        self.quote_font.setPointSizeF(theme.ui_size + 1)
        self.quote_font.setItalic(True)
        self.note_font = theme.ui_font(theme.ui_size - 0.5)
        self._meta_height = QFontMetrics(self.meta_font).height()
        self._quote_spacing = QFontMetrics(self.quote_font).lineSpacing()
        self._note_spacing = QFontMetrics(self.note_font).lineSpacing()
        self._cards: dict[tuple[SpanId, int], tuple[object, tuple[list[str], list[str], int]]] = {}

    def _layout(self, index: Index, width: int) -> tuple[list[str], list[str], int]:
        """The card's quote and note lines at ``width``, and its height. Remembered per card and
        width: the list asks every card's size whenever it lays out, and wrapping thousands of
        quotes each time is what made one tag key press freeze the window."""
        row = self.row_of(index)
        key = (row.span.id, width)
        cached = self._cards.get(key)
        if cached is not None and cached[0] is row:
            return cached[1]
        if len(self._cards) > _CARDS_KEPT:
            self._cards.clear()
        quote = wrapped_lines(f"“{' '.join(row.span.quote.split())}”", self.quote_font, width, _QUOTE_LINES)
        note = wrapped_lines(row.note, self.note_font, width, _NOTE_LINES) if row.note else []
        height = (2 * _PAD_Y + self._meta_height + _GAP + len(quote) * self._quote_spacing
                  + (len(note) * self._note_spacing + _GAP if note else 0))  # fmt: skip
        self._cards[key] = (row, (quote, note, height))
        return quote, note, height

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = max(self.parent().viewport().width() - 2 * _PAD_X, 80)
        return QSize(width, self._layout(index, width)[2])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = self.row_of(index)
        theme = self.theme
        painter.save()
        rect: QRect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(theme.selection))
        painter.setPen(QColor(theme.rule))
        painter.drawLine(rect.left() + _PAD_X, rect.bottom(), rect.right() - _PAD_X, rect.bottom())
        inner = rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)
        meta = QRect(inner.left(), inner.top(), inner.width(), QFontMetrics(self.meta_font).height())

        x = meta.left()
        tree = index.model().tree
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for tag in tree.in_order(row.span.tag_ids):
            painter.setBrush(QColor(tag.color))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(x, meta.center().y() - 4, 8, 8)
            x += 11
        painter.setFont(self.meta_font)
        page = " · ".join(part for part in (f"p. {row.page}" if row.page else "", _who(row.span)) if part)
        page_width = QFontMetrics(self.meta_font).horizontalAdvance(page) + 8
        painter.setPen(QColor(theme.muted))
        painter.drawText(meta, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, page)
        tags = row.tags or "no tag"
        tags_rect = QRect(x + 3, meta.top(), meta.right() - x - 3 - page_width, meta.height())
        elided = QFontMetrics(self.meta_font).elidedText(tags, Qt.TextElideMode.ElideRight, tags_rect.width())
        painter.drawText(tags_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)

        quote, note, _ = self._layout(index, inner.width())
        y = meta.bottom() + _GAP
        for font, lines, color in ((self.quote_font, quote, theme.ink), (self.note_font, note, theme.muted)):
            painter.setFont(font)
            painter.setPen(QColor(color))
            spacing = QFontMetrics(font).lineSpacing()
            for line in lines:
                painter.drawText(QRect(inner.left(), y, inner.width(), spacing), Qt.AlignmentFlag.AlignLeft, line)
                y += spacing
            y += _GAP
        painter.restore()


def _who(span: Span) -> str:
    """ "ada", or "ada, edited by bo" when someone else changed it last."""
    if span.modified_by and span.modified_by != span.author:
        return f"{span.author}, edited by {span.modified_by}"
    return span.author
