"""Notes are written in Markdown and shown rendered; Qt's own Markdown reader does the work."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextDocument

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)


def markdown_to_html(text: str) -> str:
    """The HTML body for Markdown ``text``, to embed in a label or a list."""
    document = QTextDocument()
    document.setMarkdown(text)
    match = _BODY.search(document.toHtml())
    return match.group(1).strip() if match else ""


def markdown_to_plain(text: str) -> str:
    """The words of Markdown ``text`` without its marks, for one-line previews."""
    document = QTextDocument()
    document.setMarkdown(text)
    return document.toPlainText()
