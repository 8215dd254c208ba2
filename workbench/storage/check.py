"""Checking a project file, and repairing what can be repaired without guessing.

``check`` reads and reports; it changes nothing. ``repair`` rebuilds what is derived and can be
made again exactly (the search index, even a damaged one), and breaks a circle of tag parents
(the circle's first tag moves to the top level: nothing is lost, and the tree can be walked
again); what would need a decision (a highlight whose words no longer stand where it points)
is reported, not touched.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.model.annotation import in_cycles
from workbench.storage.schema import SEARCH_INDEXES, rebuild_search_indexes


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # "database" | "text" | "span" | "index" | "tag" | "structure"
    message: str
    repairable: bool = False


def check(db: Database) -> list[Problem]:
    problems = [Problem("database", row[0]) for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
    problems += [Problem("database", f"a row of {table} points to a missing {parent}")
                 for table, _, parent, _ in db.execute("PRAGMA foreign_key_check")]  # fmt: skip
    texts = {}
    for doc_id, number, text, digest in db.execute("SELECT id, number, text, text_sha256 FROM documents"):
        texts[doc_id] = text
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            problems.append(Problem("text", f"document {number or doc_id}: its text does not match its recorded hash"))
    notes = {(d, n): t for d, n, t in db.execute("SELECT doc_id, n, text FROM notes")}
    for span_id, doc_id, note_n, start, end, quote in db.execute(
        'SELECT id, doc_id, note_n, start, "end", quote FROM spans WHERE NOT orphaned'
    ):
        text = texts.get(doc_id, "") if note_n is None else notes.get((doc_id, note_n), "")
        if text[start:end] != quote:
            problems.append(Problem("span", f"highlight {span_id}: its quote no longer stands at {start}–{end}"))
    problems += _outside_the_text(db)
    problems += [Problem("tag", f"tag “{name}” is its own ancestor (its parents form a circle)", True)
                 for name in _cyclic_tags(db).values()]  # fmt: skip
    for index, (table, _, _) in SEARCH_INDEXES.items():
        try:  # with rank 1, FTS5 also compares the index with the words in the table
            db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            problems.append(Problem("index", f"the search index of {table} does not match the {table}", True))
    return problems


_NOTE_TEXT = "(SELECT text FROM notes n WHERE n.doc_id = t.doc_id AND n.n = t.note_n)"

#: Parts of a document that must lie inside their text: (what, table, start, end, the text).
_PARTS = (
    ("block", "blocks", "start", '"end"', "d.text"),
    ("page", "pages", "start", "start", "d.text"),
    ("footnote mark", "notes", "anchor", "anchor", "d.text"),
    ("mark", "inlines", "start", '"end"', "d.text"),
    ("page-image box", "text_boxes", "start", '"end"', "d.text"),
    ("highlight", "spans", "start", '"end"', f"CASE WHEN t.note_n IS NULL THEN d.text ELSE {_NOTE_TEXT} END"),
)


def _outside_the_text(db: Database) -> list[Problem]:
    """Blocks, pages, footnote marks, inline marks and highlights that point outside their text."""
    problems = []
    for what, table, start, end, text in _PARTS:
        rows = db.execute(
            f"SELECT d.number, d.id, t.{start}, t.{end}, length({text}) "
            f"FROM {table} t JOIN documents d ON d.id = t.doc_id "
            f"WHERE t.{start} < 0 OR t.{end} < t.{start} OR t.{end} > length({text})"
        )
        problems += [Problem("structure", f"document {number or doc_id}: a {what} at {a}–{b} lies outside its text "
                             f"(0–{length})") for number, doc_id, a, b, length in rows]  # fmt: skip
    return problems


def _cyclic_tags(db: Database) -> dict[int, str]:
    """The tags that are their own ancestor, by id, with their names."""
    rows = db.execute("SELECT id, parent_id, name FROM tags").fetchall()
    cyclic = in_cycles({tag_id: parent for tag_id, parent, _ in rows})
    return {tag_id: name for tag_id, _, name in rows if tag_id in cyclic}


def repair(db: Database) -> list[str]:
    """Rebuild the search indexes from the tables and break circles of tag parents; return what was done."""
    done = []
    with db.atomic():
        while cyclic := _cyclic_tags(db):
            first = min(cyclic)
            db.execute("UPDATE tags SET parent_id = NULL WHERE id = ?", [first])
            done.append(f"moved tag “{cyclic[first]}” to the top level: its parents formed a circle")
        rebuild_search_indexes(db)
    return [*done, "rebuilt the search indexes"]
