"""Rows that cross from another project file, checked like anything a person types.

A colleague's file has Workbench's schema (``schema_check`` saw to that) but its rows can say
anything: a highlight at ``start=-5``, a document with no text or a forged hash, a tag that is its
own parent, a colour ``red'><img …>``, a block of a kind no one knows, metadata that is not JSON.
Each row is checked here before a merge uses it; a row that fails is left out and named in the
merge's preview (``MergePlan.refused``), never written.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from workbench.importers.errors import ImportFailed
from workbench.importers.pdf import check_pdf_bytes
from workbench.model import BlockKind, Document, InlineKind
from workbench.model.annotation import Tag, TagId, in_cycles, normal_color
from workbench.model.facsimile import Box, Facsimile
from workbench.model.text import shorten
from workbench.storage.documents import load_document

#: Metadata larger than this, or nested deeper, is not read (a crafted value could take any memory).
MAX_JSON_CHARS = 1 << 20
MAX_JSON_DEPTH = 64
#: The longest tag name or id taken from another file.
MAX_NAME = 500

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")
_BLOCK_KINDS = {str(kind) for kind in BlockKind}
_INLINE_KINDS = {str(kind) for kind in InlineKind}


class Refused(Exception):
    """A row that cannot be merged; the message says why, for the preview."""


def parse_json_object(value: object) -> dict:
    """``value`` parsed as a JSON object, within size and depth limits (``Refused`` otherwise)."""
    if not isinstance(value, str):
        raise Refused("its metadata is not text")
    if len(value) > MAX_JSON_CHARS:
        raise Refused(f"its metadata is larger than {MAX_JSON_CHARS:,} characters")
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub('""', value)):  # brackets outside strings
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_JSON_DEPTH:
        raise Refused(f"its metadata is nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        raise Refused("its metadata is not JSON") from None
    if not isinstance(parsed, dict):
        raise Refused("its metadata is not a JSON object")
    return parsed


def _text(value: object, what: str, *, empty: bool = True, limit: int | None = None) -> str:
    if not isinstance(value, str):
        raise Refused(f"its {what} is missing" if value is None else f"its {what} is not text")
    if not empty and not value.strip():
        raise Refused(f"its {what} is empty")
    if limit is not None and len(value) > limit:
        raise Refused(f"its {what} is longer than {limit} characters")
    return value


def _int(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Refused(f"its {what} is not a whole number")
    return value


def _range(start: object, end: object, length: int, what: str, *, empty: bool = True) -> None:
    a, b = _int(start, f"{what} start"), _int(end, f"{what} end")
    if not (0 <= a <= b <= length) or (a == b and not empty):
        raise Refused(f"its {what} {a}–{b} lies outside the text (0–{length})")


def sha256(text: str) -> str:
    """The hash of a text, recomputed: a stored ``text_sha256`` from another file is never trusted."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class IncomingDocument:
    document: Document
    sha256: str
    url: str | None


