"""Operations on memos: the note on a document, and free notes tied to no passage or tag."""

from __future__ import annotations

from sqlite_utils import Database

from workbench.model.annotation import new_uuid
from workbench.ops.author import created, stamp
from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.errors import OperationError
from workbench.ops.history import history
from workbench.storage import Project
from workbench.storage.tables import insert_row

MEMOS_CHANGED = OpChanges(memos=True)


def set_document_memo(project: Project, doc_id: str, text: str, *, author: str | None = None) -> OpResult[None]:
    """Write the document's note (an empty text removes it)."""

    def work(db: Database) -> OpChanges:
        row = db.execute("SELECT id FROM memos WHERE doc_id = ?", [doc_id]).fetchone()
        if not text.strip():
            db.execute("DELETE FROM memos WHERE doc_id = ?", [doc_id])
        elif row:
            db.table("memos").update(row[0], {"text": text, **stamp()})
        else:
            db.table("memos").insert(
                {
                    "uuid": new_uuid(),
                    "doc_id": doc_id,
                    "text": text,
                    **created(author),
                }
            )
        return MEMOS_CHANGED

    return OpResult(history(project).perform("Edit Document Note", work, group=f"document-note:{doc_id}"), None)


def create_memo(project: Project, title: str, text: str = "", *, author: str | None = None) -> OpResult[int]:
    memo_id = 0

    def work(db: Database) -> OpChanges:
        nonlocal memo_id
        memo_id = insert_row(
            db.table("memos"),
            {
                "uuid": new_uuid(),
                "doc_id": None,
                "title": title.strip(),
                "text": text,
                **created(author),
            },
        )
        return MEMOS_CHANGED

    return OpResult(history(project).perform("New Note", work), memo_id)


def update_memo(project: Project, memo_id: int, *, title: str | None = None, text: str | None = None) -> OpResult[None]:
    if project.db.execute("SELECT 1 FROM memos WHERE id = ?", [memo_id]).fetchone() is None:
        raise OperationError("that note no longer exists")
    values = {key: value for key, value in (("title", title), ("text", text)) if value is not None}

    def work(db: Database) -> OpChanges:
        db.table("memos").update(memo_id, {**values, **stamp()})
        return MEMOS_CHANGED

    return OpResult(history(project).perform("Edit Note", work), None)


def delete_memo(project: Project, memo_id: int) -> OpResult[None]:
    def work(db: Database) -> OpChanges:
        db.execute("DELETE FROM memos WHERE id = ?", [memo_id])
        return MEMOS_CHANGED

    return OpResult(history(project).perform("Delete Note", work), None)
