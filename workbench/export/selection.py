"""Which highlights to export, and in what order: found in one pass, read back in a second.

Tags combine as a historian asks: every one of ``all_tags`` (AND), at least one of ``any_tags``
(OR), none of ``not_tags`` (NOT); a tag stands for itself and all its sub-tags. The rest narrows
further: documents, words in the quote or note, or a hand-picked list of highlights.

A tag across 200 volumes may hold 200,000 highlights, and an export of it must not hold them all
(with their documents' page maps) at once. So ``select`` first walks the candidates a chunk at a
time and writes each one kept, as a sort key and an id, into a private scratch database
(``sqlite3.connect("")``: a temporary file SQLite deletes on closing, never the project); SQLite
sorts them there, and ``Selected.items`` reads them back in order a chunk at a time, with only
that chunk's highlights and page maps in memory.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice

from sqlite_utils import Database

from workbench.model import Document, DocumentId
from workbench.model.annotation import Span, SpanId, SpanPlace, TagId, TagTree
from workbench.ops.errors import OperationError
from workbench.storage.annotations import (
    chunked,
    iter_places,
    load_spans,
    load_spans_by_id,
    load_tags,
    spans_with_tags,
)
from workbench.storage.documents import load_page_outlines
from workbench.storage.search import search_hits


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


#: Highlights (or sentences) read back from the scratch database at a time.
_READ = 500

_SCRATCH = """CREATE TABLE chosen (
    sort TEXT NOT NULL, position INTEGER NOT NULL, in_note INTEGER NOT NULL, note_n INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, span_id INTEGER, doc_id TEXT NOT NULL, quote TEXT)"""
_ORDER = 'ORDER BY sort, position, in_note, note_n, start, "end"'


@dataclass(slots=True)
class Selected:
    """The highlights chosen, sorted in ``scratch``; read them with ``items`` (as often as needed)."""

    scratch: sqlite3.Connection
    db: Database
    count: int
    tree: TagTree = field(default_factory=lambda: TagTree([]))
    warnings: list[str] = field(default_factory=list)

    def items(self, limit: int | None = None) -> Iterator[tuple[Document, Span]]:
        """Each highlight with its document's page map, in order: ``_READ`` at a time in memory."""
        rows = self.scratch.execute(f'SELECT span_id, doc_id, start, "end", quote FROM chosen {_ORDER}')
        unsaved = 0
        for chunk in iter(lambda: rows.fetchmany(_READ), []):
            if limit is not None:
                chunk = chunk[:limit]
                limit -= len(chunk)
            spans = {span.id: span for span in load_spans_by_id(self.db, [r[0] for r in chunk if r[0] is not None])}
            outlines = load_page_outlines(self.db, {row[1] for row in chunk})
            for span_id, doc_id, start, end, quote in chunk:
                if span_id is None:  # a search's sentence: a highlight not stored (no tags, no note)
                    unsaved += 1
                    yield outlines[DocumentId(doc_id)], Span(SpanId(-unsaved), "", doc_id, start, end, quote, "", "")
                elif span_id in spans:
                    yield outlines[DocumentId(doc_id)], spans[SpanId(span_id)]
            if limit == 0:
                return

    def documents(self) -> Iterator[Document]:
        """Each document cited once, in order of first citation (page maps only, ``_READ`` at a time)."""
        seen: set[str] = set()
        rows = self.scratch.execute(f"SELECT doc_id FROM chosen {_ORDER}")
        for chunk in iter(lambda: rows.fetchmany(_READ), []):
            new = list(dict.fromkeys(doc_id for (doc_id,) in chunk if doc_id not in seen))
            seen.update(new)
            outlines = load_page_outlines(self.db, new)
            yield from (outlines[DocumentId(doc_id)] for doc_id in new)

    def close(self) -> None:
        self.scratch.close()


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


def _spans_of(
    db: Database, selection: Selection, candidates: set[int] | None, words: bool
) -> Iterator[list[Span] | list[SpanPlace]]:
    """The candidate highlights a chunk at a time (by id), or every highlight, a document at a time.
    When no words are asked for, every highlight's place and tags are enough, read in one pass
    (200,000 highlights in 86,000 documents had been read whole, a document at a time: 6.6 s)."""
    if candidates is None and not words and not selection.documents:
        yield from iter_places(db)
        return
    if candidates is None:
        wanted = selection.documents or [row[0] for row in db.execute("SELECT DISTINCT doc_id FROM spans")]
        yield from (load_spans(db, doc_id) for doc_id in wanted)
        return
    documents = set(selection.documents)
    for chunk in chunked(candidates):
        yield [span for span in load_spans_by_id(db, chunk) if not documents or span.doc_id in documents]


def _places(db: Database, doc_ids: set[str]) -> dict[str, tuple[int, str]]:
    """Each document's place in the project and its date (``9999`` when undated)."""
    places: dict[str, tuple[int, str]] = {}
    for chunk in chunked(doc_ids):
        marks = ", ".join("?" * len(chunk))
        for doc_id, position, issued in db.execute(
            f"SELECT id, position, issued FROM documents WHERE id IN ({marks})", chunk
        ):
            places[doc_id] = (position, issued or "9999")
    return places


