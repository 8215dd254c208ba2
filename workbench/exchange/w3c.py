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
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from workbench import __version__
from workbench.escaping import removed_warning, xml_text
from workbench.exchange.refi import Exported
from workbench.importers.errors import ImportFailed
from workbench.importers.limits import read_json
from workbench.model import Document
from workbench.model.anchoring import Placement, reanchor
from workbench.model.annotation import TagTree
from workbench.storage import list_documents, load_document
from workbench.storage.annotations import load_spans, load_tags

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _source(document_id: str, url: str, note_n: int | None) -> str:
    base = url or f"urn:uuid:{document_id}"
    return f"{base}#fn{note_n}" if note_n is not None else base


def export_annotations(db: Database, name: str) -> bytes:
    return annotations_export(db, name).data


def annotations_export(db: Database, name: str) -> Exported:
    """The highlights as a W3C annotation collection; characters XML 1.0 cannot hold are left out
    (and counted in the warnings), since JSON-LD readers turn the file into RDF and XML."""
    tree = TagTree(load_tags(db))
    items: list[dict[str, Any]] = []
    for row in list_documents(db):
        document = load_document(db, row.id)
        for span in load_spans(db, row.id):
            body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": tree.path(t)}
                                          for t in span.tag_ids if t in tree.by_id]  # fmt: skip
            if span.note:
                body.append({"type": "TextualBody", "purpose": "commenting", "value": span.note,
                             "format": "text/markdown"})  # fmt: skip
            items.append({
                "id": f"urn:uuid:{span.uuid}", "type": "Annotation", "motivation": "highlighting",
                "created": span.created, "modified": span.modified,
                "creator": {"type": "Person", "name": span.author}, "body": body,
                "target": {"source": _source(document.id, document.metadata.url, span.note_n), "selector": [
                    {"type": "TextQuoteSelector", "exact": span.quote, "prefix": span.prefix, "suffix": span.suffix},
                    {"type": "TextPositionSelector", "start": span.start, "end": span.end},
                ]},
            })  # fmt: skip
    # The model requires ids: the collection's and its page's are the same every time for the same highlights.
    identity = uuid.uuid5(uuid.NAMESPACE_URL, "workbench:" + "|".join(sorted(item["id"] for item in items)))
    collection_id = f"urn:uuid:{identity}"
    collection = {"@context": CONTEXT, "id": collection_id, "type": "AnnotationCollection", "label": name,
                  "generator": {"type": "Software", "name": f"Workbench {__version__}"}, "total": len(items),
                  "first": {"id": f"urn:uuid:{uuid.uuid5(identity, 'page 1')}", "type": "AnnotationPage",
                            "partOf": collection_id, "startIndex": 0, "items": items}}  # fmt: skip
    removed = [0]

    def clean(value: Any) -> Any:  # our own structure: a few levels deep
        if isinstance(value, str):
            text, count = xml_text(value)
            removed[0] += count
            return text
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        return [clean(item) for item in value] if isinstance(value, list) else value

    text = json.dumps(clean(collection), ensure_ascii=False, indent=2) + "\n"
    return Exported(text.encode("utf-8"), removed_warning(removed[0]))


@dataclass(slots=True)
class Annotations:
    spans: list[dict[str, Any]] = field(default_factory=list)  # ready for the project (see ``read``)
    warnings: list[str] = field(default_factory=list)


_WHAT = "a Web Annotation file"
_NOTE_FRAGMENT = re.compile(r"[0-9]{1,6}")


def read_annotations(path: Path, db: Database) -> Annotations:
    """The annotations in ``path`` that target documents of the project, placed in their texts.

    The file is read within ``limits`` (size, nesting); any value of the wrong kind (a number
    where a list belongs, a selector that is a string, a position that is a float) is taken as
    absent, and an annotation left with nothing to place is skipped and said.
    """
    items = _items(path, read_json(path, "this Web Annotation file"))
    documents: dict[str, Document] = {}
    for row in list_documents(db):
        loaded = load_document(db, row.id)
        documents[loaded.metadata.url or f"urn:uuid:{loaded.id}"] = loaded
        documents[f"urn:uuid:{loaded.id}"] = loaded
    result = Annotations()
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            result.warnings.append(f"entry {number} is not an annotation; skipped")
            continue
        name = _text(item.get("id")) or f"annotation {number}"
        target = _first_dict(item.get("target"))
        source = _text(target.get("source")) or _text(item.get("target"))
        base, _, fragment = source.partition("#fn")
        document = documents.get(base)
        if document is None:
            result.warnings.append(f"{name[:80]}: its document ({source[:80]}) is not in the project")
            continue
        note_n = int(fragment) if _NOTE_FRAGMENT.fullmatch(fragment) else None
        text = document.text if note_n is None else document.note_text(note_n)
        selectors = {_text(s.get("type")): s for s in _dicts(target.get("selector"))}
        quote = selectors.get("TextQuoteSelector", {})
        position = selectors.get("TextPositionSelector", {})
        start, end = _integer(position.get("start")), _integer(position.get("end"))
        exact = _text(quote.get("exact"))
        if not exact and start is not None and end is not None and 0 <= start < end <= len(text):
            exact = text[start:end]
        if not exact:
            result.warnings.append(f"{name[:80]}: it says neither what it quotes nor where; skipped")
            continue
        found = reanchor(exact, _text(quote.get("prefix")), _text(quote.get("suffix")),
                         start if start is not None and start <= len(text) else 0, len(text), text)  # fmt: skip
        if found.placement == Placement.ORPHANED:
            result.warnings.append(
                f"“{exact[:40]}”: not found in {document.number or document.title}; imported as orphaned"
            )
        bodies = _dicts(item.get("body"))

        def values(purpose: str, bodies: list[dict] = bodies) -> list[str]:
            return [_text(b.get("value")) for b in bodies if b.get("purpose") == purpose and _text(b.get("value"))]

        creator = item.get("creator")
        result.spans.append({
            "uuid": _text(item.get("id")).removeprefix("urn:uuid:"), "doc_id": document.id, "note_n": note_n,
            "start": found.start, "end": found.end, "orphaned": found.placement == Placement.ORPHANED, "quote": exact,
            "tags": values("tagging"),
            "note": "\n\n".join(values("commenting")),
            "author": _text(creator.get("name")) if isinstance(creator, dict) else "",
            "created": _text(item.get("created")), "modified": _text(item.get("modified")),
        })  # fmt: skip
    return result


def _items(path: Path, data: Any) -> list[Any]:
    """The annotations of a collection (its first page), of a page, a list, or the one annotation."""
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        data = data.get("first")
    if isinstance(data, dict) and (data.get("type") == "AnnotationPage" or "items" in data):
        data = data.get("items")
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data:
        raise ImportFailed(path, f"this is not {_WHAT} (no annotations in it)")
    return data


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _integer(value: Any) -> int | None:
    """A position: a whole number (not a float, string or boolean), not negative."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _dicts(value: Any) -> list[dict]:
    """``value`` as a list of objects: one object, or the objects in a list; anything else is none."""
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, dict)]


def _first_dict(value: Any) -> dict:
    return next(iter(_dicts(value)), {})
