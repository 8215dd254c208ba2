"""What stands in the reading view: the printed page numbers in its margin, and which text is in
view, found from Qt's hit test where it can be trusted and from the laid-out lines where not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QTextBlock, QTextDocument
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from workbench.ui.reading.view import ReadingView

_WALK = 2000  # blocks walked at most to find a line in view without the hit test


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
        for mark in view.visible_page_marks():
            top = mark.y - offset
            if top + mark.height < 0 or top > self.height():
                continue
            rect = QRect(0, int(top), right, int(mark.height))
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, mark.page)


def position_in_view(view: ReadingView, corner: QPoint, fallback: QPoint) -> tuple[int, bool]:
    """The text position at a corner of the view, and whether it holds. Qt's hit test
    sometimes answers a place far below: just after a scroll into text laid out a moment before
    (asked again, the right place), and at the top of a long text while the rest of it is being
    laid out (painting every highlight to the end froze a frame for seconds; the page margin
    stayed empty). An answer whose line is not laid out in view is asked again, then taken from
    ``fallback``, another point on the same edge. Checking an answer lays nothing out (asking a
    block's rectangle would lay the text out down to it: the end of the document). Past the end
    of the text (Qt's scroll range runs ahead of a text still being laid out) nothing holds:
    the end it answers is taken, and nothing is drawn."""
    top = view.verticalScrollBar().value()
    bottom = top + view.viewport().height()
    for point in (corner, corner, fallback):
        position = view.cursorForPosition(point).position()
        rect = laid_out(view.document().findBlock(position))
        if rect is not None and rect.top() <= bottom + 1 and rect.bottom() >= top - 1:
            return position, True
    return position, False


def laid_out(block: QTextBlock) -> QRectF | None:
    """Where the block stands, if Qt has laid it out (nothing is laid out to find out)."""
    layout = block.layout() if block.isValid() else None
    if layout is None or not layout.lineCount():
        return None
    return layout.boundingRect().translated(layout.position())


def line_at(document: QTextDocument, near: int, y: float, *, end: bool = False) -> int:
    """The first (or, with ``end``, last) position of the line at height ``y``, walking the
    laid-out blocks from the one holding ``near``: the hit test's stand-in when it fails."""
    block = document.findBlock(near)
    rect = laid_out(block)
    upward = rect is not None and y < rect.top()
    for _ in range(_WALK):  # a screenful of blocks, and many more
        if rect is None or (rect.top() <= y if upward else y <= rect.bottom()):
            break
        step = block.previous() if upward else block.next()
        if (step_rect := laid_out(step)) is None:
            break
        block, rect = step, step_rect
    layout = block.layout()
    for i in range(layout.lineCount() if layout is not None else 0):
        line = layout.lineAt(i)
        if layout.position().y() + line.y() + line.height() >= y:
            return block.position() + line.textStart() + (max(line.textLength() - 1, 0) if end else 0)
    return block.position()
