"""Operations on the documents of a project: importing files.

Importing is two steps. ``read_files`` parses (slow for a volume, so the GUI runs it off its
thread, can show progress and can stop it between documents); ``store`` writes what was read in
one transaction and one step of undo. Nothing is written until everything asked for was read,
so a cancelled or failed import leaves the project as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from workbench.importers import Imported, ImportFailed, read_documents
from workbench.model import Document
from workbench.ops.changes import OpChanges
from workbench.ops.history import history
from workbench.storage import Project, insert_document


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
