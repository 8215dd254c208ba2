"""Taking in work from other tools (a REFI-QDA project, W3C annotations), each as one step of undo."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from workbench.exchange.refi import ImportedProject, read_refi
from workbench.exchange.w3c import Annotations, read_annotations
from workbench.model import DocumentId
from workbench.model.annotation import PALETTE, QuoteSelector, SpanId, TagId, new_uuid
from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.history import history
from workbench.ops.spans import target_text
from workbench.ops.tags import TagMaker
from workbench.storage import Project, insert_document
from workbench.storage.clock import now
from workbench.storage.tables import insert_row


def import_refi(project: Project, path: Path) -> OpResult[ImportedProject]:
    """Documents, codes (as tags), selections (as highlights) and notes of a ``.qdpx`` project, or
    the codes alone of a ``.qdc`` codebook, keeping their GUIDs.

    What is already in the project (the same GUID) is left as it is and counted in the warnings.
    """
    data = read_refi(path)

    def work(db: Database) -> OpChanges:
        def exists(table: str, column: str, value: str) -> bool:
            return db.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", [value]).fetchone() is not None

        stamp = now()
        for document in data.documents:
            if exists("documents", "id", document.id):
                data.warnings.append(f"{document.title}: already in the project; kept as it was")
                continue
            insert_document(db, document, source_name=path.name)
        tag_ids: dict[str, TagId] = {row[0]: TagId(row[1]) for row in db.execute("SELECT uuid, id FROM tags")}
        maker = TagMaker(db)  # the tree read once: 100,000 codes must not each re-read it
        for i, (guid, parent, name, color, description) in enumerate(data.tags):
            if guid in tag_ids:
                continue
            parent_id = tag_ids.get(parent) if parent else None
            same_name = maker.find(parent_id, name)
            if same_name is not None:  # the same tag by its place in the tree: its highlights join it
                tag_ids[guid] = same_name
                continue
            tag_ids[guid] = maker.insert(name, parent_id=parent_id, color=color or PALETTE[i % len(PALETTE)],
                                         description=description, uuid=guid, with_key=False)  # fmt: skip
        spans_table = db.table("spans")
        texts = {doc.id: doc.text for doc in data.documents}
        for guid, doc_id, start, end, note, author, created, modified, tags in data.spans:
            if exists("spans", "uuid", guid) or not exists("documents", "id", doc_id):
                continue
            selector = QuoteSelector.of(texts[doc_id], start, end)
            span_id = SpanId(insert_row(spans_table, {
                "uuid": guid, "doc_id": doc_id, "start": start, "end": end, "quote": selector.exact,
                "prefix": selector.prefix, "suffix": selector.suffix, "note": note, "author": author,
                "modified_by": author, "created": created or stamp, "modified": modified or created or stamp,
            }))  # fmt: skip
            for tag in tags:
                if tag in tag_ids:
                    db.execute(
                        "INSERT OR IGNORE INTO span_tags (span_id, tag_id) VALUES (?, ?)", [span_id, tag_ids[tag]]
                    )
        for guid, doc_id, title, text, author, created, modified in data.memos:
            taken = doc_id is not None and exists("memos", "doc_id", doc_id)
            if exists("memos", "uuid", guid) or taken:
                continue
            db.table("memos").insert({
                "uuid": guid, "doc_id": doc_id, "title": title if doc_id is None else "", "text": text,
                "author": author, "modified_by": author, "created": created or stamp, "modified": modified or stamp,
            })  # fmt: skip
        ids = frozenset(doc.id for doc in data.documents)
        return OpChanges(document_list=True, documents=ids, span_documents=ids, tags=True, memos=True)

    return OpResult(history(project).perform(f"Import {path.name}", work), data)


def import_annotations(project: Project, path: Path) -> OpResult[Annotations]:
    """W3C annotations on documents of the project, as highlights (one step); known ids are left alone."""
    data = read_annotations(path, project.db)

    def work(db: Database) -> OpChanges:
        stamp = now()
        table = db.table("spans")
        maker = TagMaker(db)
        made: list[tuple[DocumentId, SpanId]] = []
        for span in data.spans:
            uuid_ = span["uuid"] if _is_uuid(span["uuid"]) else new_uuid()
            if db.execute("SELECT 1 FROM spans WHERE uuid = ?", [uuid_]).fetchone():
                continue
            text = target_text(db, span["doc_id"], span["note_n"])
            selector = QuoteSelector.of(text, span["start"], span["end"])
            exact = span["quote"] if span["orphaned"] else selector.exact
            span_id = SpanId(insert_row(table, {
                "uuid": uuid_, "doc_id": span["doc_id"], "note_n": span["note_n"], "start": span["start"],
                "end": span["end"], "quote": exact, "prefix": selector.prefix, "suffix": selector.suffix,
                "note": span["note"], "author": span["author"], "modified_by": span["author"],
                "created": span["created"] or stamp, "modified": span["modified"] or stamp,
                "orphaned": int(span["orphaned"]),
            }))  # fmt: skip
            for path_ in span["tags"]:
                if path_.strip("/ "):
                    db.execute("INSERT OR IGNORE INTO span_tags (span_id, tag_id) VALUES (?, ?)",
                               [span_id, maker.ensure_path(path_)])  # fmt: skip
            made.append((span["doc_id"], span_id))
        return OpChanges(span_documents=frozenset(d for d, _ in made), spans=frozenset(s for _, s in made), tags=True)

    return OpResult(history(project).perform(f"Import {path.name}", work), data)


@dataclass(frozen=True, slots=True)
class ExchangeImport:
    """What an import from another tool brought in, in words, and what it could not carry over."""

    summary: str
    warnings: list[str]


def import_exchange(project: Project, path: Path) -> OpResult[ExchangeImport]:
    """A REFI-QDA project (``.qdpx``) or codebook (``.qdc``), or W3C web annotations (``.jsonld``): one step."""
    if path.suffix.lower() == ".jsonld":
        annotations = import_annotations(project, path)
        summary = f"{len(annotations.value.spans)} annotations"
        return OpResult(annotations.changes, ExchangeImport(summary, annotations.value.warnings))
    imported = import_refi(project, path)
    data = imported.value
    summary = (f"{len(data.documents)} documents, {len(data.spans)} highlights, "
               f"{len(data.tags)} tags, {len(data.memos)} notes") if path.suffix.lower() == ".qdpx" else (
               f"{len(data.tags)} tags")  # fmt: skip
    return OpResult(imported.changes, ExchangeImport(summary, data.warnings))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
