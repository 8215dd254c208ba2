"""Which text stands in the reading view, found from Qt's hit test where it can be trusted and
from the laid-out lines where not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument

if TYPE_CHECKING:
    from workbench.ui.reading.view import ReadingView

_WALK = 2000  # blocks walked at most to find a line in view without the hit test


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
