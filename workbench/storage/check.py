"""Checking a project file, and repairing what can be repaired without guessing.

``check`` reads and reports; it changes nothing. ``repair`` rebuilds what is derived and can be
made again exactly (the search index); what would need a decision (a highlight whose words no
longer stand where it points) is reported, not touched.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.storage.schema import SEARCH_INDEXES, rebuild_search_indexes


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # "database" | "text" | "span" | "index"
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
    for index, (table, _, _) in SEARCH_INDEXES.items():
        try:  # with rank 1, FTS5 also compares the index with the words in the table
            db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            problems.append(Problem("index", f"the search index of {table} does not match the {table}", True))
    return problems


def repair(db: Database) -> list[str]:
    """Rebuild the search indexes from the tables; return what was done."""
    with db.atomic():
        rebuild_search_indexes(db)
    return ["rebuilt the search indexes"]
