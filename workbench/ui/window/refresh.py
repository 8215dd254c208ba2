"""The window's refresh policy: after an ``OpChanges``, which of the text, footnotes, tag tree, highlights
list and documents list redraw, and how much.

These views share the open document and each other's spans, so they are refreshed together here,
from what the session says changed and with what they ask the session. The reading view updates
at once (a new highlight shows in the same frame); the tag counts and the highlights list on the
next turn of the event loop, once however many changes came. (The notes and people panels,
and the documents list's highlight counts, which share nothing, subscribe to the session themselves.)
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid

from workbench.model import DocumentId
from workbench.model.annotation import SpanPlace, TagId, TagTree
from workbench.ops import OpChanges
from workbench.storage import Project
from workbench.storage import annotations as stored
from workbench.storage.listing import document_positions
from workbench.ui.panels.highlights import Arranged, arrange
from workbench.ui.panels.outlines import OutlinePages

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

_FEW_SPANS = 500  # more changed at once (a merge, a tag on every search hit): the list is made anew


def _few(changes: OpChanges) -> bool:
    """Whether ``changes`` name the spans they touched, and few enough to update card by card."""
    return not changes.span_documents or 0 < len(changes.spans) <= _FEW_SPANS


class ViewRefresh(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self._counts: tuple[Counter[TagId], Counter[TagId]] = (Counter(), Counter())
        #: The file's version and the tag tree the whole project's list holds (``None``: it does not).
        self._listed: tuple[tuple[int, int], TagTree] | None = None
        self._listing = self._again = False  # the whole project's list is being made; asked for meanwhile
        self.timer = QTimer(self)  # the panels, on the next turn
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.panels)
        self.session.changed.connect(self.on_changes)
        self.session.reloaded.connect(self.everything)

    def on_changes(self, changes: OpChanges, _initiator: object) -> None:
        window, session = self.window, self.session
        if changes.tags:
            self.tags_changed()
        if changes.document_list:
            window.reload_documents()
        changed_spans = [span.place for span in session.spans_by_id(changes.spans)] if changes.span_documents else []
        document = window.document
        if document is not None and document.id in changes.documents:
            window.open_document(document.id)
        elif document is not None and document.id in changes.span_documents:
            current = [s for s in changed_spans if s.doc_id == document.id]
            window.reading.update_spans(changes.spans, current)
            if any(s.note_n is not None for s in current) or any(s.note_n is not None for s in window.notes.spans):
                window.notes.set_spans(session.note_spans(document.id), session.tags)
        if window.document is not None and (window.document.id in changes.span_documents or changes.tags):
            window.page_images.spans_changed()
        if self.timer.isActive() or changes.tags or changes.document_list or not _few(changes):
            self.timer.start()  # everything anew, once, on the next turn
        elif changes.span_documents:  # only the changed cards and counts: a key press must not rebuild the list
            highlights = window.highlights
            known = highlights.whole_project or changes.span_documents <= {getattr(window.document, "id", None)}
            before = highlights.places(changes.spans) if known else None
            self._update_highlights(changes, changed_spans)
            self._refresh_counts((before, changed_spans) if before is not None else None)

    def everything(self) -> None:
        """The project was read anew (another process wrote to it, or another file is open)."""
        window = self.window
        was_open = window.document is not None  # (opening the first document of another file opens it)
        self.tags_changed()
        window.reload_documents()
        if was_open and window.document is not None:
            window.open_document(window.document.id)

    def tags_changed(self) -> None:
        """The session's tag tree is new: every view that shows tags takes it."""
        window, tags = self.window, self.session.tags
        window.reading.set_tags(tags)
        window.notes.set_spans(window.notes.spans, tags)
        window.rebuild_tag_menu()
        self.timer.start()

    def _update_highlights(self, changes: OpChanges, changed: list[SpanPlace]) -> None:
        """The highlights list after a few spans changed: their cards only (the rest stay as made)."""
        window = self.window
        order = None
        if window.highlights.whole_project:
            outlines = self.session.page_outlines({span.doc_id for span in changed})
            pairs = [(outlines[span.doc_id], span) for span in changed if span.doc_id in outlines]
            order = self.session.document_positions(outlines)
        elif window.document is not None:
            pairs = [(window.document, span) for span in changed if span.doc_id == window.document.id]
        else:
            pairs = []
        window.highlights.update_spans(changes.spans, pairs, order)
        window.highlights.select_span(window.reading.current_span)
        if self._listed is not None:  # the whole project's list holds the change: it is up to date
            self._listed = (self.session.file_version(), self.session.tags)

    def _refresh_counts(self, change: tuple[list[SpanPlace], list[SpanPlace]] | None = None) -> None:
        """The tag tree's counts, this document's and the project's: counted again, or, given
        the changed spans as they were and as they are, corrected by what they took and gave."""
        window, tags = self.window, self.session.tags
        doc_id = window.document.id if window.document else None
        if change is None:
            self._counts = (self.session.tag_counts(doc_id) if doc_id else Counter(), self.session.tag_counts())
        else:
            for sign, spans in ((-1, change[0]), (1, change[1])):
                for span in spans:
                    for counts in self._counts if span.doc_id == doc_id else self._counts[1:]:
                        counts.update({tag: sign for tag in span.tag_ids})
        document_totals = tags.totals(self._counts[0]) if doc_id else {}
        project_totals = tags.totals(self._counts[1])
        if window.tag_panel.model.tree is tags:
            window.tag_panel.model.set_counts(document_totals, project_totals)
        else:
            window.tag_panel.set_tree(tags, document_totals, project_totals)

    def panels(self) -> None:
        """The tag counts and the whole highlights list (after changes, once per turn of the event loop)."""
        self.timer.stop()
        if self._listing:  # the whole project's list is being made: once it is shown, again
            self._again = True
            return
        self._refresh_counts()
        window, session = self.window, self.session
        doc_id = window.document.id if window.document else None
        if window.highlights.whole_project:
            self._whole_project()
            if not isValid(window.highlights):
                return  # the window was closed while the list was being made
        else:  # the views hold the document's spans already: the text's, the footnotes'; not the lost ones
            self._listed = None
            in_text = list(window.reading.span_index.by_id.values())
            in_notes = [s.place for s in window.notes.spans if not s.orphaned]
            shown = in_text + in_notes + (session.orphans(doc_id) if doc_id else [])
            pairs = [(window.document, shown)] if window.document else []  # the list puts them in order
            window.highlights.set_highlights(pairs, session.tags)
        window.highlights.select_span(window.reading.current_span)

    def _whole_project(self) -> None:
        """The whole project's highlights listed, unless the list holds them already (another
        document opened). Their cards are made on a worker thread with a connection of its own:
        200,000 take two seconds, in which the window repaints (and after a moment says why it
        waits). A change made meanwhile has the list made again."""
        window, session = self.window, self.session
        listed = (session.file_version(), session.tags)
        if self._listed is not None and self._listed[0] == listed[0] and self._listed[1] is listed[1]:
            return  # (200,000 cards were made anew at every opening, two seconds each)
        outlines = OutlinePages(session)  # not 86,000 documents' pages for 200,000 cards: a few, as drawn
        tree, details = session.tags, window.highlights.details

        def listing(project: Project) -> Arranged:
            by_document: dict[DocumentId, list[SpanPlace]] = {}
            for span in stored.load_places(project.db):
                by_document.setdefault(span.doc_id, []).append(span)
            order = document_positions(project.db, by_document)  # the project's order, not the ids'
            return arrange([(outlines.stub(d), spans) for d, spans in by_document.items()], tree, details,
                           outlines, order)  # fmt: skip

        self._listing, self._again, project = True, False, session.project
        try:
            arranged = session.operations.query("Highlights", listing, label="Listing the whole project's highlights…")
        finally:
            self._listing = False
        if not isValid(window.highlights):
            return
        if session.project is not project:  # another project was opened meanwhile: its own list
            self._listed = None
            self.timer.start()
            return
        window.highlights.show_arranged(arranged, tree)
        self._listed = listed
        if self._again or session.file_version() != listed[0] or not window.highlights.whole_project:
            self._listed = None  # changed meanwhile: made again, on the next turn
            self.timer.start()
