"""Any other text file: a user's own transcription, as paragraphs.

Transcriptions come in two shapes: blank lines between paragraphs (lines inside a paragraph
are hard-wrapped and join with a space), or one paragraph a line with no blank lines at all.
The file tells which by whether it has any blank line.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.importers.builder import TextBuilder
from workbench.model import BlockKind, Document, Metadata, new_document_id

FORMAT = "plain-text"


def title_from_name(name: str) -> str:
    """ "kissinger_memo-1972" → "Kissinger memo 1972": a readable title until the user gives one."""
    stem = Path(name).stem
    words = re.sub(r"[_\-]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"


def parse(text: str, *, name: str) -> Document:
    lines = text.splitlines()
    if any(not line.strip() for line in lines):
        paragraphs = [" ".join(chunk.split("\n")) for chunk in re.split(r"\n\s*\n", text)]
    else:
        paragraphs = lines
    builder = TextBuilder()
    for paragraph in paragraphs:
        builder.begin_block(BlockKind.PARAGRAPH)
        builder.text(paragraph)
    reading_text, blocks, pages, _ = builder.finish({})
    document = Document(
        id=new_document_id(),
        text=reading_text,
        metadata=Metadata(title=title_from_name(name)),
        blocks=blocks,
        pages=pages,
        source_format=FORMAT,
    )
    document.check()
    return document
