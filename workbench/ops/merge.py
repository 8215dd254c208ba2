"""Merging a colleague's project file into this one: a preview first, then one step of undo.

Identity is what makes a merge safe to repeat: documents are matched by the hash of their text,
then by their source (URL): for another version of the same document, the colleague's highlights
are found again in this text by their words and context, as a corrected import does. Tags are
matched by UUID, then by their path in the tree; highlights and notes by UUID.
What matches is left as it is here (merging the same file twice adds nothing the second time);
where both sides changed the same thing (a tag renamed or recoloured, a note edited) this
side's version is kept and the difference is listed as a conflict for the user to settle.

The same walk over the other project both previews (``write=False``) and merges, so the
preview cannot promise something the merge does not do. The other file is read through a
checked private copy (``Project.open_copy``), and each of its rows is checked like user input
(``incoming``) before it is used: what is not sound is listed as refused, never written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from workbench.model import DocumentId
from workbench.model.anchoring import Placement, reanchor
from workbench.model.annotation import QuoteSelector, SpanId, TagTree
from workbench.model.facsimile import Facsimile
from workbench.model.text import shorten
from workbench.ops import incoming as checked
from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.errors import OperationError
from workbench.ops.history import history
from workbench.ops.spans import target_text
from workbench.ops.tags import next_color
from workbench.storage import Project, insert_document
from workbench.storage.annotations import load_tags
from workbench.storage.documents import has_facsimile, insert_facsimile
from workbench.storage.tables import insert_row


@dataclass
class MergePlan:
    """What a merge adds, what both projects already share, and where they disagree."""

    source: Path
    added: list[str] = field(default_factory=list)
    existing: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    #: Documents of the other project that differ from ours (same source, other text): not merged.
    skipped: list[str] = field(default_factory=list)
    #: Rows of the other file that are not sound (``incoming``): left out, or (a colour) mended.
    refused: list[str] = field(default_factory=list)

    def same(self, kind: str) -> None:
        self.existing[kind] = self.existing.get(kind, 0) + 1

    @property
    def empty(self) -> bool:
        return not self.added

    @property
    def shared(self) -> str:
        """What both projects already hold, for people: "1 document, 3 tags" (or "nothing")."""
        parts = [f"{n} {kind[:-1] if n == 1 else kind}" for kind, n in self.existing.items()]
        return ", ".join(parts) or "nothing"


def preview_merge(project: Project, other: Path) -> MergePlan:
    """What ``merge_project`` would do, without writing anything."""
    plan = MergePlan(other)
    with Project.open_copy(other) as theirs, _unreadable(other):
        _walk(project.db, theirs.db, plan, write=False)
    return plan


def merge_project(project: Project, other: Path) -> OpResult[MergePlan]:
    """Merge ``other`` into ``project`` as one transaction and one step of undo ("Merge NAME").

    A merge that adds nothing writes nothing, so the history records no step for it.
    """
    plan = MergePlan(other)
    with Project.open_copy(other) as theirs, _unreadable(other):
        changes = history(project).perform(f"Merge {other.name}", lambda db: _walk(db, theirs.db, plan, write=True))
    return OpResult(changes, plan)


@contextmanager
def _unreadable(other: Path) -> Iterator[None]:
    """A damaged page or clashing rows in their file end the merge in one sentence, nothing written."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        raise OperationError(
            f"{other.name} cannot be merged: part of it is damaged or clashes with itself ({error}); nothing was merged"
        ) from None


def _walk(ours: Database, theirs: Database, plan: MergePlan, *, write: bool) -> OpChanges:
    """Match everything of ``theirs`` against ``ours``, noting it in ``plan``; add what is new if ``write``."""
    documents = _documents(ours, theirs, plan, write)
    people = _glossary(ours, theirs, plan, write, documents)
    tags = _tags(ours, theirs, plan, write)
    spans = _spans(ours, theirs, plan, write, documents, tags)
    memos = _memos(ours, theirs, plan, write, documents)
    new_documents = frozenset(match.doc_id for match in documents.values() if match.added)
    return OpChanges(
        document_list=bool(new_documents),
        documents=new_documents,
        span_documents=frozenset(doc for doc, _ in spans),
        spans=frozenset(span for _, span in spans),
        tags=tags.added,
        memos=memos,
        people=people,
    )


