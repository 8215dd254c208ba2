"""The domain: documents, their structure and metadata. Plain Python; no Qt, no SQL."""

from workbench.model.document import (
    Block,
    BlockKind,
    Document,
    DocumentId,
    GlossaryEntry,
    Inline,
    InlineKind,
    Note,
    PageBreak,
    PageMap,
    new_document_id,
)
from workbench.model.metadata import Metadata, Name

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "DocumentId",
    "GlossaryEntry",
    "Inline",
    "InlineKind",
    "Metadata",
    "Name",
    "Note",
    "PageBreak",
    "PageMap",
    "new_document_id",
]
