"""Checking a project file, and repairing what can be repaired without guessing.

``check`` reads and reports; it changes nothing. ``repair`` rebuilds what is derived and can be
made again exactly (the search index, even a damaged one), and breaks a circle of tag parents
(the circle's first tag moves to the top level: nothing is lost, and the tree can be walked
again); what would need a decision (a highlight whose words no longer stand where it points)
is reported, not touched. The documents list's own copy of titles (``document_list``) and its
trigram index (``document_titles``) are derived too: checked against the documents, and rebuilt.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.model.annotation import in_cycles
from workbench.model.text import counted
from workbench.storage.schema import SEARCH_INDEXES, rebuild_search_indexes


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # "database" | "text" | "span" | "index" | "tag" | "structure"
    message: str
    repairable: bool = False


#: ``progress(stage, done, total)``: "database", "documents" (done of total), "structure", "index".
Progress = Callable[[str, int, int], None]

#: Documents between two progress reports.
_EVERY = 1000


def _quiet(stage: str, done: int, total: int) -> None:
    """No one is watching."""


def check(db: Database, progress: Progress = _quiet) -> list[Problem]:
    """Every problem of the project, found in bounded memory: the documents are read one at a time
    (a project of 100,000 documents holds about a gigabyte of text, and its check once held all
    of it), with ``progress`` told as the work goes on."""
    progress("database", 0, 1)
    problems = [Problem("database", row[0]) for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
    problems += [Problem("database", f"a row of {table} points to a missing {parent}")
                 for table, _, parent, _ in db.execute("PRAGMA foreign_key_check")]  # fmt: skip
    db.execute("DROP TABLE IF EXISTS temp.check_lengths")
    db.execute("CREATE TEMP TABLE check_lengths (id TEXT PRIMARY KEY, number TEXT NOT NULL, length INTEGER NOT NULL)")
    try:
        problems += _documents(db, progress)
        progress("structure", 0, len(_PARTS))
        problems += _outside_the_text(db, progress)
    finally:
        db.execute("DROP TABLE IF EXISTS temp.check_lengths")
    problems += [Problem("tag", f"tag “{name}” is its own ancestor (its parents form a circle)", True)
                 for name in _cyclic_tags(db).values()]  # fmt: skip
    for done, (index, (table, _, _)) in enumerate(SEARCH_INDEXES.items()):
        progress("index", done, len(SEARCH_INDEXES))
        try:  # with rank 1, FTS5 also compares the index with the words in the table
            db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            problems.append(Problem("index", f"the search index of {table} does not match the {table}", True))
    problems += _titles(db)
    progress("index", len(SEARCH_INDEXES), len(SEARCH_INDEXES))
    return problems


_VOLUME = """coalesce(json_extract(d.metadata, '$.custom."volume-id"'), '')"""
_LISTED = f"SELECT d.rowid AS id, d.title, d.number, {_VOLUME}, d.issued FROM documents d"


def _titles(db: Database) -> list[Problem]:
    """The documents list's titles (``document_list``, m012) against the documents, and their trigram
    index (``document_titles``) against them: either out of step, filtering by title finds the wrong
    documents or none. Rows compared with EXCEPT both ways (two sorted passes, no per-row look-up)."""
    listed = "SELECT id, title, number, volume, issued FROM document_list"
    differ = db.execute(
        f"SELECT count(DISTINCT id) FROM (SELECT * FROM ({_LISTED} EXCEPT {listed}) "
        f"UNION ALL SELECT * FROM ({listed} EXCEPT {_LISTED}))"
    ).fetchone()[0]
    if differ:
        return [Problem("index", f"the documents list differs from the documents for {counted(differ, 'document')}",
                        True)]  # fmt: skip
    try:
        db.execute("INSERT INTO document_titles (document_titles, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return [Problem("index", "the index of titles does not match the documents' titles", True)]
    return []


def _rebuild_titles(db: Database) -> None:
    """``document_list`` copied again from the documents, and its trigram index read again from it."""
    db.execute("DELETE FROM document_list")
    db.execute(f"INSERT INTO document_list (id, title, number, volume, issued) {_LISTED}")
    db.execute("INSERT INTO document_titles (document_titles) VALUES ('rebuild')")


_SPANS_OF = """SELECT s.id, s.note_n, s.start, s."end", s.quote,
    (SELECT text FROM notes n WHERE n.doc_id = s.doc_id AND n.n = s.note_n)
    FROM spans s WHERE s.doc_id = ? AND NOT s.orphaned"""


def _documents(db: Database, progress: Progress) -> list[Problem]:
    """Each document's text against its hash, and its highlights against their quotes: one text
    in memory at a time (the cursor is read row by row; a second connection-level cursor fetches
    the document's highlights). Their lengths go to ``check_lengths`` for ``_outside_the_text``."""
    problems = []
    total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    lengths: list[tuple[str, str, int]] = []
    conn = db.conn
    done = 0
    for doc_id, number, text, digest in conn.execute("SELECT id, number, text, text_sha256 FROM documents"):
        if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != digest:
            problems.append(Problem("text", f"document {number or doc_id}: its text does not match its recorded hash"))
        for span_id, note_n, start, end, quote, note in conn.execute(_SPANS_OF, [doc_id]):
            stands = text if note_n is None else (note or "")
            if stands[start:end] != quote:
                problems.append(Problem("span", f"highlight {span_id}: its quote no longer stands at {start}–{end}"))
        lengths.append((doc_id, number, len(text)))
        done += 1
        if len(lengths) == _EVERY:
            conn.executemany("INSERT INTO temp.check_lengths VALUES (?, ?, ?)", lengths)
            lengths.clear()
            progress("documents", done, total)
    conn.executemany("INSERT INTO temp.check_lengths VALUES (?, ?, ?)", lengths)
    progress("documents", done, total)
    return problems


_NOTE_TEXT = "(SELECT length(text) FROM notes n WHERE n.doc_id = t.doc_id AND n.n = t.note_n)"

#: Parts of a document that must lie inside their text: (what, table, start, end, the text's length).
_PARTS = (
    ("block", "blocks", "start", '"end"', "l.length"),
    ("page", "pages", "start", "start", "l.length"),
    ("footnote mark", "notes", "anchor", "anchor", "l.length"),
    ("mark", "inlines", "start", '"end"', "l.length"),
    ("page-image box", "text_boxes", "start", '"end"', "l.length"),
    ("highlight", "spans", "start", '"end"', f"CASE WHEN t.note_n IS NULL THEN l.length ELSE {_NOTE_TEXT} END"),
)


def _outside_the_text(db: Database, progress: Progress) -> list[Problem]:
    """Blocks, pages, footnote marks, inline marks and highlights that point outside their text
    (the texts' lengths measured once, in ``_documents``, not once for each of millions of marks)."""
    problems = []
    for done, (what, table, start, end, length) in enumerate(_PARTS):
        rows = db.execute(
            f"SELECT l.number, l.id, t.{start}, t.{end}, {length} "
            f"FROM {table} t JOIN temp.check_lengths l ON l.id = t.doc_id "
            f"WHERE t.{start} < 0 OR t.{end} < t.{start} OR t.{end} > {length}"
        )
        problems += [Problem("structure", f"document {number or doc_id}: a {what} at {a}–{b} lies outside its text "
                             f"(0–{length})") for number, doc_id, a, b, length in rows]  # fmt: skip
        progress("structure", done + 1, len(_PARTS))
    return problems


def _cyclic_tags(db: Database) -> dict[int, str]:
    """The tags that are their own ancestor, by id, with their names."""
    rows = db.execute("SELECT id, parent_id, name FROM tags").fetchall()
    cyclic = in_cycles({tag_id: parent for tag_id, parent, _ in rows})
    return {tag_id: name for tag_id, _, name in rows if tag_id in cyclic}


def repair(db: Database) -> list[str]:
    """Rebuild the search indexes (and the titles' index) from the tables and break circles of tag
    parents; return what was done."""
    done = []
    with db.atomic():
        while cyclic := _cyclic_tags(db):
            first = min(cyclic)
            db.execute("UPDATE tags SET parent_id = NULL WHERE id = ?", [first])
            done.append(f"moved tag “{cyclic[first]}” to the top level: its parents formed a circle")
        rebuild_search_indexes(db)
        _rebuild_titles(db)
    return [*done, "rebuilt the search indexes and the index of titles"]
