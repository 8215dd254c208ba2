"""Theme queries: spans with tag A; A overlapping B; A in the same paragraph as B; A but not B;
and the co-occurrence of tags (how often passages of two tags overlap).

A tag stands for itself and its sub-tags. Overlaps are found per document by one sweep over the
spans in reading order, so the whole project's co-occurrence matrix costs one pass.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from sqlite_utils import Database

from workbench.model.annotation import Span, TagId, TagTree
from workbench.ops.errors import OperationError
from workbench.storage.annotations import load_spans, load_tags


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


def _by_place(spans: Iterable[Span]) -> dict[tuple[str, int | None], list[Span]]:
    """Spans grouped by the text they lie in (a document, or one of its footnotes), in reading order."""
    groups: dict[tuple[str, int | None], list[Span]] = defaultdict(list)
    for span in spans:
        groups[(span.doc_id, span.note_n)].append(span)
    for group in groups.values():
        group.sort(key=lambda s: (s.start, s.end))
    return groups


def overlapping_pairs(spans: list[Span]) -> Iterator[tuple[Span, Span]]:
    """Every pair of spans (in one text, sorted by start) that share a character."""
    active: list[Span] = []
    for span in spans:
        active = [other for other in active if other.end > span.start]
        for other in active:
            yield other, span
        active.append(span)


def run(db: Database, query: Query) -> list[Span]:
    """The spans tagged ``query.tag`` that stand in ``query.relation`` to spans tagged ``query.other``."""
    tree = TagTree(load_tags(db))
    wanted = _subtree(tree, query.tag)
    spans = load_spans(db)
    chosen = [s for s in spans if wanted & set(s.tag_ids)]
    if query.relation is None:
        return chosen
    others = _subtree(tree, query.other)
    tagged_other = {s.id for s in spans if others & set(s.tag_ids)}
    if query.relation == Relation.SAME_PARAGRAPH:
        paragraphs = _paragraph_index(db)
        with_other = {(s.doc_id, _paragraph(paragraphs, s)) for s in spans if s.id in tagged_other and s.note_n is None}
        return [s for s in chosen if s.note_n is None and (s.doc_id, _paragraph(paragraphs, s)) in with_other]
    touching: set[int] = set()
    for group in _by_place(spans).values():
        for a, b in overlapping_pairs(group):
            if b.id in tagged_other:
                touching.add(a.id)
            if a.id in tagged_other:
                touching.add(b.id)
    touching |= {s.id for s in chosen if s.id in tagged_other}  # one passage with both tags
    if query.relation == Relation.OVERLAPS:
        return [s for s in chosen if s.id in touching]
    return [s for s in chosen if s.id not in touching]


def _paragraph_index(db: Database) -> dict[str, list[int]]:
    starts: dict[str, list[int]] = defaultdict(list)
    for doc_id, start in db.execute("SELECT doc_id, start FROM blocks ORDER BY doc_id, start"):
        starts[doc_id].append(start)
    return starts


def _paragraph(index: dict[str, list[int]], span: Span) -> int:
    return bisect_right(index.get(span.doc_id, []), span.start)


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    """``counts[(a, b)]``: passages of tag a overlapping passages of tag b (or one passage with both);
    ``counts[(a, a)]``: passages of tag a. Symmetric; tags by id, each counting its sub-tags."""

    tags: tuple[TagId, ...]
    counts: Counter[tuple[TagId, TagId]]
    pairs: dict[tuple[TagId, TagId], list[tuple[int, int]]]  # the span ids behind each cell

    def count(self, a: TagId, b: TagId) -> int:
        return self.counts.get((a, b), 0)


def cooccurrence(db: Database, tags: Iterable[TagId] | None = None) -> Cooccurrence:
    tree = TagTree(load_tags(db))
    chosen = tuple(tags) if tags is not None else tuple(tag.id for tag in tree)
    owner: dict[TagId, set[TagId]] = defaultdict(set)  # a tag → the chosen tags whose sub-tree holds it
    for tag_id in chosen:
        for member in tree.subtree(tag_id):
            owner[member].add(tag_id)
    counts: Counter[tuple[TagId, TagId]] = Counter()
    pairs: dict[tuple[TagId, TagId], list[tuple[int, int]]] = defaultdict(list)
    themes: dict[int, set[TagId]] = {}
    spans = load_spans(db)
    for span in spans:
        mine = set().union(*(owner.get(t, set()) for t in span.tag_ids)) if span.tag_ids else set()
        themes[span.id] = mine
        for a in mine:
            counts[(a, a)] += 1
            for b in mine:
                if a != b:
                    counts[(a, b)] += 1
                    pairs[(a, b)].append((span.id, span.id))
    for group in _by_place(spans).values():
        for first, second in overlapping_pairs(group):
            for a in themes[first.id]:
                for b in themes[second.id]:
                    if a != b:
                        counts[(a, b)] += 1
                        counts[(b, a)] += 1
                        pairs[(a, b)].append((first.id, second.id))
                        pairs[(b, a)].append((second.id, first.id))
    return Cooccurrence(chosen, counts, dict(pairs))


def across_documents(db: Database, tag: str) -> list[tuple[str, int]]:
    """How many passages of ``tag`` each document holds, every document in project order (0s too):
    (number or title, count), so a chart shows where in a volume a theme lives."""
    tree = TagTree(load_tags(db))
    wanted = _subtree(tree, tag)
    per_document = Counter(s.doc_id for s in load_spans(db) if wanted & set(s.tag_ids))
    rows = db.execute("SELECT id, number, title FROM documents ORDER BY position")
    return [(number or title[:20], per_document.get(doc_id, 0)) for doc_id, number, title in rows]


def timeline(db: Database, tag: str) -> list[tuple[str, int]]:
    """How many passages of ``tag`` each document holds, by document date: (date, count) in date order."""
    tree = TagTree(load_tags(db))
    wanted = _subtree(tree, tag)
    per_document = Counter(s.doc_id for s in load_spans(db) if wanted & set(s.tag_ids))
    dates = dict(db.execute("SELECT id, issued FROM documents"))
    return sorted(((dates.get(doc, "") or "", n) for doc, n in per_document.items()), key=lambda item: item[0])
