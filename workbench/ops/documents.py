"""Operations on the documents of a project: importing files.

Importing is two steps. ``read_files`` parses (slow for a volume, so the GUI runs it off its
thread, can show progress and can stop it between documents); ``store`` writes what was read in
one transaction and one step of undo. Nothing is written until everything asked for was read,
so a cancelled or failed import leaves the project as it was.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from workbench.importers import Imported, ImportFailed, read_documents
from workbench.model import Document, DocumentId, Metadata
from workbench.model.anchoring import Placement, reanchor
from workbench.model.annotation import QuoteSelector, SpanId
from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.history import history
from workbench.storage import Project, insert_document
from workbench.storage.documents import insert_structure


class Cancelled(Exception):
    """The user stopped the import; nothing was written."""


@dataclass(slots=True)
class ImportReport:
    imported: list[Imported] = field(default_factory=list)
    failed: list[ImportFailed] = field(default_factory=list)
    changes: OpChanges = field(default_factory=OpChanges)

    @property
    def document_count(self) -> int:
        return sum(len(item.documents) for item in self.imported)

    @property
    def documents(self) -> list[Document]:
        return [doc for item in self.imported for doc in item.documents]


def read_files(
    paths: Iterable[Path | str],
    *,
    progress: Callable[[int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Parse every file; ``progress(documents so far, title)`` after each; stop if ``cancelled()``."""
    report = ImportReport()
    done = 0

    def seen(document: Document) -> None:
        nonlocal done
        if cancelled and cancelled():
            raise Cancelled
        done += 1
        if progress:
            progress(done, f"{document.number}. {document.title}" if document.number else document.title)

    for path in paths:
        if cancelled and cancelled():
            raise Cancelled
        try:
            report.imported.append(read_documents(path, each=seen))
        except ImportFailed as failure:
            report.failed.append(failure)
    return report


def duplicates(db: Database, documents: Iterable[Document]) -> dict[str, str]:
    """New document id → id of a document already in the project with the same URL or the same text."""
    found: dict[str, str] = {}
    for document in documents:
        url = document.metadata.url
        row = db.execute(
            "SELECT id FROM documents WHERE text_sha256 = ? OR (? <> '' AND json_extract(metadata, '$.URL') = ?)",
            [document.text_sha256, url, url],
        ).fetchone()
        if row:
            found[document.id] = row[0]
    return found


def store(project: Project, report: ImportReport, *, skip: Iterable[str] = ()) -> ImportReport:
    """Write what ``read_files`` read (less the ids in ``skip``), as one step: "Import N Documents"."""
    skipped = set(skip)
    documents = [(item.path.name, doc) for item in report.imported for doc in item.documents if doc.id not in skipped]
    ids = frozenset(doc.id for _, doc in documents)

    entries = [entry for item in report.imported for entry in item.glossary]

    def work(db: Database) -> OpChanges:
        for name, document in documents:
            insert_document(db, document, source_name=name)
        for entry in entries:  # a volume's glossary, newest reading wins
            db.execute("INSERT OR REPLACE INTO glossary (volume, key, kind, name, description) VALUES (?, ?, ?, ?, ?)",
                       [entry.volume, entry.key, entry.kind, entry.name, entry.description])  # fmt: skip
        return OpChanges(document_list=bool(ids), documents=ids)

    label = f"Import {len(ids)} Documents" if len(ids) != 1 else "Import Document"
    report.changes = history(project).perform(label, work) if ids else OpChanges()
    return report


def import_files(project: Project, paths: Iterable[Path | str]) -> ImportReport:
    """Read and store in one go (the command line, tests); see ``read_files`` and ``store``."""
    return store(project, read_files(paths))


def same_source(db: Database, documents: Iterable[Document]) -> dict[str, str]:
    """New document id → the project's document from the same source (URL) whose text differs."""
    found: dict[str, str] = {}
    for document in documents:
        url = document.metadata.url
        if not url:
            continue
        row = db.execute(
            "SELECT id FROM documents WHERE json_extract(metadata, '$.URL') = ? AND text_sha256 <> ?",
            [url, document.text_sha256],
        ).fetchone()
        if row:
            found[document.id] = row[0]
    return found


def replace_document(project: Project, existing_id: str, document: Document) -> OpResult[Counter[str]]:
    """Put a corrected text in place of a document's, and find every highlight again in it.

    One step: the text, its structure and notes are replaced; each span is re-anchored (kept,
    moved, approximate) or marked orphaned, never dropped. Returns how many of each.
    """
    counts: Counter[str] = Counter()

    def work(db: Database) -> OpChanges:
        old_text, old_metadata = db.execute(
            "SELECT text, metadata FROM documents WHERE id = ?", [existing_id]
        ).fetchone()
        merged = Metadata.from_csl(json.loads(old_metadata)).merged(document.metadata)
        db["documents"].update(existing_id, {
            "text": document.text, "text_sha256": document.text_sha256, "first_page": document.pages.first_page,
            "source_format": document.source_format, "number": merged.number, "title": merged.title,
            "issued": merged.issued, "metadata": json.dumps(merged.to_csl(), ensure_ascii=False),
        })  # fmt: skip
        old_notes = {n: text for n, text in db.execute("SELECT n, text FROM notes WHERE doc_id = ?", [existing_id])}
        for table in ("blocks", "pages", "notes", "inlines"):
            db.execute(f"DELETE FROM {table} WHERE doc_id = ?", [existing_id])
        insert_structure(db, dataclasses.replace(document, id=DocumentId(existing_id)))
        new_notes = {note.n: note.text for note in document.notes}
        spans = db.execute(
            "SELECT id, note_n, start, quote, prefix, suffix FROM spans WHERE doc_id = ?", [existing_id]
        ).fetchall()
        for span_id, note_n, start, quote, prefix, suffix in spans:
            old = old_text if note_n is None else old_notes.get(note_n, "")
            new = document.text if note_n is None else new_notes.get(note_n, "")
            found = reanchor(quote, prefix, suffix, start, len(old), new)
            counts[found.placement] += 1
            if found.placement == Placement.ORPHANED:
                db.execute("UPDATE spans SET orphaned = 1 WHERE id = ?", [span_id])
                continue
            selector = QuoteSelector.of(new, found.start, found.end)
            db.execute(
                'UPDATE spans SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, orphaned = 0 WHERE id = ?',
                [found.start, found.end, selector.exact, selector.prefix, selector.suffix, span_id],
            )
        ids = frozenset({DocumentId(existing_id)})
        return OpChanges(document_list=True, documents=ids, span_documents=ids,
                         spans=frozenset(SpanId(row[0]) for row in spans))  # fmt: skip

    changes = history(project).perform("Replace Text", work)
    return OpResult(changes, counts)
