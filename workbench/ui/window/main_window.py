"""The main window: documents and tags on the left, the text in the middle, notes and highlights right.

The window lays the rooms out and wires their signals, and nothing more. The open project is
the ``ProjectSession``'s (``self.session``): every change is an operation run through it, and
its ``changed`` signal tells each view what changed (the text, tags and highlights through
``ViewRefresh``; the notes and people panels on their own). Going places is ``Navigation``'s,
importing and exporting ``Transfers``', the menus ``build_menus``'.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from workbench.model import Document, DocumentId
from workbench.model.annotation import TagTree
from workbench.ops.author import set_author
from workbench.paths import APP_NAME
from workbench.storage import Project
from workbench.ui import preferences
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.dialogs.settings import SettingsDialog
from workbench.ui.look import theme as themes
from workbench.ui.look.theme import Theme
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
from workbench.ui.session import ProjectSession
from workbench.ui.window import name_bar
from workbench.ui.window.annotating import Annotator
from workbench.ui.window.checkpoint import Checkpoints
from workbench.ui.window.document_actions import DocumentActions
from workbench.ui.window.facsimile_link import FacsimileLink
from workbench.ui.window.help import Help
from workbench.ui.window.menus import build_menus
from workbench.ui.window.navigation import Navigation, volume_of
from workbench.ui.window.project_files import ProjectFiles
from workbench.ui.window.refresh import ViewRefresh
from workbench.ui.window.room import TextRoom
from workbench.ui.window.tag_actions import TagActions
from workbench.ui.window.transfers import Transfers
from workbench.ui.window.welcome import WelcomePanel, was_dismissed


class MainWindow(QMainWindow):
    def __init__(self, project: Project, theme: Theme) -> None:
        super().__init__()
        self.session = ProjectSession(project, self)  # the project, its history and what the views read
        self.operations = self.session.operations
        self.session.historyChanged.connect(self._update_undo_actions)
        self.session.changedOutside.connect(self._changed_outside)
        self.theme = theme
        self.document: Document | None = None
        self.checkpoints = Checkpoints(lambda: self.project, self)  # the .wbproj alone holds everything
        self.session.changed.connect(self.checkpoints.after_edit)
        self.operations.busyChanged.connect(self.checkpoints.pause)  # not while a worker uses the connection
        self.tag_actions = TagActions(self)
        self.document_actions = DocumentActions(self)
        self.navigation = Navigation(self)
        self.transfers = Transfers(self)
        self.preferences = preferences.load()

        self.documents = DocumentsPanel(theme, self.session, self)
        self.tag_panel = TagsPanel(self, self)
        self.reading: ReadingView = ReadingView(theme, self)  # annotated: the modules it feeds import this one
        self.notes: NotesPane = NotesPane(theme, self)
        self.highlights = HighlightsPanel(theme, self.session.spans_by_id, self)
        self.reading.details = self.session.spans_by_id
        self.memos = MemosPanel(self.session, self)
        self.search = SearchPanel(self.session, self)
        self.people = PeoplePanel(self.session, self)
        self.annotator = Annotator(self)
        self.files = ProjectFiles(self)
        self.session.lost.connect(self.files.stop)  # the project was closed under the window
        self.help = Help(self)
        self.welcome = WelcomePanel(self)
        self.welcome.setVisible(not was_dismissed())
        self.refresh = ViewRefresh(self)  # after the panels: what the session says changed, they show

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

        self._connect()
        self.menus = build_menus(self)
        self.undo_action, self.redo_action = self.menus.undo, self.menus.redo
        self._update_undo_actions()
        self._set_tab_order()
        self._restore_settings()
        self.reload_tags()
        self.reload_documents()
        self.memos.reload()
        self.people.reload()
        self.refresh.panels()  # complete when first shown
        self._update_title()
        self.files.opened()
        if self.preferences.underline_patterns:  # off is how the views start: nothing to redo
            self.set_patterns(True)
        self.files.set_backup_minutes(self.preferences.backup_minutes)
        self.session.watch.start()  # another window or the command line may write to the project
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._follow_desktop_scheme)

    @property
    def project(self) -> Project:
        return self.session.project

    @property
    def tags(self) -> TagTree:
        return self.session.tags

    def _connect(self) -> None:
        go, annotator = self.navigation, self.annotator
        self.documents.documentActivated.connect(self.open_document)
        self.documents.detailsRequested.connect(lambda doc_id: self.document_actions.edit_details(DocumentId(doc_id)))
        self.documents.deleteRequested.connect(lambda doc_id: self.document_actions.delete(DocumentId(doc_id)))
        self.reading.detailsRequested.connect(lambda: self.document_actions.edit_details())
        self.reading.noteActivated.connect(go.show_note)
        self.reading.pageChanged.connect(lambda page: self.status_page.setText(f"p. {page}"))
        self.reading.currentSpanChanged.connect(self.highlights.select_span)
        self.reading.linkActivated.connect(go.follow_link)
        self.notes.referenceRequested.connect(go.show_reference)
        self.tag_panel.model.renameRequested.connect(self.tag_actions.rename)
        self.tag_panel.model.moveRequested.connect(self.tag_actions.move)
        self.tag_panel.tagActivated.connect(annotator.apply_tag)
        self.tag_panel.tagSelected.connect(self.highlights.filter_tag)
        self.highlights.scope.currentIndexChanged.connect(self.refresh.panels)
        self.highlights.spanActivated.connect(go.show_span)
        self.highlights.deleteRequested.connect(annotator.delete)
        self.highlights.noteRequested.connect(go.edit_span_note)
        self.memos.spanFound.connect(go.show_span)
        self.search.hitActivated.connect(go.show_hit)
        self.search.tagAllRequested.connect(self.tag_actions.tag_search_results)
        self.people.mentionActivated.connect(go.show_range)
        self.welcome.footnoteRequested.connect(go.welcome_footnote)
        self.welcome.tagRequested.connect(go.welcome_tag)
        self.welcome.exportRequested.connect(self.transfers.export_quotations)
        self.welcome.guideRequested.connect(lambda: self.help.open_guide())

    def _set_tab_order(self) -> None:
        """Tab walks the window as it reads: documents, tags, the text, then the side panel."""
        chain = [self.documents.filter, self.documents.sort, self.documents.view, self.tag_panel.view,
                 self.reading, self.side]  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def show_welcome(self) -> None:
        self.welcome.reopen()

    # -- documents --------------------------------------------------------------------------

    def reload_documents(self) -> None:
        """The documents list read again, as far as it had been read (a page at a time)."""
        self.documents.load(self.session)
        first = self.documents.first_id() if self.document is None else None
        if first is not None:
            self.documents.select(first)
        elif self.document is not None and self.session.document_row(self.document.id) is None:
            self.open_document(None)  # deleted (here, or by another window)

    def open_document(self, doc_id: DocumentId | None) -> None:
        session = self.session
        self.document = session.document(doc_id) if doc_id else None
        self.reading.show_document(self.document)
        self.reading.set_annotations(session.places(doc_id) if doc_id else [], self.tags)
        volume = volume_of(self.document)
        self.reading.glossary = {e.key: e for e in session.glossary(volume=volume)} if doc_id else {}
        note_spans = session.note_spans(doc_id) if doc_id else []
        self.notes.show_notes(self.document, note_spans, self.tags)
        memo = session.memos(doc_id) if doc_id else []
        self.memos.show_document(self.document, memo[0].text if memo else "")
        self.refresh.timer.start()  # the text shows first; counts and the highlights list right after
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

    def reload_tags(self) -> None:
        """The tag tree read again from the file, and shown everywhere."""
        self.session.reload_tags()
        self.refresh.tags_changed()

    def use_project(self, project: Project) -> None:
        """Show ``project`` (a new one, or the same file reopened) in every view."""
        self.document = None
        self.session.use(project)  # every view reads it anew
        self._update_title()

    def _changed_outside(self) -> None:
        self.statusBar().showMessage("The project was changed by another window or program; shown as it is now.", 5000)

    def rebuild_tag_menu(self) -> None:
        first = not any(True for _ in self.tags)  # no tag yet: key 1 makes the first
        for key, act in enumerate(self.menus.tag_keys, start=1):
            tag = self.tags.by_key(key)
            act.setText(f"&{key} {self.tags.path(tag.id)}" if tag else f"&{key} (no tag on this key)")
            act.setEnabled(tag is not None or (first and key == 1))
            if first and key == 1:
                act.setText("&1 New Tag…")

    def _update_undo_actions(self) -> None:
        steps = self.session.history()
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
        self.session.stop_searching()
        self.session.wait_for_reads()
        self.session.watch.stop()
        self.files.stop()
        self.memos.save_document_note()
        self.checkpoints.now()
        self.save_settings()
        super().closeEvent(event)
