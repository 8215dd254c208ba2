"""Full-text search: which rows match (SQLite FTS5), then where, as keyword-in-context lines.

FTS5 finds the documents, footnotes, highlight notes and tag names that match a query
(phrases in quotes, ``prefix*``, AND/OR/NOT). It does not say where in a row the words are,
so the words of the query are then found in the row's text to give each hit its exact
offsets, printed page and context. Half-typed queries (an unclosed quote, a lone operator)
are searched as plain words rather than refused, so results can follow each keystroke.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_right
from dataclasses import dataclass

from sqlite_utils import Database

_CONTEXT = 60
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # "text" | "note" | "span" (a highlight's note) | "tag" (a tag's name)
    doc_id: str
    start: int  # offsets in the text searched: the reading text, the footnote, the note, the name
    end: int
    context: str  # "… the problem of a balking GVN. Their resistance …"
    marked: tuple[int, int]  # where the matched words stand in ``context``
    page: str | None = None
    note_n: int | None = None
    span_id: int | None = None
    tag_id: int | None = None


def _plain(query: str) -> str:
    """The query's words, each quoted: what FTS5 accepts whatever was typed."""
    words = re.findall(r"[\w’']+\*?", query)
    return " ".join(f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in words)


def word_pattern(query: str) -> re.Pattern[str] | None:
    """A regular expression for the words a query asks for (not those after NOT), to place hits."""
    alternatives: list[str] = []
    skip_next = False
    for phrase, word in _TOKEN.findall(query):
        if word.upper() in _OPERATORS:
            skip_next = word.upper() == "NOT"
            continue
        if skip_next:
            skip_next = False
            continue
        text = phrase if phrase else word.strip("()")
        words = re.findall(r"[\w’']+\*?", text)
        if not words:
            continue
        parts = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else r"\b") for w in words]
        alternatives.append(r"\b" + r"\W+".join(parts))
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


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


def search(db: Database, query: str, *, limit: int = 200) -> list[Hit]:
    """Hits for ``query``, in reading order: document text first, then footnotes, notes, tag names."""
    query = query.strip()
    if not query:
        return []
    pattern = word_pattern(query)
    if pattern is None:  # nothing but operators: nothing asked for
        return []
    try:
        rows = db.execute("SELECT kind, doc_id, ref FROM search WHERE search MATCH ?", [query]).fetchall()
    except sqlite3.OperationalError:
        plain = _plain(query)
        if not plain:
            return []
        rows = db.execute("SELECT kind, doc_id, ref FROM search WHERE search MATCH ?", [plain]).fetchall()
    order = {doc_id: i for i, (doc_id,) in enumerate(db.execute("SELECT id FROM documents ORDER BY position"))}
    kinds = {"text": 0, "note": 1, "span": 2, "tag": 3}
    rows.sort(key=lambda r: (kinds[r[0]], order.get(r[1], 0), int(r[2]) if str(r[2]).isdigit() else 0))
    hits: list[Hit] = []
    pages_of: dict[str, tuple[str | None, list[int], list[str]]] = {}

    def page_at(doc_id: str, offset: int) -> str | None:
        if doc_id not in pages_of:
            first = db.execute("SELECT first_page FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
            breaks = db.execute("SELECT start, n FROM pages WHERE doc_id = ? ORDER BY seq", [doc_id]).fetchall()
            pages_of[doc_id] = (first, [b[0] for b in breaks], [b[1] for b in breaks])
        first, starts, names = pages_of[doc_id]
        index = bisect_right(starts, offset)
        return names[index - 1] if index else first

    for kind, doc_id, ref in rows:
        if kind == "text":
            text = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
        elif kind == "note":
            text, anchor = db.execute(
                "SELECT text, anchor FROM notes WHERE doc_id = ? AND n = ?", [doc_id, ref]
            ).fetchone()
        elif kind == "span":
            text = db.execute("SELECT note FROM spans WHERE id = ?", [ref]).fetchone()[0]
        else:
            text = db.execute("SELECT name FROM tags WHERE id = ?", [ref]).fetchone()[0]
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "text":
                page = page_at(doc_id, start)
            elif kind == "note":
                page = page_at(doc_id, anchor)
            else:
                page = None
            context, marked = _context(text, start, end)
            hits.append(Hit(kind, doc_id, start, end, context, marked, page,
                            note_n=int(ref) if kind == "note" else None,
                            span_id=int(ref) if kind == "span" else None,
                            tag_id=int(ref) if kind == "tag" else None))  # fmt: skip
            if len(hits) >= limit:
                return hits
    return hits
