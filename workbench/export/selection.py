"""Which highlights to export, and in what order.

Tags combine as a historian asks: every one of ``all_tags`` (AND), at least one of ``any_tags``
(OR), none of ``not_tags`` (NOT); a tag stands for itself and all its sub-tags. The rest narrows
further: documents, words in the quote or note, or a hand-picked list of highlights.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sqlite_utils import Database

from workbench.model import Document
from workbench.model.annotation import Span, TagId, TagTree
from workbench.ops.errors import OperationError
from workbench.storage import list_documents, load_document
from workbench.storage.annotations import load_spans, load_tags


class Order(StrEnum):
    DOCUMENT = "document"  # by document (in project order), then position
    TAG = "tag"  # by the first tag's path, then document and position
    DATE = "date"  # by the document's date, then position


@dataclass(frozen=True, slots=True)
class Selection:
    all_tags: tuple[str, ...] = ()
    any_tags: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    words: str = ""
    span_ids: tuple[int, ...] | None = None
    order: Order = Order.DOCUMENT


@dataclass(slots=True)
class Selected:
    """The highlights chosen, each with its document; and the tag tree to name their tags."""

    items: list[tuple[Document, Span]] = field(default_factory=list)
    tree: TagTree = field(default_factory=lambda: TagTree([]))


def _subtrees(tree: TagTree, paths: tuple[str, ...]) -> list[set[TagId]]:
    found = []
    for path in paths:
        tag = tree.find(path)
        if tag is None:
            raise OperationError(f"there is no tag '{path}'")
        found.append(tree.subtree(tag.id))
    return found


def select(db: Database, selection: Selection) -> Selected:
    tree = TagTree(load_tags(db))
    every, some, none = (
        _subtrees(tree, paths) for paths in (selection.all_tags, selection.any_tags, selection.not_tags)
    )
    excluded = set().union(*none) if none else set()
    rows = list_documents(db)
    if selection.documents:
        rows = [row for row in rows if row.id in selection.documents]
    words = selection.words.lower().split()
    picked = set(selection.span_ids) if selection.span_ids is not None else None
    items: list[tuple[Document, Span]] = []
    for row in rows:
        spans = load_spans(db, row.id)
        kept = []
        for span in spans:
            tags = set(span.tag_ids)
            if picked is not None and span.id not in picked:
                continue
            if any(not tags & group for group in every) or (some and not any(tags & g for g in some)):
                continue
            if tags & excluded:
                continue
            if words and not all(w in f"{span.quote} {span.note}".lower() for w in words):
                continue
            kept.append(span)
        if kept:
            document = load_document(db, row.id)
            items.extend((document, span) for span in kept)
    order = {row.id: i for i, row in enumerate(rows)}
    paths = {tag.id: tree.path(tag.id) for tag in tree}

    def position_key(item: tuple[Document, Span]) -> tuple:
        document, span = item
        return (order[document.id], span.note_n is not None, span.note_n or 0, span.start, span.end)

    if selection.order == Order.TAG:
        items.sort(key=lambda item: (min((paths[t].lower() for t in item[1].tag_ids if t in paths), default="\uffff"),
                                     position_key(item)))  # fmt: skip
    elif selection.order == Order.DATE:
        items.sort(key=lambda item: (item[0].metadata.issued or "9999", position_key(item)))
    else:
        items.sort(key=position_key)
    return Selected(items, tree)
