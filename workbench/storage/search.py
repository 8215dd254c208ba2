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

from sqlite_utils import Database

from workbench.model.annotation import SpanId, TagId

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
class _Source:
    """One kind of searched row: its index, and the query listing matching rows in reading order.

    The query yields ``(rowid, doc_id, ref, anchor)``: ``ref`` is the footnote, highlight, note or
    tag number, ``anchor`` the offset in the reading text whose page the hit shows (or NULL).
    """

    kind: str
    index: str
    rows: str


_SOURCES = (
    _Source("text", "search_text", "SELECT d.rowid, d.id, NULL, NULL FROM search_text JOIN documents d "
            "ON d.rowid = search_text.rowid WHERE search_text MATCH ? ORDER BY d.position"),
    _Source("note", "search_notes", "SELECT n.rowid, n.doc_id, n.n, n.anchor FROM search_notes JOIN notes n "
            "ON n.rowid = search_notes.rowid JOIN documents d ON d.id = n.doc_id "
            "WHERE search_notes MATCH ? ORDER BY d.position, n.n"),
    _Source("span", "search_spans", "SELECT s.id, s.doc_id, s.id, coalesce((SELECT anchor FROM notes "
            "WHERE doc_id = s.doc_id AND n = s.note_n), s.start) FROM search_spans JOIN spans s "
            "ON s.id = search_spans.rowid JOIN documents d ON d.id = s.doc_id "
            "WHERE search_spans MATCH ? ORDER BY d.position, s.start"),
    _Source("memo", "search_memos", "SELECT m.id, coalesce(m.doc_id, ''), m.id, NULL FROM search_memos "
            "JOIN memos m ON m.id = search_memos.rowid LEFT JOIN documents d ON d.id = m.doc_id "
            "WHERE search_memos MATCH ? ORDER BY m.doc_id IS NULL, d.position, m.id"),
    _Source("tag", "search_tags", "SELECT t.id, '', t.id, NULL FROM search_tags JOIN tags t "
            "ON t.id = search_tags.rowid WHERE search_tags MATCH ? ORDER BY t.name"),
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


def _rows(db: Database, source: _Source, query: str) -> list[tuple]:
    try:
        return db.execute(source.rows, [query]).fetchall()
    except sqlite3.OperationalError:  # half-typed: search its words
        plain = _plain(query)
        return db.execute(source.rows, [plain]).fetchall() if plain else []


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


def _hits(db: Database, source: _Source, query: str, rows: list[tuple], pages: _Pages) -> Iterator[Hit]:
    for first in range(0, len(rows), _BATCH):
        batch = rows[first : first + _BATCH]
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


def search(db: Database, query: str, *, limit: int = 200) -> list[Hit]:
    """Hits for ``query``, in reading order: document text, footnotes, highlight notes, document
    and free notes, tag names."""
    query = query.strip()
    if not query or not asks_for_words(query):
        return []
    hits: list[Hit] = []
    pages = _Pages(db)
    for source in _SOURCES:
        for hit in _hits(db, source, query, _rows(db, source, query), pages):
            hits.append(hit)
            if len(hits) >= limit:
                return hits
    return hits
