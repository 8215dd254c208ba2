"""Documents in the project file: writing a ``Document`` into rows and reading it back.

The text is stored once, with its SHA-256 (a later re-import of a corrected transcription is
recognised by a different hash). Number, title and date are copied out of the CSL-JSON metadata
into columns of their own so the document list can sort and filter without parsing JSON.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from sqlite_utils import Database

from workbench.model import (
    Block,
    BlockKind,
    Document,
    DocumentId,
    Inline,
    InlineKind,
    Metadata,
    Note,
    PageBreak,
    PageMap,
)
from workbench.model.document import page_span
from workbench.model.facsimile import Facsimile
from workbench.storage.clock import now


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A row of the documents list: enough to show and sort it, without the text."""

    id: DocumentId
    number: str
    title: str
    issued: str
    pages: str
    note_count: int
    length: int
    span_count: int = 0
    volume: str = ""
    chapter: str = ""


def insert_document(db: Database, document: Document, *, source_name: str = "") -> None:
    """Store ``document`` after the project's last one. Call inside a transaction."""
    position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM documents").fetchone()[0]
    row = {
        "id": document.id,
        "position": position,
        "number": document.metadata.number,
        "title": document.metadata.title,
        "issued": document.metadata.issued,
        "metadata": json.dumps(document.metadata.to_csl(), ensure_ascii=False),
        "text": document.text,
        "text_sha256": document.text_sha256,
        "source_format": document.source_format,
        "source_name": source_name,
        "first_page": document.pages.first_page,
        "imported_at": now(),
    }
    insert_rows(db, "documents", tuple(row), [tuple(row.values())])
    insert_structure(db, document)


#: Rows one INSERT statement writes at most (fewer when the table has many columns: SQLite
#: limits the values one statement may bind). Preparing a statement of 500 rows costs more than
#: running it; one of 64 is prepared once and run again for every 64 rows.
ROWS_A_STATEMENT = 64


def insert_rows(db: Database, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """``rows`` written ``ROWS_A_STATEMENT`` to a statement: a megabyte's thousands of rows in a few milliseconds.

    Not ``executemany``, which runs one statement a row, and not sqlite-utils' ``insert_all``, which
    also looks at every value in Python first. A full-text index does its bookkeeping at the end of
    every statement, so the 328 notes of a megabyte took 4.6 ms one by one and take 0.6 ms so.
    """
    names = ", ".join(f'"{column}"' for column in columns)
    one = "(" + ", ".join("?" * len(columns)) + ")"
    statement = f'INSERT INTO "{table}" ({names}) VALUES '
    most = max(1, min(ROWS_A_STATEMENT, db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns)))
    rows = iter(rows)
    while chunk := list(islice(rows, most)):
        if any(len(row) != len(columns) for row in chunk):  # one list of values: a short row would shift the rest
            raise ValueError(f"a row for {table} does not have {len(columns)} values")
        db.conn.execute(statement + ", ".join([one] * len(chunk)), [value for row in chunk for value in row])


def insert_structure(db: Database, document: Document) -> None:
    """The document's blocks, pages, notes and inline marks (its text row exists)."""
    doc_id = document.id
    insert_rows(
        db,
        "blocks",
        ("doc_id", "seq", "kind", "start", "end", "level", "label"),
        ((doc_id, seq, str(b.kind), b.start, b.end, b.level, b.label) for seq, b in enumerate(document.blocks)),
    )
    insert_rows(
        db,
        "pages",
        ("doc_id", "seq", "n", "start"),
        ((doc_id, seq, b.n, b.start) for seq, b in enumerate(document.pages.breaks)),
    )
    insert_rows(
        db,
        "notes",
        ("doc_id", "n", "anchor", "text"),
        ((doc_id, note.n, note.anchor, note.text) for note in document.notes),
    )
    insert_rows(
        db,
        "inlines",
        ("doc_id", "seq", "start", "end", "kind", "value"),
        ((doc_id, seq, i.start, i.end, str(i.kind), i.value) for seq, i in enumerate(document.inlines)),
    )
    if document.facsimile is not None:
        insert_facsimile(db, doc_id, document.facsimile)


def insert_facsimile(db: Database, doc_id: str, facsimile: Facsimile) -> None:
    """The page images' source and the text's boxes on them, for document ``doc_id`` (which has none)."""
    db.execute(
        "INSERT INTO facsimiles (doc_id, format, data, labels) VALUES (?, 'pdf', ?, ?)",
        [doc_id, facsimile.data, json.dumps(facsimile.labels)],
    )
    insert_rows(
        db,
        "text_boxes",
        ("doc_id", "seq", "start", "end", "page", "left", "bottom", "right", "top"),
        (
            (doc_id, seq, b.start, b.end, b.page, b.left, b.bottom, b.right, b.top)
            for seq, b in enumerate(facsimile.boxes)
        ),
    )


#: The tables that hold a document's structure, replaced whole when its text is replaced.
STRUCTURE_TABLES = ("blocks", "pages", "notes", "inlines", "facsimiles", "text_boxes")


def load_facsimile(db: Database, doc_id: str) -> Facsimile | None:
    """The page images' source and the text's boxes on them; ``None`` for a document without (not PDF).

    Kept out of ``load_document``: the PDF can be large and the reading view does not need it."""
    row = db.execute("SELECT data, labels FROM facsimiles WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    boxes = db.execute(
        'SELECT start, "end", page, left, bottom, right, top FROM text_boxes WHERE doc_id = ? ORDER BY seq', [doc_id]
    )
    return Facsimile(bytes(row[0]), json.loads(row[1]), boxes)


