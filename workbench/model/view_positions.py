"""Between reading-text offsets and positions in a rendering of the text.

A rendering (Qt's ``QTextDocument``) shows more than the reading text, namely superscript reference
marks and a dateline line, and counts UTF-16 units where the reading text counts code points.
The renderer records where each run of reading text begins in the rendering (a *segment*);
everything between runs is inserted decoration. From that record this class converts both
ways, so a selection in the window becomes a clean offset range and a stored span becomes a
range to paint.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(slots=True)
class ViewPositions:
    text: str
    _model: list[int] = field(default_factory=list)  # segment starts, reading-text offsets
    _view: list[int] = field(default_factory=list)  # the same starts, positions in the view
    _astral: list[int] = field(init=False)  # offsets of characters outside the BMP (2 UTF-16 units)

    def __post_init__(self) -> None:
        self._astral = [match.start() for match in _ASTRAL.finditer(self.text)]

    def add_segment(self, offset: int, view: int) -> None:
        """Reading text from ``offset`` on is shown from view position ``view`` (in order)."""
        if self._model and self._model[-1] == offset:  # nothing of the text between: keep the later start
            self._view[-1] = view
            return
        self._model.append(offset)
        self._view.append(view)

    def _units(self, start: int, end: int) -> int:
        """UTF-16 units of ``text[start:end]``."""
        if not self._astral:
            return end - start
        return end - start + bisect_left(self._astral, end) - bisect_left(self._astral, start)

    def to_view(self, offset: int, *, end: bool = False) -> int:
        """Where ``offset`` is shown. An ``end`` offset stays before decoration inserted there."""
        offset = max(0, min(offset, len(self.text)))
        index = (bisect_left(self._model, offset) if end and offset else bisect_right(self._model, offset)) - 1
        index = max(index, 0)
        return self._view[index] + self._units(self._model[index], offset)

    def to_model(self, view: int) -> int:
        """The reading-text offset at view position ``view``; inside decoration, where it stands."""
        index = max(bisect_right(self._view, view) - 1, 0)
        start = self._model[index]
        limit = self._model[index + 1] if index + 1 < len(self._model) else len(self.text)
        wanted = view - self._view[index]
        if not self._astral:
            return min(start + max(wanted, 0), limit)
        low, high = start, limit  # the largest offset whose units from ``start`` fit in ``wanted``
        while low < high:
            middle = (low + high + 1) // 2
            if self._units(start, middle) <= wanted:
                low = middle
            else:
                high = middle - 1
        return low
