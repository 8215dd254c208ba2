"""The project file's schema: an ordered list of migrations, one per schema version.

A migration is never edited once released: the next change is a new function appended below.
``PRAGMA user_version`` holds the number of migrations applied (set inside each migration's own
transaction), so a file made by a newer program is recognised before anything is written to it.
``PRAGMA application_id`` marks the file as ours, so another program's SQLite database is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

#: "WBNC" in ASCII: written into the SQLite header of every project file.
APPLICATION_ID = 0x57424E43

MIGRATIONS = Migrations("workbench")
_STEPS: list[str] = []
_APPLIES: list[Callable[[Database], None]] = []


def migration(step: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register ``step`` as the next schema version; it stamps ``user_version`` in its transaction."""
    version = len(_STEPS) + 1

    def apply(db: Database) -> None:
        step(db)
        db.execute(f"PRAGMA user_version = {version}")

    apply.__name__ = step.__name__
    MIGRATIONS(name=step.__name__)(apply)
    _STEPS.append(step.__name__)
    _APPLIES.append(apply)
    return step


def migrations_up_to(version: int) -> Migrations:
    """The first ``version`` migrations on their own: what made a file of that version (``schema_check``)."""
    partial = Migrations(MIGRATIONS.name)
    for apply in _APPLIES[:version]:
        partial(name=apply.__name__)(apply)
    return partial


def step_names(version: int) -> list[str]:
    """The names the first ``version`` migrations record in ``_sqlite_migrations``."""
    return _STEPS[:version]


def _execute_all(db: Database, script: str) -> None:
    """Run each statement of ``script`` (``executescript`` would COMMIT the migration's transaction).

    Pieces between semicolons are joined until SQLite calls them a complete statement, so
    trigger bodies, which hold semicolons of their own, stay whole.
    """
    statement = ""
    for piece in script.split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                db.execute(statement)
            statement = ""


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


#: FTS rowids: each kind of indexed row in its own range, so triggers find their row by rowid.
SEARCH_KINDS = {"text": 0, "note": 1, "span": 2, "tag": 3}
_RANGE = 1 << 40


def fill_search_index(db: Database) -> None:
    """Index every document, footnote, highlight note and tag name (the search table must be empty).

    Used by ``m003_search`` and by ``workbench check --repair``. Should the index ever change shape,
    copy these statements into ``m003_search`` first: a released migration must not change.
    """
    note, span, tag = (SEARCH_KINDS[k] * _RANGE for k in ("note", "span", "tag"))
    columns = "INSERT INTO search (rowid, body, kind, doc_id, ref)"
    db.execute(f"{columns} SELECT rowid, text, 'text', id, '' FROM documents")
    db.execute(f"{columns} SELECT {note} + rowid, text, 'note', doc_id, n FROM notes")
    db.execute(f"{columns} SELECT {span} + id, note, 'span', doc_id, id FROM spans WHERE note <> ''")
    db.execute(f"{columns} SELECT {tag} + id, name, 'tag', '', id FROM tags")