def _scratch() -> sqlite3.Connection:
    scratch = sqlite3.connect("")  # a private temporary database, deleted when closed
    scratch.execute(_SCRATCH)
    return scratch


def select(db: Database, selection: Selection, tick: Callable[[int], None] | None = None) -> Selected:
    """The highlights ``selection`` asks for. Tags are looked up in their index first, so a tag across
    a project of 100,000 documents reads the documents that hold its highlights, not every one.
    ``tick(0)`` is told after each chunk (it may raise to stop: a Cancel)."""
    tree = TagTree(load_tags(db))
    every, some, none = (
        _subtrees(tree, paths) for paths in (selection.all_tags, selection.any_tags, selection.not_tags)
    )
    excluded = set().union(*none) if none else set()
    if selection.search:
        return _search_excerpts(db, selection, tree, tick)
    candidates = _candidates(db, selection, every, some)
    words = selection.words.lower().split()
    paths = {tag.id: tree.path(tag.id).lower() for tag in tree}

    def wanted(span: Span | SpanPlace) -> bool:
        tags = set(span.tag_ids)
        if any(not tags & group for group in every) or (some and not any(tags & g for g in some)):
            return False
        if tags & excluded:
            return False
        if not words:
            return True
        assert isinstance(span, Span)  # (asked for words, ``_spans_of`` reads them)
        return all(w in f"{span.quote} {span.note}".lower() for w in words)

    def sort(span: Span | SpanPlace, issued: str) -> str:
        if selection.order == Order.TAG:
            return min((paths[t] for t in span.tag_ids if t in paths), default="\uffff")
        return issued if selection.order == Order.DATE else ""

    scratch = _scratch()
    for spans in _spans_of(db, selection, candidates, bool(words)):
        if tick is not None:
            tick(0)
        kept = [span for span in spans if wanted(span)]
        places = _places(db, {span.doc_id for span in kept})
        scratch.executemany(
            "INSERT INTO chosen VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [(sort(span, places[span.doc_id][1]), places[span.doc_id][0], span.note_n is not None, span.note_n or 0,
              span.start, span.end, span.id, span.doc_id) for span in kept],
        )  # fmt: skip
    count = scratch.execute("SELECT count(*) FROM chosen").fetchone()[0]
    return Selected(scratch, db, count, tree)


#: Hits an export of a search result takes at most: a word in every document ("the") would be the whole
#: series, hundreds of thousands of sentences that say nothing together; 50,000 is more than any reader
#: of an export reads, and takes about as long to write as 200,000 highlights.
SEARCH_LIMIT = 50_000
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


def _search_excerpts(db: Database, selection: Selection, tree: TagTree, tick: Callable[[int], None] | None) -> Selected:
    """The sentences of the documents' text where the words of ``selection.search`` stand, each made a
    quotation (a highlight not stored: no tags, no note), two hits in one sentence making one; in
    the selection's order. Only the first ``SEARCH_LIMIT`` hits, with a warning past them. The hits
    go to the scratch database first; then each document's text is read once, in order, to find
    the sentences, which are kept there too."""
    hits = _scratch()
    hits.execute('CREATE TABLE hits (doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL)')
    hits.execute("CREATE INDEX hits_doc ON hits (doc_id)")
    found = (hit for hit in search_hits(db, selection.search) if hit.kind == "text")
    if selection.documents:
        found = (hit for hit in found if hit.doc_id in selection.documents)
    taken = islice(found, SEARCH_LIMIT)
    while batch := list(islice(taken, 1000)):
        if tick is not None:
            tick(0)
        hits.executemany("INSERT INTO hits VALUES (?, ?, ?)", [(hit.doc_id, hit.start, hit.end) for hit in batch])
    more = next(found, None) is not None
    doc_ids = [row[0] for row in hits.execute("SELECT DISTINCT doc_id FROM hits")]
    places = _places(db, set(doc_ids))
    sort = selection.order == Order.DATE
    for chunk in chunked(doc_ids):
        if tick is not None:
            tick(0)
        marks = ", ".join("?" * len(chunk))
        for doc_id, text in db.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk):
            wanted = hits.execute('SELECT start, "end" FROM hits WHERE doc_id = ?', [doc_id]).fetchall()
            previous = -1
            for left, right in sorted({_sentence(text, start, end) for start, end in wanted}):
                if left < previous:
                    continue  # overlapping sentences at the reach's edge: the first stands for both
                previous = right
                position, issued = places[doc_id]
                hits.execute("INSERT INTO chosen VALUES (?, ?, 0, 0, ?, ?, NULL, ?, ?)",
                             [issued if sort else "", position, left, right, doc_id, text[left:right]])  # fmt: skip
    hits.execute("DROP TABLE hits")
    count = hits.execute("SELECT count(*) FROM chosen").fetchone()[0]
    warnings = [f"only the first {SEARCH_LIMIT:,} hits of “{selection.search}” were exported"] if more else []
    return Selected(hits, db, count, tree, warnings)