def document(theirs: Database, doc_id: object) -> IncomingDocument:
    """Their document ``doc_id`` with its structure, every part inside its text (``Refused`` otherwise)."""
    _text(doc_id, "id", empty=False, limit=MAX_NAME)
    row = theirs.execute(
        "SELECT metadata, text, source_format, first_page, title FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    metadata, text, source_format, first_page, title = row
    text = _text(text, "text")
    metadata = parse_json_object(metadata)
    _text(source_format, "source format")
    _text(title, "title")
    if first_page is not None:
        _text(first_page, "first page")
    n = len(text)
    for kind, start, end, level, label in theirs.execute(
        'SELECT kind, start, "end", level, label FROM blocks WHERE doc_id = ?', [doc_id]
    ):
        if kind not in _BLOCK_KINDS:
            raise Refused(f"a block is of an unknown kind ({shorten(str(kind), 30)})")
        _range(start, end, n, "block")
        _int(level, "block level")
        _text(label, "block label")
    for page, start in theirs.execute("SELECT n, start FROM pages WHERE doc_id = ?", [doc_id]):
        _text(page, "page number")
        _range(start, start, n, "page")
    for number, anchor, body in theirs.execute("SELECT n, anchor, text FROM notes WHERE doc_id = ?", [doc_id]):
        _int(number, "footnote number")
        _range(anchor, anchor, n, "footnote mark")
        _text(body, "footnote text")
    for kind, start, end, value in theirs.execute(
        'SELECT kind, start, "end", value FROM inlines WHERE doc_id = ?', [doc_id]
    ):
        if kind not in _INLINE_KINDS:
            raise Refused(f"a mark in the text is of an unknown kind ({shorten(str(kind), 30)})")
        _range(start, end, n, "mark")
        _text(value, "mark")
    try:
        loaded = load_document(theirs, str(doc_id))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise Refused(f"it cannot be read ({shorten(str(error), 60)})") from None
    url = metadata.get("URL")
    return IncomingDocument(loaded, sha256(text), url if isinstance(url, str) and url else None)


def facsimile(theirs: Database, doc_id: str, length: int) -> Facsimile | None:
    """Their document's page images (a PDF) and the boxes of its text of ``length`` characters on
    them, or ``None`` when it has none; ``Refused`` when they are not sound (not a PDF, a PDF bomb,
    a box outside the text or off the pages)."""
    row = theirs.execute("SELECT format, data, labels FROM facsimiles WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    kind, data, labels_json = row
    if kind != "pdf" or not isinstance(data, bytes) or not data.startswith(b"%PDF"):
        raise Refused("its page images are not a PDF")
    if not isinstance(labels_json, str) or len(labels_json) > MAX_JSON_CHARS:
        raise Refused("its page labels cannot be read")
    try:
        labels = json.loads(labels_json)
    except (ValueError, RecursionError):
        raise Refused("its page labels are not JSON") from None
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise Refused("its page labels are not a list of names")
    try:
        check_pdf_bytes(Path("page images"), data)
    except ImportFailed as problem:
        raise Refused(f"its page images: {problem.problem}") from None
    boxes = []
    for start, end, page, *corners in theirs.execute(
        'SELECT start, "end", page, left, bottom, right, top FROM text_boxes WHERE doc_id = ? ORDER BY seq', [doc_id]
    ):
        _range(start, end, length, "page-image box", empty=False)
        if not isinstance(page, int) or not 0 <= page < len(labels):
            raise Refused("a box of its page images stands on no page")
        if not all(isinstance(value, (int, float)) and math.isfinite(value) for value in corners):
            raise Refused("a box of its page images has no place on its page")
        boxes.append(Box(start, end, page, *map(float, corners)))
    return Facsimile(bytes(data), labels, boxes)


@dataclass(frozen=True, slots=True)
class IncomingTag:
    tag: Tag
    stamps: dict[str, str]


def tags(theirs: Database) -> tuple[list[IncomingTag], list[str]]:
    """Their tags that are sound, parents before children, and a sentence for each that is not.

    A tag with a colour not written ``#rrggbb`` comes in without it (it is given one here); a
    tag that is its own ancestor, hangs from a tag that does not exist or was left out, or has a
    bad name, is left out with its sub-tags.
    """
    good: dict[TagId, IncomingTag] = {}
    refused: list[str] = []
    rows = theirs.execute(
        "SELECT id, uuid, parent_id, name, color, description, position, author, created, modified, modified_by "
        "FROM tags"
    ).fetchall()
    parents = {TagId(row[0]): row[2] for row in rows if isinstance(row[0], int)}
    cyclic = in_cycles(parents)
    for tag_id, uuid, parent, name, color, description, position, *stamps in rows:
        label = f"tag “{shorten(str(name), 40)}”"
        try:
            _int(tag_id, "id")
            _text(uuid, "identifier", empty=False, limit=MAX_NAME)
            if _text(name, "name", empty=False, limit=MAX_NAME) != name.strip() or "/" in name:
                raise Refused("its name has a “/” or spaces around it")
            if parent is not None and parent not in parents:
                raise Refused("its parent tag does not exist")
            if tag_id in cyclic:
                raise Refused("it is its own parent, or its parents form a circle")
            _text(description, "description")
            _int(position, "position")
            stamp = dict(zip(("author", "created", "modified", "modified_by"), stamps, strict=True))
            for what, value in stamp.items():
                _text(value, what)
        except Refused as problem:
            refused.append(f"{label}: {problem}")
            continue
        if normal_color(color) is None:
            refused.append(f"{label}: its colour “{shorten(str(color), 30)}” is not #rrggbb; it gets a colour here")
        good[TagId(tag_id)] = IncomingTag(
            Tag(TagId(tag_id), uuid, name, normal_color(color) or "", parent, description, None, position), stamp
        )
    # Parents first; a tag under a refused one is refused too (in one pass down the tree).
    ordered: list[IncomingTag] = []
    placed: set[TagId] = set()
    pending = list(good.values())
    while pending:
        ready = [t for t in pending if t.tag.parent_id is None or t.tag.parent_id in placed]
        if not ready:
            refused += [f"tag “{shorten(t.tag.name, 40)}”: its parent tag was left out" for t in pending]
            break
        ordered += sorted(ready, key=lambda t: (t.tag.position, t.tag.id))
        placed.update(t.tag.id for t in ready)
        pending = [t for t in pending if t.tag.id not in placed]
    return ordered, refused


_SPAN_TEXTS = ("quote", "prefix", "suffix", "note", "author", "created", "modified", "modified_by")


def span_values(row: tuple, text_of: Callable[[str, int | None], str | None]) -> dict:
    """A highlight's row checked: where it points lies inside its text, and its quote stands there.

    ``row`` is (uuid, doc_id, note_n, start, end, quote, prefix, suffix, note, author, created,
    modified, modified_by, orphaned); ``text_of(doc_id, note_n)`` is the text it points into
    (None if that footnote does not exist).
    """
    uuid, doc_id, note_n, start, end, *texts, orphaned = row
    _text(uuid, "identifier", empty=False, limit=MAX_NAME)
    values = {name: _text(value, name) for name, value in zip(_SPAN_TEXTS, texts, strict=True)}
    if note_n is not None:
        _int(note_n, "footnote number")
    text = text_of(doc_id, note_n)
    if text is None:
        raise Refused(f"it points into footnote {note_n}, which does not exist")
    _range(start, end, len(text), "place", empty=False)
    if not orphaned and text[start:end] != values["quote"]:
        raise Refused("its quote does not stand where it points")
    return {"uuid": uuid, "doc_id": doc_id, "note_n": note_n, "start": start, "end": end, **values,
            "orphaned": 1 if orphaned else 0}  # fmt: skip


_MEMO_TEXTS = ("title", "text", "author", "created", "modified", "modified_by")


def memo_values(row: Iterable) -> dict:
    """A note's row checked (uuid, doc_id, title, text, author, created, modified, modified_by)."""
    uuid, doc_id, *texts = row
    _text(uuid, "identifier", empty=False, limit=MAX_NAME)
    if doc_id is not None:
        _text(doc_id, "document")
    return {"uuid": uuid, "doc_id": doc_id} | {n: _text(v, n) for n, v in zip(_MEMO_TEXTS, texts, strict=True)}
