"""Where the reading text stands on the page images of its source (a PDF).

Each run of the reading text that one text rectangle of the PDF printed keeps that rectangle:
the page's index in the file and its box in PDF points (origin at the foot of the page). That
is enough to draw a highlight on the page image and to find the text under a click, without a
box per character: inside a run, characters are placed in proportion to their count.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass


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

    def __iter__(self) -> Iterator[int | float]:
        return iter(astuple(self))

    def part(self, start: int, end: int) -> Box:
        """The share of the box that ``[start, end)`` (within it) takes, in proportion."""
        width = (self.right - self.left) / max(self.end - self.start, 1)
        lo, hi = max(start, self.start), min(end, self.end)
        return Box(lo, hi, self.page, self.left + width * (lo - self.start), self.bottom,
                   self.left + width * (hi - self.start), self.top)  # fmt: skip


class Facsimile:
    """The source file and the boxes of the reading text on its pages.

    The boxes are kept packed, one array a column (44 bytes a box, where a ``Box`` object costs
    about 260): a 500-page volume has some 20,000 of them, a dense 1,000-page one 100,000 or more,
    and the pane asks only for the few on the page it shows. ``Box`` objects are made on demand.
    """

    __slots__ = ("_corners", "_ends", "_pages", "_starts", "data", "labels")

    def __init__(self, data: bytes, labels: list[str], boxes: Iterable[Box | tuple] = ()) -> None:
        self.data = data  # the PDF itself, kept in the project so the page images travel with it
        self.labels = labels  # the printed label of each page of the file
        rows = sorted((tuple(box) for box in boxes), key=lambda row: row[0])
        self._starts: array[int] = array("i", (int(row[0]) for row in rows))  # in reading-text order
        self._ends: array[int] = array("i", (int(row[1]) for row in rows))
        self._pages: array[int] = array("i", (int(row[2]) for row in rows))
        self._corners: array[float] = array(
            "d", (value for row in rows for value in row[3:7])
        )  # left, bottom, right, top

    def __len__(self) -> int:
        return len(self._starts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Facsimile):
            return NotImplemented
        return (self.data, self.labels, self._starts, self._ends, self._pages, self._corners) == (
            other.data, other.labels, other._starts, other._ends, other._pages, other._corners
        )  # fmt: skip

    __hash__ = None  # type: ignore[assignment]

    def box(self, index: int) -> Box:
        corners = self._corners[4 * index : 4 * index + 4]
        return Box(self._starts[index], self._ends[index], self._pages[index], *corners)

    @property
    def boxes(self) -> list[Box]:
        """Every box, in reading-text order (made afresh: for storing and for tests)."""
        return [self.box(index) for index in range(len(self))]

    def boxes_of(self, start: int, end: int) -> list[Box]:
        """The parts of the page boxes that print ``[start, end)``."""
        index = max(bisect_right(self._starts, start) - 1, 0)
        out = []
        while index < len(self) and self._starts[index] < end:
            if self._ends[index] > start:
                out.append(self.box(index).part(start, end))
            index += 1
        return out

    def offset_at(self, page: int, x: float, y: float) -> int | None:
        """The reading-text offset printed at point ``(x, y)`` of page ``page``, or the nearest line's."""
        candidates = [self.box(index) for index, on in enumerate(self._pages) if on == page]
        if not candidates:
            return None
        inside = [box for box in candidates if box.bottom - 2 <= y <= box.top + 2]
        pool = inside or sorted(candidates, key=lambda box: min(abs(box.bottom - y), abs(box.top - y)))[:1]
        box = min(pool, key=lambda b: 0 if b.left <= x <= b.right else min(abs(b.left - x), abs(b.right - x)))
        share = (x - box.left) / max(box.right - box.left, 1e-6)
        return box.start + round(min(max(share, 0.0), 1.0) * (box.end - box.start))

    def page_of(self, offset: int) -> int | None:
        index = bisect_right(self._starts, offset) - 1
        return self._pages[index] if index >= 0 else (self._pages[0] if len(self) else None)
