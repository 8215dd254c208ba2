"""Notes are written in Markdown and shown rendered; Qt's own Markdown reader does the work.

User Markdown is read without raw HTML and with images turned into words (``safe_text``): what
these functions return can go into a label or a tooltip without loading anything.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.ui.look.safe_text import markdown_document

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)


def markdown_to_html(text: str) -> str:
    """The HTML body for Markdown ``text``, to embed in a label or a list."""
    match = _BODY.search(markdown_document(text).toHtml())
    return match.group(1).strip() if match else ""


# A character that may be Markdown syntax (or an HTML entity or tag); a note without any is its own
# plain text, and needs no QTextDocument.
_MARKUP = re.compile(r"[*_`#>\[\]!|<&\\~=+-]|^\s*\d+[.)]", re.MULTILINE)


@lru_cache(maxsize=16384)
def markdown_to_plain(text: str) -> str:
    """The words of Markdown ``text`` without its marks, for one-line previews.

    Remembered by text: the highlights list asks for every note each time it fills, and Qt's
    Markdown reader builds a whole ``QTextDocument`` per note (a tenth of a second for 3,000)."""
    if not _MARKUP.search(text):
        return text
    return markdown_document(text).toPlainText()
