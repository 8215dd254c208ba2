"""Which text stands in the reading view, found from Qt's hit test where it can be trusted and
from the laid-out lines where not; and where a footnote's mark stands in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument

from workbench.ui.reading.highlights import release_layouts

if TYPE_CHECKING:
    from workbench.ui.reading.view import ReadingView

_WALK = 2000  # blocks walked at most to find a line in view without the hit test


def text_in_view(view: ReadingView) -> tuple[int, int]:
    """The view positions at the top left and bottom right of the view, measured now (the view
    keeps the answer: ``ReadingView.visible_range``)."""
    viewport = view.viewport().rect()
    top, bottom = view.verticalScrollBar().value(), view.verticalScrollBar().value() + viewport.height()
    # At the very top the corner is in the page's margin, above the first line, where Qt's hit test
    # answers nonsense (and lays out the whole text to do it) while a long text is still being laid
    # out: the text in view begins where the text does.
    top_edge = (viewport.topLeft(), QPoint(viewport.width() // 2, 2))
    first, first_holds = (0, True) if top == 0 else position_in_view(view, *top_edge)
    last, last_holds = position_in_view(view, viewport.bottomRight(), QPoint(0, viewport.bottom()))
    if first_holds != last_holds:  # the other edge from the laid-out lines, walking from this one
        if first_holds:
            last = line_at(view.document(), first, bottom, end=True)
        else:
            first = line_at(view.document(), last, top)
    release_layouts(view.document(), first, last)  # asked after the text was drawn: give it back
    return first, last


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


def note_mark_rect(view: ReadingView, n: int) -> QRect:
    """Where footnote ``n``'s mark is drawn, in viewport coordinates (empty if not shown)."""
    shown, positions = view.document_model, view.positions
    note = next((note for note in shown.notes if note.n == n), None) if shown is not None else None
    if note is None or positions is None:
        return QRect()
    cursor = QTextCursor(view.document())
    before = positions.to_view(note.anchor, end=True)
    cursor.setPosition(before)
    left = view.cursorRect(cursor)
    cursor.setPosition(before + 1)
    right = view.cursorRect(cursor)
    return QRect(left.left(), left.top(), max(right.left() - left.left(), 1), left.height())
