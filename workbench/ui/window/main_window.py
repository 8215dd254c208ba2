"""The main window: documents and tags on the left, the text in the middle, notes and highlights right.

The window wires views to the core and nothing more: every change is an operation run through
``Operations``, and ``on_changes`` tells each view what changed. The reading view updates at
once (a new highlight shows in the same frame); the side panels refresh on the next turn of
the event loop, once however many changes came.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.exchange.formats import EXCHANGES, IMPORTABLE_SUFFIXES, Exchange, export_exchange
from workbench.model import Document, DocumentId
from workbench.model.annotation import Span, SpanId, TagTree
from workbench.model.text import example_sentence
from workbench.ops import OpChanges
from workbench.ops.author import set_author
from workbench.ops.documents import ImportReport
from workbench.ops.exchange import import_exchange
from workbench.ops.history import history
from workbench.ops.memos import create_memo, delete_memo, set_document_memo, update_memo
from workbench.ops.spans import delete_spans, resize_span, tag_ranges
from workbench.paths import APP_NAME
from workbench.storage import Project, list_documents, load_document
from workbench.storage.annotations import (
    load_memos,
    load_note_spans,
    load_orphans,
    load_spans,
    load_spans_by_id,
    load_tags,
    search_notes,
    span_counts,
    tag_counts,
)
from workbench.storage.documents import load_page_outlines
from workbench.storage.glossary import find_target, load_glossary, mentions
from workbench.storage.search import Hit, search
from workbench.ui import preferences
from workbench.ui.dialogs.export import ExportDialog
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.dialogs.note_editor import NoteEditor
from workbench.ui.dialogs.settings import SettingsDialog
from workbench.ui.dialogs.tag_palette import TagPalette
from workbench.ui.look import theme as themes
from workbench.ui.look.theme import Theme
from workbench.ui.operations import Operations
from workbench.ui.panels.documents import DocumentsPanel
from workbench.ui.panels.highlights import HighlightsPanel
from workbench.ui.panels.memos import MemosPanel
from workbench.ui.panels.notes import NotesPane
from workbench.ui.panels.people import PeoplePanel
from workbench.ui.panels.search import SearchPanel
from workbench.ui.panels.tags import TagsPanel
from workbench.ui.preferences import Preferences
from workbench.ui.reading.view import ReadingView
from workbench.ui.running import running_application
from workbench.ui.window import name_bar
from workbench.ui.window.annotating import Annotator
from workbench.ui.window.checkpoint import Checkpoints
from workbench.ui.window.document_actions import DocumentActions
from workbench.ui.window.facsimile_link import FacsimileLink
from workbench.ui.window.help import Help
from workbench.ui.window.import_job import run_import
from workbench.ui.window.menus import build_menus
from workbench.ui.window.project_files import ProjectFiles
from workbench.ui.window.room import TextRoom
from workbench.ui.window.tag_actions import TagActions
from workbench.ui.window.welcome import WelcomePanel, was_dismissed


class MainWindow(QMainWindow):
    def __init__(self, project: Project, theme: Theme) -> None:
        super().__init__()
        self.project = project
        self.theme = theme
        self.document: Document | None = None
        self.tags = TagTree([])
        self.operations = Operations(self, lambda: self.project)
        self.operations.changed.connect(self.on_changes)
        self.operations.historyChanged.connect(self._update_undo_actions)
        self.operations.busyChanged.connect(lambda busy: self._watch_timer.setProperty("paused", busy))
        self.checkpoints = Checkpoints(lambda: self.project, self)  # the .wbproj alone holds everything
        self.operations.changed.connect(self.checkpoints.after_edit)
        self.operations.busyChanged.connect(self.checkpoints.pause)  # not while a worker uses the connection
        self.tag_actions = TagActions(self)
        self.document_actions = DocumentActions(self)
        self.preferences = preferences.load()

        self.documents = DocumentsPanel(theme, self)
        self.tag_panel = TagsPanel(self, self)
        self.reading: ReadingView = ReadingView(theme, self)  # annotated: the modules it feeds import this one
        self.notes: NotesPane = NotesPane(theme, self)
        self.highlights = HighlightsPanel(theme, self)
        self.memos = MemosPanel(self)
        self.search = SearchPanel(self)
        self.people = PeoplePanel(self)
        self.annotator = Annotator(self)
        self.files = ProjectFiles(self)
        self.help = Help(self)
        self.welcome = WelcomePanel(self)
        self.welcome.setVisible(not was_dismissed())

        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.setObjectName("leftSplitter")
        self.left.addWidget(self.documents)
        self.left.addWidget(self.tag_panel)
        self.left.setSizes([480, 320])
        self.side = QTabWidget(self)
        self.side.setObjectName("sideTabs")
        self.side.setDocumentMode(True)
        self.side.addTab(self.notes, "Footnotes")
        self.side.addTab(self.highlights, "Highlights")
        self.side.addTab(self.memos, "Notes")
        self.side.addTab(self.search, "Search")
        self.side.addTab(self.people, "People")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        middle = QWidget(self)  # the welcome (on a first run) above the text
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.welcome)
        column.addWidget(self.reading, 1)
        self.name_bar = name_bar.install(self, middle)  # after the first highlight: who are you?
        self.page_images = FacsimileLink(self)
        for widget, stretch in ((self.left, 0), (middle, 1), (self.page_images.pane, 1), (self.side, 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        self.setCentralWidget(self.splitter)
        self.room = TextRoom(self)  # narrow windows: the panels give way before the text

        self.status_document = QLabel(self)
        self.status_page = QLabel(self)
        self.status_page.setAccessibleName("Printed page")
        self.statusBar().addWidget(self.status_document, 1)
        self.statusBar().addPermanentWidget(self.status_page)

        self._panels_timer = QTimer(self)
        self._panels_timer.setSingleShot(True)
        self._panels_timer.setInterval(0)
        self._panels_timer.timeout.connect(self._refresh_panels)
        self._watch_timer: QTimer = QTimer(self)  # another window or the command line may write to the project
        self._watch_timer.setInterval(2000)
        self._watch_timer.timeout.connect(self._check_outside_changes)

        self._connect()
        self.menus = build_menus(self)
        self.undo_action, self.redo_action = self.menus.undo, self.menus.redo
        self._update_undo_actions()
        self._set_tab_order()
        self._restore_settings()
        self.reload_tags()
        self.reload_documents()
        self._refresh_memos()
        self._refresh_people()
        self._panels_timer.stop()
        self._refresh_panels()  # complete when first shown
        self._update_title()
        self._data_version = self.data_version()
        self.files.opened()
        if self.preferences.underline_patterns:  # off is how the views start: nothing to redo
            self.set_patterns(True)
        self.files.set_backup_minutes(self.preferences.backup_minutes)
        self._watch_timer.start()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._follow_desktop_scheme)

    def _connect(self) -> None:
        self.documents.documentActivated.connect(self.open_document)
        self.documents.detailsRequested.connect(lambda doc_id: self.document_actions.edit_details(DocumentId(doc_id)))
        self.documents.deleteRequested.connect(lambda doc_id: self.document_actions.delete(DocumentId(doc_id)))
        self.reading.detailsRequested.connect(lambda: self.document_actions.edit_details())
        self.reading.noteActivated.connect(self._show_note)
        self.reading.pageChanged.connect(lambda page: self.status_page.setText(f"p. {page}"))
        self.reading.currentSpanChanged.connect(self.highlights.select_span)
        self.notes.referenceRequested.connect(self._show_reference)
        self.tag_panel.model.renameRequested.connect(self.tag_actions.rename)
        self.tag_panel.model.moveRequested.connect(self.tag_actions.move)
        self.tag_panel.tagActivated.connect(self.annotator.apply_tag)
        self.tag_panel.tagSelected.connect(self.highlights.filter_tag)
        self.highlights.scope.currentIndexChanged.connect(self._refresh_panels)
        self.highlights.spanActivated.connect(self.show_span)
        self.highlights.deleteRequested.connect(self._delete_spans)
        self.highlights.noteRequested.connect(self._edit_span_note)
        self.memos.documentNoteEdited.connect(self._save_document_note)
        self.memos.memoOpened.connect(self._open_memo)
        self.memos.memoDeleted.connect(self._delete_memo)
        self.memos.searched.connect(self._search_notes)
        self.memos.spanFound.connect(self.show_span)
        self.search.searched.connect(self._run_search)
        self.search.hitActivated.connect(self.show_hit)
        self.search.tagAllRequested.connect(self._tag_search_results)
        self.reading.linkActivated.connect(self.follow_link)
        self.people.kind.currentIndexChanged.connect(self._refresh_people)
        self.people.entryChosen.connect(self._show_mentions)
        self.people.mentionActivated.connect(self.show_range)
        self.welcome.footnoteRequested.connect(self._welcome_footnote)
        self.welcome.tagRequested.connect(self._welcome_tag)
        self.welcome.exportRequested.connect(self.export_quotations)
        self.welcome.guideRequested.connect(lambda: self.help.open_guide())

    def _set_tab_order(self) -> None:
        """Tab walks the window as it reads: documents, tags, the text, then the side panel."""
        chain = [self.documents.filter, self.documents.sort, self.documents.view, self.tag_panel.view,
                 self.reading, self.side]  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- the welcome's three buttons ----------------------------------------------------------

    def show_welcome(self) -> None:
        self.welcome.reopen()

    def _welcome_footnote(self) -> None:
        """Show the first footnote, beside its mark in the text."""
        if self.document is None or not self.document.notes:
            self.statusBar().showMessage("This document has no footnotes; open another to try it.", 6000)
            return
        n = self.document.notes[0].n
        self._show_reference(n)
        self._show_note(n)

    def _welcome_tag(self) -> None:
        """Select a first sentence and offer the tags, as a selection made by hand would."""
        if self.document is None or not self.document.text:
            return
        start, end = example_sentence(self.document.text)
        self.reading.select_range(start, end)
        self.reading.setFocus()
        self.reading.selectionSettled.emit()
        self.statusBar().showMessage("Press 1–9 for a tag, Ctrl+T to choose or create one, Ctrl+M for a note.", 10000)

    # -- documents --------------------------------------------------------------------------

    def reload_documents(self) -> None:
        rows = list_documents(self.project.db)
        self.documents.set_documents(rows)
        if self.document is None and rows:
            self.documents.select(rows[0].id)
        elif not rows or (self.document and self.document.id not in {r.id for r in rows}):
            self.open_document(None)

    def open_document(self, doc_id: DocumentId | None) -> None:
        self.document = load_document(self.project.db, doc_id) if doc_id else None
        self.reading.show_document(self.document)
        self.reading.set_annotations(load_spans(self.project.db, doc_id) if doc_id else [], self.tags)
        volume = self._volume_of(self.document)
        self.reading.glossary = {e.key: e for e in load_glossary(self.project.db) if e.volume == volume}
        note_spans = load_note_spans(self.project.db, doc_id) if doc_id else []
        self.notes.show_notes(self.document, note_spans, self.tags)
        memo = load_memos(self.project.db, doc_id=doc_id) if doc_id else []
        self.memos.show_document(self.document, memo[0].text if memo else "")
        self._panels_timer.start()  # the text shows first; counts and the highlights list right after
        doc = self.document
        if doc is None:
            self.status_document.setText("No document")
            self.status_page.clear()
        else:
            heading = f"{doc.number}. {doc.title}" if doc.number else doc.title
            pages = f"  ·  pp. {doc.pages.page_range}" if doc.pages.page_range else ""
            self.status_document.setText(f"{heading}{pages}")
            if doc.pages.first_page:
                self.status_page.setText(f"p. {doc.pages.first_page}")
            else:  # not the previous document's page
                self.status_page.clear()
        self.page_images.document_changed()
        self._update_title()

    def show_range(self, doc_id: str, start: int, end: int) -> None:
        if self.document is None or self.document.id != doc_id:
            self.documents.select(DocumentId(doc_id))
        self.reading.select_range(start, end)

    @staticmethod
    def _volume_of(document: Document | None) -> str:
        custom = document.metadata.extra.get("custom", {}) if document else {}
        return custom.get("volume-id", "") if isinstance(custom, dict) else ""

    def follow_link(self, kind: str, value: str) -> None:
        """A name or term: its mentions in the People panel. A cross-reference: its document, if here."""
        if kind in ("person", "term"):
            self.show_side(self.people)
            self.people.choose(kind, value)
            return
        volume, _, target = value.rpartition("#")
        volume = volume or self._volume_of(self.document)
        xml_id, _, note = target.partition("fn")
        doc_id = find_target(self.project.db, volume, xml_id)
        if doc_id is None:
            number = xml_id.lstrip("d")
            self.statusBar().showMessage(
                f"Document {number} of {volume or 'that volume'} is not in this project.", 5000
            )
            return
        self.documents.select(DocumentId(doc_id))
        if note.isdigit():
            self._show_note(int(note))

    def _refresh_people(self) -> None:
        self.people.set_entries(load_glossary(self.project.db, self.people.kind.currentData()))

    def _show_mentions(self, kind: str, key: str) -> None:
        entry = next((e for e in load_glossary(self.project.db, kind) if e.key == key), None)
        self.people.show_mentions(entry.name if entry else key, mentions(self.project.db, kind, key))

    def show_span(self, doc_id: str, span_id: int) -> None:
        """Bring a highlight into view (opening its document) and make it flash."""
        if self.document is None or self.document.id != doc_id:
            self.documents.select(DocumentId(doc_id))
        self.reading.set_current_span(SpanId(span_id), flash=True, scroll=True)
        if self.reading.current_span is None and any(r.span.id == span_id and r.span.orphaned
                                                     for r in self.highlights.model.rows):  # fmt: skip
            self.statusBar().showMessage("Its words are not in the corrected text: select where they stand now, "
                                         "then Tag › Place Highlight Here.", 8000)  # fmt: skip

    def place_orphan(self) -> None:
        """Put the highlight chosen in the list (one a corrected text lost) on the selected words."""
        index = self.highlights.view.currentIndex()
        row = self.highlights.model.rows[index.row()] if index.isValid() else None
        target = self.reading.selected_range()
        if row is None or not row.span.orphaned:
            self.statusBar().showMessage("First choose, in the Highlights list, one not in the corrected text.", 6000)
        elif target is None:
            self.statusBar().showMessage("Select the words where it belongs now.", 6000)
        else:
            self.operations.run("Place", lambda: resize_span(self.project, row.span.id, *target))

    # -- changes ----------------------------------------------------------------------------

    def on_changes(self, changes: OpChanges, _initiator: object) -> None:
        if changes.tags:
            self.reload_tags()
        if changes.document_list:
            self.reload_documents()
        changed_spans = load_spans_by_id(self.project.db, changes.spans) if changes.span_documents else []
        if self.document is not None and self.document.id in changes.documents:
            self.open_document(self.document.id)
        elif self.document is not None and self.document.id in changes.span_documents:
            current = [s for s in changed_spans if s.doc_id == self.document.id]
            self.reading.update_spans(changes.spans, current)
            if any(s.note_n is not None for s in current) or any(s.note_n is not None for s in self.notes.spans):
                self.notes.set_spans(load_note_spans(self.project.db, self.document.id), self.tags)
        if self.document is not None and (self.document.id in changes.span_documents or changes.tags):
            self.page_images.spans_changed()
        if self._panels_timer.isActive() or changes.tags or changes.document_list or not _few(changes):
            self._panels_timer.start()  # everything anew, once, on the next turn
        elif changes.span_documents:  # only the changed cards and counts: a key press must not rebuild the list
            known = self.highlights.whole_project or changes.span_documents <= {getattr(self.document, "id", None)}
            before = self.highlights.spans(changes.spans) if known else None
            self._update_highlights(changes, changed_spans)
            self._refresh_counts((before, changed_spans) if before is not None else None)
        if changes.span_documents and not changes.document_list:  # the highlight counts in the list
            self.documents.set_span_counts(span_counts(self.project.db, changes.span_documents))
        if changes.memos:
            self._refresh_memos()
        if changes.document_list:
            self._refresh_people()

    def reload_tags(self) -> None:
        self.tags = TagTree(load_tags(self.project.db))
        self.reading.set_tags(self.tags)
        self.notes.set_spans(self.notes.spans, self.tags)
        self._rebuild_tag_menu()
        self._panels_timer.start()

    def _update_highlights(self, changes: OpChanges, changed: list[Span]) -> None:
        """The highlights list after a few spans changed: their cards only (the rest stay as made)."""
        if self.highlights.whole_project:
            outlines = load_page_outlines(self.project.db, {span.doc_id for span in changed})
            pairs = [(outlines[span.doc_id], span) for span in changed if span.doc_id in outlines]
        elif self.document is not None:
            pairs = [(self.document, span) for span in changed if span.doc_id == self.document.id]
        else:
            pairs = []
        self.highlights.update_spans(changes.spans, pairs)
        self.highlights.select_span(self.reading.current_span)

    def _refresh_counts(self, change: tuple[list[Span], list[Span]] | None = None) -> None:
        """The tag tree's counts, this document's and the project's: counted again, or, given
        the changed spans as they were and as they are, corrected by what they took and gave."""
        db = self.project.db
        doc_id = self.document.id if self.document else None
        if change is None:
            self._counts = (tag_counts(db, doc_id) if doc_id else Counter(), tag_counts(db))
        else:
            for sign, spans in ((-1, change[0]), (1, change[1])):
                for span in spans:
                    for counts in self._counts if span.doc_id == doc_id else self._counts[1:]:
                        counts.update({tag: sign for tag in span.tag_ids})
        document_totals = self.tags.totals(self._counts[0]) if doc_id else {}
        project_totals = self.tags.totals(self._counts[1])
        if self.tag_panel.model.tree is self.tags:
            self.tag_panel.model.set_counts(document_totals, project_totals)
        else:
            self.tag_panel.set_tree(self.tags, document_totals, project_totals)

    def _refresh_panels(self) -> None:
        """The tag counts and the whole highlights list (after changes, once per turn of the event loop)."""
        self._panels_timer.stop()
        self._refresh_counts()
        db = self.project.db
        doc_id = self.document.id if self.document else None
        if self.highlights.whole_project:
            by_document: dict[DocumentId, list[Span]] = {}
            for span in load_spans(db):
                by_document.setdefault(span.doc_id, []).append(span)
            outlines = load_page_outlines(db, by_document)
            pairs = [(outlines[d], spans) for d, spans in by_document.items() if d in outlines]
        else:  # the views hold the document's spans already: the text's, the footnotes'; not the lost ones
            in_text = list(self.reading.span_index.by_id.values())
            in_notes = [s for s in self.notes.spans if not s.orphaned]
            shown = in_text + in_notes + (load_orphans(db, doc_id) if doc_id else [])
            spans = sorted(shown, key=lambda s: (s.note_n is not None, s.note_n or 0, s.start, -s.end, s.id))
            pairs = [(self.document, spans)] if self.document else []
        self.highlights.set_highlights(pairs, self.tags)
        self.highlights.select_span(self.reading.current_span)

    def _refresh_memos(self) -> None:
        self.memos.set_memos(load_memos(self.project.db, free=True))
        if self.memos.search.text():
            self._search_notes(self.memos.search.text())

    # -- notes ------------------------------------------------------------------------------

    def _show_note(self, n: int) -> None:
        self.side.setCurrentWidget(self.notes)
        self.notes.focus_note(n)

    def _show_reference(self, n: int) -> None:
        note = next((note for note in self.document.notes if note.n == n), None) if self.document else None
        if note is not None:
            self.reading.select_range(max(note.anchor - 1, 0), note.anchor)
            self.reading.setFocus()

    def _save_document_note(self, doc_id: str, text: str) -> None:
        self.operations.run("Document note", lambda: set_document_memo(self.project, doc_id, text))

    def _open_memo(self, memo_id: int) -> None:
        memo = next((m for m in load_memos(self.project.db, free=True) if m.id == memo_id), None)
        editor = NoteEditor("Note", memo.text if memo else "", parent=self)
        if not run_dialog(editor):
            return
        text = editor.text
        if memo is None and text.strip():
            self.operations.run("New note", lambda: create_memo(self.project, "", text))
        elif memo is not None and text != memo.text:
            self.operations.run("Edit note", lambda: update_memo(self.project, memo.id, text=text))

    def _delete_memo(self, memo_id: int) -> None:
        self.operations.run("Delete note", lambda: delete_memo(self.project, memo_id))

    def _search_notes(self, text: str) -> None:
        if not text.strip():
            self.memos.set_results([], [])
            return
        spans, memos = search_notes(self.project.db, text.strip())
        numbers = {row.id: row.number for row in list_documents(self.project.db)}
        self.memos.set_results([(s, f"No. {numbers.get(s.doc_id, '?')}") for s in spans], memos)

    def _run_search(self, query: str) -> None:
        limit = 300
        hits = search(self.project.db, query, limit=limit + 1)
        where = {
            row.id: f"No. {row.number}" if row.number else row.title[:40] for row in list_documents(self.project.db)
        }
        self.search.show_hits(hits[:limit], where, more=len(hits) > limit)

    def show_hit(self, hit: Hit) -> None:
        """Go to a search hit: the words in the text or a footnote, a highlight, or a tag."""
        if hit.kind == "tag" and hit.tag_id is not None:
            self.tag_panel.view.setCurrentIndex(self.tag_panel.model.index_of(hit.tag_id))
            return
        if hit.kind == "memo" and not hit.doc_id and hit.memo_id is not None:
            self._open_memo(hit.memo_id)
            return
        if self.document is None or self.document.id != hit.doc_id:
            self.documents.select(DocumentId(hit.doc_id))
        if hit.kind == "text":
            self.reading.select_range(hit.start, hit.end)
            # In the middle of the view, not on the last line; after Qt's own scrolling to the cursor.
            QTimer.singleShot(0, self.reading.center_cursor)
        elif hit.kind == "note" and hit.note_n is not None:
            self._show_note(hit.note_n)
        elif hit.kind == "span" and hit.span_id is not None:
            self.show_span(hit.doc_id, hit.span_id)
        elif hit.kind == "memo":
            self.show_side(self.memos)

    def _tag_search_results(self) -> None:
        hits = self.search.text_hits()
        palette = TagPalette(self.tags, self)
        palette.move(self.search.tag_all.mapToGlobal(self.search.tag_all.rect().bottomLeft()))
        if not run_dialog(palette) or (palette.chosen is None and not palette.new_path):
            return
        ranges = [(hit.doc_id, hit.start, hit.end) for hit in hits]
        chosen, path = palette.chosen, palette.new_path or ""
        self.operations.run(
            "Tag search results", lambda: tag_ranges(self.project, ranges, tag_id=chosen, tag_path=path)
        )

    def _delete_spans(self, span_ids: list[int]) -> None:
        self.operations.run("Delete", lambda: delete_spans(self.project, [SpanId(i) for i in span_ids]))

    def _edit_span_note(self, doc_id: str, span_id: int) -> None:
        self.show_span(doc_id, span_id)
        self.annotator.edit_note()

    # -- actions ----------------------------------------------------------------------------

    def import_files(self, paths: list[str] | None = None) -> ImportReport | None:
        if paths is None:
            kinds = ("Documents and work from other tools (*.xml *.txt *.pdf *.docx *.odt *.qdpx *.qdc *.jsonld);;"
                     "FRUS TEI and text files (*.xml *.txt);;PDF, Word and OpenDocument (*.pdf *.docx *.odt);;"
                     "All files (*)")  # fmt: skip
            paths, _ = QFileDialog.getOpenFileNames(self, "Import documents", str(Path.home()), kinds)
        if not paths:
            return None
        exchange = [p for p in paths if Path(p).suffix.lower() in IMPORTABLE_SUFFIXES]
        paths = [p for p in paths if p not in exchange]
        report = run_import(self, list(paths)) if paths else None
        for path in exchange:  # after the documents: annotations may be on documents of this same import
            self._import_exchange(Path(path))
        if report is None:
            return None
        problems = [str(failure) for failure in report.failed] + [w for item in report.imported for w in item.warnings]
        if problems:
            summary = f"Imported {report.document_count} document(s).\n\n"
            QMessageBox.warning(self, "Import", summary + "\n".join(problems))
        last = next((item.documents[-1] for item in reversed(report.imported) if item.documents), None)
        if last is not None:
            self.documents.select(last.id)
        return report

    def _import_exchange(self, path: Path) -> None:
        done = self.operations.run("Import", lambda: import_exchange(self.project, path), background=True)
        if done is None:
            return
        if done.value.warnings:
            QMessageBox.warning(
                self, "Import", f"{path.name}: {done.value.summary}.\n\n" + "\n".join(done.value.warnings)
            )
        else:
            self.statusBar().showMessage(f"Imported {path.name}: {done.value.summary}.", 8000)

    def export_for_other_tools(self, kind: Exchange, path: str | None = None) -> None:
        """The project as REFI-QDA, its codebook, or its highlights as W3C annotations, to a file."""
        info = EXCHANGES[kind]
        if path is None:
            suggested = str(self.project.path.with_suffix(info.suffix))
            path, _ = QFileDialog.getSaveFileName(self, info.label, suggested, f"{info.label} (*{info.suffix})")
        if not path:
            return
        try:
            exported = export_exchange(self.project.db, kind, self.project.path.stem)
            Path(path).write_bytes(exported.data)
        except OSError as error:
            QMessageBox.warning(self, "Export", f"{Path(path).name} could not be written: {error}.")
            return
        if exported.warnings:
            QMessageBox.information(self, "Export", "\n".join(exported.warnings))
        self.statusBar().showMessage(f"Exported {Path(path).name}.", 8000)

    def export_quotations(self) -> None:
        picked = [self.highlights.model.rows[i.row()].span.id
                  for i in self.highlights.view.selectionModel().selectedIndexes()]  # fmt: skip
        run_dialog(ExportDialog(self, picked))

    # -- living alongside other processes, and backups -------------------------------------

    def data_version(self) -> int:
        return self.project.db.execute("PRAGMA data_version").fetchone()[0]

    def _check_outside_changes(self) -> None:
        """Another process committed to the project: every view reloads from the file."""
        if self._watch_timer.property("paused"):  # an operation is writing on a worker thread
            return
        try:
            version = self.data_version()
        except sqlite3.ProgrammingError:  # the project was closed under the window
            self._watch_timer.stop()
            self.files.stop()
            return
        if version == self._data_version:
            return
        self._data_version = version
        self.reload_tags()
        self.reload_documents()
        if self.document is not None:
            self.open_document(self.document.id)
        self._refresh_memos()
        self._refresh_people()
        self.statusBar().showMessage("The project was changed by another window or program; shown as it is now.", 5000)

    def use_project(self, project: Project) -> None:
        """Show ``project`` (a new one, or the same file reopened) in every view."""
        self.project = project
        self.document = None
        self.reload_tags()
        self.reload_documents()
        self._refresh_memos()
        self._refresh_people()
        self._update_undo_actions()
        self._update_title()
        self._data_version = self.data_version()

    def _rebuild_tag_menu(self) -> None:
        first = not any(True for _ in self.tags)  # no tag yet: key 1 makes the first
        for key, act in enumerate(self.menus.tag_keys, start=1):
            tag = self.tags.by_key(key)
            act.setText(f"&{key} {self.tags.path(tag.id)}" if tag else f"&{key} (no tag on this key)")
            act.setEnabled(tag is not None or (first and key == 1))
            if first and key == 1:
                act.setText("&1 New Tag…")

    def _update_undo_actions(self) -> None:
        steps = history(self.project)
        for act, verb, label in (
            (self.undo_action, "Undo", steps.undo_label),
            (self.redo_action, "Redo", steps.redo_label),
        ):
            act.setText(f"&{verb} {label}" if label else f"&{verb}")
            act.setEnabled(label is not None)

    def show_side(self, widget) -> None:
        self.side.setVisible(True)
        self.side.setCurrentWidget(widget)
        widget.setFocus()

    def focus_document_filter(self) -> None:
        self.left.setVisible(True)
        self.documents.filter.setFocus()
        self.documents.filter.selectAll()

    def focus_search(self) -> None:
        self.show_side(self.search)
        self.search.field.setFocus()
        self.search.field.selectAll()

    def _update_title(self) -> None:
        """ "124. Message From the President’s… — Workbench", with the project's name if it has one."""
        parts = []
        if self.document is not None:
            title = self.document.title if len(self.document.title) <= 60 else self.document.title[:58] + "…"
            parts.append(f"{self.document.number}. {title}" if self.document.number else title)
        if self.project.path.stem != APP_NAME:
            parts.append(self.project.path.stem)
        self.setWindowTitle(" — ".join([*parts, APP_NAME]))

    # -- settings ---------------------------------------------------------------------------

    def settings_dialog(self) -> SettingsDialog:
        """Edit › Settings, wired to restyle this window when applied."""
        dialog = SettingsDialog(self, document=self.document)
        dialog.applied.connect(self.apply_preferences)
        return dialog

    def open_settings(self) -> None:
        run_dialog(self.settings_dialog())

    def apply_preferences(self, preferences: Preferences) -> None:
        """Settings were changed: the author, theme, reading font, patterns and backups follow at once."""
        self.preferences = preferences
        set_author(preferences.author)
        theme = preferences.theme()
        if theme != themes.current():
            themes.apply(running_application(), theme)
        if theme != self.theme:
            self.set_theme(theme)
        if preferences.underline_patterns != self.reading.patterns:
            self.set_patterns(preferences.underline_patterns)
        self.files.set_backup_minutes(preferences.backup_minutes)

    def set_patterns(self, on: bool) -> None:
        """Each tag's underline in a pattern of its own (text, footnotes, tag tree): a repaint, no typesetting."""
        self.reading.set_patterns(on)
        self.notes.set_theme(self.theme, patterns=on)
        self.tag_panel.model.set_patterns(on)

    def set_theme(self, theme: Theme) -> None:
        """Every view in ``theme`` (the application's palette is ``themes.apply``'s)."""
        self.theme = theme
        self.reading.set_theme(theme)
        self.notes.set_theme(theme, patterns=self.reading.patterns)
        self.documents.set_theme(theme)
        self.highlights.set_theme(theme)
        self.search.restyle()
        self.people.restyle()
        self.welcome.restyle()

    def _follow_desktop_scheme(self) -> None:
        if self.preferences.appearance == themes.Appearance.SYSTEM:
            self.apply_preferences(self.preferences)

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:  # a first run: a comfortable size, but never larger than the screen (at 200 % it may be small)
            room = self.screen().availableGeometry()
            self.resize(min(1400, int(room.width() * 0.92)), min(880, int(room.height() * 0.9)))
        width = self.width()  # the text gets what the panels leave, and at least half on a small screen
        self.splitter.setSizes([min(300, width // 5), max(width // 2, width - 640), min(340, width // 4)])
        for key, splitter in (("window/splitter", self.splitter), ("window/left", self.left)):
            state = settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        self.side.setCurrentIndex(int(str(settings.value("window/side", 0))))

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/left", self.left.saveState())
        settings.setValue("window/side", self.side.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:
        self._watch_timer.stop()
        self.files.stop()
        self.memos.save_document_note()
        self.checkpoints.now()
        self.save_settings()
        super().closeEvent(event)


_FEW_SPANS = 500  # more changed at once (a merge, a tag on every search hit): the list is made anew


def _few(changes: OpChanges) -> bool:
    """Whether ``changes`` name the spans they touched, and few enough to update card by card."""
    return not changes.span_documents or 0 < len(changes.spans) <= _FEW_SPANS
