"""The span index the reading view paints from: range queries and underline lanes."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.model import DocumentId
from workbench.model.annotation import Span, SpanId, SpanPlace, TagId
from workbench.model.span_index import SpanIndex


def span(i: int, start: int, end: int, *tags: int) -> Span:
    return Span(SpanId(i), f"u{i}", DocumentId("d"), start, end, "", "", "", tuple(TagId(t) for t in tags))


def test_overlapping_and_at() -> None:
    index = SpanIndex([span(1, 0, 100, 1), span(2, 10, 20, 2), span(3, 50, 60, 1), span(4, 200, 210)])
    assert [s.id for s in index.overlapping(15, 55)] == [1, 2, 3]
    assert [s.id for s in index.overlapping(20, 50)] == [1]  # ends are exclusive
    assert [s.id for s in index.at(12)] == [2, 1]  # the shortest first
    assert index.overlapping(100, 200) == []


def test_overlapping_spans_and_tags_get_different_lanes() -> None:
    index = SpanIndex([span(1, 0, 100, 1, 2), span(2, 10, 20, 3), span(3, 150, 160, 1)])
    lanes = index.lanes
    assert {lanes[(1, 1)], lanes[(1, 2)], lanes[(2, 3)]} == {0, 1, 2}
    assert lanes[(3, 1)] == 0  # nothing overlaps it


def test_update_adds_changes_and_removes() -> None:
    index = SpanIndex([span(1, 0, 10, 1), span(2, 5, 15, 2)])
    index.update([SpanId(2), SpanId(3)], [span(3, 8, 12, 1)])
    assert sorted(index.by_id) == [1, 3]
    assert index.lanes[(3, 1)] == 1 and (2, 2) not in index.lanes
    index.update([SpanId(1)], [span(1, 0, 20, 1, 2)])  # retagged and resized
    assert index.by_id[SpanId(1)].end == 20 and (1, 2) in index.lanes


@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 60), st.integers(1, 4)), max_size=60), st.integers(0, 400)
)
def test_queries_match_brute_force_and_lanes_never_collide(raw: list[tuple[int, int, int]], probe: int) -> None:
    spans = [span(i + 1, a, a + n, t) for i, (a, n, t) in enumerate(raw)]
    index = SpanIndex(random.Random(1).sample(spans, len(spans)))
    assert {s.id for s in index.overlapping(probe, probe + 25)} == {
        s.id for s in spans if s.overlaps(probe, probe + 25)
    }
    for a in spans:
        for b in spans:
            if a.id < b.id and a.overlaps(b.start, b.end):
                assert index.lanes[(a.id, a.tag_ids[0])] != index.lanes[(b.id, b.tag_ids[0])]


def _brute(spans: dict[int, Span], start: int, end: int) -> list[int]:
    return sorted((s.id for s in spans.values() if s.start < end and s.end > start),
                  key=lambda i: (spans[i].start, i))  # fmt: skip


_SPANS = st.lists(st.tuples(st.integers(0, 300), st.integers(1, 300)), max_size=60)
_EDITS = st.lists(st.tuples(st.integers(0, 80), st.integers(0, 300), st.integers(0, 300), st.booleans()), max_size=60)


@given(_SPANS, _EDITS, st.lists(st.tuples(st.integers(0, 620), st.integers(0, 40)), min_size=1, max_size=20))
def test_overlapping_agrees_with_a_brute_force_search_through_any_edits(spans, edits, queries) -> None:
    """Whatever the spans' lengths (one may cover the whole text) and whatever was added, resized or
    removed since the index was made, it finds exactly the overlapping spans, in order."""
    known = {i: span(i, a, a + n) for i, (a, n) in enumerate(spans)}
    index = SpanIndex(known.values())
    for i, a, n, keep in edits:
        if keep:
            known[i] = span(i, a, a + n + 1)
            index.update([SpanId(i)], [known[i]])
        else:
            known.pop(i, None)
            index.update([SpanId(i)], [])
        for start, width in queries:
            assert [s.id for s in index.overlapping(start, start + width)] == _brute(known, start, start + width)


def test_one_long_span_does_not_make_queries_read_the_others() -> None:
    """A highlight over the whole text once made every query read every span before the viewport
    (0.003 → 0.82 ms a query): the tree reads a number of nodes that grows with the logarithm of the
    spans, not with the spans."""

    class Counting(list):
        reads = 0

        def __getitem__(self, key):
            Counting.reads += 1
            return super().__getitem__(key)

    spans = [span(0, 0, 1_000_000)] + [span(i, i * 100, i * 100 + 50) for i in range(1, 10_001)]
    index = SpanIndex(spans)
    index._tree = Counting(index._tree)
    assert [s.id for s in index.overlapping(900_000, 900_060)] == [0, 9000]
    assert 0 < Counting.reads < 120  # 10,000 spans: a tree 14 deep, two paths down it and their siblings


@given(_SPANS, st.lists(st.tuples(st.integers(0, 300), st.integers(1, 300)), min_size=33, max_size=80))
def test_many_changes_at_once_give_the_index_of_the_result(spans, added) -> None:
    """A merge changes thousands of spans in one step: the index is made again in one pass (one by
    one, it rebuilt its tree every 32 of them: five seconds for 10,000), and answers as before."""
    known = {i: span(i, a, a + n, 1) for i, (a, n) in enumerate(spans)}
    index = SpanIndex(known.values())
    new = {1000 + i: span(1000 + i, a, a + n, 2) for i, (a, n) in enumerate(added)}
    gone = [SpanId(i) for i in list(known)[::2]]
    for span_id in gone:
        known.pop(span_id)
    known.update(new)
    builds = 0
    build = index._build

    def counted() -> None:
        nonlocal builds
        builds += 1
        build()

    index._build = counted  # type: ignore[method-assign]
    index.update([*gone, *(SpanId(i) for i in new)], new.values())
    assert builds <= 1
    assert sorted(index.by_id) == sorted(known)
    for start in range(0, 620, 40):
        assert [s.id for s in index.overlapping(start, start + 40)] == _brute(known, start, start + 40)
    for a in known.values():
        for b in known.values():
            if a.id < b.id and a.overlaps(b.start, b.end):
                assert index.lanes[(a.id, a.tag_ids[0])] != index.lanes[(b.id, b.tag_ids[0])]


def _place(i: int, start: int, end: int, tags: int) -> SpanPlace:
    return SpanPlace(
        SpanId(i), DocumentId("d"), start, end, tuple(TagId(t) for t in range(1, tags + 1)), None, False, ""
    )


def _random_places(rng: random.Random, count: int, text: int) -> dict[int, SpanPlace]:
    """``count`` spans: many sharing a start, nested, some over the whole text, with 0, 1 or 3 tags."""
    starts = [rng.randrange(text) for _ in range(max(1, count // 4))]  # few starts: many spans share one
    places = {}
    for i in range(count):
        if rng.random() < 0.05:
            start, end = 0, text
        else:
            start = rng.choice(starts) if rng.random() < 0.5 else rng.randrange(text)
            end = start + rng.choice([1, 2, rng.randint(1, 50), rng.randint(1, text)])
        places[i] = _place(i, start, end, rng.choice([0, 1, 3]))
    return places


def _assert_agrees(index: SpanIndex, known: dict[int, SpanPlace], rng: random.Random, text: int) -> None:
    assert len(index) == len(known)
    for _ in range(30):
        start = rng.randrange(-2, text + 3)
        end = start + rng.choice([0, 1, 2, rng.randint(1, text)])
        assert [s.id for s in index.overlapping(start, end)] == _brute(known, start, end)
        expected = sorted(
            (s for s in known.values() if s.start <= start < s.end), key=lambda s: (s.end - s.start, s.id)
        )
        assert [s.id for s in index.at(start)] == [s.id for s in expected]
    marks = {span.id: SpanIndex.marks(span) for span in known.values()}
    assert set(index.lanes) == {mark for span_marks in marks.values() for mark in span_marks}
    for span_marks in marks.values():  # a span's own tags each on a lane of their own
        assert len({index.lanes[mark] for mark in span_marks}) == len(span_marks)
    ordered = sorted(known.values(), key=lambda s: s.start)
    for n, a in enumerate(ordered):  # every pair of overlapping spans: no lane in common
        for b in ordered[n + 1 :]:
            if b.start >= a.end:
                break
            assert not {index.lanes[m] for m in marks[a.id]} & {index.lanes[m] for m in marks[b.id]}


@pytest.mark.parametrize("count", [0, 1, 2, 3, 5, 64, 1000])
@pytest.mark.parametrize("seed", range(3))
def test_places_with_any_tags_are_found_and_laned_as_a_brute_force_search_says(count: int, seed: int) -> None:
    """Spans with no tag, one or three, sharing starts, nested or over the whole text: ``overlapping``
    and ``at`` answer as a search through every span does, and no two overlapping underlines share a
    lane, when the index is made and after many changes one by one and many at once."""
    rng = random.Random(count * 10 + seed)
    text = 400
    known = _random_places(rng, count, text)
    index = SpanIndex(rng.sample(list(known.values()), len(known)))
    _assert_agrees(index, known, rng, text)
    for _ in range(100):  # one by one: resized, retagged, added, removed
        i = rng.randrange(count + 5)
        if i in known and rng.random() < 0.3:
            del known[i]
            index.update([SpanId(i)], [])
        else:
            start = rng.randrange(text)
            known[i] = _place(i, start, start + rng.randint(1, text - start), rng.choice([0, 1, 3]))
            index.update([SpanId(i)], [known[i]])
        if rng.random() < 0.2:
            _assert_agrees(index, known, rng, text)
    _assert_agrees(index, known, rng, text)
    changed = rng.sample(sorted(known), min(len(known), 40)) + [5000 + n for n in range(5)]  # many at once
    current = {
        i: _place(i, s, s + rng.randint(1, 30), rng.choice([0, 1, 3]))
        for i in changed[::2]
        for s in [rng.randrange(text)]
    }
    for i in changed:
        known.pop(i, None)
    known.update(current)
    index.update([SpanId(i) for i in changed], current.values())
    _assert_agrees(index, known, rng, text)
