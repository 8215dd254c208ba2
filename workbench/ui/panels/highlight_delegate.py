"""How one highlight looks in the highlights list: its tags and page, the quote, the note.

The side panel is narrow; a table would show a sliver of each column. A card shows what a
historian scans for: the words (in the reading font, as in the text), what they were tagged,
where they stand, and the note.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from workbench.model.annotation import Span, SpanId
from workbench.ui.look.text_layout import wrapped_lines
from workbench.ui.look.theme import Theme

if TYPE_CHECKING:
    from workbench.ui.panels.highlights import HighlightsModel

_PAD_X, _PAD_Y, _GAP = 12, 8, 3
_QUOTE_LINES, _NOTE_LINES = 3, 2
_CARDS_KEPT = 100_000  # laid-out cards remembered (two widths of 50,000 highlights) before starting afresh

Index = QModelIndex | QPersistentModelIndex


class HighlightDelegate(QStyledItemDelegate):
    def __init__(self, theme: Theme, parent: QAbstractItemView, row_of) -> None:
        super().__init__(parent)
        self._view = parent
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
        self._quote_advance = _advance(self.quote_font)
        self._note_advance = _advance(self.note_font)
        self._cards: dict[tuple[SpanId, int], tuple[tuple, tuple[list[str], list[str]]]] = {}

    def _counts(self, row, width: int) -> tuple[int, int]:
        """How many quote and note lines the card has at ``width``: estimated from the length of the
        text, not wrapped. The list asks every card's height whenever it lays out (10,000 cards on
        opening a document); wrapping each is a tenth of a millisecond of text shaping, measuring its
        length is nothing. A card whose text needs more lines than estimated ends in an ellipsis."""
        quote = max(1, min(_QUOTE_LINES, ceil((len(row.span.quote) + 2) * self._quote_advance / width)))
        note = max(1, min(_NOTE_LINES, ceil(len(row.note) * self._note_advance / width))) if row.note else 0
        return quote, note

    def _height(self, quote: int, note: int) -> int:
        return (2 * _PAD_Y + self._meta_height + _GAP + quote * self._quote_spacing
                + (note * self._note_spacing + _GAP if note else 0))  # fmt: skip

    def _hint_width(self) -> int:
        return max(self._view.viewport().width() - 2 * _PAD_X, 80)

    def _layout(self, index: Index, width: int) -> tuple[list[str], list[str]]:
        """The card's quote and note lines as painted at ``width``, remembered per card and width
        (a repaint of the list is then only drawing)."""
        row = self.row_of(index)
        quote_text = f"“{' '.join(row.span.quote.split())}”"
        key = (row.place.id, width)
        cached = self._cards.get(key)
        if cached is not None and cached[0] == (quote_text, row.note, self._hint_width()):
            return cached[1]
        if len(self._cards) > _CARDS_KEPT:
            self._cards.clear()
        quote_lines, note_lines = self._counts(row, self._hint_width())
        quote = wrapped_lines(quote_text, self.quote_font, width, quote_lines)
        note = wrapped_lines(row.note, self.note_font, width, note_lines) if row.note else []
        self._cards[key] = ((quote_text, row.note, self._hint_width()), (quote, note))
        return quote, note

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._hint_width()
        return QSize(width, self._height(*self._counts(self.row_of(index), width)))

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
        tree = cast("HighlightsModel", index.model()).tree  # the lists this delegate draws
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for tag in tree.in_order(row.place.tag_ids):
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

        quote, note = self._layout(index, inner.width())
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


_SAMPLE = ("The Secretary said that the President had approved the withdrawal of the troops, "
           "subject to the agreement of the Government of Viet-Nam; 1,250 men by June.")  # fmt: skip


def _advance(font) -> float:
    """The width of an average character of prose in ``font``, with a margin for the room that
    wrapping at word boundaries leaves at the end of each line."""
    return QFontMetrics(font).horizontalAdvance(_SAMPLE) / len(_SAMPLE) * 1.12


def _who(span: Span) -> str:
    """ "ada", or "ada, edited by bo" when someone else changed it last."""
    if span.modified_by and span.modified_by != span.author:
        return f"{span.author}, edited by {span.modified_by}"
    return span.author
