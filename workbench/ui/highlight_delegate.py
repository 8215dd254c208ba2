"""How one highlight looks in the highlights list: its tags and page, the quote, the note.

The side panel is narrow; a table would show a sliver of each column. A card shows what a
historian scans for: the words (in the reading font, as in the text), what they were tagged,
where they stand, and the note.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from workbench.model.annotation import Span
from workbench.ui.text_layout import wrapped_lines
from workbench.ui.theme import Theme

_PAD_X, _PAD_Y, _GAP = 12, 8, 3
_QUOTE_LINES, _NOTE_LINES = 3, 2

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

    def _layout(self, index: Index, width: int) -> tuple[list[str], list[str]]:
        row = self.row_of(index)
        quote = wrapped_lines(f"“{' '.join(row.span.quote.split())}”", self.quote_font, width, _QUOTE_LINES)
        return quote, wrapped_lines(row.note, self.note_font, width, _NOTE_LINES) if row.note else []

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = max(self.parent().viewport().width() - 2 * _PAD_X, 80)
        quote, note = self._layout(index, width)
        height = (2 * _PAD_Y + QFontMetrics(self.meta_font).height() + _GAP
                  + len(quote) * QFontMetrics(self.quote_font).lineSpacing()
                  + (len(note) * QFontMetrics(self.note_font).lineSpacing() + _GAP if note else 0))  # fmt: skip
        return QSize(width, height)

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
        for tag in (t for t in tree if t.id in row.span.tag_ids):
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


def _who(span: Span) -> str:
    """ "ada", or "ada, edited by bo" when someone else changed it last."""
    if span.modified_by and span.modified_by != span.author:
        return f"{span.author}, edited by {span.modified_by}"
    return span.author
