"""Full-text search: which rows match (SQLite FTS5), then where, as keyword-in-context lines.

FTS5 finds the documents, footnotes, highlight notes, document and free notes, and tag names
that match a query (phrases in quotes, ``prefix*``, AND/OR/NOT). Where in a row the words
stand is asked of FTS5 too (``highlight()``), not found again in Python: the index folds case
and diacritics (``Hue`` finds "Huế"), and a second, different matcher would disagree with it
and show "0 results" for a row that matched. Half-typed queries (an unclosed quote, a lone
operator) are searched as plain words rather than refused, so results can follow each keystroke.

The indexes read their words from the tables themselves (``m010_search_without_copies``), so
the rows are first listed in reading order by id alone, and ``highlight()`` runs only on as many
of them as the hits asked for need: a query typed into a large project reads a few texts, not all.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from sqlite_utils import Database

from workbench.model.annotation import SpanId, TagId
from workbench.storage.documents import KIND_SQL, VOLUME_SQL

_CONTEXT = 60
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
#: Unicode noncharacters, reserved for a program's own use: never in an imported text.
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"
_MARKED = re.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")
#: Rows whose places are asked for at a time: enough for a screenful of hits in one query.
_BATCH = 16


@dataclass(frozen=True, slots=True)
class Hit:
    #: "text" | "note" (a footnote) | "span" (a highlight's note) | "memo" (a document note or a
    #: free note) | "tag" (a tag's name)
    kind: str
    doc_id: str  # "" for a free note or a tag
    start: int  # offsets in the text searched: the reading text, the footnote, the note, the name
    end: int
    context: str  # "… the problem of a balking GVN. Their resistance …"
    marked: tuple[int, int]  # where the matched words stand in ``context``
    page: str | None = None
    note_n: int | None = None
    span_id: SpanId | None = None
    tag_id: TagId | None = None
    memo_id: int | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """Which documents' hits to show: one volume, a date range (``1972`` or ``1972-10``, inclusive at
    both ends, as prefixes of the ISO date), one kind of source (a memorandum, a telegram). Tag
    names and free notes belong to no document: any filter leaves them out."""

    volume: str = ""
    date_from: str = ""
    date_to: str = ""
    kind: str = ""

    def __bool__(self) -> bool:
        return bool(self.volume or self.date_from or self.date_to or self.kind)

    def sql(self) -> tuple[str, list[object]]:
        """``AND …`` conditions on the document ``d``, and their parameters."""
        where: list[str] = []
        params: list[object] = []
        if self.volume:
            where.append(f"{VOLUME_SQL} = ?")
            params.append(self.volume)
        if self.date_from:
            where.append("d.issued >= ?")
            params.append(self.date_from)
        if self.date_to:
            where.append("d.issued <> '' AND substr(d.issued, 1, length(?)) <= ?")
            params += [self.date_to, self.date_to]
        if self.kind:
            where.append(f"{KIND_SQL} = lower(?)")
            params.append(self.kind)
        return "".join(f" AND {w}" for w in where), params


@dataclass(frozen=True, slots=True)
class _Source:
    """One kind of searched row: its index, and how its matching rows are listed, best first.

    ``columns`` are ``(rowid, doc_id, ref, anchor)``: ``ref`` is the footnote, highlight, note or
    tag number, ``anchor`` the offset in the reading text whose page the hit shows (or NULL).
    ``order`` breaks ties of rank: reading order. ``owned`` joins a document ``d`` to its rows of
    this kind and names their rowid (``None``: the rows belong to no document, as tag names).
    """

    kind: str
    index: str
    columns: str
    joins: str
    order: str
    owned: tuple[str, str] | None

    def where(self, db: Database, filters: Filters) -> tuple[str, list]:
        """``AND …`` for the filters. A volume's rows were added together, so their rowids also
        bound the index's scan (FTS5 seeks a rowid range): filtering by volume reads the volume."""
        if not filters:
            return "", []
        where, params = filters.sql()
        if filters.volume and self.owned is not None:
            rowid, join = self.owned
            bounds = db.execute(f"SELECT min({rowid}), max({rowid}) FROM documents d {join} WHERE {VOLUME_SQL} = ?",
                                [filters.volume]).fetchone()  # fmt: skip
            where += f" AND {self.index}.rowid BETWEEN ? AND ?"
            params += [bounds[0] if bounds[0] is not None else 1, bounds[1] if bounds[1] is not None else 0]
        return where, params

    def query(self, where: str, *, ranked: bool) -> str:
        # Unranked, rows come in the index's own order (the order they were added), which it streams:
        # a page of "the" reads a page of rows, where sorting by position would read them all.
        order = f"bm25({self.index}), {self.order}" if ranked else f"{self.index}.rowid"
        return (f"SELECT {self.columns} FROM {self.index} {self.joins} WHERE {self.index} MATCH ?{where} "
                f"ORDER BY {order} LIMIT ? OFFSET ?")  # fmt: skip

    def counting(self, where: str) -> str:
        """How many rows match: the index counts on its own (exactly, at once) unless filtered, when
        the count stops at ``FILTERED_CAP``."""
        if not where:
            return f"SELECT count(*) FROM {self.index} WHERE {self.index} MATCH ?"
        return (
            f"SELECT count(*) FROM (SELECT 1 FROM {self.index} {self.joins} WHERE {self.index} MATCH ?{where} LIMIT ?)"
        )


