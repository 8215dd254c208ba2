"""The project file's schema: an ordered list of migrations, one per schema version.

A migration is never edited once released: the next change is a new function appended below.
``PRAGMA user_version`` holds the number of migrations applied (set inside each migration's own
transaction), so a file made by a newer program is recognised before anything is written to it.
``PRAGMA application_id`` marks the file as ours, so another program's SQLite database is refused.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

#: "WBNC" in ASCII: written into the SQLite header of every project file.
APPLICATION_ID = 0x57424E43

MIGRATIONS = Migrations("workbench")
_STEPS: list[str] = []


def migration(step: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register ``step`` as the next schema version; it stamps ``user_version`` in its transaction."""
    version = len(_STEPS) + 1

    def apply(db: Database) -> None:
        step(db)
        db.execute(f"PRAGMA user_version = {version}")

    apply.__name__ = step.__name__
    MIGRATIONS(name=step.__name__)(apply)
    _STEPS.append(step.__name__)
    return step


def _execute_all(db: Database, script: str) -> None:
    # ``executescript`` would COMMIT the migration's transaction: run statements one by one.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migration
def m001_documents(db: Database) -> None:
    """Documents with their reading text, blocks, printed pages and notes."""
    _execute_all(
        db,
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            number TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            issued TEXT NOT NULL DEFAULT '',
            metadata TEXT NOT NULL CHECK (json_valid(metadata)),
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            source_format TEXT NOT NULL,
            source_name TEXT NOT NULL DEFAULT '',
            first_page TEXT,
            imported_at TEXT NOT NULL
        );
        CREATE INDEX documents_number ON documents (number);
        CREATE TABLE blocks (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            level INTEGER NOT NULL DEFAULT 0,
            label TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (doc_id, seq),
            CHECK (0 <= start AND start <= "end")
        );
        CREATE TABLE pages (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            n TEXT NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            PRIMARY KEY (doc_id, seq)
        );
        CREATE TABLE notes (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            anchor INTEGER NOT NULL CHECK (anchor >= 0),
            text TEXT NOT NULL,
            PRIMARY KEY (doc_id, n)
        )
        """,
    )


@migration
def m002_annotations(db: Database) -> None:
    """Tags (a tree), spans with their quote and context, the tags on each span, and memos.

    Spans are found by "this document, overlapping [a, b)" (index on doc, note, start; the
    reader bounds ``start > a - longest``) and by "this tag" (index on span_tags.tag_id).
    Memos are notes on a document (``doc_id`` set) or free notes (``doc_id`` NULL).
    """
    _execute_all(
        db,
        """
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            parent_id INTEGER REFERENCES tags (id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (name <> '' AND instr(name, '/') = 0),
            color TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            key INTEGER CHECK (key BETWEEN 1 AND 9),
            position INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        );
        CREATE INDEX tags_parent ON tags (parent_id, position);
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            note_n INTEGER,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            CHECK (0 <= start AND start < "end")
        );
        CREATE INDEX spans_position ON spans (doc_id, note_n, start);
        CREATE TABLE span_tags (
            span_id INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
            UNIQUE (span_id, tag_id)
        );
        CREATE INDEX span_tags_tag ON span_tags (tag_id);
        CREATE TABLE memos (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            doc_id TEXT REFERENCES documents (id) ON DELETE CASCADE,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        );
        CREATE UNIQUE INDEX memos_document ON memos (doc_id) WHERE doc_id IS NOT NULL
        """,
    )


#: The version this program writes; a file with a higher ``user_version`` is refused.
SCHEMA_VERSION = len(_STEPS)
