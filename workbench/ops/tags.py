"""Operations on the tag tree: create, rename, recolour, describe, key, move, merge, delete.

Names are unique among siblings (ignoring case) and hold no "/", which separates the levels of
a tag's path ("Troops/Withdrawal"). A tag cannot move under itself or its own descendants.
"""

from __future__ import annotations

from collections import Counter

from sqlite_utils import Database

from workbench.model import DocumentId
from workbench.model.annotation import PALETTE, SpanId, Tag, TagId, TagTree, new_uuid, normal_color, split_path
from workbench.ops.author import created, stamp
from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.errors import OperationError
from workbench.ops.history import history
from workbench.storage import Project
from workbench.storage.annotations import load_tags
from workbench.storage.tables import insert_row

TAGS_CHANGED = OpChanges(tags=True)


def _tree(db: Database) -> TagTree:
    return TagTree(load_tags(db))


def _check_name(tree: TagTree, name: str, parent_id: TagId | None, *, renaming: TagId | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise OperationError("a tag needs a name")
    if "/" in name:
        raise OperationError("a tag name cannot contain '/' (it separates the levels of a path)")
    clash = next((t for t in tree.children(parent_id) if t.name.lower() == name.lower() and t.id != renaming), None)
    if clash is not None:
        where = f" under '{tree.path(parent_id)}'" if parent_id is not None else ""
        raise OperationError(f"there is already a tag '{clash.name}'{where}")
    return name


def next_color(tree: TagTree) -> str:
    """The first palette colour no tag uses yet (then round again)."""
    return _least_used(Counter(tag.color for tag in tree.by_id.values()))


def _least_used(used: Counter[str]) -> str:
    return min(PALETTE, key=lambda color: (used[color], PALETTE.index(color)))


class TagMaker:
    """Creates tags inside one operation from an index of the tree read once.

    Creating a tag needs the siblings (a name must be unique among them), the next position,
    the least used colour and a free key. Reading the whole tree again for each tag made
    creating tags slow down as they grew (an import of 100,000 codes took over ten minutes);
    the maker reads it once and keeps its index up to date as it inserts.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._table = db.table("tags")
        tags = load_tags(db)
        self._ids = {tag.id for tag in tags}
        self._by_name = {(tag.parent_id, tag.name.lower()): tag for tag in tags}
        self._next_position: dict[TagId | None, int] = {}
        for tag in tags:
            parent = tag.parent_id
            self._next_position[parent] = max(self._next_position.get(parent, 0), tag.position + 1)
        self._colors = Counter(tag.color for tag in tags)
        self._keys = {tag.key for tag in tags if tag.key is not None}

    def find(self, parent_id: TagId | None, name: str) -> TagId | None:
        """The tag named ``name`` (ignoring case) under ``parent_id``, if there is one."""
        tag = self._by_name.get((parent_id, " ".join(name.split()).lower()))
        return tag.id if tag else None

    def insert(
        self,
        name: str,
        *,
        parent_id: TagId | None = None,
        color: str | None = None,
        description: str = "",
        uuid: str | None = None,
        with_key: bool = True,
    ) -> TagId:
        """Store a new tag as the last child of ``parent_id`` (``OperationError`` if the name is taken)."""
        name = " ".join(name.split())
        if not name:
            raise OperationError("a tag needs a name")
        if "/" in name:
            raise OperationError("a tag name cannot contain '/' (it separates the levels of a path)")
        clash = self._by_name.get((parent_id, name.lower()))
        if clash is not None:
            where = f" under '{_tree(self.db).path(parent_id)}'" if parent_id is not None else ""
            raise OperationError(f"there is already a tag '{clash.name}'{where}")
        if parent_id is not None and parent_id not in self._ids:
            raise OperationError("the parent tag no longer exists")
        position = self._next_position.get(parent_id, 0)
        key = next((k for k in range(1, 10) if k not in self._keys), None) if with_key else None
        color = normal_color(color) or _least_used(self._colors)  # another tool's "red" or "#abc": one of ours
        uuid = uuid or new_uuid()
        values = {"uuid": uuid, "parent_id": parent_id, "name": name, "color": color,
                  "description": description, "key": key, "position": position, **created()}  # fmt: skip
        tag_id = TagId(insert_row(self._table, values))
        self._ids.add(tag_id)
        self._by_name[(parent_id, name.lower())] = Tag(tag_id, uuid, name, color, parent_id,
                                                       description, key, position)  # fmt: skip
        self._next_position[parent_id] = position + 1
        self._colors[color] += 1
        if key is not None:
            self._keys.add(key)
        return tag_id

    def ensure_path(self, path: str) -> TagId:
        """The tag at ``path`` ("Parent/Child"), creating the missing levels."""
        parts = split_path(path)
        if not parts:
            raise OperationError("a tag needs a name")
        parent: TagId | None = None
        for name in parts:
            parent = self.find(parent, name) or self.insert(name, parent_id=parent)
        assert parent is not None
        return parent


def checked_color(color: str) -> str:
    """``color`` as ``#rrggbb``, or an ``OperationError`` that says how a colour is written."""
    normal = normal_color(color.strip())
    if normal is None:
        raise OperationError(f"a tag colour is written #rrggbb (for example #4f8fd8), not “{color}”")
    return normal


def insert_tag(
    db: Database, name: str, *, parent_id: TagId | None = None, color: str | None = None, description: str = ""
) -> TagId:
    """Store a new tag as the last child of ``parent_id``. Call inside an operation.

    A colour asked for by a person must be ``#rrggbb`` (``OperationError`` otherwise); the
    ``TagMaker`` that importers use replaces another tool's colour instead."""
    color = checked_color(color) if color else None
    return TagMaker(db).insert(name, parent_id=parent_id, color=color, description=description)


def ensure_path(db: Database, path: str) -> TagId:
    """The tag at ``path`` ("Parent/Child"), creating the missing levels. Call inside an operation."""
    return TagMaker(db).ensure_path(path)


def create_tag(
    project: Project, name: str, *, parent_id: TagId | None = None, color: str | None = None, description: str = ""
) -> OpResult[TagId]:
    tag_id = TagId(0)

    def work(db: Database) -> OpChanges:
        nonlocal tag_id
        tag_id = insert_tag(db, name, parent_id=parent_id, color=color, description=description)
        return TAGS_CHANGED

    return OpResult(history(project).perform(f"New Tag '{name.strip()}'", work), tag_id)


def _tag(project: Project, tag_id: TagId):
    tree = _tree(project.db)
    if tag_id not in tree.by_id:
        raise OperationError("that tag no longer exists")
    return tree, tree.by_id[tag_id]


def _update(project: Project, label: str, tag_id: TagId, **values: object) -> OpResult[None]:
    def work(db: Database) -> OpChanges:
        db.table("tags").update(tag_id, {**values, **stamp()})
        return TAGS_CHANGED

    return OpResult(history(project).perform(label, work), None)


def rename_tag(project: Project, tag_id: TagId, name: str) -> OpResult[None]:
    tree, tag = _tag(project, tag_id)
    name = _check_name(tree, name, tag.parent_id, renaming=tag_id)
    return _update(project, f"Rename Tag '{tag.name}'", tag_id, name=name)


def set_tag_color(project: Project, tag_id: TagId, color: str) -> OpResult[None]:
    _, tag = _tag(project, tag_id)
    return _update(project, f"Recolour Tag '{tag.name}'", tag_id, color=checked_color(color))


def set_tag_description(project: Project, tag_id: TagId, description: str) -> OpResult[None]:
    _, tag = _tag(project, tag_id)
    return _update(project, f"Describe Tag '{tag.name}'", tag_id, description=description)


def set_tag_key(project: Project, tag_id: TagId, key: int | None) -> OpResult[None]:
    """Give the tag key ``key`` (1–9; ``None`` for none), taking it from any tag that had it."""
    _, tag = _tag(project, tag_id)
    if key is not None and not 1 <= key <= 9:
        raise OperationError("tag keys are 1 to 9")

    def work(db: Database) -> OpChanges:
        if key is not None:
            db.execute("UPDATE tags SET key = NULL WHERE key = ? AND id <> ?", [key, tag_id])
        db.table("tags").update(tag_id, {"key": key, **stamp()})
        return TAGS_CHANGED

    return OpResult(history(project).perform(f"Set Key of Tag '{tag.name}'", work), None)


def move_tag(project: Project, tag_id: TagId, parent_id: TagId | None, index: int | None = None) -> OpResult[None]:
    """Put the tag under ``parent_id`` (``None``: top level) at ``index`` among its new siblings."""
    tree, tag = _tag(project, tag_id)
    if parent_id is not None and parent_id in tree.subtree(tag_id):
        raise OperationError(f"'{tag.name}' cannot go inside itself")
    _check_name(tree, tag.name, parent_id, renaming=tag_id)
    siblings = [t.id for t in tree.children(parent_id) if t.id != tag_id]
    index = len(siblings) if index is None else max(0, min(index, len(siblings)))
    siblings.insert(index, tag_id)

    def work(db: Database) -> OpChanges:
        db.table("tags").update(tag_id, {"parent_id": parent_id, **stamp()})
        for position, sibling in enumerate(siblings):
            db.execute("UPDATE tags SET position = ? WHERE id = ? AND position <> ?", [position, sibling, position])
        return TAGS_CHANGED

    return OpResult(history(project).perform(f"Move Tag '{tag.name}'", work), None)


def _spans_with(db: Database, tag_ids: set[TagId]) -> tuple[set[DocumentId], set[SpanId]]:
    marks = ",".join("?" * len(tag_ids))
    rows = db.execute(
        "SELECT DISTINCT s.doc_id, s.id FROM spans s JOIN span_tags st ON st.span_id = s.id "
        f"WHERE st.tag_id IN ({marks})",
        list(tag_ids),
    ).fetchall()
    return {DocumentId(doc) for doc, _ in rows}, {SpanId(span) for _, span in rows}


def merge_tags(project: Project, source_id: TagId, target_id: TagId) -> OpResult[None]:
    """Fold ``source`` into ``target``: its spans and sub-tags move over, then it goes."""
    tree, source = _tag(project, source_id)
    _, target = _tag(project, target_id)
    if target_id in tree.subtree(source_id):
        raise OperationError(f"'{source.name}' cannot be merged into itself or one of its sub-tags")

    def work(db: Database) -> OpChanges:
        docs, spans = _spans_with(db, {source_id})
        db.execute(
            "INSERT OR IGNORE INTO span_tags (span_id, tag_id) SELECT span_id, ? FROM span_tags WHERE tag_id = ?",
            [target_id, source_id],
        )
        for child in tree.children(source_id):
            name = child.name
            if any(t.name.lower() == name.lower() for t in tree.children(target_id)):
                name = f"{name} ({source.name})"
            db.table("tags").update(child.id, {"parent_id": target_id, "name": name, **stamp()})
        db.execute("DELETE FROM tags WHERE id = ?", [source_id])
        return OpChanges(tags=True, span_documents=frozenset(docs), spans=frozenset(spans))

    return OpResult(history(project).perform(f"Merge '{source.name}' into '{target.name}'", work), None)


def delete_tag(project: Project, tag_id: TagId, *, keep_spans: bool = True) -> OpResult[None]:
    """Delete the tag and its sub-tags. Spans left with no tag stay (with their notes) if
    ``keep_spans``, and go otherwise; spans that keep another tag always stay."""
    tree, tag = _tag(project, tag_id)
    doomed = tree.subtree(tag_id)

    def work(db: Database) -> OpChanges:
        docs, spans = _spans_with(db, doomed)
        marks = ",".join("?" * len(doomed))
        if not keep_spans and spans:
            span_marks = ",".join("?" * len(spans))
            db.execute(
                f"DELETE FROM spans WHERE id IN ({span_marks}) AND NOT EXISTS "
                f"(SELECT 1 FROM span_tags st WHERE st.span_id = spans.id AND st.tag_id NOT IN ({marks}))",
                [*spans, *doomed],
            )
        db.execute(f"DELETE FROM tags WHERE id IN ({marks})", list(doomed))
        return OpChanges(tags=True, span_documents=frozenset(docs), spans=frozenset(spans))

    return OpResult(history(project).perform(f"Delete Tag '{tag.name}'", work), None)
