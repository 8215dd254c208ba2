"""Operations on the documents of a project: importing files.

Importing is two steps. ``read_files`` parses (slow for a volume, so the GUI runs it off its
thread, can show progress and can stop it between documents); ``store`` writes what was read in
one transaction and one step of undo. Nothing is written until everything asked for was read,
so a cancelled or failed import leaves the project as it was.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from workbench.importers import Imported, ImportFailed, ocr, read_documents
from workbench.importers.errors import CancelCheck, Cancelled
from workbench.importers.pdf import ScannedPdf, page_count
from workbench.importers.plain_text import title_from_name
from workbench.model import Document, DocumentId, Metadata
from workbench.model.anchoring import Placement, reanchor
from workbench.model.annotation import QuoteSelector, SpanId
from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.details import write_metadata
from workbench.ops.errors import OperationError
from workbench.ops.history import history
from workbench.storage import Project, insert_document
from workbench.storage.documents import STRUCTURE_TABLES, insert_structure


@dataclass(slots=True)
class ImportReport:
    imported: list[Imported] = field(default_factory=list)
    failed: list[ImportFailed] = field(default_factory=list)
    changes: OpChanges = field(default_factory=OpChanges)
    stored: set[DocumentId] = field(default_factory=set)  # documents added
    already: dict[str, str] = field(default_factory=dict)  # read document → the one with its text, skipped
    replaced: dict[str, Counter[str]] = field(default_factory=dict)  # document → how its highlights fared

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
    pages: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Parse every file; ``progress(documents so far, title)`` after each; stop if ``cancelled()``
    (asked between documents and, inside a long one, every few thousand lines)."""
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
            report.imported.append(read_documents(path, each=seen, cancelled=cancelled, pages=pages))
        except ImportFailed as failure:
            report.failed.append(failure)
    return report


def scans(report: ImportReport) -> list[ImportFailed]:
    """The files that failed only because they are scans without a text layer."""
    return [failure for failure in report.failed if isinstance(failure, ScannedPdf)]


def recognise_scans(report: ImportReport, language: str = "eng", *, cancelled: CancelCheck = None,
                    progress: Callable[[int, str], None] | None = None) -> None:  # fmt: skip
    """Give each scanned PDF in ``report`` a text layer (OCRmyPDF) and read it; its details say the
    text was machine-read. A scan that cannot be recognised stays among the failures, with why."""
    for number, failure in enumerate(scans(report), start=1):
        if progress:
            progress(number, failure.path.name)
        try:
            recognised = ocr.recognise(failure.path, language, cancelled=cancelled, pages=page_count(failure.path))
            try:
                imported = read_documents(recognised, cancelled=cancelled)
            finally:
                shutil.rmtree(recognised.parent, ignore_errors=True)
        except ImportFailed as again:
            report.failed[report.failed.index(failure)] = again
            continue
        imported.path = failure.path
        for document in imported.documents:
            document.metadata = machine_read(document.metadata, language, failure.path)
        report.failed.remove(failure)
        report.imported.append(imported)


def machine_read(metadata: Metadata, language: str, path: Path) -> Metadata:
    """Details that say the text was recognised by OCR (to be checked against the page image)."""
    custom = {**metadata.extra.get("custom", {}), "text-source": f"machine-read (OCR, {language})"}
    title = title_from_name(path.name) if metadata.title_from_file else metadata.title
    return dataclasses.replace(metadata, title=title, extra={**metadata.extra, "custom": custom})


#: The documents from a source: the expression is the index's (``documents_url``), word for word.
_BY_URL = "SELECT id FROM documents WHERE json_extract(metadata, '$.URL') = ?"


def duplicates(db: Database, documents: Iterable[Document]) -> dict[str, str]:
    """New document id → id of a document already in the project with the very same text."""
    found: dict[str, str] = {}
    for document in documents:
        row = db.execute("SELECT id FROM documents WHERE text_sha256 = ?", [document.text_sha256]).fetchone()
        if row:
            found[document.id] = row[0]
    return found