def has_facsimile(db: Database, doc_id: str) -> bool:
    return db.execute("SELECT 1 FROM facsimiles WHERE doc_id = ?", [doc_id]).fetchone() is not None


def load_document(db: Database, doc_id: str) -> Document:
    """The whole document ``doc_id``; ``KeyError`` if there is none."""
    row = db.execute(
        "SELECT id, metadata, text, source_format, first_page FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    if row is None:
        raise KeyError(doc_id)
    id_, metadata, text, source_format, first_page = row
    blocks = [
        Block(BlockKind(kind), start, end, level, label)
        for kind, start, end, level, label in db.execute(
            'SELECT kind, start, "end", level, label FROM blocks WHERE doc_id = ? ORDER BY seq', [doc_id]
        )
    ]
    pages = db.execute("SELECT n, start FROM pages WHERE doc_id = ? ORDER BY seq", [doc_id])
    breaks = tuple(PageBreak(n, start) for n, start in pages)
    notes = [
        Note(n, anchor, body)
        for n, anchor, body in db.execute("SELECT n, anchor, text FROM notes WHERE doc_id = ? ORDER BY n", [doc_id])
    ]
    inlines = [
        Inline(start, end, InlineKind(kind), value)
        for start, end, kind, value in db.execute(
            'SELECT start, "end", kind, value FROM inlines WHERE doc_id = ? ORDER BY seq', [doc_id]
        )
    ]
    return Document(
        inlines=inlines,
        id=DocumentId(id_),
        text=text,
        metadata=Metadata.from_csl(json.loads(metadata)),
        blocks=blocks,
        pages=PageMap(first_page, breaks),
        notes=notes,
        source_format=source_format,
    )


def load_page_outlines(db: Database, doc_ids: Iterable[str]) -> dict[DocumentId, Document]:
    """Per document, what tells a highlight's page (its page breaks and its notes' anchors) with its
    title and number; no text, blocks or note bodies. Three queries for any number of documents:
    the highlights of a whole project need pages, not 500 texts."""
    ids = sorted(set(doc_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    breaks: dict[str, list[PageBreak]] = {}
    for doc_id, n, start in db.execute(
        f"SELECT doc_id, n, start FROM pages WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", ids
    ):
        breaks.setdefault(doc_id, []).append(PageBreak(n, start))
    notes: dict[str, list[Note]] = {}
    for doc_id, n, anchor in db.execute(
        f"SELECT doc_id, n, anchor FROM notes WHERE doc_id IN ({marks}) ORDER BY doc_id, n", ids
    ):
        notes.setdefault(doc_id, []).append(Note(n, anchor, ""))
    return {
        DocumentId(id_): Document(
            id=DocumentId(id_),
            text="",
            metadata=Metadata.from_csl(json.loads(metadata)),
            pages=PageMap(first_page, tuple(breaks.get(id_, ()))),
            notes=notes.get(id_, []),
            source_format=source_format,
        )
        for id_, metadata, source_format, first_page in db.execute(
            f"SELECT id, metadata, source_format, first_page FROM documents WHERE id IN ({marks})", ids
        )
    }


#: A document's volume (the FRUS volume id) and kind of source, as SQL on ``documents d``. The
#: volume expression is indexed (``m012_lists_by_volume``): queries must spell it exactly so.
VOLUME_SQL = """json_extract(d.metadata, '$.custom."volume-id"')"""
KIND_SQL = "lower(coalesce(json_extract(d.metadata, '$.custom.kind'), json_extract(d.metadata, '$.genre'), ''))"

SUMMARY_SQL = """
SELECT d.id, d.number, d.title, d.issued,
       coalesce(d.first_page, (SELECT n FROM pages p WHERE p.doc_id = d.id ORDER BY seq LIMIT 1)),
       (SELECT n FROM pages p WHERE p.doc_id = d.id ORDER BY seq DESC LIMIT 1) AS last_page,
       (SELECT count(*) FROM notes n WHERE n.doc_id = d.id) AS note_count,
       length(d.text),
       (SELECT count(*) FROM spans s WHERE s.doc_id = d.id) AS span_count,
       coalesce(json_extract(d.metadata, '$.custom."volume-id"'), ''),
       coalesce(json_extract(d.metadata, '$.custom.chapter'), '')
FROM documents d
"""


def summary_row(row: tuple) -> DocumentSummary:
    id_, number, title, issued, first_page, last_page, note_count, length, span_count, volume, chapter = row
    pages = page_span(first_page, last_page)
    return DocumentSummary(
        DocumentId(id_), number, title, issued, pages, note_count, length, span_count, volume, chapter
    )


def list_documents(db: Database) -> list[DocumentSummary]:
    """Every document, in the order they were added."""
    return [summary_row(row) for row in db.execute(SUMMARY_SQL + " ORDER BY d.position")]


def find_documents(db: Database, ref: str) -> list[DocumentSummary]:
    """Documents that ``ref`` names: an id, an id prefix of 8 or more characters, or a number."""
    ref = ref.strip()
    where, params = "d.number = ? OR d.id = ?", [ref, ref]
    if len(ref) >= 8:
        where += " OR d.id LIKE ? ESCAPE '\\'"
        params.append(ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return [summary_row(row) for row in db.execute(f"{SUMMARY_SQL} WHERE {where} ORDER BY d.position", params)]