@migration
def m003_search(db: Database) -> None:
    """Full-text search (FTS5) over document text, footnotes, highlight notes and tag names.

    Triggers on the indexed tables keep the index current; as undo replays changes to those
    tables, the triggers fire again and the index follows. (SQLite allows no triggers on the
    virtual table itself, so this is the only way the undo log can cover it.)
    """
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5("
        "body, kind UNINDEXED, doc_id UNINDEXED, ref UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
    )
    note, span, tag = (SEARCH_KINDS[k] * _RANGE for k in ("note", "span", "tag"))
    _execute_all(
        db,
        f"""
        CREATE TRIGGER search_documents_insert AFTER INSERT ON documents BEGIN
            INSERT INTO search (rowid, body, kind, doc_id, ref) VALUES (new.rowid, new.text, 'text', new.id, '');
        END;
        CREATE TRIGGER search_documents_delete AFTER DELETE ON documents BEGIN
            DELETE FROM search WHERE rowid = old.rowid;
        END;
        CREATE TRIGGER search_documents_update AFTER UPDATE OF text ON documents BEGIN
            DELETE FROM search WHERE rowid = old.rowid;
            INSERT INTO search (rowid, body, kind, doc_id, ref) VALUES (new.rowid, new.text, 'text', new.id, '');
        END;
        CREATE TRIGGER search_notes_insert AFTER INSERT ON notes BEGIN
            INSERT INTO search (rowid, body, kind, doc_id, ref)
                VALUES ({note} + new.rowid, new.text, 'note', new.doc_id, new.n);
        END;
        CREATE TRIGGER search_notes_delete AFTER DELETE ON notes BEGIN
            DELETE FROM search WHERE rowid = {note} + old.rowid;
        END;
        CREATE TRIGGER search_spans_insert AFTER INSERT ON spans WHEN new.note <> '' BEGIN
            INSERT INTO search (rowid, body, kind, doc_id, ref)
                VALUES ({span} + new.id, new.note, 'span', new.doc_id, new.id);
        END;
        CREATE TRIGGER search_spans_delete AFTER DELETE ON spans BEGIN
            DELETE FROM search WHERE rowid = {span} + old.id;
        END;
        CREATE TRIGGER search_spans_update AFTER UPDATE OF note ON spans BEGIN
            DELETE FROM search WHERE rowid = {span} + old.id;
            INSERT INTO search (rowid, body, kind, doc_id, ref)
                SELECT {span} + new.id, new.note, 'span', new.doc_id, new.id WHERE new.note <> '';
        END;
        CREATE TRIGGER search_tags_insert AFTER INSERT ON tags BEGIN
            INSERT INTO search (rowid, body, kind, doc_id, ref) VALUES ({tag} + new.id, new.name, 'tag', '', new.id);
        END;
        CREATE TRIGGER search_tags_delete AFTER DELETE ON tags BEGIN
            DELETE FROM search WHERE rowid = {tag} + old.id;
        END;
        CREATE TRIGGER search_tags_update AFTER UPDATE OF name ON tags BEGIN
            DELETE FROM search WHERE rowid = {tag} + old.id;
            INSERT INTO search (rowid, body, kind, doc_id, ref) VALUES ({tag} + new.id, new.name, 'tag', '', new.id);
        END;
        """,
    )
    fill_search_index(db)


@migration
def m004_inlines_and_glossaries(db: Database) -> None:
    """What the source marks inside the text (italics, people, terms, cross-references), and the
    volumes' glossaries of persons and terms those marks point to."""
    _execute_all(
        db,
        """
        CREATE TABLE inlines (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (doc_id, seq),
            CHECK (0 <= start AND start <= "end")
        );
        CREATE INDEX inlines_value ON inlines (kind, value);
        CREATE TABLE glossary (
            volume TEXT NOT NULL,
            key TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (volume, key)
        )
        """,
    )


@migration
def m005_orphaned_spans(db: Database) -> None:
    """Spans a corrected text no longer holds are kept, marked, for the historian to place."""
    db.execute("ALTER TABLE spans ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0")


@migration
def m006_who_changed_what(db: Database) -> None:
    """Every change records its author: tags gain one, and spans, memos and tags say who changed
    them last (until now, the person who made them)."""
    _execute_all(
        db,
        """
        ALTER TABLE tags ADD COLUMN author TEXT NOT NULL DEFAULT '';
        ALTER TABLE tags ADD COLUMN modified_by TEXT NOT NULL DEFAULT '';
        ALTER TABLE spans ADD COLUMN modified_by TEXT NOT NULL DEFAULT '';
        ALTER TABLE memos ADD COLUMN modified_by TEXT NOT NULL DEFAULT '';
        UPDATE spans SET modified_by = author;
        UPDATE memos SET modified_by = author
        """,
    )


@migration
def m007_source_notes_are_not_archives(db: Database) -> None:
    """A published document's source note moves from CSL's ``archive`` (which every citation
    style cites as the repository the historian consulted) to ``custom.source-note``: the
    editors' apparatus, kept in the details and never cited."""
    db.execute(
        """
        UPDATE documents SET metadata = json_set(
            json_remove(metadata, '$.archive'), '$.custom',
            json_patch(coalesce(json_extract(metadata, '$.custom'), '{}'),
                       json_object('source-note', json_extract(metadata, '$.archive'))))
        WHERE json_valid(metadata)
          AND json_extract(metadata, '$."container-title"') IS NOT NULL
          AND json_type(metadata, '$.archive') = 'text'
        """
    )