def store(
    project: Project,
    report: ImportReport,
    *,
    skip: Iterable[str] = (),
    replace: Mapping[str, str] | None = None,
    update: Mapping[str, str] | None = None,
    again: bool = False,
    label: str | None = None,
    group: str | None = None,
) -> ImportReport:
    """Write what ``read_files`` read as one step ("Import N Documents"), in one transaction.

    ``replace`` maps a new document to the one whose text it replaces (highlights re-anchored);
    ``update`` to the one whose details it updates (its text is not imported); ``skip`` lists
    documents not to write. Unless ``again``, a document whose text is already in the project is
    skipped and listed in ``report.already`` — checked inside the transaction, so two imports of
    the same files at once, or an import run again after it was killed, give the same project.
    ``label`` names the step; steps of one ``group`` in a row are undone as one (``History.perform``).
    """
    skipped, replacing, updating = set(skip), dict(replace or {}), dict(update or {})
    read = [(item.path.name, doc) for item in report.imported for doc in item.documents]
    entries = [entry for item in report.imported for entry in item.glossary]

    def work(db: Database) -> OpChanges:
        inserted: set[DocumentId] = set()
        touched: set[DocumentId] = set()
        spans: set[SpanId] = set()
        seen: dict[str, str] = {}
        for name, document in read:
            if document.id in skipped:
                continue
            if document.id in replacing:
                existing = replacing[document.id]
                counts, moved = _replace_text(db, existing, document)
                report.replaced[existing] = counts
                touched.add(DocumentId(existing))
                spans.update(moved)
            elif document.id in updating:
                existing = updating[document.id]
                write_metadata(db, existing, _stored_metadata(db, existing).merged(document.metadata))
                touched.add(DocumentId(existing))
            elif not again and (twin := seen.get(document.text_sha256) or _same_text(db, document)):
                report.already[document.id] = twin
            else:
                insert_document(db, document, source_name=name)
                inserted.add(document.id)
                seen[document.text_sha256] = document.id
        for entry in entries:  # a volume's glossary, newest reading wins
            db.execute("INSERT OR REPLACE INTO glossary (volume, key, kind, name, description) VALUES (?, ?, ?, ?, ?)",
                       [entry.volume, entry.key, entry.kind, entry.name, entry.description])  # fmt: skip
        report.stored = inserted
        return OpChanges(document_list=bool(inserted or touched), documents=frozenset(inserted | touched),
                         span_documents=frozenset(touched), spans=frozenset(spans))  # fmt: skip

    writes = len(read) - len(skipped)
    if writes <= 0 and not entries:
        return report
    label = label or _label(len(read) - len(skipped) - len(replacing) - len(updating), len(replacing), len(updating))
    report.changes = history(project).perform(label, work, group=group)
    return report


def _label(new: int, replaced: int, updated: int) -> str:
    if replaced and not new and not updated:
        return "Replace Text" if replaced == 1 else f"Replace {replaced} Texts"
    if updated and not new and not replaced:
        return "Update Details" if updated == 1 else f"Update Details of {updated} Documents"
    return "Import Document" if new + replaced + updated == 1 else f"Import {new + replaced + updated} Documents"


def _same_text(db: Database, document: Document) -> str | None:
    row = db.execute("SELECT id FROM documents WHERE text_sha256 = ?", [document.text_sha256]).fetchone()
    return row[0] if row else None


def _stored_metadata(db: Database, doc_id: str) -> Metadata:
    row = db.execute("SELECT metadata FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None:
        raise OperationError("That document is no longer in the project.")
    return Metadata.from_csl(json.loads(row[0]))


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
        row = db.execute(f"{_BY_URL} AND text_sha256 <> ?", [url, document.text_sha256]).fetchone()
        if row:
            found[document.id] = row[0]
    return found


def replace_document(project: Project, existing_id: str, document: Document) -> OpResult[Counter[str]]:
    """Put a corrected text in place of a document's, and find every highlight again in it (one step)."""
    report = ImportReport(imported=[Imported(Path(document.title or "document"), [document])])
    store(project, report, replace={document.id: existing_id})
    return OpResult(report.changes, report.replaced.get(existing_id, Counter()))


def _replace_text(db: Database, existing_id: str, document: Document) -> tuple[Counter[str], set[SpanId]]:
    """Replace the stored text, structure and notes of ``existing_id``; re-anchor each span (kept,
    moved, approximate) or mark it orphaned, never dropped. Call inside a transaction."""
    counts: Counter[str] = Counter()
    row = db.execute("SELECT text, metadata FROM documents WHERE id = ?", [existing_id]).fetchone()
    if row is None:
        raise OperationError("The document to replace is no longer in the project.")
    old_text, old_metadata = row
    merged = Metadata.from_csl(json.loads(old_metadata)).merged(document.metadata)
    db.table("documents").update(existing_id, {
        "text": document.text, "text_sha256": document.text_sha256, "first_page": document.pages.first_page,
        "source_format": document.source_format,
    })  # fmt: skip
    write_metadata(db, existing_id, merged)
    old_notes = {n: text for n, text in db.execute("SELECT n, text FROM notes WHERE doc_id = ?", [existing_id])}
    for table in STRUCTURE_TABLES:
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
    return counts, {SpanId(row[0]) for row in spans}
