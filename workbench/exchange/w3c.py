"""W3C Web Annotation (JSON-LD): highlights as annotations other tools (Hypothesis, Recogito) read.

Each span is an ``Annotation`` whose target is the document (its URL, else ``urn:uuid:<id>``; a
footnote is ``#fnN`` on it) with a ``TextQuoteSelector`` (exact, prefix, suffix) and a
``TextPositionSelector`` (code points, end exclusive: ours). Tags are ``tagging`` bodies (the
tag's path), the note a ``commenting`` body. On import, positions are used when the quote
stands there, otherwise the quote is found again as for a corrected text; what cannot be found
is imported as orphaned, to be placed by hand, and reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from workbench import __version__
from workbench.importers.errors import ImportFailed
from workbench.model.anchoring import Placement, reanchor
from workbench.model.annotation import TagTree
from workbench.storage import list_documents, load_document
from workbench.storage.annotations import load_spans, load_tags

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _source(document_id: str, url: str, note_n: int | None) -> str:
    base = url or f"urn:uuid:{document_id}"
    return f"{base}#fn{note_n}" if note_n is not None else base


def export_annotations(db: Database, name: str) -> bytes:
    tree = TagTree(load_tags(db))
    items = []
    for row in list_documents(db):
        document = load_document(db, row.id)
        for span in load_spans(db, row.id):
            body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": tree.path(t)}
                                          for t in span.tag_ids if t in tree.by_id]  # fmt: skip
            if span.note:
                body.append({"type": "TextualBody", "purpose": "commenting", "value": span.note,
                             "format": "text/markdown"})  # fmt: skip
            items.append({
                "id": f"urn:uuid:{span.uuid}", "type": "Annotation", "created": span.created,
                "modified": span.modified, "creator": {"type": "Person", "name": span.author}, "body": body,
                "target": {"source": _source(document.id, document.metadata.url, span.note_n), "selector": [
                    {"type": "TextQuoteSelector", "exact": span.quote, "prefix": span.prefix, "suffix": span.suffix},
                    {"type": "TextPositionSelector", "start": span.start, "end": span.end},
                ]},
            })  # fmt: skip
    collection = {"@context": CONTEXT, "type": "AnnotationCollection", "label": name,
                  "generator": f"Workbench {__version__}", "total": len(items),
                  "first": {"type": "AnnotationPage", "items": items}}  # fmt: skip
    return (json.dumps(collection, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(slots=True)
class Annotations:
    spans: list[dict[str, Any]] = field(default_factory=list)  # ready for the project (see ``read``)
    warnings: list[str] = field(default_factory=list)


def read_annotations(path: Path, db: Database) -> Annotations:
    """The annotations in ``path`` that target documents of the project, placed in their texts."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFailed(path, f"this is not a Web Annotation file ({error})") from None
    items = data.get("first", {}).get("items", []) if data.get("type") == "AnnotationCollection" else data
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise ImportFailed(path, "this is not a Web Annotation file (no annotations in it)")
    documents = {}
    for row in list_documents(db):
        document = load_document(db, row.id)
        documents[document.metadata.url or f"urn:uuid:{document.id}"] = document
        documents[f"urn:uuid:{document.id}"] = document
    result = Annotations()
    for item in items:
        target = item.get("target", {}) if isinstance(item, dict) else {}
        source = target.get("source", "") if isinstance(target, dict) else ""
        base, _, fragment = source.partition("#fn")
        document = documents.get(base)
        if document is None:
            result.warnings.append(f"{item.get('id', 'an annotation')}: its document ({source}) is not in the project")
            continue
        note_n = int(fragment) if fragment.isdigit() else None
        text = document.text if note_n is None else document.note_text(note_n)
        selectors = {s.get("type"): s for s in target.get("selector", []) if isinstance(s, dict)}
        quote = selectors.get("TextQuoteSelector", {})
        position = selectors.get("TextPositionSelector", {})
        exact = quote.get("exact") or text[position.get("start", 0) : position.get("end", 0)]
        found = reanchor(exact, quote.get("prefix", ""), quote.get("suffix", ""), int(position.get("start", 0)),
                         len(text), text)  # fmt: skip
        if found.placement == Placement.ORPHANED:
            result.warnings.append(
                f"“{exact[:40]}”: not found in {document.number or document.title}; imported as orphaned"
            )
        bodies = item.get("body", [])
        bodies = [b for b in (bodies if isinstance(bodies, list) else [bodies]) if isinstance(b, dict)]

        def values(purpose: str, bodies: list[dict] = bodies) -> list[str]:
            return [b.get("value", "") for b in bodies if b.get("purpose") == purpose]

        creator = item.get("creator")
        result.spans.append({
            "uuid": str(item.get("id", "")).removeprefix("urn:uuid:"), "doc_id": document.id, "note_n": note_n,
            "start": found.start, "end": found.end, "orphaned": found.placement == Placement.ORPHANED, "quote": exact,
            "tags": values("tagging"),
            "note": "\n\n".join(values("commenting")),
            "author": creator.get("name", "") if isinstance(creator, dict) else "",
            "created": item.get("created", ""), "modified": item.get("modified", ""),
        })  # fmt: skip
    return result
