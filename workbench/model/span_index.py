"""The spans of one open document, arranged for drawing: by position, and in underline lanes.

The reading view asks two things many times a second while painting and scrolling: which spans
touch this stretch of text, and on which lane (how far below the line) each span-and-tag pair
draws its underline, so that overlapping passages stay apart. Lanes are given once when the
document opens and then kept: a new span takes the lowest lane free along its length.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from heapq import heappop, heappush
from operator import attrgetter

from workbench.model.annotation import SpanId, SpanPlace, TagId

_PENDING = 32  # changed spans read one by one before the tree is built again
Mark = tuple[SpanId, TagId | None]  # one underline: a span, and one of its tags (None: untagged)
_UNTAGGED: tuple[None] = (None,)  # the one mark of a span without tags
_BY_START = attrgetter("start", "id")


class SpanIndex:
    """Range queries stay logarithmic whatever the spans' lengths: the spans sorted by start, under
    a tree that knows the furthest end below each node (an interval tree flattened into a list).
    A few spans changed since the tree was built wait beside it, read one by one, until there are
    enough of them to build it again: a key press changes one span, a frame queries twice."""

    def __init__(self, spans: Iterable[SpanPlace] = ()) -> None:
        self._index_all(spans)

    def _index_all(self, spans: Iterable[SpanPlace]) -> None:
        """The tree and the lanes made anew for ``spans`` (run as a document opens: 10,000 spans
        in a few milliseconds)."""
        ordered = sorted(spans, key=lambda s: (s.start, -s.end, s.id))
        self.by_id: dict[SpanId, SpanPlace] = {span.id: span for span in ordered}
        self._build()
        lanes: dict[Mark, int] = {}
        # One sweep in reading order: each mark takes the lowest lane freed by spans that ended.
        active: list[tuple[int, int]] = []  # (end, lane) of marks still open
        free: list[int] = []
        for span in ordered:
            start, end, span_id = span.start, span.end, span.id
            while active and active[0][0] <= start:
                heappush(free, heappop(active)[1])
            for tag in span.tag_ids or _UNTAGGED:
                lane = heappop(free) if free else len(active)
                lanes[span_id, tag] = lane
                heappush(active, (end, lane))
        self.lanes = lanes

    def __len__(self) -> int:
        return len(self.by_id)

    def overlapping(self, start: int, end: int) -> list[SpanPlace]:
        """Spans that share at least one character with ``[start, end)``, by start."""
        if len(self._pending) + len(self._gone) > _PENDING:
            self._build()
        found = [span for span in self._query(start, end) if span.id not in self._gone]
        if self._pending:
            found += [span for span in self._pending.values() if span.start < end and span.end > start]
            found.sort(key=lambda span: (span.start, span.id))
        return found

    def at(self, offset: int) -> list[SpanPlace]:
        """Spans covering the character at ``offset``, shortest first (the most specific)."""
        return sorted(self.overlapping(offset, offset + 1), key=lambda s: (s.end - s.start, s.id))

    def update(self, changed: Iterable[SpanId], current: Iterable[SpanPlace]) -> None:
        """Bring the index up to date: ``changed`` ids, of which ``current`` still exist.

        A few changes are placed one by one (each keeps its neighbours' lanes); many at once (a
        merge, an import of a colleague's work) are quicker indexed anew with everything else,
        and one by one would rebuild the tree every ``_PENDING`` of them."""
        current, changed = list(current), set(changed)
        if len(changed) > _PENDING:
            kept = [span for span_id, span in self.by_id.items() if span_id not in changed]
            self._index_all(kept + current)
            return
        for span_id in changed:
            self._remove(span_id)
        for span in current:
            self._insert(span)

    # -- internals --------------------------------------------------------------------------

    @staticmethod
    def marks(span: SpanPlace) -> list[Mark]:
        return [(span.id, tag) for tag in span.tag_ids or _UNTAGGED]

    def _build(self) -> None:
        """The tree over every span: leaf ``size + i`` holds the end of the ``i``-th span by start,
        each node the furthest end below it."""
        self._spans = sorted(self.by_id.values(), key=_BY_START)
        self._starts = [span.start for span in self._spans]
        size = 1
        while size < len(self._spans):
            size *= 2
        # Level by level from the leaves up, each node the larger of its two below (in C, by map).
        levels = [[span.end for span in self._spans] + [-1] * (size - len(self._spans))]
        while len(levels[-1]) > 1:
            below = levels[-1]
            levels.append(list(map(max, below[0::2], below[1::2])))
        self._tree = [-1]  # node 1 is the root, node n's children are 2n and 2n + 1
        for level in reversed(levels):
            self._tree += level
        self._pending: dict[SpanId, SpanPlace] = {}  # added or changed since the tree was built
        self._gone: set[SpanId] = set()  # in the tree but removed or changed since

    def _query(self, start: int, end: int) -> list[SpanPlace]:
        """The tree's spans that overlap ``[start, end)``: those starting before ``end`` are a prefix
        of the order by start; within it, every subtree whose furthest end is ``start`` or less is
        skipped whole."""
        high = bisect_left(self._starts, end)
        tree, size = self._tree, len(self._tree) // 2
        found: list[int] = []
        stack = [(1, 0, size)]  # a node, and the positions [first, last) below it
        while stack:
            node, first, last = stack.pop()
            if first >= high or tree[node] <= start:
                continue
            if node >= size:
                found.append(first)
                continue
            middle = (first + last) // 2
            stack.append((2 * node + 1, middle, last))
            stack.append((2 * node, first, middle))
        return [self._spans[i] for i in found]

    def _insert(self, span: SpanPlace) -> None:
        taken = {self.lanes[m] for other in self.overlapping(span.start, span.end) if other.id != span.id
                 for m in self.marks(other) if m in self.lanes}  # fmt: skip
        self.by_id[span.id] = span
        self._pending[span.id] = span
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
        self._pending.pop(span_id, None)
        self._gone.add(span_id)  # if the tree holds it, its answers leave it out
        for mark in self.marks(span):
            self.lanes.pop(mark, None)
