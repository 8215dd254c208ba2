"""The open project as the GUI sees it: one object that owns it, and that every view asks and listens to.

The window's parts used to ask the window for the project and be told by the window what to
redraw. Now ``ProjectSession`` holds the open ``Project``, runs every change through
``Operations`` (one transaction, one step of undo), keeps what is read again and again (the tag
tree, the list of documents), and says what changed on one signal, ``changed(OpChanges,
initiator)``, which each panel subscribes to and reads only the fields it cares about (Anki's
``mw.col`` and ``operation_did_execute``, calibre's ``db.cache``). When a whole project is to be
read again (another process wrote to the file, or another file was opened) it says ``reloaded``.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from workbench.model import Document, DocumentId, GlossaryEntry
from workbench.model.annotation import Span, SpanId, TagId, TagTree
from workbench.model.people import Person, Ref
from workbench.ops import OpChanges
from workbench.ops.history import History, history
from workbench.storage import Project, list_documents, load_document
from workbench.storage import annotations as stored
from workbench.storage.documents import DocumentSummary, load_page_outlines
from workbench.storage.glossary import Mention, find_target, load_glossary, load_people, volume_mentions
from workbench.storage.search import Hit, search
from workbench.ui.operations import Operations, Result

WATCH_MS = 2000  # how often the file is asked whether another window or the command line wrote to it


class ProjectSession(QObject):
    #: After an operation, an undo or a redo: what it changed, and who asked (or None).
    changed = Signal(object, object)
    #: Everything may have changed: another process wrote to the file, or another project is open.
    reloaded = Signal()
    #: … of which this one: another window or program wrote to the project (say so to the user).
    changedOutside = Signal()
    #: The Undo and Redo steps changed: menus read their names again.
    historyChanged = Signal()
    #: The project was closed under the session (its connection is gone): nothing more is asked of it.
    lost = Signal()

    def __init__(self, project: Project, parent: QWidget) -> None:
        super().__init__(parent)
        self.project = project
        self.operations = Operations(parent, lambda: self.project)
        self.operations.changed.connect(self._after_operation)
        self.operations.historyChanged.connect(self.historyChanged)
        self.tags = TagTree(stored.load_tags(project.db))
        self._documents: list[DocumentSummary] | None = None
        self._spans: tuple[tuple, list[Span]] = ((), [])  # (document, file versions), its spans
        self._data_version = self.data_version()
        self._busy = False
        self.operations.busyChanged.connect(self._set_busy)
        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_MS)
        self.watch.timeout.connect(self.check_outside_changes)

    # -- changing the project ---------------------------------------------------------------

    def run(self, title: str, operation: Callable[[], Result], *, initiator: Any = None,
            background: bool = False) -> Result | None:  # fmt: skip
        """``operation`` through ``Operations.run``: a failure is one message, a success is ``changed``."""
        return self.operations.run(title, operation, initiator=initiator, background=background)

    def undo(self) -> None:
        self.operations.undo()

    def redo(self) -> None:
        self.operations.redo()

    def history(self) -> History:
        return history(self.project)

    def use(self, project: Project) -> None:
        """Another project (or the same file reopened): every view reads it anew."""
        self.project = project
        self._forget()
        self._data_version = self.data_version()
        self.reloaded.emit()
        self.historyChanged.emit()

    def reload_tags(self) -> TagTree:
        self.tags = TagTree(stored.load_tags(self.project.db))
        return self.tags

    def _after_operation(self, changes: OpChanges, initiator: object) -> None:
        """The refresh policy's first step: what this session keeps is made current before anyone hears."""
        if changes.tags:
            self.reload_tags()
        if changes.document_list or changes.documents or changes.span_documents:
            self._documents = None
        self.changed.emit(changes, initiator)

    def _forget(self) -> None:
        self._documents = None
        self.reload_tags()

    # -- other processes --------------------------------------------------------------------

    def data_version(self) -> int:
        return self.project.db.execute("PRAGMA data_version").fetchone()[0]

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy  # a worker thread writes on this connection: the file is not asked meanwhile

    def check_outside_changes(self) -> None:
        """Another process committed to the project: every view reloads from the file."""
        if self._busy:
            return
        try:
            version = self.data_version()
        except sqlite3.ProgrammingError:  # the project was closed under the window
            self.watch.stop()
            self.lost.emit()
            return
        if version == self._data_version:
            return
        self._data_version = version
        self._forget()
        self.reloaded.emit()
        self.changedOutside.emit()

    # -- reading: what the views ask ----------------------------------------------------------

    def documents(self) -> list[DocumentSummary]:
        """The list of documents, read once until an operation changes documents or their spans."""
        if self._documents is None:
            self._documents = list_documents(self.project.db)
        return self._documents

    def refresh_documents(self) -> list[DocumentSummary]:
        self._documents = None
        return self.documents()

    def document(self, doc_id: DocumentId) -> Document:
        return load_document(self.project.db, doc_id)

    def labels(self, *, titles: bool = False) -> dict[DocumentId, str]:
        """Each document as lists name it: "No. 124" (or, with ``titles``, its title when it has no number)."""
        if titles:
            return {row.id: f"No. {row.number}" if row.number else row.title[:40] for row in self.documents()}
        return {row.id: f"No. {row.number}" for row in self.documents()}

    def spans(self, doc_id: DocumentId | None = None) -> list[Span]:
        """The spans of one document (or of all), in reading order."""
        return list(self._kept_spans(doc_id)) if doc_id is not None else stored.load_spans(self.project.db)

    def _kept_spans(self, doc_id: DocumentId) -> list[Span]:
        """One document's spans, read once for its text, its footnotes, its lost spans and the list,
        and kept until the file changes (by this connection, or by any other)."""
        key = (doc_id, self.data_version(), self.project.db.conn.total_changes)
        if self._spans[0] != key:
            self._spans = (key, stored.load_spans(self.project.db, doc_id))
        return self._spans[1]

    def spans_by_id(self, span_ids: Iterable[SpanId]) -> list[Span]:
        return stored.load_spans_by_id(self.project.db, span_ids)

    def note_spans(self, doc_id: DocumentId) -> list[Span]:
        """The spans in the document's footnotes, by note and place."""
        return [span for span in self._kept_spans(doc_id) if span.note_n is not None]

    def orphans(self, doc_id: DocumentId) -> list[Span]:
        """The spans a corrected text lost, by where they were."""
        return sorted((span for span in self._kept_spans(doc_id) if span.orphaned), key=lambda span: span.start)

    def page_outlines(self, doc_ids: Iterable[DocumentId]) -> dict[DocumentId, Document]:
        return load_page_outlines(self.project.db, doc_ids)

    def tag_counts(self, doc_id: DocumentId | None = None) -> Counter[TagId]:
        return stored.tag_counts(self.project.db, doc_id)

    def span_counts(self, doc_ids: Iterable[DocumentId]) -> dict[str, int]:
        return stored.span_counts(self.project.db, doc_ids)

    def memos(self, doc_id: DocumentId | None = None) -> list[stored.Memo]:
        """The document's note (``doc_id``), or the free notes."""
        return stored.load_memos(self.project.db, doc_id=doc_id, free=doc_id is None)

    def search(self, query: str, limit: int) -> list[Hit]:
        return search(self.project.db, query, limit=limit)

    def search_notes(self, text: str) -> tuple[list[Span], list[stored.Memo]]:
        return stored.search_notes(self.project.db, text)

    def glossary(self, kind: str | None = None) -> list[GlossaryEntry]:
        return load_glossary(self.project.db, kind)

    def people(self, kind: str) -> list[Person]:
        """Each person (or term) once across the volumes' glossaries, the corrections applied."""
        return load_people(self.project.db, kind)

    def mentions(self, kind: str, refs: list[Ref], limit: int) -> tuple[int, list[Mention]]:
        """How often the entries ``refs`` are named, each in its own volume, and the first ``limit``."""
        return volume_mentions(self.project.db, kind, refs, limit)

    def find_target(self, volume: str, xml_id: str) -> str | None:
        return find_target(self.project.db, volume, xml_id)
