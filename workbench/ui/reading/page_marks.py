"""The printed page numbers in the reading view's margin: where each page begins on screen,
measured in the laid-out text when first asked and kept until the text is laid out anew.

Painting asks only for the pages in view, so opening a long document does not wait for the
layout of its last page; ``PageMarks.every`` (the tests, a whole outline) lays out the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from workbench.ui.reading.highlights import line_x, release_layouts

if TYPE_CHECKING:
    from workbench.ui.reading.view import ReadingView


@dataclass(frozen=True, slots=True)
class PageMark:
    """Printed page ``page`` begins at document coordinates (``x``, ``y``) on a line ``height`` high."""

    page: str
    x: float
    y: float
    ascent: float
    height: float
    at_line_start: bool


class PageMargin(QWidget):
    """The strip left of the text where printed page numbers stand."""

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self._view = view
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(view.theme.paper))
        font = view.theme.ui_font(view.theme.reading_size * 0.78)
        painter.setFont(font)
        painter.setPen(QColor(view.theme.muted))
        offset = view.verticalScrollBar().value() - view.viewportMargins().top()
        right = self.width() - 14
        for mark in view.page_marks.in_view():
            top = mark.y - offset
            if top + mark.height < 0 or top > self.height():
                continue
            rect = QRect(0, int(top), right, int(mark.height))
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, mark.page)


class PageMarks:
    """The shown document's page marks, by the reading-text offset where each page begins."""

    def __init__(self, view: ReadingView) -> None:
        self._view = view
        self._kept: dict[int, PageMark | None] = {}

    def forget(self) -> None:
        """The text was laid out anew: what was measured no longer holds."""
        self._kept.clear()

    def every(self) -> list[PageMark]:
        """Where every printed page begins, in document coordinates (lays out the whole text)."""
        return [mark for page, offset in self._starts() if (mark := self._mark(page, offset)) is not None]

    def in_view(self) -> list[PageMark]:
        """The page marks of the stretch in view."""
        if self._view.positions is None:
            return []
        top, bottom = self._view.visible_range()
        starts = [(page, offset) for page, offset in self._starts() if top - 1 <= offset <= bottom + 1]
        return [mark for page, offset in starts if (mark := self._mark(page, offset)) is not None]

    def page_at(self, view_position: int) -> str | None:
        """The printed page the text at ``view_position`` stands on (``None``: no pages, or no text)."""
        shown, positions = self._view.document_model, self._view.positions
        if shown is None or positions is None:
            return None
        return shown.pages.page_at(positions.to_model(view_position))

    def _starts(self) -> list[tuple[str, int]]:
        """Each printed page and the reading-text offset where it begins (the first page at 0)."""
        shown = self._view.document_model
        pages = shown.pages if shown is not None and self._view.positions is not None else None
        if pages is None:
            return []
        starts = [(b.n, b.start) for b in pages.breaks]
        if pages.first_page is not None and not (pages.breaks and pages.breaks[0].start == 0):
            starts.insert(0, (pages.first_page, 0))
        return starts

    def _mark(self, page: str, offset: int) -> PageMark | None:
        """Where page ``page`` begins on screen (kept; asking lays out the text up to there)."""
        if offset in self._kept:
            return self._kept[offset]
        positions = self._view.positions
        if positions is None:  # no document shown: no page marks
            return None
        document = self._view.document()
        position = positions.to_view(offset)
        block = document.findBlock(position)
        mark = None
        if block.isValid() and block.layout() is not None:
            rect = document.documentLayout().blockBoundingRect(block)
            line = block.layout().lineForTextPosition(position - block.position())
            if line.isValid():
                x = rect.left() + line_x(line, position - block.position())
                at_start = position - block.position() == line.textStart()
                mark = PageMark(page, x, rect.top() + line.y(), line.ascent(), line.height(), at_start)
            release_layouts(document, position, position)  # the mark is kept; the shaping need not be
        self._kept[offset] = mark
        return mark


def paint_page_rules(painter: QPainter, view: ReadingView) -> None:
    """A faint rule across the column where each printed page in view begins, and, where a page
    begins inside a line, a thin bar before its first word."""
    pen = QPen(QColor(view.theme.rule))
    pen.setWidthF(1.0)
    painter.setPen(pen)
    scroll = view.verticalScrollBar().value()
    left = view.document().documentMargin()
    right = view.viewport().width() - view.document().documentMargin()
    for mark in view.page_marks.in_view():
        y = mark.y - scroll
        if y < -mark.height or y > view.viewport().height():
            continue
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        if not mark.at_line_start:
            accent = QPen(QColor(view.theme.muted))
            accent.setWidthF(1.2)
            painter.setPen(accent)
            x = mark.x - 3
            painter.drawLine(QPointF(x, y + 3), QPointF(x, y + mark.height - 3))
            painter.setPen(pen)
