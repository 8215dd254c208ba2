"""Operations on the documents of a project: importing files.

Files are parsed first, all of them, and only then written, in one transaction: a file that
fails to parse is reported and skipped, and a failure while writing leaves the project as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from workbench.importers import Imported, ImportFailed, read_documents
from workbench.ops.changes import OpChanges
from workbench.ops.history import history
from workbench.storage import Project, insert_document


@dataclass(slots=True)
class ImportReport:
    imported: list[Imported] = field(default_factory=list)
    failed: list[ImportFailed] = field(default_factory=list)
    changes: OpChanges = field(default_factory=OpChanges)

    @property
    def document_count(self) -> int:
        return sum(len(item.documents) for item in self.imported)


def import_files(project: Project, paths: Iterable[Path | str]) -> ImportReport:
    """Import every file in ``paths`` that can be read; collect the ones that cannot."""
    report = ImportReport()
    for path in paths:
        try:
            report.imported.append(read_documents(path))
        except ImportFailed as failure:
            report.failed.append(failure)
    ids = frozenset(doc.id for item in report.imported for doc in item.documents)

    def work(db: Database) -> OpChanges:
        for item in report.imported:
            for document in item.documents:
                insert_document(db, document, source_name=item.path.name)
        return OpChanges(document_list=bool(ids), documents=ids)

    count = len(ids)
    label = f"Import {count} Documents" if count != 1 else "Import Document"
    report.changes = history(project).perform(label, work) if ids else OpChanges()
    return report
