"""The document's footnotes beside the text; the one asked for is scrolled to and marked."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from workbench.model import Document
from workbench.ui.theme import Theme


class NotesPane(QTextBrowser):
    referenceRequested = Signal(int)  # the note number was clicked: show its mark in the text

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setObjectName("notesPane")
        self.setAccessibleName("Footnotes")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.document_model: Document | None = None
        self.current: int | None = None

    def show_notes(self, document: Document | None) -> None:
        self.document_model = document
        self.current = None
        self._render()

    def focus_note(self, n: int) -> None:
        """Mark note ``n`` and scroll it into view."""
        self.current = n
        scroll = self.verticalScrollBar().value()
        self._render()
        self.verticalScrollBar().setValue(scroll)
        self.scrollToAnchor(f"note-{n}")

    def _render(self) -> None:
        theme = self.theme
        parts = [
            f'<div style=\'font-family:"{theme.ui_family}"; color:{theme.muted}; font-weight:600;'
            f" margin:4px 0 10px 0'>NOTES</div>"
        ]
        notes = self.document_model.notes if self.document_model else []
        if not notes:
            parts.append(f"<p style='color:{theme.muted}'>This document has no notes.</p>")
        for note in notes:
            background = "#f3e7c9" if note.n == self.current else "transparent"
            body = html.escape(note.text).replace("\n", "<br>")
            parts.append(
                f"<a name='note-{note.n}'></a>"
                f"<table width='100%' cellpadding='6' style='margin-bottom:6px; background:{background}'><tr>"
                f"<td width='22' valign='top'><a href='ref:{note.n}' style='color:{theme.accent};"
                f" text-decoration:none; font-weight:600'>{note.n}</a></td>"
                f"<td style='font-family:\"{theme.reading_family}\"; color:{theme.ink}'>{body}</td></tr></table>"
            )
        self.setHtml("".join(parts))

    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith("ref:"):
            self.referenceRequested.emit(int(href.removeprefix("ref:")))