_SOURCES = (
    _Source("text", "search_text", "d.rowid, d.id, NULL, NULL",
            "JOIN documents d ON d.rowid = search_text.rowid", "d.position", ("d.rowid", "")),
    _Source("note", "search_notes", "n.rowid, n.doc_id, n.n, n.anchor",
            "JOIN notes n ON n.rowid = search_notes.rowid JOIN documents d ON d.id = n.doc_id", "d.position, n.n",
            ("n.rowid", "JOIN notes n ON n.doc_id = d.id")),
    _Source("span", "search_spans", "s.id, s.doc_id, s.id, coalesce((SELECT anchor FROM notes "
            "WHERE doc_id = s.doc_id AND n = s.note_n), s.start)",
            "JOIN spans s ON s.id = search_spans.rowid JOIN documents d ON d.id = s.doc_id", "d.position, s.start",
            ("s.id", "JOIN spans s ON s.doc_id = d.id")),
    _Source("memo", "search_memos", "m.id, coalesce(m.doc_id, ''), m.id, NULL",
            "JOIN memos m ON m.id = search_memos.rowid LEFT JOIN documents d ON d.id = m.doc_id",
            "m.doc_id IS NULL, d.position, m.id", ("m.id", "JOIN memos m ON m.doc_id = d.id")),
    _Source("tag", "search_tags", "t.id, '', t.id, NULL", "JOIN tags t ON t.id = search_tags.rowid", "t.name",
            None),
)  # fmt: skip


def _plain(query: str) -> str:
    """The query's words, each quoted: what FTS5 accepts whatever was typed."""
    words = re.findall(r"[\w’']+\*?", query)
    return " ".join(f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in words)


def asks_for_words(query: str) -> bool:
    """Whether the query names any word to find (not only operators, nor only words after NOT)."""
    skip_next = False
    for phrase, word in _TOKEN.findall(query):
        if word.upper() in _OPERATORS:
            skip_next = word.upper() == "NOT"
            continue
        if skip_next:
            skip_next = False
            continue
        if re.search(r"[\w’']", phrase or word):
            return True
    return False


