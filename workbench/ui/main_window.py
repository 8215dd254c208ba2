"""The main window: documents on the left, the text in the middle, its notes on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QSplitter

from workbench import __version__
from workbench.model import Document, DocumentId
from workbench.ops import OpChanges
from workbench.ops.documents import ImportReport, import_files
from workbench.paths import APP_NAME
from workbench.storage import PROJECT_SUFFIX, Project, ProjectError, list_documents, load_document
from workbench.ui.documents_panel import DocumentsPanel
from workbench.ui.notes_pane import NotesPane
from workbench.ui.operations import Operations
from workbench.ui.reading.view import ReadingView
from workbench.ui.theme import Theme


class MainWindow(QMainWindow):
    def __init__(self, project: Project, theme: Theme) -> None:
        super().__init__()
        self.project = project
        self.theme = theme
        self.document: Document | None = None
        self.operations = Operations(self)
        self.operations.changed.connect(self.on_changes)

        self.documents = DocumentsPanel(theme, self)
        self.reading = ReadingView(theme, self)
        self.notes = NotesPane(theme, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget, stretch in ((self.documents, 0), (self.reading, 1), (self.notes, 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        self.splitter.setSizes([300, 760, 300])
        self.setCentralWidget(self.splitter)

        self.status_document = QLabel(self)
        self.status_page = QLabel(self)
        self.status_page.setAccessibleName("Printed page")
        self.statusBar().addWidget(self.status_document, 1)
        self.statusBar().addPermanentWidget(self.status_page)

        self.documents.documentActivated.connect(self.open_document)
        self.reading.noteActivated.connect(self.notes.focus_note)
        self.reading.pageChanged.connect(lambda page: self.status_page.setText(f"p. {page}"))
        self.notes.referenceRequested.connect(self._show_reference)
        self._build_menus()
        self._restore_settings()
        self.reload_documents()
        self._update_title()

    # -- documents --------------------------------------------------------------------------

    def reload_documents(self) -> None:
        rows = list_documents(self.project.db)
        self.documents.set_documents(rows)
        if self.document is None and rows:
            self.documents.select(rows[0].id)
        elif not rows:
            self.open_document(None)

    def open_document(self, doc_id: DocumentId | None) -> None:
        self.document = load_document(self.project.db, doc_id) if doc_id else None
        self.reading.show_document(self.document)
        self.notes.show_notes(self.document)
        doc = self.document
        if doc is None:
            self.status_document.setText("No document")
            self.status_page.clear()
            return
        heading = f"{doc.number}. {doc.title}" if doc.number else doc.title
        pages = f"  ·  pp. {doc.pages.page_range}" if doc.pages.page_range else ""
        self.status_document.setText(f"{heading}{pages}")
        if doc.pages.first_page:
            self.status_page.setText(f"p. {doc.pages.first_page}")
        self._update_title()

    def on_changes(self, changes: OpChanges, _initiator: object) -> None:
        if changes.document_list:
            self.reload_documents()
        if self.document is not None and self.document.id in changes.documents:
            self.open_document(self.document.id)

    def _show_reference(self, n: int) -> None:
        note = next((note for note in self.document.notes if note.n == n), None) if self.document else None
        if note is not None:
            self.reading.select_range(max(note.anchor - 1, 0), note.anchor)
            self.reading.setFocus()

    # -- actions ----------------------------------------------------------------------------

    def import_files(self, paths: list[str] | None = None) -> ImportReport | None:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(
                self, "Import documents", str(Path.home()), "Text files (*.txt);;All files (*)"
            )
        if not paths:
            return None
        report = self.operations.run("Import", lambda: import_files(self.project, paths))
        if report is None:
            return None
        problems = [str(failure) for failure in report.failed] + [w for item in report.imported for w in item.warnings]
        if problems:
            QMessageBox.warning(
                self, "Import", f"Imported {report.document_count} document(s).\n\n" + "\n".join(problems)
            )
        last = next((item.documents[-1] for item in reversed(report.imported) if item.documents), None)
        if last is not None:
            self.documents.select(last.id)
        return report

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Open project",
            str(self.project.path.parent),
            f"Workbench projects (*{PROJECT_SUFFIX});;All files (*)",
        )
        if not path:
            return
        try:
            project = Project.open(path)
        except ProjectError as error:
            QMessageBox.warning(self, "Open project", str(error))
            return
        self.project.close()
        self.project = project
        self.document = None
        self.reload_documents()
        self._update_title()

    def _build_menus(self) -> None:
        def action(menu, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        file_menu = self.menuBar().addMenu("&File")
        action(file_menu, "&Import Documents…", lambda: self.import_files(), "Ctrl+I")
        action(file_menu, "&Open Project…", self.open_project, QKeySequence.StandardKey.Open)
        file_menu.addSeparator()
        action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu("&Edit")
        action(edit_menu, "&Copy", self.reading.copy, QKeySequence.StandardKey.Copy)
        action(edit_menu, "Select &All", self.reading.selectAll, QKeySequence.StandardKey.SelectAll)

        go_menu = self.menuBar().addMenu("&Go")
        action(go_menu, "&Previous Document", lambda: self.documents.step(-1), "Ctrl+PgUp")
        action(go_menu, "&Next Document", lambda: self.documents.step(+1), "Ctrl+PgDown")
        action(go_menu, "&Find Document…", self._focus_filter, "Ctrl+L")

        view_menu = self.menuBar().addMenu("&View")
        for widget, text, key in ((self.documents, "&Documents", "Ctrl+1"), (self.notes, "&Notes", "Ctrl+2")):
            toggle = action(view_menu, text, lambda checked, w=widget: w.setVisible(checked), key)
            toggle.setCheckable(True)
            toggle.setChecked(True)
        view_menu.addSeparator()
        action(view_menu, "Zoom &In", lambda: self.reading.zoom(+1), QKeySequence.StandardKey.ZoomIn)
        action(view_menu, "Zoom &Out", lambda: self.reading.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        action(view_menu, "&Actual Size", lambda: self.reading.zoom(0), "Ctrl+0")

        help_menu = self.menuBar().addMenu("&Help")
        action(help_menu, "&About Workbench", self._about)

    def _focus_filter(self) -> None:
        self.documents.setVisible(True)
        self.documents.filter.setFocus()
        self.documents.filter.selectAll()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Workbench",
            f"<b>Workbench {__version__}</b><p>An annotation workbench for historians.</p>"
            f"<p>Project: {self.project.path}</p>",
        )

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

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1320, 860)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
