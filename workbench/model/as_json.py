"""The JSON shapes the command line prints (``workbench show DOC --json``, ``workbench list --json``).

Kept beside the model so that scripts, tests and later exporters share one definition.
"""

from __future__ import annotations

from typing import Any

from workbench.model.annotation import Span, TagId, TagTree
from workbench.model.document import Document


def document_to_json(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "number": document.number,
        "title": document.title,
        "metadata": document.metadata.to_csl(),
        "text": document.text,
        "blocks": [{"kind": str(b.kind), "start": b.start, "end": b.end} for b in document.blocks],
        "pages": [{"n": b.n, "start": b.start} for b in document.pages.breaks],
        "first_page": document.pages.first_page,
        "notes": [{"n": note.n, "anchor": note.anchor, "text": note.text} for note in document.notes],
    }


def summary_to_json(summary: Any) -> dict[str, Any]:
    """One row of ``workbench list --json``: a ``DocumentSummary`` as {id, number, title, date}."""
    return {"id": summary.id, "number": summary.number, "title": summary.title, "date": summary.issued}


def span_to_json(span: Span, document: Document, tree: TagTree) -> dict[str, Any]:
    """One row of ``workbench annotations --json`` (``in_note`` only for a passage in a footnote)."""
    page_start, page_end = document.pages_of(span.start, span.end, span.note_n)
    row = {
        "id": span.uuid,
        "doc": span.doc_id,
        "start": span.start,
        "end": span.end,
        "quote": span.quote,
        "tags": sorted(tree.path(tag_id) for tag_id in span.tag_ids),
        "note": span.note,
        "page_start": page_start,
        "page_end": page_end,
        "author": span.author,
    }
    if span.modified_by and span.modified_by != span.author:
        row["modified_by"] = span.modified_by
    if span.note_n is not None:  # start and end count in that footnote's text
        row["in_note"] = span.note_n
    if span.orphaned:  # a corrected text no longer holds its words
        row["orphaned"] = True
    return row


def tags_to_json(tree: TagTree, counts: dict[TagId, int]) -> list[dict[str, Any]]:
    """The tag tree, nested, with each tag's own count and its count with sub-tags."""
    totals = tree.totals(counts)

    def node(tag_id: TagId) -> dict[str, Any]:
        tag = tree.by_id[tag_id]
        return {
            "id": tag.uuid,
            "name": tag.name,
            "path": tree.path(tag_id),
            "color": tag.color,
            "description": tag.description,
            "key": tag.key,
            "count": counts.get(tag_id, 0),
            "total": totals[tag_id],
            "children": [node(child.id) for child in tree.children(tag_id)],
        }

    return [node(tag.id) for tag in tree.children(None)]
