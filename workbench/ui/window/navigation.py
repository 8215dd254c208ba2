"""Going places in the window: a highlight, a search hit, a footnote, a cross-reference, a name.

Each lands the same way whatever asked (the highlights list, the search panel, a link in the
text, the welcome's buttons): the document opens if it is not open, and the words are shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from workbench.model import Document, DocumentId
from workbench.model.annotation import SpanId
from workbench.model.text import example_sentence
from workbench.ops.spans import resize_span
from workbench.storage.search import Hit

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow


def volume_of(document: Document | None) -> str:
    custom = document.metadata.extra.get("custom", {}) if document else {}
    return custom.get("volume-id", "") if isinstance(custom, dict) else ""


class Navigation:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _say(self, message: str, ms: int) -> None:
        self.window.statusBar().showMessage(message, ms)

    def _open(self, doc_id: str) -> None:
        """``doc_id``'s document in the window, unless it is the open one."""
        if self.window.document is None or self.window.document.id != doc_id:
            self.window.documents.select(DocumentId(doc_id))

    def show_range(self, doc_id: str, start: int, end: int) -> None:
        self._open(doc_id)
        self.window.reading.select_range(start, end)

    def show_note(self, n: int) -> None:
        self.window.side.setCurrentWidget(self.window.notes)
        self.window.notes.focus_note(n)

    def show_reference(self, n: int) -> None:
        """The footnote mark ``n`` in the text, selected."""
        document = self.window.document
        note = next((note for note in document.notes if note.n == n), None) if document else None
        if note is not None:
            self.window.reading.select_range(max(note.anchor - 1, 0), note.anchor)
            self.window.reading.setFocus()

    def follow_link(self, kind: str, value: str) -> None:
        """A name or term: its mentions in the People panel. A cross-reference: its document, if here."""
        window = self.window
        if kind in ("person", "term"):
            window.show_side(window.people)
            window.people.choose(kind, volume_of(window.document), value)
            return
        volume, _, target = value.rpartition("#")
        volume = volume or volume_of(window.document)
        xml_id, _, note = target.partition("fn")
        doc_id = window.session.find_target(volume, xml_id)
        if doc_id is None:
            number = xml_id.lstrip("d")
            self._say(f"Document {number} of {volume or 'that volume'} is not in this project.", 5000)
            return
        window.documents.select(DocumentId(doc_id))
        if note.isdigit():
            self.show_note(int(note))

    def show_span(self, doc_id: str, span_id: int) -> None:
        """Bring a highlight into view (opening its document) and make it flash."""
        window = self.window
        self._open(doc_id)
        window.reading.set_current_span(SpanId(span_id), flash=True, scroll=True)
        if window.reading.current_span is None and any(r.place.id == span_id and r.place.orphaned
                                                       for r in window.highlights.model.rows):  # fmt: skip
            self._say("Its words are not in the corrected text: select where they stand now, "
                      "then Tag › Place Highlight Here.", 8000)  # fmt: skip

    def place_orphan(self) -> None:
        """Put the highlight chosen in the list (one a corrected text lost) on the selected words."""
        window = self.window
        index = window.highlights.view.currentIndex()
        row = window.highlights.model.rows[index.row()] if index.isValid() else None
        target = window.reading.selected_range()
        if row is None or not row.place.orphaned:
            self._say("First choose, in the Highlights list, one not in the corrected text.", 6000)
        elif target is None:
            self._say("Select the words where it belongs now.", 6000)
        else:
            window.session.run("Place", lambda: resize_span(window.session.project, row.place.id, *target))

    def show_hit(self, hit: Hit) -> None:
        """Go to a search hit: the words in the text or a footnote, a highlight, or a tag."""
        window = self.window
        if hit.kind == "tag" and hit.tag_id is not None:
            window.tag_panel.view.setCurrentIndex(window.tag_panel.model.index_of(hit.tag_id))
            return
        if hit.kind == "memo" and not hit.doc_id and hit.memo_id is not None:
            window.memos.open_memo(hit.memo_id)
            return
        self._open(hit.doc_id)
        if hit.kind == "text":
            window.reading.select_range(hit.start, hit.end)
            # In the middle of the view, not on the last line; after Qt's own scrolling to the cursor.
            QTimer.singleShot(0, window.reading.center_cursor)
        elif hit.kind == "note" and hit.note_n is not None:
            self.show_note(hit.note_n)
        elif hit.kind == "span" and hit.span_id is not None:
            self.show_span(hit.doc_id, hit.span_id)
        elif hit.kind == "memo":
            window.show_side(window.memos)

    def edit_span_note(self, doc_id: str, span_id: int) -> None:
        self.show_span(doc_id, span_id)
        self.window.annotator.edit_note()

    # -- the welcome's buttons ----------------------------------------------------------------

    def welcome_footnote(self) -> None:
        """Show the first footnote, beside its mark in the text."""
        document = self.window.document
        if document is None or not document.notes:
            self._say("This document has no footnotes; open another to try it.", 6000)
            return
        n = document.notes[0].n
        self.show_reference(n)
        self.show_note(n)

    def welcome_tag(self) -> None:
        """Select a first sentence and offer the tags, as a selection made by hand would."""
        document = self.window.document
        if document is None or not document.text:
            return
        start, end = example_sentence(document.text)
        reading = self.window.reading
        reading.select_range(start, end)
        reading.setFocus()
        reading.selectionSettled.emit()
        self._say("Press 1–9 for a tag, Ctrl+T to choose or create one, Ctrl+M for a note.", 10000)