@migration
def m008_facsimiles(db: Database) -> None:
    """A PDF source kept in the project (its page images travel with the file), and the box on its
    pages where each run of the reading text stands."""
    _execute_all(
        db,
        """
        CREATE TABLE facsimiles (
            doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            format TEXT NOT NULL,
            data BLOB NOT NULL,
            labels TEXT NOT NULL
        );
        CREATE TABLE text_boxes (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            page INTEGER NOT NULL,
            left REAL NOT NULL,
            bottom REAL NOT NULL,
            right REAL NOT NULL,
            top REAL NOT NULL,
            PRIMARY KEY (doc_id, seq),
            CHECK (0 <= start AND start < "end")
        )
        """,
    )


@migration
def m009_duplicate_lookups(db: Database) -> None:
    """What an import looks up for every new document, indexed: the same text (its hash) and the
    same source (its URL, inside the metadata). Without them each look-up read every document:
    3 s to check 500 new documents against 500 stored. (Self-contained: it may be renumbered.)"""
    _execute_all(
        db,
        """
        CREATE INDEX IF NOT EXISTS documents_text_sha256 ON documents (text_sha256);
        CREATE INDEX IF NOT EXISTS documents_url ON documents (json_extract(metadata, '$.URL'))
        """,
    )


#: The full-text indexes since ``m010_search_without_copies``: each reads its words from one
#: table's column (FTS5 "external content"), so no text is stored twice. Index name → (table,
#: indexed column, the table's rowid column).
SEARCH_INDEXES = {
    "search_text": ("documents", "text", "rowid"),
    "search_notes": ("notes", "text", "rowid"),
    "search_spans": ("spans", "note", "id"),
    "search_tags": ("tags", "name", "id"),
    "search_memos": ("memos", "text", "id"),
}


def rebuild_search_indexes(db: Database) -> None:
    """Read every index's words again from its table (``workbench check --repair``)."""
    for index in SEARCH_INDEXES:
        db.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")