def _one(db: Database, sql: str, params: list) -> tuple | None:
    return db.execute(sql, params).fetchone()


class _Match(NamedTuple):
    doc_id: DocumentId  # ours
    added: bool  # the merge brings the document in
    reanchor: bool  # another version of its text is here: their highlights are found again by their words


def _documents(ours: Database, theirs: Database, plan: MergePlan, write: bool) -> dict[str, _Match]:
    """Their document id → the document here it stands for (their sound documents only)."""
    found: dict[str, _Match] = {}
    for doc_id, title in theirs.execute("SELECT id, title FROM documents").fetchall():
        label = f"document “{shorten(str(title), 60)}”"
        try:
            incoming = checked.document(theirs, doc_id)
        except checked.Refused as problem:
            plan.refused.append(f"{label}: {problem}; its highlights and note were left out")
            continue
        text = incoming.document.text
        same = next((row[0] for row in ours.execute(
            "SELECT id, text FROM documents WHERE text_sha256 = ? ORDER BY id = ? DESC", [incoming.sha256, doc_id]
        ) if row[1] == text), None)  # fmt: skip
        url = incoming.url
        version = url and _one(ours, "SELECT id FROM documents WHERE json_extract(metadata, '$.URL') = ?", [url])
        if same:
            found[doc_id] = _Match(DocumentId(same), False, False)
            plan.same("documents")
            if not has_facsimile(ours, same):  # the same text, and they have its page images: bring them
                images = _facsimile(theirs, doc_id, len(text), label, plan)
                if images is not None:
                    plan.added.append(f"page images of {label}")
                    if write:
                        insert_facsimile(ours, same, images)
        elif version:
            found[doc_id] = _Match(DocumentId(version[0]), False, True)
            plan.conflicts.append(f"{label} has another version of its text there; "
                                  "its highlights are placed by their words in this one")  # fmt: skip
        elif _one(ours, "SELECT 1 FROM documents WHERE id = ?", [doc_id]):
            plan.skipped.append(f"{label}: its text differs from the one here; its highlights were left out")
        else:
            plan.added.append(label)
            incoming.document.facsimile = _facsimile(theirs, doc_id, len(text), label, plan)
            if write:
                insert_document(ours, incoming.document, source_name="merge")
            found[doc_id] = _Match(DocumentId(doc_id), True, False)
    return found


_GLOSSARY_KINDS = frozenset({"person", "term"})
_GLOSSARY_LIMITS = {"volume": 200, "key": 200, "name": 2_000, "description": 50_000}  # characters


def _glossary(ours: Database, theirs: Database, plan: MergePlan, write: bool, documents: dict[str, _Match]) -> bool:
    """The people and terms of the volumes their documents come from, where this project lacks an
    entry: a FRUS document brought by a merge keeps the names its text links to. An entry both have
    stays as it is here. Rows are checked like any from another file; a bad one is named, not written."""
    if not documents:
        return False
    volumes = {
        volume
        for doc_id, volume in theirs.execute(
            """SELECT id, json_extract(metadata, '$.custom."volume-id"') FROM documents"""
        )
        if doc_id in documents and isinstance(volume, str) and volume
    }  # fmt: skip (no IN list: any number of documents)
    have = {(volume, key) for volume, key in ours.execute("SELECT volume, key FROM glossary")}
    added = 0
    for row in theirs.execute("SELECT volume, key, kind, name, description FROM glossary").fetchall():
        volume, key = row[0], row[1]
        if volume not in volumes or (volume, key) in have:
            continue
        fields = dict(zip(("volume", "key", "kind", "name", "description"), row, strict=True))
        if (
            not all(isinstance(value, str) for value in row)
            or fields["kind"] not in _GLOSSARY_KINDS
            or any(len(fields[name]) > limit for name, limit in _GLOSSARY_LIMITS.items())
        ):
            plan.refused.append(f"glossary entry “{shorten(str(key), 40)}”: not a name and description; left out")
            continue
        added += 1
        if write:
            ours.execute("INSERT INTO glossary (volume, key, kind, name, description) VALUES (?, ?, ?, ?, ?)", row)
    if added:
        plan.added.append(f"{added} people and terms of their volumes")
    return bool(added)


