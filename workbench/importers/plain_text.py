"""Any other text file: a user's own transcription — a letter, a memorandum, notes from an archive.

Transcriptions come in two shapes: blank lines between paragraphs (lines inside a paragraph
are hard-wrapped and join with a space), or one paragraph a line with no blank lines at all.
The file tells which by whether it has any blank line. Three things a historian's own
transcription carries are kept:

- a first line that reads as a heading (short, no final full stop, a blank line after it) is
  the title; otherwise the file's name is, as written, marked as a placeholder for citations;
- runs of short lines (an address, a salutation, a closing, a signature) keep their line breaks;
- page and folio markers on a line of their own (``[f. 3r]``, ``[fol. 3v]``, ``[p. 12]``,
  ``[Page 12]``, ``[12]``) begin printed pages, as FRUS page markers do.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.importers.builder import TextBuilder
from workbench.model import BlockKind, Document, Metadata, new_document_id

FORMAT = "plain-text"

#: A page or folio marker alone on its line. Bounded repeats keep the match linear on any line.
_MARKER = re.compile(
    r"\[\s*(?:(?:f|fol|folio|p|pg|page)\.?\s*)?(\d{1,5}[rv]?|[ivxlcdm]{1,8})\s*\]",
    re.IGNORECASE,
)
_HEADING_MAX = 90  # characters: longer first lines are the first paragraph, not a title
_SHORT_LINE = 0.6  # a line under this share of the file's widest is "short" (kept as written)


def title_from_name(name: str) -> str:
    """ "dulles-to-Alsop_1954.txt" → "dulles to Alsop 1954": the name as written, without separators."""
    words = " ".join(re.sub(r"[_\-]+", " ", Path(name).stem).split())
    return words or "Untitled"


def marker_page(line: str) -> str | None:
    """The page or folio a marker line begins ("3r", "12", "xii"), or ``None`` for any other line."""
    stripped = line.strip()
    if len(stripped) > 24:
        return None
    match = _MARKER.fullmatch(stripped)
    return match[1].lower() if match and not match[1].isdigit() else (match[1] if match else None)


def _heading(lines: list[str]) -> str | None:
    """The first line, if it reads as a heading: short, no final full stop, a blank line after it."""
    if len(lines) < 3 or lines[1].strip():
        return None
    first = lines[0].strip()
    if not first or len(first) > _HEADING_MAX or first.endswith((".", ",", ";", ":")) or marker_page(first):
        return None
    return first


def _chunks(lines: list[str], *, blank_separated: bool) -> list[list[str]]:
    """Paragraph chunks (lists of lines), page markers as chunks of their own."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if marker_page(line) is not None:
            if current:
                chunks.append(current)
            chunks.append([line])
            current = []
        elif not line.strip() or not blank_separated:
            if current:
                chunks.append(current)
            current = [line] if line.strip() else []
        else:
            current.append(line)
    if current:
        chunks.append(current)
    return chunks


def parse(text: str, *, name: str) -> Document:
    lines = text.split("\n")
    title = _heading(lines)
    body = lines[2:] if title else lines
    blank_separated = any(not line.strip() for line in body)
    widest = max((len(line.rstrip()) for line in body), default=0)
    short = widest * _SHORT_LINE
    builder = TextBuilder()
    if title:
        builder.begin_block(BlockKind.HEADING)
        builder.text(title)
    for chunk in _chunks(body, blank_separated=blank_separated):
        page = marker_page(chunk[0]) if len(chunk) == 1 else None
        if page is not None:
            builder.page_break(page)
            continue
        if len(chunk) > 1 and all(len(line.rstrip()) < short for line in chunk):
            for line in chunk:  # an address, a salutation, a signature: line by line
                builder.begin_block(BlockKind.LINE)
                builder.text(line)
            continue
        builder.begin_block(BlockKind.PARAGRAPH)
        builder.text(" ".join(chunk))
    reading_text, blocks, pages, _ = builder.finish({})
    metadata = Metadata(title=title, csl_type="manuscript") if title else Metadata(
        title=title_from_name(name), title_from_file=True, csl_type="manuscript"
    )  # fmt: skip
    document = Document(
        id=new_document_id(),
        text=reading_text,
        metadata=metadata,
        blocks=blocks,
        pages=pages,
        source_format=FORMAT,
    )
    document.check()
    return document
