"""The document's footnotes beside the text, highlightable like the text itself.

Each note is one block: its number (a link back to the mark in the text), then its text, whose
line breaks become Qt line separators so every character of the note maps to one position.
A selection inside one note is a range of that note's text, which spans store with ``note_n``
(the source note is where the archive, box and classification are, and historians tag them).
Footnotes are short, so their highlights are plain character formats.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QWidget

from workbench.model import Document
from workbench.model.annotation import Span, TagTree
from workbench.model.view_positions import ViewPositions
from workbench.ui.look.safe_text import SafeBrowser, tooltip
from workbench.ui.look.theme import Theme
from workbench.ui.reading.highlights import describe_spans, span_color
from workbench.ui.reading.marks import pattern_of

_LINE_SEPARATOR = "\u2028"


class NotesPane(SafeBrowser):
    referenceRequested = Signal(int)  # the note number was clicked: show its mark in the text
    selectionSettled = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent, web_links=False)
        self.theme = theme
        self.setObjectName("notesPane")
        self.setAccessibleName("Footnotes")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.document_model: Document | None = None
        self.current: int | None = None
        self.spans: list[Span] = []
        self.tags = TagTree([])
        self.patterns = False  # underline patterns (Settings), as in the text
        self._positions: dict[int, ViewPositions] = {}  # note number → its text in the pane
        self._typeset: QTextDocument | None = None  # the notes shown, as typeset here
        #: Tag…, Note…, Copy Quote with Citation: the window's, as in the text's context menu.
        self.context_actions: list[QAction] = []

    def show_notes(self, document: Document | None, spans: list[Span] | None = None,
                   tags: TagTree | None = None) -> None:  # fmt: skip
        self.document_model = document
        self.current = None
        self.spans = spans or []
        self.tags = tags or self.tags
        self._render()

    def set_spans(self, spans: list[Span], tags: TagTree) -> None:
        self.spans, self.tags = spans, tags
        self._render_in_place()

    def set_theme(self, theme: Theme, *, patterns: bool) -> None:
        self.theme, self.patterns = theme, patterns
        self._render_in_place()

    def _render_in_place(self) -> None:
        scroll = self.verticalScrollBar().value()
        self._render()
        self.verticalScrollBar().setValue(scroll)

    def focus_note(self, n: int) -> None:
        """Mark note ``n`` and scroll it into view."""
        self.current = n
        self._render_in_place()
        if n in self._positions:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._positions[n].to_view(0))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def selected_note_range(self) -> tuple[int, int, int] | None:
        """``(note, start, end)`` when the selection lies inside one note's text."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        a, b = cursor.selectionStart(), cursor.selectionEnd()
        for n, positions in self._positions.items():
            first, last = positions.to_view(0), positions.to_view(len(positions.text))
            if first <= a and b <= last:
                start, end = positions.to_model(a), positions.to_model(b)
                return (n, start, end) if start < end else None
        return None

    def copy(self) -> None:
        """Copy the selected words of a note as the note has them (line breaks, not separators)."""
        selected = self.selected_note_range()
        if selected is not None and self.document_model is not None:
            n, start, end = selected
            QGuiApplication.clipboard().setText(self.document_model.note_text(n)[start:end])
        elif self.textCursor().hasSelection():
            QGuiApplication.clipboard().setText(self.textCursor().selectedText().replace(_LINE_SEPARATOR, "\n"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Copy and Select All, then Tag…, Note… and Copy Quote with Citation, as in the text."""
        self.setFocus()  # the actions act on the selection of the view that has the focus
        menu = QMenu(self)
        menu.addAction("&Copy", self.copy).setEnabled(self.textCursor().hasSelection())
        menu.addAction("Select &All", self.selectAll)
        if self.context_actions:
            menu.addSeparator()
            menu.addActions(self.context_actions)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if self.selected_note_range():
            self.selectionSettled.emit()

    # -- rendering ----------------------------------------------------------------------------

    def _render(self) -> None:
        theme = self.theme
        document = QTextDocument(self)
        document.setDocumentMargin(10)
        cursor = QTextCursor(document)
        heading = QTextCharFormat()
        heading.setFont(theme.ui_font())
        heading.setFontWeight(QFont.Weight.DemiBold)
        heading.setForeground(QColor(theme.muted))
        cursor.insertText("NOTES", heading)
        body = QTextCharFormat()
        body.setFont(theme.reading_font())
        body.setFontPointSize(theme.reading_size * 0.85)
        body.setForeground(QColor(theme.ink))
        number = QTextCharFormat(body)
        number.setFontWeight(QFont.Weight.DemiBold)
        number.setForeground(QColor(theme.accent))
        number.setAnchor(True)
        self._positions = {}
        notes = self.document_model.notes if self.document_model else []
        if not notes:
            empty = QTextCharFormat(body)
            empty.setForeground(QColor(theme.muted))
            cursor.insertBlock(QTextBlockFormat())
            cursor.insertText("This document has no notes.", empty)
        for note in notes:
            block = QTextBlockFormat()
            block.setTopMargin(8)
            block.setLeftMargin(22)
            block.setTextIndent(-22)
            block.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            if note.n == self.current:
                block.setBackground(QColor(theme.current_note))
            cursor.insertBlock(block)
            mark = QTextCharFormat(number)
            mark.setAnchorHref(f"ref:{note.n}")
            cursor.insertText(f"{note.n}", mark)
            cursor.insertText("  ", body)
            positions = ViewPositions(note.text)
            positions.add_segment(0, cursor.position())
            self._positions[note.n] = positions
            cursor.insertText(note.text.replace("\n", _LINE_SEPARATOR), body)
        self._paint_spans(document)
        # setDocument deletes only a document the browser made itself: the ones made here would
        # stay, one for each document opened, for as long as the window.
        shown, self._typeset = self._typeset, document
        self.setDocument(document)
        if shown is not None:
            shown.deleteLater()

    def _paint_spans(self, document: QTextDocument) -> None:
        for span in self.spans:
            if span.orphaned:
                continue
            positions = self._positions.get(span.note_n) if span.note_n is not None else None
            if positions is None:
                continue
            color = span_color(span, self.tags)
            first = next((t for t in self.tags if t.id in span.tag_ids), None)
            underline = QTextCharFormat.UnderlineStyle.SingleUnderline
            if self.patterns and first is not None:
                underline = pattern_of(self.tags, first.id).underline
            style = QTextCharFormat()
            style.setBackground(QColor(self.theme.highlighted([color], background=self.theme.chrome)))
            style.setUnderlineStyle(underline)
            style.setUnderlineColor(QColor(self.theme.mark(color)))
            style.setToolTip(tooltip(describe_spans([span], self.tags)[1]))
            cursor = QTextCursor(document)
            cursor.setPosition(positions.to_view(span.start))
            cursor.setPosition(positions.to_view(span.end, end=True), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(style)

    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith("ref:"):
            self.referenceRequested.emit(int(href.removeprefix("ref:")))
