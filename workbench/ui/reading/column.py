"""The reading view's text column: a comfortable measure (about 70 characters a line), centred,
with the printed pages' margin on its left and the highlights' stripes on its right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from workbench.ui.reading.view import ReadingView

_MEASURE_EM = 38  # the text column's width in ems of the reading font: ~70 characters a line
_MARGIN_MIN = 64  # room for a page number and the coding stripes
_MARGIN_NARROW = 40  # … when the window is narrow: the page number still fits, the text keeps its room


def lay_out_column(view: ReadingView, margin: QWidget, stripes: QWidget) -> tuple[int, int]:
    """Set the view's margins and wrapping for its width, and place ``margin`` and ``stripes``
    beside the column; the column's left edge and width."""
    frame = view.frameWidth()
    width = view.width() - view.verticalScrollBar().sizeHint().width() - 2 * frame
    em = view.fontMetrics().horizontalAdvance("M") * view.theme.reading_size / max(view.font().pointSizeF(), 1)
    measure = int(em * _MEASURE_EM)
    room = _MARGIN_MIN if width - 2 * _MARGIN_MIN >= measure else _MARGIN_NARROW  # short of room
    column = min(max(width - 2 * room, 200), measure)
    left = max(room, (width - column) // 2)
    view.setViewportMargins(left, 0, max(0, width - column - left), 0)
    # Margins do not re-wrap the text by themselves: wrap it at the column's width.
    view.setLineWrapColumnOrWidth(column)
    margin.setGeometry(frame, frame, left, view.height() - 2 * frame)
    right_edge = frame + left + view.viewport().width()
    stripes.setGeometry(right_edge, frame, max(0, width - column - left), view.height() - 2 * frame)
    return left, column
