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
from workbench.storage.listing import document_positions


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
    """The whole highlights ``ids`` (quote, note, tags): their documents in the project's order,
    each document's in reading order (its text's, then its footnotes')."""
    wanted = sorted(ids)
    spans = [
        span for first in range(0, len(wanted), _CHUNK) for span in load_spans_by_id(db, wanted[first : first + _CHUNK])
    ]
    order = document_positions(db, {span.doc_id for span in spans})
    return sorted(spans, key=lambda s: (order.get(s.doc_id, 0), s.doc_id, s.note_n is not None, s.note_n or 0,
                                        s.start, -s.end, s.id))  # fmt: skip


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
    them all up front cost seconds for 200,000 highlights, and a historian opens a few cells. A
    cell is the passages with both tags, then each overlapping pair (a's first), found by a sweep
    over the two tags' highlights alone; whether a cell has any is known from its count."""

    def __init__(self, db: Database, members: dict[TagId, set[TagId]], counts: Counter[tuple[TagId, TagId]]) -> None:
        self.db, self.members, self.counts = db, members, counts

    def __getitem__(self, cell: tuple[TagId, TagId]) -> list[tuple[int, int]]:
        if cell not in self:
            raise KeyError(cell)
        a, b = cell
        with_a, with_b = _tagged(self.db, self.members[a]), _tagged(self.db, self.members[b])
        found: list[tuple[int, int]] = [(span, span) for span in sorted(with_a & with_b)]
        for group in _by_place(_marks(self.db, with_a | with_b)).values():
            for first, second in overlapping_pairs(group):
                if first in with_a and second in with_b:
                    found.append((first, second))
                if second in with_a and first in with_b:
                    found.append((second, first))
        return found

    def __iter__(self) -> Iterator[tuple[TagId, TagId]]:
        return (cell for cell, n in self.counts.items() if n and cell[0] != cell[1])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, cell: object) -> bool:
        if not isinstance(cell, tuple) or len(cell) != 2 or cell[0] == cell[1]:
            return False
        return self.counts.get(cell, 0) > 0  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    """``counts[(a, b)]``: passages of tag a overlapping passages of tag b (or one passage with both);
    ``counts[(a, a)]``: passages of tag a. Symmetric; tags by id, each counting its sub-tags."""

    tags: tuple[TagId, ...]
    counts: Counter[tuple[TagId, TagId]]
    pairs: Mapping[tuple[TagId, TagId], list[tuple[int, int]]]  # the span ids behind each cell

    def count(self, a: TagId, b: TagId) -> int:
        return self.counts.get((a, b), 0)


class _Themes:
    """The distinct sets of chosen tags highlights count for, numbered: a highlight tagged "37,55"
    counts for the chosen tags whose sub-trees hold 37 or 55. A project has thousands of such sets
    and hundreds of thousands of highlights, so pairs of highlights are counted by pairs of numbers."""

    def __init__(self, members: dict[TagId, set[TagId]]) -> None:
        self.owner: dict[TagId, set[int]] = defaultdict(set)  # a tag → the chosen tags (by index) holding it
        for index, subtree in enumerate(members.values()):
            for member in subtree:
                self.owner[member].add(index)
        self.number: dict[str, int | None] = {}
        self.tags: list[tuple[int, ...]] = []  # a theme's number → the indexes of its chosen tags

    def of(self, tag_list: str | None) -> int | None:
        """The number of the theme of a highlight with these tags ("3,17"); ``None`` when it counts for none."""
        if not tag_list:
            return None
        if (found := self.number.get(tag_list, -1)) != -1:
            return found
        chosen = sorted(set().union(*(self.owner.get(TagId(int(t)), ()) for t in tag_list.split(","))))
        found = None
        if chosen:
            found = len(self.tags)
            self.tags.append(tuple(chosen))
        self.number[tag_list] = found
        return found


