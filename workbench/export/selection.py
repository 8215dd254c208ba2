"""Which highlights to export, and in what order.

Tags combine as a historian asks: every one of ``all_tags`` (AND), at least one of ``any_tags``
(OR), none of ``not_tags`` (NOT); a tag stands for itself and all its sub-tags. The rest narrows
further: documents, words in the quote or note, or a hand-picked list of highlights.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from sqlite_utils import Database

from workbench.model import Document, DocumentId
from workbench.model.annotation import Span, SpanId, TagId, TagTree
from workbench.ops.errors import OperationError
from workbench.storage import load_document
from workbench.storage.annotations import chunked, load_spans, load_spans_by_id, load_tags, spans_with_tags
from workbench.storage.documents import load_page_outlines
from workbench.storage.search import search_page


class Order(StrEnum):
    DOCUMENT = "document"  # by document (in project order), then position
    TAG = "tag"  # by the first tag's path, then document and position
    DATE = "date"  # by the document's date, then position


@dataclass(frozen=True, slots=True)
class Selection:
    all_tags: tuple[str, ...] = ()
    any_tags: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    words: str = ""
    span_ids: tuple[int, ...] | None = None
    order: Order = Order.DOCUMENT
    search: str = ""  # instead of highlights: the sentences where a search's words stand


@dataclass(slots=True)
class Selected:
    """The highlights chosen, each with its document; and the tag tree to name their tags."""

    items: list[tuple[Document, Span]] = field(default_factory=list)
    tree: TagTree = field(default_factory=lambda: TagTree([]))
    warnings: list[str] = field(default_factory=list)


def _subtrees(tree: TagTree, paths: tuple[str, ...]) -> list[set[TagId]]:
    found = []
    for path in paths:
        tag = tree.find(path)
        if tag is None:
            raise OperationError(f"there is no tag '{path}'")
        found.append(tree.subtree(tag.id))
    return found


def _candidates(db: Database, selection: Selection, every: list[set[TagId]], some: list[set[TagId]]) -> set[int] | None:
    """The highlights the tags (AND, OR) and the hand-picked list allow, from the tag index; ``None``: all."""
    found: set[int] | None = set(selection.span_ids) if selection.span_ids is not None else None
    for group in [*every, *([set().union(*some)] if some else [])]:
        tagged: set[int] = set(spans_with_tags(db, group))
        found = tagged if found is None else found & tagged
    return found


def _documents(db: Database, selection: Selection, candidates: set[int] | None) -> list[str]:
    """The documents holding candidate highlights, in project order: only those are read."""
    if candidates is None:
        held = {row[0] for row in db.execute("SELECT DISTINCT doc_id FROM spans")}
    else:
        held = set()
        for chunk in chunked(candidates):
            held.update(row[0] for row in db.execute(
                f"SELECT DISTINCT doc_id FROM spans WHERE id IN ({', '.join('?' * len(chunk))})", chunk))  # fmt: skip
    if selection.documents:
        held &= set(selection.documents)
    return _documents_in_order(db, held)


def _spans_of(db: Database, rows: list[str], candidates: set[int] | None) -> Iterator[Span]:
    """The candidate highlights (by id, a chunk at a time), or every highlight of the documents."""
    if candidates is None:
        for doc_id in rows:
            yield from load_spans(db, doc_id)
        return
    documents = set(rows)
    for chunk in chunked(candidates):
        yield from (span for span in load_spans_by_id(db, chunk) if span.doc_id in documents)


def _documents_in_order(db: Database, held: set[str]) -> list[str]:
    positions: list[tuple[int, str]] = []
    for chunk in chunked(held):
        positions += db.execute(
            f"SELECT position, id FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk
        )
    return [doc_id for _, doc_id in sorted(positions)]


def select(db: Database, selection: Selection) -> Selected:
    """The highlights ``selection`` asks for. Tags are looked up in their index first, so a tag across
    a project of 100,000 documents reads the documents that hold its highlights, not every one."""
    tree = TagTree(load_tags(db))
    every, some, none = (
        _subtrees(tree, paths) for paths in (selection.all_tags, selection.any_tags, selection.not_tags)
    )
    excluded = set().union(*none) if none else set()
    if selection.search:
        return _search_excerpts(db, selection, tree)
    candidates = _candidates(db, selection, every, some)
    rows = _documents(db, selection, candidates)
    words = selection.words.lower().split()

    def wanted(span: Span) -> bool:
        tags = set(span.tag_ids)
        if any(not tags & group for group in every) or (some and not any(tags & g for g in some)):
            return False
        if tags & excluded:
            return False
        return not words or all(w in f"{span.quote} {span.note}".lower() for w in words)

    kept: dict[str, list[Span]] = {}
    for span in _spans_of(db, rows, candidates):
        if wanted(span):
            kept.setdefault(span.doc_id, []).append(span)
    # What a citation and a page need (details, page breaks, note anchors), without the texts.
    outlines = {
        doc_id: document for chunk in chunked(kept) for doc_id, document in load_page_outlines(db, chunk).items()
    }
    items = [(outlines[DocumentId(doc_id)], span) for doc_id in rows for span in kept.get(doc_id, [])]
    return Selected(_ordered(items, rows, tree, selection.order), tree)


#: Hits an export of a search result takes at most (a word in every document would be the whole series).
SEARCH_LIMIT = 5_000
_SENTENCE_END = re.compile(r"[.!?…]\s|\n")
_REACH = 400  # characters either side of the words, at most, when no sentence ends nearer


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding ``text[start:end]``, bounded to ``_REACH`` either side."""
    left = max(0, start - _REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    left = ends[-1] if ends else left
    while left < start and text[left].isspace():
        left += 1
    limit = min(len(text), end + _REACH)
    after = _SENTENCE_END.search(text, end, limit)
    right = limit if after is None else after.start() + (text[after.start()] != "\n")
    return left, right


def _search_excerpts(db: Database, selection: Selection, tree: TagTree) -> Selected:
    """The sentences of the documents' text where the words of ``selection.search`` stand, each made a
    quotation (a highlight not stored: no tags, no note), two hits in one sentence making one; in
    the selection's order. Only the first ``SEARCH_LIMIT`` hits, with a warning past them."""
    page = search_page(db, selection.search, limit=SEARCH_LIMIT)
    places: dict[str, list[tuple[int, int]]] = {}
    for hit in page.hits:
        if hit.kind == "text" and (not selection.documents or hit.doc_id in selection.documents):
            places.setdefault(hit.doc_id, []).append((hit.start, hit.end))
    rows = _documents_in_order(db, set(places))
    items: list[tuple[Document, Span]] = []
    for doc_id in rows:
        document = load_document(db, doc_id)
        sentences = sorted({_sentence(document.text, start, end) for start, end in places[doc_id]})
        for left, right in sentences:
            if items and items[-1][0].id == doc_id and left < items[-1][1].end:
                continue  # overlapping sentences at the reach's edge: the first stands for both
            span = Span(SpanId(-len(items) - 1), "", document.id, left, right, document.text[left:right], "", "")
            items.append((document, span))
    warnings = [f"only the first {SEARCH_LIMIT:,} hits of “{selection.search}” were exported"] if page.more else []
    return Selected(_ordered(items, rows, tree, selection.order), tree, warnings)


def _ordered(items: list[tuple[Document, Span]], rows: list[str], tree: TagTree, order_by: Order) -> list:
    order = {doc_id: i for i, doc_id in enumerate(rows)}
    paths = {tag.id: tree.path(tag.id) for tag in tree}

    def position_key(item: tuple[Document, Span]) -> tuple:
        document, span = item
        return (order[document.id], span.note_n is not None, span.note_n or 0, span.start, span.end)

    if order_by == Order.TAG:
        items.sort(key=lambda item: (min((paths[t].lower() for t in item[1].tag_ids if t in paths), default="\uffff"),
                                     position_key(item)))  # fmt: skip
    elif order_by == Order.DATE:
        items.sort(key=lambda item: (item[0].metadata.issued or "9999", position_key(item)))
    else:
        items.sort(key=position_key)
    return items
