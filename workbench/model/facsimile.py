"""Where the reading text stands on the page images of its source (a PDF).

Each run of the reading text that one text rectangle of the PDF printed keeps that rectangle:
the page's index in the file and its box in PDF points (origin at the foot of the page). That
is enough to draw a highlight on the page image and to find the text under a click, without a
box per character: inside a run, characters are placed in proportion to their count.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Box:
    """Reading-text offsets ``[start, end)`` printed in this rectangle of page ``page``."""

    start: int
    end: int
    page: int
    left: float
    bottom: float
    right: float
    top: float

    def part(self, start: int, end: int) -> Box:
        """The share of the box that ``[start, end)`` (within it) takes, in proportion."""
        width = (self.right - self.left) / max(self.end - self.start, 1)
        lo, hi = max(start, self.start), min(end, self.end)
        return Box(lo, hi, self.page, self.left + width * (lo - self.start), self.bottom,
                   self.left + width * (hi - self.start), self.top)  # fmt: skip


@dataclass(slots=True)
class Facsimile:
    """The source file and the boxes of the reading text on its pages."""

    data: bytes  # the PDF itself, kept in the project so the page images travel with it
    labels: list[str]  # the printed label of each page of the file
    boxes: list[Box] = field(default_factory=list)  # in reading-text order
    _starts: list[int] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.boxes.sort(key=lambda box: box.start)
        self._starts = [box.start for box in self.boxes]

    def boxes_of(self, start: int, end: int) -> list[Box]:
        """The parts of the page boxes that print ``[start, end)``."""
        first = max(bisect_right(self._starts, start) - 1, 0)
        out = []
        for box in self.boxes[first:]:
            if box.start >= end:
                break
            if box.end > start:
                out.append(box.part(start, end))
        return out

    def offset_at(self, page: int, x: float, y: float) -> int | None:
        """The reading-text offset printed at point ``(x, y)`` of page ``page``, or the nearest line's."""
        candidates = [box for box in self.boxes if box.page == page]
        if not candidates:
            return None
        inside = [box for box in candidates if box.bottom - 2 <= y <= box.top + 2]
        pool = inside or sorted(candidates, key=lambda box: min(abs(box.bottom - y), abs(box.top - y)))[:1]
        box = min(pool, key=lambda b: 0 if b.left <= x <= b.right else min(abs(b.left - x), abs(b.right - x)))
        share = (x - box.left) / max(box.right - box.left, 1e-6)
        return box.start + round(min(max(share, 0.0), 1.0) * (box.end - box.start))

    def page_of(self, offset: int) -> int | None:
        index = bisect_right(self._starts, offset) - 1
        return self.boxes[index].page if index >= 0 else (self.boxes[0].page if self.boxes else None)
