"""What an operation changed, so each view can decide for itself whether to redraw.

The pattern is Anki's ``OpChanges``: an operation does its work in one transaction and returns
this record; the GUI broadcasts it and every view checks the fields it cares about, instead of
the action knowing which views to refresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.model import DocumentId


@dataclass(frozen=True, slots=True)
class OpChanges:
    #: Documents were added, removed or reordered: lists of documents must reload.
    document_list: bool = False
    #: Documents whose text, structure or metadata changed.
    documents: frozenset[DocumentId] = field(default_factory=frozenset)

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(
            document_list=self.document_list or other.document_list,
            documents=self.documents | other.documents,
        )

    @property
    def empty(self) -> bool:
        return not (self.document_list or self.documents)