def _facsimile(theirs: Database, doc_id: str, length: int, label: str, plan: MergePlan) -> Facsimile | None:
    """Their document's page images, if it has sound ones (otherwise the document comes without)."""
    try:
        return checked.facsimile(theirs, doc_id, length)
    except checked.Refused as problem:
        plan.refused.append(f"{label}: {problem}; it was merged without its page images")
        return None


@dataclass
class _Tags:
    ids: dict[int, int | None]  # their tag id → ours (None: to be added, in a preview)
    added: bool = False


def _tags(ours: Database, theirs: Database, plan: MergePlan, write: bool) -> _Tags:
    tree = TagTree(load_tags(ours))
    by_uuid = {tag.uuid: (tag.id, tree.path(tag.id), tag.color) for tag in tree}
    by_path = {tree.path(tag.id).lower(): tag.id for tag in tree}
    incoming, refused = checked.tags(theirs)
    plan.refused += refused
    their_tree = TagTree(t.tag for t in incoming)
    palette = TagTree(load_tags(ours))
    result = _Tags({})
    for entry in incoming:
        tag_id, uuid, parent, color = entry.tag.id, entry.tag.uuid, entry.tag.parent_id, entry.tag.color
        path = their_tree.path(tag_id)
        if uuid in by_uuid:
            ours_id, our_path, our_color = by_uuid[uuid]
            result.ids[tag_id] = ours_id
            plan.same("tags")
            if our_path != path:
                plan.conflicts.append(f"tag “{our_path}” is “{path}” in the other project; kept “{our_path}”")
            elif color and our_color.lower() != color:
                plan.conflicts.append(f"tag “{path}” has another colour there ({color}); kept {our_color}")
        elif path.lower() in by_path:
            result.ids[tag_id] = by_path[path.lower()]
            plan.same("tags")
        else:
            plan.added.append(f"tag “{path}”")
            result.added = True
            result.ids[tag_id] = None
            if write:
                row = {"uuid": uuid, "parent_id": result.ids.get(parent) if parent else None,
                       "name": entry.tag.name, "color": color or next_color(palette),
                       "description": entry.tag.description, "position": entry.tag.position,
                       **entry.stamps}  # fmt: skip
                result.ids[tag_id] = insert_row(ours.table("tags"), row)
                palette = TagTree(load_tags(ours))
    return result


_SPAN_COLUMNS = (
    'uuid, doc_id, note_n, start, "end", quote, prefix, suffix, note, author, created, modified, modified_by, orphaned'
)