def _context(text: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The match with some words either side, on one line, and where the match stands in it."""
    left = max(0, start - _CONTEXT)
    right = min(len(text), end + _CONTEXT)
    if left > 0:
        left = text.find(" ", left, start) + 1 or left
    if right < len(text):
        cut = text.rfind(" ", end, right)
        right = cut if cut > 0 else right
    before = ("…" if left > 0 else "") + " ".join(text[left:start].split(" ")).replace("\n", " ")
    matched = text[start:end].replace("\n", " ")
    after = text[end:right].replace("\n", " ") + ("…" if right < len(text) else "")
    return before + matched + after, (len(before), len(before) + len(matched))


def places(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without ``highlight()``'s markers, and where each marked run stood in it."""
    found: list[tuple[int, int]] = []
    removed = 0
    for match in _MARKED.finditer(marked):
        start = match.start() - removed
        found.append((start, start + len(match.group(1))))
        removed += 2
    return marked.replace(_OPEN, "").replace(_CLOSE, ""), found


def _fetch(db: Database, sql: str, query: str, params: list) -> list[tuple]:
    """Run ``sql`` whose first parameter is the FTS5 query; a half-typed query searches its words."""
    try:
        return db.execute(sql, [query, *params]).fetchall()
    except sqlite3.OperationalError:
        plain = _plain(query)
        return db.execute(sql, [plain, *params]).fetchall() if plain else []


def _rows(db: Database, source: _Source, query: str, filters: Filters, *, ranked: bool) -> Iterator[tuple]:
    """The source's matching rows, best first: a page of rows at a time, each page twice the last,
    so the first screenful asks the index for a few rows only."""
    where, params = source.where(db, filters)
    sql = source.query(where, ranked=ranked)
    first, size = 0, _BATCH
    while True:
        rows = _fetch(db, sql, query, [*params, size, first])
        yield from rows
        if len(rows) < size:
            return
        first += size
        size *= 2


def _marked_texts(db: Database, index: str, query: str, rowids: list[int]) -> dict[int, str]:
    """``highlight()`` of the given rows: each text with the query's words between markers."""
    sql = (
        f"SELECT rowid, highlight({index}, 0, '{_OPEN}', '{_CLOSE}') FROM {index} "
        f"WHERE {index} MATCH ? AND rowid IN ({', '.join('?' * len(rowids))})"
    )
    try:
        return dict(db.execute(sql, [query, *rowids]).fetchall())
    except sqlite3.OperationalError:
        return dict(db.execute(sql, [_plain(query), *rowids]).fetchall())


class _Pages:
    """The printed page at an offset of a document, the page breaks read once for many documents."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.known: dict[str, tuple[str | None, list[int], list[str]]] = {}

    def load(self, doc_ids: set[str]) -> None:
        wanted = sorted(doc_ids - self.known.keys() - {""})
        if not wanted:
            return
        marks = ", ".join("?" * len(wanted))
        for doc_id, first in self.db.execute(f"SELECT id, first_page FROM documents WHERE id IN ({marks})", wanted):
            self.known[doc_id] = (first, [], [])
        breaks = f"SELECT doc_id, start, n FROM pages WHERE doc_id IN ({marks}) ORDER BY doc_id, seq"
        for doc_id, start, name in self.db.execute(breaks, wanted):
            self.known[doc_id][1].append(start)
            self.known[doc_id][2].append(name)

    def at(self, doc_id: str, offset: int) -> str | None:
        self.load({doc_id})
        first, starts, names = self.known.get(doc_id, (None, [], []))
        index = bisect_right(starts, offset)
        return names[index - 1] if index else first


def _hits(db: Database, source: _Source, query: str, rows: Iterator[tuple], pages: _Pages) -> Iterator[Hit]:
    while batch := list(islice(rows, _BATCH)):
        marked = _marked_texts(db, source.index, query, [row[0] for row in batch])
        pages.load({row[1] for row in batch})
        for rowid, doc_id, ref, anchor in batch:
            if rowid not in marked:
                continue
            text, found = places(marked[rowid])
            for start, end in found:
                at = start if source.kind == "text" else anchor
                page = pages.at(doc_id, at) if at is not None else None
                context, in_context = _context(text, start, end)
                yield Hit(source.kind, doc_id, start, end, context, in_context, page,
                          note_n=ref if source.kind == "note" else None,
                          span_id=ref if source.kind == "span" else None,
                          tag_id=ref if source.kind == "tag" else None,
                          memo_id=ref if source.kind == "memo" else None)  # fmt: skip


#: Matching rows of each kind counted at most, when filters make the index's own count unusable.
FILTERED_CAP = 2_000
#: Above this many matching documents a word is in most of them ("the"): ranking it would read every
#: one's frequency for an order that means nothing, so its hits come in reading order.
RANK_CAP = 5_000


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of hits, and how many rows (documents, footnotes, notes, tags) match in all.

    ``matches`` is the index's own count, exact; filtered, it stops at ``FILTERED_CAP`` rows of a
    kind (``capped``: "more than"). Either costs the index a count, never a look at the texts.
    ``more``: hits follow this page.
    """

    hits: list[Hit]
    matches: int
    capped: bool
    more: bool
    ranked: bool = True


def _sources(filters: Filters) -> list[_Source]:
    return [source for source in _SOURCES if source.owned is not None or not filters]


def _counts(db: Database, query: str, filters: Filters) -> list[int]:
    """Per kind of row (as ``_sources``), how many match (filtered: up to ``FILTERED_CAP``)."""
    counts = []
    for source in _sources(filters):
        where, params = source.where(db, filters)
        cap = [FILTERED_CAP] if where else []
        counts.append(_fetch(db, source.counting(where), query, [*params, *cap])[0][0])
    return counts


def _all_hits(db: Database, query: str, filters: Filters, *, ranked: bool) -> Iterator[Hit]:
    pages = _Pages(db)
    for source in _sources(filters):
        yield from _hits(db, source, query, _rows(db, source, query, filters, ranked=ranked), pages)


def search_page(
    db: Database, query: str, *, limit: int = 50, offset: int = 0, filters: Filters = Filters()
) -> SearchPage:
    """Hits ``offset`` to ``offset + limit`` for ``query``: document text first, then footnotes,
    highlight notes, document and free notes, tag names; within each, the best matches first
    (bm25), ties in reading order. Only the rows the page needs are read, however many match."""
    query = query.strip()
    if not query or not asks_for_words(query):
        return SearchPage([], 0, False, False)
    counts = _counts(db, query, filters)
    ranked = counts[0] < RANK_CAP
    found = list(islice(_all_hits(db, query, filters, ranked=ranked), offset, offset + limit + 1))
    capped = bool(filters) and any(count >= FILTERED_CAP for count in counts)
    return SearchPage(found[:limit], sum(counts), capped, len(found) > limit, ranked)


def search(db: Database, query: str, *, limit: int = 200) -> list[Hit]:
    """The first ``limit`` hits for ``query`` (``search_page`` without the count)."""
    return list(islice(search_hits(db, query), limit))


def search_hits(db: Database, query: str) -> Iterator[Hit]:
    """Every hit for ``query`` in ``search_page``'s order, each found as it is asked for: an export of
    a search result reads them one after another without holding them (or knowing their number)."""
    query = query.strip()
    if not query or not asks_for_words(query):
        return iter(())
    ranked = _fetch(db, _SOURCES[0].counting(""), query, [])[0][0] < RANK_CAP
    return _all_hits(db, query, Filters(), ranked=ranked)
