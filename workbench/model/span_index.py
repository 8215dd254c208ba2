"""The spans of one open document, arranged for drawing: by position, and in underline lanes.

The reading view asks two things many times a second while painting and scrolling: which spans
touch this stretch of text, and on which lane (how far below the line) each span-and-tag pair
draws its underline, so that overlapping passages stay apart. Lanes are given once when the
document opens and then kept: a new span takes the lowest lane free along its length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from heapq import heappop, heappush

from workbench.model.annotation import Span, SpanId, TagId

Mark = tuple[SpanId, TagId | None]  # one underline: a span, and one of its tags (None: untagged)


class SpanIndex:
    def __init__(self, spans: Iterable[Span] = ()) -> None:
        ordered = sorted(spans, key=lambda s: (s.start, -s.end, s.id))
        self.by_id: dict[SpanId, Span] = {span.id: span for span in ordered}
        self._starts: list[tuple[int, SpanId]] = [(span.start, span.id) for span in ordered]
        self._longest = max((span.end - span.start for span in ordered), default=0)
        self.lanes: dict[Mark, int] = {}
        # One sweep in reading order: each mark takes the lowest lane freed by spans that ended.
        active: list[tuple[int, int]] = []  # (end, lane) of marks still open
        free: list[int] = []
        for span in ordered:
            while active and active[0][0] <= span.start:
                heappush(free, heappop(active)[1])
            for mark in self.marks(span):
                lane = heappop(free) if free else len(active)
                self.lanes[mark] = lane
                heappush(active, (span.end, lane))

    def __len__(self) -> int:
        return len(self.by_id)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans that share at least one character with ``[start, end)``, by start."""
        low = bisect_left(self._starts, (start - self._longest, -1))
        high = bisect_left(self._starts, (end, -1))
        return [s for _, i in self._starts[low:high] if (s := self.by_id[i]).end > start]

    def at(self, offset: int) -> list[Span]:
        """Spans covering the character at ``offset``, shortest first (the most specific)."""
        return sorted(self.overlapping(offset, offset + 1), key=lambda s: (s.end - s.start, s.id))

    def update(self, changed: Iterable[SpanId], current: Iterable[Span]) -> None:
        """Bring the index up to date: ``changed`` ids, of which ``current`` still exist."""
        current = list(current)
        for span_id in set(changed):
            self._remove(span_id)
        for span in current:
            self._insert(span)

    # -- internals --------------------------------------------------------------------------

    @staticmethod
    def marks(span: Span) -> list[Mark]:
        return [(span.id, tag) for tag in span.tag_ids] or [(span.id, None)]

    def _insert(self, span: Span) -> None:
        self.by_id[span.id] = span
        insort(self._starts, (span.start, span.id))
        self._longest = max(self._longest, span.end - span.start)
        taken = {self.lanes[m] for other in self.overlapping(span.start, span.end) if other.id != span.id
                 for m in self.marks(other) if m in self.lanes}  # fmt: skip
        lane = 0
        for mark in self.marks(span):
            while lane in taken:
                lane += 1
            self.lanes[mark] = lane
            taken.add(lane)

    def _remove(self, span_id: SpanId) -> None:
        span = self.by_id.pop(span_id, None)
        if span is None:
            return
        index = bisect_right(self._starts, (span.start, span_id)) - 1
        if index >= 0 and self._starts[index] == (span.start, span_id):
            del self._starts[index]
        for mark in self.marks(span):
            self.lanes.pop(mark, None)