def _theme_pairs(db: Database, themes: _Themes) -> dict[tuple[int, int], int]:
    """How many pairs of highlights in one text share a character, by their themes (the earlier's,
    the later's): one sweep over all highlights in reading order, their places read from the index
    of places and their tags beside them. Only the highlights still open are looked at for each."""
    pairs: dict[tuple[int, int], int] = {}  # a dict's get, not a Counter's update: half the time
    count = pairs.get
    place: tuple[str, int | None] | None = None
    active: list[tuple[int, int]] = []  # (end, theme) of the highlights still open
    tags = "(SELECT group_concat(tag_id) FROM span_tags WHERE span_id = s.id)"
    known = themes.number
    for doc_id, note_n, start, end, tag_list in db.execute(
        f'SELECT s.doc_id, s.note_n, s.start, s."end", {tags} FROM spans s ORDER BY s.doc_id, s.note_n, s.start'
    ):
        theme = known[tag_list] if tag_list in known else themes.of(tag_list)
        if (doc_id, note_n) != place:
            place, active = (doc_id, note_n), []
        elif active:
            active = [other for other in active if other[0] > start]
            if theme is not None:
                for _, other in active:
                    pairs[other, theme] = count((other, theme), 0) + 1
        if theme is not None:
            active.append((end, theme))
    return pairs


def cooccurrence(db: Database, tags: Iterable[TagId] | None = None) -> Cooccurrence:
    """The matrix from two reads: how many highlights carry each distinct set of tags (SQLite
    counts them), and one sweep over every highlight's place, which counts overlapping pairs by
    their two sets of tags; each count is then added to the cells of its two sets' tags once, in a
    table of numbers (200,000 highlights in 500 documents: 4 million pairs, 10.6 s before)."""
    tree = TagTree(load_tags(db))
    chosen = tuple(tags) if tags is not None else tuple(tag.id for tag in tree)
    members = {tag_id: tree.subtree(tag_id) for tag_id in chosen}
    themes = _Themes(members)
    table = [[0] * len(chosen) for _ in chosen]  # table[a][b]: a's passages and b's, a earlier
    for tag_list, n in db.execute(
        "SELECT tags, count(*) FROM (SELECT group_concat(tag_id) AS tags FROM span_tags GROUP BY span_id) GROUP BY tags"
    ):
        if (theme := themes.of(tag_list)) is not None:
            mine = themes.tags[theme]
            for a in mine:
                for b in mine:
                    table[a][b] += n  # (a, a): the passage itself; (a, b): one passage with both
    overlapping = _overlap_table(len(chosen), themes, _theme_pairs(db, themes))
    counts: Counter[tuple[TagId, TagId]] = Counter()
    for a, row in enumerate(table):
        for b, n in enumerate(row):
            if a != b:
                n += overlapping[a][b] + overlapping[b][a]  # a's passage first, or b's
            if n:
                counts[(chosen[a], chosen[b])] = n
    return Cooccurrence(chosen, counts, _Cells(db, members, counts))


def _overlap_table(size: int, themes: _Themes, pairs: dict[tuple[int, int], int]) -> list[list[int]]:
    """``table[a][b]``: pairs of overlapping highlights, the earlier counting for chosen tag a, the
    later for b. The pairs of one earlier theme are first summed per later tag (2 million pairs of
    themes come to 20,000 rows of tags), then added to the rows of that theme's own tags."""
    later_by_first: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (first, second), n in pairs.items():
        later_by_first[first].append((second, n))
    table = [[0] * size for _ in range(size)]
    summed = [0] * size  # per later tag, for one earlier theme
    for first, later in later_by_first.items():
        for second, n in later:
            for b in themes.tags[second]:
                summed[b] += n
        found = [(b, n) for b, n in enumerate(summed) if n]
        for a in themes.tags[first]:
            row = table[a]
            for b, n in found:
                row[b] += n
        for b, _ in found:
            summed[b] = 0
    return table


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