@migration
def m010_search_without_copies(db: Database) -> None:
    """Search reads the words from the tables themselves (the reading text was stored twice), and
    finds document notes and free notes too.

    One external-content FTS5 index per searched column; triggers keep each current (an external
    index is told the old words to forget, so a delete passes them). As before, undo replays
    changes to the tables and the triggers make the indexes follow.
    """
    for name in ("documents", "notes", "spans", "tags"):
        for event in ("insert", "delete", "update"):
            db.execute(f"DROP TRIGGER IF EXISTS search_{name}_{event}")
    db.execute("DROP TABLE IF EXISTS search")
    indexes = {
        "search_text": ("documents", "text", "rowid"),
        "search_notes": ("notes", "text", "rowid"),
        "search_spans": ("spans", "note", "id"),
        "search_tags": ("tags", "name", "id"),
        "search_memos": ("memos", "text", "id"),
    }
    for index, (table, column, rowid) in indexes.items():
        db.execute(
            f"CREATE VIRTUAL TABLE {index} USING fts5({column}, content = '{table}', content_rowid = '{rowid}', "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        add = f"INSERT INTO {index} (rowid, {column}) VALUES (new.{rowid}, new.{column})"
        forget = f"INSERT INTO {index} ({index}, rowid, {column}) VALUES ('delete', old.{rowid}, old.{column})"
        _execute_all(
            db,
            f"""
            CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {add}; END;
            CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {forget}; END;
            CREATE TRIGGER {index}_update AFTER UPDATE OF {column} ON {table} BEGIN {forget}; {add}; END;
            """,
        )
        db.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")


@migration
def m011_ids_never_reused(db: Database) -> None:
    """Tags, highlights and notes get ids that are never given out again (``AUTOINCREMENT``).

    Undo puts rows back by id; with ids reused, undoing "add tag Alpha" after another window had
    deleted it and made "Beta" (which got Alpha's id) would delete Beta. Each table is rebuilt the
    way SQLite's manual says (a new table, the rows copied, the old one dropped, the new renamed),
    foreign keys being off during migrations; its indexes and triggers are taken from the file as it
    stands (``schema_check`` has just compared them with ours) and made again.
    """
    for table in ("tags", "spans", "memos"):
        create, *others = [
            row[0]
            for row in db.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type <> 'table', rowid",
                [table],
            )
        ]
        create = create.replace(f"CREATE TABLE {table} (", f"CREATE TABLE {table}_new (", 1)
        db.execute(create.replace("id INTEGER PRIMARY KEY,", "id INTEGER PRIMARY KEY AUTOINCREMENT,", 1))
        db.execute(f"INSERT INTO {table}_new SELECT * FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
        for statement in others:
            db.execute(statement)


@migration
def m012_lists_by_volume(db: Database) -> None:
    """The documents list read a page at a time: indexes holding what a page is found by (the order
    documents were added; the volume) and what a short filter reads (number, title), so a page of
    100,000 documents reads the index, not the table with every text in it. ``document_list`` keeps
    each document's title, number, volume and date in a row of a few bytes, and ``document_titles``
    indexes its titles and numbers by their three-letter pieces (FTS5 trigram, reading its words
    from that table): filtering by any part of a title, and sorting what it finds, read neither
    every title nor the documents' rows, each with its text.
    Highlights' places are indexed with their ends, so the co-occurrence of all tags sweeps them
    in reading order from the index alone."""
    volume = """coalesce(json_extract(new.metadata, '$.custom."volume-id"'), '')"""
    add = (
        f"INSERT INTO document_list (id, title, number, volume, issued) "
        f"VALUES (new.rowid, new.title, new.number, {volume}, new.issued); "
        "INSERT INTO document_titles (rowid, title, number) VALUES (new.rowid, new.title, new.number)"
    )
    forget = (
        "INSERT INTO document_titles (document_titles, rowid, title, number) "
        "VALUES ('delete', old.rowid, old.title, old.number); DELETE FROM document_list WHERE id = old.rowid"
    )
    _execute_all(
        db,
        f"""
        CREATE INDEX documents_listing ON documents (position, number, title, issued);
        DROP INDEX spans_position;
        CREATE INDEX spans_position ON spans (doc_id, note_n, start, "end");
        CREATE INDEX documents_volume
            ON documents (json_extract(metadata, '$.custom."volume-id"'), position, number, title);
        CREATE TABLE document_list (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            number TEXT NOT NULL,
            volume TEXT NOT NULL,
            issued TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE document_titles USING fts5(
            title, number, content = 'document_list', content_rowid = 'id', tokenize = 'trigram');
        CREATE TRIGGER document_titles_insert AFTER INSERT ON documents BEGIN {add}; END;
        CREATE TRIGGER document_titles_delete AFTER DELETE ON documents BEGIN {forget}; END;
        CREATE TRIGGER document_titles_update AFTER UPDATE OF title, number, issued, metadata ON documents BEGIN
            {forget}; {add};
        END;
        INSERT INTO document_list (id, title, number, volume, issued)
            SELECT rowid, title, number, coalesce(json_extract(metadata, '$.custom."volume-id"'), ''), issued
            FROM documents;
        INSERT INTO document_titles (document_titles) VALUES ('rebuild')
        """,
    )


@migration
def m013_people_links_and_edit_count(db: Database) -> None:
    """The historian's corrections to which glossary entries of different volumes are one person
    (``workbench.model.people``): an entry set apart from its group (``same_volume`` and
    ``same_key`` empty), or two entries declared the same. The grouping itself is computed, not
    stored: a new volume joins the right people without a migration of its own.

    And a count of the transactions that changed the project (``Project.transaction``), kept in
    the file so that a backup knows, even in another session, whether anything changed since the
    last one (``backups``); file times say nothing of content. (Self-contained: it may be renumbered.)"""
    _execute_all(
        db,
        """
        CREATE TABLE IF NOT EXISTS glossary_links (
            volume TEXT NOT NULL,
            key TEXT NOT NULL,
            same_volume TEXT NOT NULL DEFAULT '',
            same_key TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (volume, key, same_volume, same_key)
        );
        CREATE TABLE IF NOT EXISTS edit_count (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            edits INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO edit_count (id, edits) VALUES (1, 0)
        """,
    )


@migration
def m014_highlight_places_from_the_index(db: Database) -> None:
    """Opening a document reads where its highlights lie (``load_places``): the index of their
    places now also holds whether each is lost and who made it, so those 10,000 rows are read from
    the index alone, not looked up one by one in the table beside their words (24 ms -> 16 ms)."""
    _execute_all(
        db,
        """
        DROP INDEX spans_position;
        CREATE INDEX spans_position ON spans (doc_id, note_n, start, "end", orphaned, author)
        """,
    )


#: The version this program writes; a file with a higher ``user_version`` is refused.
SCHEMA_VERSION = len(_STEPS)
