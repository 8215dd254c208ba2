"""The reader's place through resizes: the words at the top of the view stay at the top while the
column re-wraps, through a run of resizes without drift, until the reader moves the text."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.ui.reading.view import ReadingView

_SETTLING_S = 0.5  # after a resize, the re-wrapped text may still move the scroll bar this long


class KeptPlace:
    def __init__(self, view: ReadingView) -> None:
        self._view = view
        self._top: int | None = None  # the place a resize keeps: the position first shown
        self._kept: tuple[int, float] | None = None  # the scroll value it was kept at, and when

    def forget(self) -> None:
        """A new text: its place is where the reader goes next."""
        self._top = self._kept = None

    def reader_moved(self, *_: object) -> None:
        """The reader (or a jump to a hit, a highlight, a note) moved the text: that is the place now."""
        self._kept = None

    def before_resize(self) -> None:
        """Kept through a run of resizes, so no drift accumulates; at the very top, the top stays."""
        view = self._view
        if view.positions is not None and self._moved_since_kept():
            self._top = view.top_position() if view.verticalScrollBar().value() else None

    def after_resize(self) -> None:
        view = self._view
        if self._top is not None and view.positions is not None:
            view.scroll_to_top(self._top)
            self._kept = (view.verticalScrollBar().value(), time.monotonic())

    def _moved_since_kept(self) -> bool:
        """Whether the reader has scrolled since the place was last kept. (The text re-wrapping
        just after a resize moves the scroll bar too: that does not count as the reader's move.)"""
        if self._top is None or self._kept is None:
            return True
        value, when = self._kept
        return self._view.verticalScrollBar().value() != value and time.monotonic() - when > _SETTLING_S
