"""The JSON shapes the command line prints (``workbench show DOC --json``, ``workbench list --json``).

Kept beside the model so that scripts, tests and later exporters share one definition.
"""

from __future__ import annotations

from typing import Any

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
