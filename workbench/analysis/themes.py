"""Theme queries: spans with tag A; A overlapping B; A in the same paragraph as B; A but not B;
and the co-occurrence of tags (how often passages of two tags overlap).

A tag stands for itself and its sub-tags. Overlaps are found per document by one sweep over the
spans in reading order, so the whole project's co-occurrence matrix costs one pass.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sqlite_utils import Database

from workbench.model.annotation import Span, TagId, TagTree
from workbench.ops.errors import OperationError
from workbench.storage.annotations import CHUNK as _CHUNK
from workbench.storage.annotations import chunked, load_spans_by_id, load_tags, spans_with_tags


class Relation(StrEnum):
    OVERLAPS = "and"  # A overlapping B (or one passage with both)
    SAME_PARAGRAPH = "same-paragraph"  # A in a paragraph that also holds B
    NOT = "not"  # A, neither tagged B nor overlapping a B passage


@dataclass(frozen=True, slots=True)
class Query:
    tag: str
    relation: Relation | None = None
    other: str = ""


def _subtree(tree: TagTree, path: str) -> set[TagId]:
    tag = tree.find(path)
    if tag is None:
        raise OperationError(f"there is no tag '{path}'")
    return tree.subtree(tag.id)


#: A highlight as the queries need it, without its quote, note or dates: (id, document, footnote, start, end).
_Mark = tuple[int, str, int | None, int, int]


def _marks(db: Database, ids: set[int]) -> list[_Mark]:
    """The places of the given highlights, ids and offsets only: what the overlap sweep reads."""
    columns = 'SELECT id, doc_id, note_n, start, "end" FROM spans'
    wanted = sorted(ids)
    chunks = (wanted[first : first + _CHUNK] for first in range(0, len(wanted), _CHUNK))
    return [
        row for chunk in chunks for row in db.execute(f"{columns} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
    ]


def _tagged(db: Database, tag_ids: set[TagId]) -> set[int]:
    return set(spans_with_tags(db, tag_ids))


def _spans(db: Database, ids: set[int]) -> list[Span]:
    """The whole highlights ``ids`` (quote, note, tags), in reading order, as ``load_spans`` gives them."""
    wanted = sorted(ids)
    spans = [
        span for first in range(0, len(wanted), _CHUNK) for span in load_spans_by_id(db, wanted[first : first + _CHUNK])
    ]
    return sorted(spans, key=lambda s: (s.doc_id, s.note_n is not None, s.note_n or 0, s.start, -s.end, s.id))


def _by_place(marks: Iterable[_Mark]) -> dict[tuple[str, int | None], list[_Mark]]:
    """Highlights grouped by the text they lie in (a document, or one of its footnotes), by start."""
    groups: dict[tuple[str, int | None], list[_Mark]] = defaultdict(list)
    for mark in marks:
        groups[(mark[1], mark[2])].append(mark)
    for group in groups.values():
        group.sort(key=lambda m: (m[3], m[4]))
    return groups


def overlapping_pairs(marks: list[_Mark]) -> Iterator[tuple[int, int]]:
    """The ids of every pair of highlights (in one text, sorted by start) that share a character."""
    active: list[_Mark] = []
    for mark in marks:
        start = mark[3]
        active = [other for other in active if other[4] > start]
        for other in active:
            yield other[0], mark[0]
        active.append(mark)


def run(db: Database, query: Query) -> list[Span]:
    """The spans tagged ``query.tag`` that stand in ``query.relation`` to spans tagged ``query.other``.

    The highlights of both tags are found in the tag index; only they are swept for overlaps, and
    only those chosen are read whole: a query over 200,000 highlights reads its answer, not all."""
    tree = TagTree(load_tags(db))
    chosen = _tagged(db, _subtree(tree, query.tag))
    if query.relation is None:
        return _spans(db, chosen)
    tagged_other = _tagged(db, _subtree(tree, query.other))
    if query.relation == Relation.SAME_PARAGRAPH:
        marks = [m for m in _marks(db, chosen | tagged_other) if m[2] is None]
        paragraphs = _paragraph_index(db, {m[1] for m in marks if m[0] in tagged_other})
        with_other = {(m[1], _paragraph(paragraphs, m)) for m in marks if m[0] in tagged_other}
        return _spans(db, {m[0] for m in marks if m[0] in chosen and (m[1], _paragraph(paragraphs, m)) in with_other})
    touching = chosen & tagged_other  # one passage with both tags
    for group in _by_place(_marks(db, chosen | tagged_other)).values():
        for a, b in overlapping_pairs(group):
            if b in tagged_other:
                touching.add(a)
            if a in tagged_other:
                touching.add(b)
    if query.relation == Relation.OVERLAPS:
        return _spans(db, chosen & touching)
    return _spans(db, chosen - touching)


def _paragraph_index(db: Database, doc_ids: set[str]) -> dict[str, list[int]]:
    starts: dict[str, list[int]] = defaultdict(list)
    wanted = sorted(doc_ids)
    for first in range(0, len(wanted), _CHUNK):
        chunk = wanted[first : first + _CHUNK]
        sql = f"SELECT doc_id, start FROM blocks WHERE doc_id IN ({', '.join('?' * len(chunk))}) ORDER BY doc_id, start"
        for doc_id, start in db.execute(sql, chunk):
            starts[doc_id].append(start)
    return starts


def _paragraph(index: dict[str, list[int]], mark: _Mark) -> int:
    return bisect_right(index.get(mark[1], []), mark[3])


class _Cells(Mapping[tuple[TagId, TagId], list[tuple[int, int]]]):
    """The highlight pairs behind each cell of the matrix, found when a cell is asked for: listing
    them all up front cost seconds for 200,000 highlights, and a historian opens a few cells.
    ``themes`` holds the chosen tags of the highlights that overlap another (the others'
    are asked of the tag index, for the passages that carry both tags themselves)."""

    def __init__(self, db: Database, members: dict[TagId, set[TagId]], themes: dict[int, frozenset[TagId]],
                 overlaps: list[tuple[int, int]]) -> None:  # fmt: skip
        self.db, self.members, self.themes, self.overlaps = db, members, themes, overlaps

    def __getitem__(self, cell: tuple[TagId, TagId]) -> list[tuple[int, int]]:
        a, b = cell
        if a == b or a not in self.members or b not in self.members:
            raise KeyError(cell)
        both = spans_with_tags(self.db, self.members[a]) & spans_with_tags(self.db, self.members[b])
        found: list[tuple[int, int]] = [(span, span) for span in sorted(both)]
        for first, second in self.overlaps:
            if a in self.themes[first] and b in self.themes[second]:
                found.append((first, second))
            if a in self.themes[second] and b in self.themes[first]:
                found.append((second, first))
        if not found:
            raise KeyError(cell)
        return found

    def __iter__(self) -> Iterator[tuple[TagId, TagId]]:
        return ((a, b) for a in self.members for b in self.members if a != b and (a, b) in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, cell: object) -> bool:
        try:
            self[cell]  # type: ignore[index]
        except KeyError:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    """``counts[(a, b)]``: passages of tag a overlapping passages of tag b (or one passage with both);
    ``counts[(a, a)]``: passages of tag a. Symmetric; tags by id, each counting its sub-tags."""

    tags: tuple[TagId, ...]
    counts: Counter[tuple[TagId, TagId]]
    pairs: Mapping[tuple[TagId, TagId], list[tuple[int, int]]]  # the span ids behind each cell

    def count(self, a: TagId, b: TagId) -> int:
        return self.counts.get((a, b), 0)


def _all_overlaps(db: Database) -> list[tuple[int, int]]:
    """Every pair of highlights in one text that share a character: one sweep over all highlights in
    reading order, read from the index of their places (document, footnote, start, end)."""
    pairs: list[tuple[int, int]] = []
    place: tuple[str, int | None] | None = None
    active: list[_Mark] = []
    for mark in db.execute('SELECT id, doc_id, note_n, start, "end" FROM spans ORDER BY doc_id, note_n, start'):
        if (mark[1], mark[2]) != place:
            place, active = (mark[1], mark[2]), []
        elif active:
            start = mark[3]
            active = [other for other in active if other[4] > start]
            pairs += ((other[0], mark[0]) for other in active)
        active.append(mark)
    return pairs


#: Overlapping highlights whose tags are read by id; more are read in one pass over all.
_MOST = 20_000


def cooccurrence(db: Database, tags: Iterable[TagId] | None = None) -> Cooccurrence:
    """The matrix from two reads: how many highlights carry each distinct set of tags (SQLite
    counts them), and the highlights' places in reading order (one sweep finds the overlaps, whose
    tags alone are then read); counts are added per set of tags, not per highlight."""
    tree = TagTree(load_tags(db))
    chosen = tuple(tags) if tags is not None else tuple(tag.id for tag in tree)
    members = {tag_id: tree.subtree(tag_id) for tag_id in chosen}
    owner: dict[TagId, set[TagId]] = defaultdict(set)  # a tag → the chosen tags whose sub-tree holds it
    for tag_id, subtree in members.items():
        for member in subtree:
            owner[member].add(tag_id)
    known: dict[str, frozenset[TagId]] = {}

    def theme(tag_list: str) -> frozenset[TagId]:
        """The chosen tags a highlight with these tags ("3,17") counts for."""
        if (found := known.get(tag_list)) is None:
            found = known[tag_list] = frozenset().union(*(owner.get(TagId(int(t)), ()) for t in tag_list.split(",")))
        return found

    counts: Counter[tuple[TagId, TagId]] = Counter()
    for tag_list, n in db.execute(
        "SELECT tags, count(*) FROM (SELECT group_concat(tag_id) AS tags FROM span_tags GROUP BY span_id) GROUP BY tags"
    ):
        mine = theme(tag_list)
        for a in mine:
            for b in mine:
                counts[(a, b)] += n  # (a, a): the passage itself; (a, b): one passage with both
    overlaps = _all_overlaps(db)
    overlapping = {span for pair in overlaps for span in pair}
    tag_lists = "SELECT span_id, group_concat(tag_id) FROM span_tags{} GROUP BY span_id"
    if len(overlapping) > _MOST:  # most highlights overlap another: one pass over them all
        rows: Iterable[tuple[int, str]] = db.execute(tag_lists.format(""))
    else:
        chunks = chunked(overlapping)
        rows = (row for chunk in chunks for row in db.execute(
            tag_lists.format(f" WHERE span_id IN ({', '.join('?' * len(chunk))})"), chunk))  # fmt: skip
    themes = {span_id: theme(tag_list) for span_id, tag_list in rows if span_id in overlapping}
    overlaps = [(x, y) for x, y in overlaps if themes.get(x) and themes.get(y)]
    for (first, second), n in Counter((themes[x], themes[y]) for x, y in overlaps).items():
        for a in first:
            for b in second:
                if a != b:
                    counts[(a, b)] += n
                    counts[(b, a)] += n
    return Cooccurrence(chosen, counts, _Cells(db, members, themes, overlaps))


def _per_document(db: Database, tag_ids: set[TagId]) -> Counter[str]:
    """How many highlights with any of ``tag_ids`` each document holds."""
    per_document: Counter[str] = Counter()
    tagged = sorted(_tagged(db, tag_ids))
    for first in range(0, len(tagged), _CHUNK):
        chunk = tagged[first : first + _CHUNK]
        sql = f"SELECT doc_id, count(*) FROM spans WHERE id IN ({', '.join('?' * len(chunk))}) GROUP BY doc_id"
        per_document.update(dict(db.execute(sql, chunk).fetchall()))
    return per_document


def across_documents(db: Database, tag: str) -> list[tuple[str, int]]:
    """How many passages of ``tag`` each document holds, every document in project order (0s too):
    (number or title, count), so a chart shows where in a volume a theme lives."""
    tree = TagTree(load_tags(db))
    wanted = _subtree(tree, tag)
    per_document = _per_document(db, wanted)
    rows = db.execute("SELECT id, number, title FROM documents ORDER BY position")
    return [(number or title[:20], per_document.get(doc_id, 0)) for doc_id, number, title in rows]


def timeline(db: Database, tag: str) -> list[tuple[str, int]]:
    """How many passages of ``tag`` each document holds, by document date: (date, count) in date order."""
    tree = TagTree(load_tags(db))
    wanted = _subtree(tree, tag)
    per_document = _per_document(db, wanted)
    dates: dict[str, str] = {}  # of the documents that hold the theme, not all 100,000
    for chunk in chunked(per_document):
        marks = ", ".join("?" * len(chunk))
        dates.update(db.execute(f"SELECT id, issued FROM documents WHERE id IN ({marks})", chunk).fetchall())
    return sorted(((dates.get(doc, "") or "", n) for doc, n in per_document.items()), key=lambda item: item[0])
