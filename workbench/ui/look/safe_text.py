"""Showing people's words (notes, memos, glossary entries, tag names) so that they cannot reach out.

Qt renders rich text wherever a string *looks* like HTML (tooltips, labels), and its text
documents load every image a text names: an ``<img src=…>``, or a Markdown ``![](…)``, is read
from disk (``/dev/zero`` grew the window to gigabytes), or from a network share on Windows
(``//host/share``: the user's credentials go with the request). A note merged from a colleague's
project is someone else's text. So here:

- ``tooltip`` and ``escaped`` turn any text into rich text that says exactly that text;
- ``markdown_document`` reads user Markdown with raw HTML off and every image replaced by its
  words (``[image: …]``), in a ``SafeDocument`` whose ``loadResource`` returns nothing for any
  name; ``SafeBrowser`` is a ``QTextBrowser`` that loads nothing either, opens no link by itself,
  shows a link's address while the pointer rests on it, and opens only ``http(s)`` addresses
  (after a click, in the user's browser): never ``file:``, a UNC path or anything else.

PySide6 6.11 does not offer ``QTextDocument.setResourceProvider`` (Qt 6.1), so overriding
``loadResource`` is the way (returning an empty image: returning nothing makes Qt read the file
after all); a ``QLabel`` has no such hook, which is why what reaches a label
is either escaped or made by ``markdown_document`` (whose HTML names no image).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QCursor, QDesktopServices, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

#: User Markdown: GitHub's dialect (lists, tables, strike-through) without raw HTML.
USER_MARKDOWN = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML

_WEB = ("http", "https")
#: What a resource loader answers. It must be a value: on "no value" (None) Qt reads the file itself.
_NOTHING = QImage()


def escaped(text: str) -> str:
    """``text`` as rich text that shows it verbatim (line breaks kept)."""
    return html.escape(text, quote=True).replace("\n", "<br>")


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as it is, even if it looks like HTML (Qt would render it).

    Qt takes a tooltip for rich text only if it holds a tag, so text without ``<`` stays as it is.
    """
    return text if "<" not in text else f"<p style='white-space:pre-wrap'>{html.escape(text, quote=True)}</p>"


class SafeDocument(QTextDocument):
    """A text document that loads no resource: no file, no share, no network address."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return _NOTHING


def _images_as_words(document: QTextDocument) -> None:
    """Replace each image in ``document`` by ``[image: its address]``, so none is ever drawn or loaded."""
    block = document.begin()
    found: list[tuple[int, int, str]] = []
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid() and fragment.charFormat().isImageFormat():
                name = fragment.charFormat().toImageFormat().name()
                found.append((fragment.position(), fragment.length(), name))
            iterator += 1
        block = block.next()
    for position, length, name in reversed(found):
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(f"[image: {name}]")


def read_markdown(document: QTextDocument, text: str) -> QTextDocument:
    """Fill ``document`` with user Markdown ``text``: no raw HTML, images as words."""
    document.setMarkdown(text, USER_MARKDOWN)
    _images_as_words(document)
    return document


def markdown_document(text: str, parent: QObject | None = None) -> SafeDocument:
    """User Markdown ``text`` as a document that can be shown anywhere."""
    document = SafeDocument(parent)
    read_markdown(document, text)
    return document


def open_web_link(url: QUrl) -> bool:
    """Open ``url`` in the user's browser if it is an ``http(s)`` address; anything else is ignored."""
    if url.scheme().lower() not in _WEB or not url.host():
        return False
    return QDesktopServices.openUrl(url)


class SafeBrowser(QTextBrowser):
    """A ``QTextBrowser`` for people's text: loads nothing, follows no link by itself.

    A click on an ``http(s)`` link opens it in the user's browser (the address shows while the
    pointer rests on the link); other links are left to ``anchorClicked``'s own handlers.
    """

    def __init__(self, parent: QWidget | None = None, *, web_links: bool = True) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.highlighted.connect(self._show_address)
        if web_links:
            self.anchorClicked.connect(open_web_link)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return _NOTHING

    def show_markdown(self, text: str) -> None:
        read_markdown(self.document(), text)

    def _show_address(self, url: QUrl) -> None:
        if url.scheme().lower() in _WEB:
            QToolTip.showText(QCursor.pos(), tooltip(url.toString()), self)
