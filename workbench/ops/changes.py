"""What an operation changed, so each view can decide for itself whether to redraw.

The pattern is Anki's ``OpChanges``: an operation does its work in one transaction and returns
this record; the GUI broadcasts it and every view checks the fields it cares about, instead of
the action knowing which views to refresh. Undo and redo report the changes of the step they
replay, so views treat them like any other operation.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

from workbench.model import DocumentId
from workbench.model.annotation import SpanId


@dataclass(frozen=True, slots=True)
class OpChanges:
    #: Documents were added, removed or reordered: lists of documents must reload.
    document_list: bool = False
    #: Documents whose text, structure or metadata changed.
    documents: frozenset[DocumentId] = field(default_factory=frozenset)
    #: Documents some of whose spans were added, changed or removed …
    span_documents: frozenset[DocumentId] = field(default_factory=frozenset)
    #: … and those spans (an id may no longer exist: the span was removed).
    spans: frozenset[SpanId] = field(default_factory=frozenset)
    #: The tag tree changed (names, colours, keys, order, parents, tags added or removed).
    tags: bool = False
    #: Document notes or free notes changed.
    memos: bool = False
    #: Which glossary entries of different volumes are one person (or term) changed.
    people: bool = False

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(
            document_list=self.document_list or other.document_list,
            documents=self.documents | other.documents,
            span_documents=self.span_documents | other.span_documents,
            spans=self.spans | other.spans,
            tags=self.tags or other.tags,
            memos=self.memos or other.memos,
            people=self.people or other.people,
        )

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OpResult(Generic[T]):
    """An operation's changes, and what it made (a new span's id, say)."""

    changes: OpChanges
    value: T