def _spans(
    ours: Database,
    theirs: Database,
    plan: MergePlan,
    write: bool,
    documents: dict[str, _Match],
    tags: _Tags,
) -> list[tuple[DocumentId, SpanId]]:
    made: list[tuple[DocumentId, SpanId]] = []
    table = ours.table("spans")
    their_documents = {row[0] for row in theirs.execute("SELECT id FROM documents")}

    @lru_cache(maxsize=8)  # their spans come by id, mostly a document at a time: each text read once
    def text_of(doc_id: str, note_n: int | None) -> str | None:
        try:
            return target_text(theirs, doc_id, note_n)
        except OperationError:
            return None

    for row in theirs.execute(f"SELECT id, {_SPAN_COLUMNS} FROM spans ORDER BY id").fetchall():
        their_id, uuid, doc_id, note = row[0], row[1], row[2], row[9]
        label = f"highlight “{shorten(str(row[6]), 40)}”"
        if doc_id not in documents:
            if doc_id not in their_documents:
                plan.refused.append(f"{label}: its document does not exist")
            continue  # its document was skipped or refused, and said so
        try:
            values = checked.span_values(row[1:], text_of)
        except checked.Refused as problem:
            plan.refused.append(f"{label}: {problem}")
            continue
        mine = _one(ours, "SELECT note, quote FROM spans WHERE uuid = ?", [uuid])
        if mine:
            plan.same("highlights")
            if mine[0] != note:
                plan.conflicts.append(f"the note on “{shorten(mine[1], 40)}” was edited on both sides; kept this one")
            continue
        match = documents[doc_id]
        values["doc_id"] = match.doc_id
        where = ""
        if match.reanchor:
            values, where = _placed(ours, theirs, doc_id, values)
        links = [tag for (tag,) in theirs.execute("SELECT tag_id FROM span_tags WHERE span_id = ?", [their_id])]
        if any(tag not in tags.ids for tag in links):
            plan.refused.append(f"{label}: a tag it carries does not exist or was refused; it comes without it")
        plan.added.append(label + (f" by {values['author']}" if values["author"] else "") + where)
        if not write:
            continue
        span_id = SpanId(insert_row(table, values))
        for tag in links:
            if tag in tags.ids:
                ours.execute(
                    "INSERT OR IGNORE INTO span_tags (span_id, tag_id) VALUES (?, ?)", [span_id, tags.ids[tag]]
                )
        made.append((match.doc_id, span_id))
    return made


def _placed(ours: Database, theirs: Database, their_doc: str, values: dict) -> tuple[dict, str]:
    """A highlight from another version of the text, found again here by its words and context."""
    old = target_text(theirs, their_doc, values["note_n"])
    new = target_text(ours, values["doc_id"], values["note_n"])
    found = reanchor(values["quote"], values["prefix"], values["suffix"], values["start"], len(old), new)
    if found.placement == Placement.ORPHANED:
        return values | {"orphaned": 1}, " (not found in this version: kept aside to be placed by hand)"
    selector = QuoteSelector.of(new, found.start, found.end)
    placed = {"start": found.start, "end": found.end, "quote": selector.exact, "prefix": selector.prefix,
              "suffix": selector.suffix}  # fmt: skip
    note = "" if found.placement == Placement.KEPT else f" ({found.placement} in this version)"
    return values | placed, note


def _memos(ours: Database, theirs: Database, plan: MergePlan, write: bool, documents: dict[str, _Match]) -> bool:
    added = False
    columns = ["uuid", "doc_id", "title", "text", "author", "created", "modified", "modified_by"]
    their_documents = {row[0] for row in theirs.execute("SELECT id FROM documents")}
    for row in theirs.execute(f"SELECT {', '.join(columns)} FROM memos ORDER BY id").fetchall():
        try:
            values = checked.memo_values(row)
        except checked.Refused as problem:
            plan.refused.append(f"a note: {problem}")
            continue
        uuid, doc_id, title, text = values["uuid"], values["doc_id"], values["title"], values["text"]
        if doc_id is not None and doc_id not in documents:
            if doc_id not in their_documents:
                plan.refused.append(f"the note “{title or shorten(text, 40)}”: its document does not exist")
            continue
        ours_doc = documents[doc_id].doc_id if doc_id is not None else None
        mine = _one(ours, "SELECT text FROM memos WHERE uuid = ? OR (? IS NOT NULL AND doc_id = ?)",
                    [uuid, ours_doc, ours_doc])  # fmt: skip
        what = "the document note" if doc_id is not None else f"the note “{title or shorten(text, 40)}”"
        if mine:
            plan.same("notes")
            if mine[0] != text:
                plan.conflicts.append(f"{what} was edited on both sides; kept this one")
            continue
        plan.added.append(what)
        added = True
        if write:
            ours.table("memos").insert(values | {"doc_id": ours_doc})
    return added
