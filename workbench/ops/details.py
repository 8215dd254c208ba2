"""Operations on a document's details (its CSL-JSON metadata) and on the document as a whole.

Editing the details is one step ("Edit Details"); the columns the documents list sorts by
(number, title, date) are copied out of the metadata in the same transaction. Deleting a
document is one step too: its highlights, notes and structure go by the schema's cascades,
and the undo log brings every row back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.model import DocumentId, Metadata
from workbench.model.annotation import SpanId
from workbench.model.text import counted
from workbench.ops.changes import OpChanges
from workbench.ops.errors import OperationError
from workbench.ops.history import history
from workbench.storage import Project


def _require(db: Database, doc_id: str) -> None:
    if db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is None:
        raise OperationError("That document is no longer in the project.")


def write_metadata(db: Database, doc_id: str, metadata: Metadata) -> None:
    """Store ``metadata`` and the columns copied from it. Call inside a transaction."""
    db.execute(
        "UPDATE documents SET metadata = ?, number = ?, title = ?, issued = ? WHERE id = ?",
        [json.dumps(metadata.to_csl(), ensure_ascii=False), metadata.number, metadata.title, metadata.issued, doc_id],
    )


def set_details(project: Project, doc_id: str, metadata: Metadata) -> OpChanges:
    """Replace a document's details with ``metadata``: one step, "Edit Details"."""

    def work(db: Database) -> OpChanges:
        _require(db, doc_id)
        write_metadata(db, doc_id, metadata)
        return OpChanges(document_list=True, documents=frozenset({DocumentId(doc_id)}))

    return history(project).perform("Edit Details", work)


@dataclass(frozen=True, slots=True)
class Contents:
    """What goes with a document when it is deleted, for the confirmation to name."""

    title: str
    highlights: int
    notes: int  # highlights with a note, and the document's own note

    def describe(self) -> str:
        parts = [counted(self.highlights, "highlight"), counted(self.notes, "note")]
        return " and ".join(part for part in parts if not part.startswith("0 ")) or "nothing of yours"


def contents(db: Database, doc_id: str) -> Contents:
    _require(db, doc_id)
    title = db.execute("SELECT title FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
    highlights, noted = db.execute(
        "SELECT count(*), coalesce(sum(note <> ''), 0) FROM spans WHERE doc_id = ?", [doc_id]
    ).fetchone()
    memo = db.execute("SELECT count(*) FROM memos WHERE doc_id = ? AND text <> ''", [doc_id]).fetchone()[0]
    return Contents(title, highlights, noted + memo)


def delete_documents(project: Project, doc_ids: list[DocumentId]) -> OpChanges:
    """Delete documents with their highlights and notes: one step, undone whole."""
    if not doc_ids:
        return OpChanges()

    def work(db: Database) -> OpChanges:
        spans: set[SpanId] = set()
        for doc_id in doc_ids:
            _require(db, doc_id)
            spans.update(SpanId(row[0]) for row in db.execute("SELECT id FROM spans WHERE doc_id = ?", [doc_id]))
            db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        ids = frozenset(doc_ids)
        return OpChanges(document_list=True, documents=ids, span_documents=ids, spans=frozenset(spans), memos=True)

    label = "Delete Document" if len(doc_ids) == 1 else f"Delete {len(doc_ids)} Documents"
    return history(project).perform(label, work)
