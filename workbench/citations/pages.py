"""Page pinpoints: the printed pages a quoted span stands on, written as Chicago writes them."""

from __future__ import annotations

from workbench.model import Document
from workbench.model.annotation import Span, SpanPlace
from workbench.model.ranges import inclusive_range as chicago_range

__all__ = ["chicago_range", "pinpoint"]


def pinpoint(document: Document, span: Span | SpanPlace) -> str:
    """ "446", "445–46", or "446n5" for a passage in footnote 5; "" for a text without pages."""
    first, last = document.pages_of(span.start, span.end, span.note_n)
    if first is None or last is None:
        return f"n{span.note_n}" if span.note_n is not None else ""
    pages = chicago_range(first, last)
    return f"{pages}n{span.note_n}" if span.note_n is not None else pages
