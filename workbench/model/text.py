"""Small helpers for showing text to the user."""

from __future__ import annotations


def shorten(text: str, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis: for lists and messages."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
