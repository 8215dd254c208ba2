"""Merging a colleague's project file into this one: a preview first, then one step of undo.

Identity is what makes a merge safe to repeat: documents are matched by the hash of their text,
then by their source (URL): for another version of the same document, the colleague's highlights
are found again in this text by their words and context, as a corrected import does. Tags are
matched by UUID, then by their path in the tree; highlights and notes by UUID.
What matches is left as it is here (merging the same file twice adds nothing the second time);
where both sides changed the same thing (a tag renamed or recoloured, a note edited) this
side's version is kept and the difference is listed as a conflict for the user to settle.

The same walk over the other project both previews (``write=False``) and merges, so the
preview cannot promise something the merge does not do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from workbench.model.anchoring import Placement, reanchor
from workbench.model.annotation import QuoteSelector
from workbench.model.text import shorten
from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.history import history
from workbench.ops.spans import target_text
from workbench.storage import Project, insert_document
from workbench.storage.documents import load_document


@dataclass
class MergePlan:
    """What a merge adds, what both projects already share, and where they disagree."""

    source: Path
    added: list[str] = field(default_factory=list)
    existing: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    #: Documents of the other project that differ from ours (same source, other text): not merged.
    skipped: list[str] = field(default_factory=list)

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
    with Project.open_copy(other) as theirs:
        _walk(project.db, theirs.db, plan, write=False)
    return plan


def merge_project(project: Project, other: Path) -> OpResult[MergePlan]:
    """Merge ``other`` into ``project`` as one transaction and one step of undo ("Merge NAME").

    A merge that adds nothing writes nothing, so the history records no step for it.
    """
    plan = MergePlan(other)
    with Project.open_copy(other) as theirs:
        changes = history(project).perform(f"Merge {other.name}", lambda db: _walk(db, theirs.db, plan, write=True))
    return OpResult(changes, plan)


def _walk(ours: Database, theirs: Database, plan: MergePlan, *, write: bool) -> OpChanges:
    """Match everything of ``theirs`` against ``ours``, noting it in ``plan``; add what is new if ``write``."""
    documents = _documents(ours, theirs, plan, write)
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
    )


def _one(db: Database, sql: str, params: list) -> tuple | None:
    return db.execute(sql, params).fetchone()


class _Match(NamedTuple):
    doc_id: str  # ours
    added: bool  # the merge brings the document in
    reanchor: bool  # another version of its text is here: their highlights are found again by their words


def _documents(ours: Database, theirs: Database, plan: MergePlan, write: bool) -> dict[str, _Match]:
    """Their document id → the document here it stands for."""
    found: dict[str, _Match] = {}
    rows = theirs.execute("SELECT id, title, text_sha256, json_extract(metadata, '$.URL') FROM documents")
    for doc_id, title, sha, url in rows.fetchall():
        same = _one(ours, "SELECT id FROM documents WHERE text_sha256 = ? ORDER BY id = ? DESC", [sha, doc_id])
        version = url and _one(ours, "SELECT id FROM documents WHERE json_extract(metadata, '$.URL') = ?", [url])
        if same:
            found[doc_id] = _Match(same[0], False, False)
            plan.same("documents")
        elif version:
            found[doc_id] = _Match(version[0], False, True)
            plan.conflicts.append(f"document “{title}” has another version of its text there; "
                                  "its highlights are placed by their words in this one")  # fmt: skip
        elif _one(ours, "SELECT 1 FROM documents WHERE id = ?", [doc_id]):
            plan.skipped.append(f"document “{title}”: its text differs from the one here; its highlights were left out")
        else:
            plan.added.append(f"document “{title}”")
            if write:
                insert_document(ours, load_document(theirs, doc_id), source_name="merge")
            found[doc_id] = _Match(doc_id, True, False)
    return found


@dataclass
class _Tags:
    ids: dict[int, int | None]  # their tag id → ours (None: to be added, in a preview)
    added: bool = False


def _paths(db: Database) -> dict[int, tuple[str, str, int | None, str, str, int]]:
    """Every tag: id → (uuid, path, parent id, colour, description, position), parents first."""
    rows = db.execute("SELECT id, uuid, parent_id, name, color, description, position FROM tags").fetchall()
    by_id = {row[0]: row for row in rows}

    def path(tag_id: int) -> str:
        row = by_id[tag_id]
        return f"{path(row[2])}/{row[3]}" if row[2] else row[3]

    def depth(tag_id: int) -> int:
        return 1 + depth(by_id[tag_id][2]) if by_id[tag_id][2] else 0

    ordered = sorted(by_id, key=lambda t: (depth(t), by_id[t][6], t))
    return {t: (by_id[t][1], path(t), by_id[t][2], by_id[t][4], by_id[t][5], by_id[t][6]) for t in ordered}


def _tags(ours: Database, theirs: Database, plan: MergePlan, write: bool) -> _Tags:
    mine = _paths(ours)
    by_uuid = {uuid: (tag_id, path, color) for tag_id, (uuid, path, _, color, _, _) in mine.items()}
    by_path = {path.lower(): tag_id for tag_id, (_, path, *_) in mine.items()}
    result = _Tags({})
    for tag_id, (uuid, path, parent, color, description, position) in _paths(theirs).items():
        if uuid in by_uuid:
            ours_id, our_path, our_color = by_uuid[uuid]
            result.ids[tag_id] = ours_id
            plan.same("tags")
            if our_path != path:
                plan.conflicts.append(f"tag “{our_path}” is “{path}” in the other project; kept “{our_path}”")
            elif our_color.lower() != color.lower():
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
                       "name": path.rsplit("/", 1)[-1], "color": color, "description": description,
                       "position": position, **_stamps(theirs, "tags", uuid)}  # fmt: skip
                table = ours["tags"]
                table.insert(row)
                result.ids[tag_id] = table.last_rowid
    return result


def _stamps(db: Database, table: str, uuid: str) -> dict[str, str]:
    columns = ["author", "created", "modified", "modified_by"]
    row = db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE uuid = ?", [uuid]).fetchone()
    return dict(zip(columns, row, strict=True))


_SPAN_COLUMNS = (
    'uuid, doc_id, note_n, start, "end", quote, prefix, suffix, note, author, created, modified, modified_by'
)


def _spans(
    ours: Database,
    theirs: Database,
    plan: MergePlan,
    write: bool,
    documents: dict[str, _Match],
    tags: _Tags,
) -> list[tuple[str, int]]:
    made: list[tuple[str, int]] = []
    table = ours["spans"]
    for row in theirs.execute(f"SELECT id, {_SPAN_COLUMNS} FROM spans ORDER BY id").fetchall():
        their_id, uuid, doc_id, note = row[0], row[1], row[2], row[9]
        if doc_id not in documents:
            continue  # its document was skipped, and said so
        mine = _one(ours, "SELECT note, quote FROM spans WHERE uuid = ?", [uuid])
        if mine:
            plan.same("highlights")
            if mine[0] != note:
                plan.conflicts.append(f"the note on “{shorten(mine[1], 40)}” was edited on both sides; kept this one")
            continue
        match = documents[doc_id]
        values = dict(zip(_SPAN_COLUMNS.replace('"', "").split(", "), row[1:], strict=True)) | {"doc_id": match.doc_id}
        where = ""
        if match.reanchor:
            values, where = _placed(ours, theirs, doc_id, values)
        plan.added.append(f"highlight “{shorten(row[6], 40)}”" + (f" by {row[10]}" if row[10] else "") + where)
        if not write:
            continue
        table.insert(values)
        span_id = table.last_rowid
        for (tag,) in theirs.execute("SELECT tag_id FROM span_tags WHERE span_id = ?", [their_id]).fetchall():
            ours.execute("INSERT OR IGNORE INTO span_tags (span_id, tag_id) VALUES (?, ?)", [span_id, tags.ids[tag]])
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
    for row in theirs.execute(f"SELECT {', '.join(columns)} FROM memos ORDER BY id").fetchall():
        uuid, doc_id, title, text = row[:4]
        if doc_id is not None and doc_id not in documents:
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
            ours["memos"].insert(dict(zip(columns, row, strict=True)) | {"doc_id": ours_doc})
    return added
