"""Small helpers for showing text to the user."""

from __future__ import annotations

import re


def shorten(text: str, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis: for lists and messages."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def counted(n: int, noun: str) -> str:
    """ "1 document", "2 documents": a count with its noun (regular plurals only)."""
    return f"{n} {noun}{'s' * (n != 1)}"


def example_sentence(text: str, *, shortest: int = 40, longest: int = 300) -> tuple[int, int]:
    """``(start, end)`` of a sentence to show an example with (the welcome's "Tag a passage", the
    settings' sample citation): the first of at least ``shortest`` characters after the heading line,
    within one paragraph; cut at ``longest``. The whole text when it has no such sentence."""
    paragraph_start = text.find("\n") + 1  # the first line is the document's heading
    while paragraph_start < len(text):
        paragraph_end = text.find("\n", paragraph_start)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        start = paragraph_start
        for match in re.finditer(r"[.!?][”’)]?(?=\s|$)", text[paragraph_start:paragraph_end]):
            end = paragraph_start + match.end()
            if end - start >= shortest:
                return start, min(end, start + longest)
            start = end + 1  # that one was too short: the next sentence, after the space
        if paragraph_end - start >= shortest:
            return start, min(paragraph_end, start + longest)
        paragraph_start = paragraph_end + 1
    return 0, min(len(text), longest)
