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
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from workbench.model import Document, DocumentId, GlossaryEntry
from workbench.model.annotation import Span, SpanId, SpanPlace, TagId, TagTree
from workbench.model.people import Person, Ref
from workbench.ops import OpChanges
from workbench.ops.history import History, history
from workbench.storage import Project, load_document
from workbench.storage import annotations as stored
from workbench.storage.documents import DocumentSummary, load_page_outlines
from workbench.storage.glossary import Mention, find_target, load_glossary, load_people, volume_mentions
from workbench.storage.listing import (
    VolumeCount,
    count_documents,
    document_labels,
    document_positions,
    document_row,
    document_volume,
    page_documents,
    volume_counts,
)
from workbench.storage.search import SearchPage, search_page
from workbench.ui.operations import Operations, Result, Worker, with_own_connection

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
        self._places: tuple[tuple, list[SpanPlace]] = ((), [])  # (document, file versions), its spans' places
        self._project_counts: tuple[tuple, Counter[TagId]] = ((), Counter())  # (file versions), the counts
        self._people: dict[str, tuple[tuple, list[Person]]] = {}  # kind: (file versions), its people
        self._people_reading: dict[str, tuple[tuple, Worker, list[PeopleDone]]] = {}  # kind: being read
        self._readers: set[Worker] = set()  # every thread still reading (of this project or the one before)
        self._searches: SearchRunner | None = None
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
        self.changed.emit(changes, initiator)

    def _forget(self) -> None:
        """Nothing kept is trusted again: another file's version numbers may repeat this one's."""
        self._places = ((), [])
        self._project_counts = ((), Counter())
        self.reload_tags()
        self._people.clear()  # (another file's versions may be this one's numbers)
        self._people_reading.clear()  # (what they find is of the other file: dropped when done)

    # -- other processes --------------------------------------------------------------------

    def data_version(self) -> int:
        return self.project.db.execute("PRAGMA data_version").fetchone()[0]

    def file_version(self) -> tuple[int, int]:
        """What changes whenever the file does: another connection's commits, and this one's."""
        return self.data_version(), self.project.db.conn.total_changes

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

    def document_page(
        self, offset: int, limit: int, filter_text: str = "", order: str = "added", volume: str | None = None
    ) -> list[DocumentSummary]:
        """A page of the documents list (of one volume, if given; titles or numbers holding
        ``filter_text``, in ``order``): the list reads a page at a time, never the whole project."""
        db = self.project.db
        return page_documents(db, offset=offset, limit=limit, volume=volume, filter_text=filter_text, order=order)

    def document_count(self, filter_text: str = "", volume: str | None = None) -> int:
        return count_documents(self.project.db, volume=volume, filter_text=filter_text)

    def document_row(
        self, doc_id: DocumentId, filter_text: str = "", order: str = "added", volume: str | None = None
    ) -> int | None:
        """Where ``doc_id`` stands in the list (or its volume's part) so filtered and ordered (``None``: not in it)."""
        return document_row(self.project.db, doc_id, volume=volume, filter_text=filter_text, order=order)

    def volume_counts(self, filter_text: str = "") -> list[VolumeCount]:
        """The volumes with how many of their documents the filter lists: the headings of the grouped list."""
        return volume_counts(self.project.db, filter_text=filter_text)

    def document_volume(self, doc_id: DocumentId) -> str | None:
        return document_volume(self.project.db, doc_id)

    def document(self, doc_id: DocumentId) -> Document:
        return load_document(self.project.db, doc_id)

    def labels(self, doc_ids: Iterable[str], *, titles: bool = False) -> dict[DocumentId, str]:
        """The given documents as lists name them: "No. 124" (or, with ``titles``, its title when it
        has no number), read for those documents alone."""
        return {doc_id: f"No. {number}" if number or not titles else title[:40]
                for doc_id, (number, title) in document_labels(self.project.db, doc_ids).items()}  # fmt: skip

    def places(self, doc_id: DocumentId) -> list[SpanPlace]:
        """Where one document's spans lie, in reading order: what views draw and list; their words
        are read for those shown (``spans_by_id``). (The whole project's are read by the list that
        shows them, on a worker: ``ViewRefresh``.)"""
        return list(self._kept_places(doc_id))

    def _kept_places(self, doc_id: DocumentId) -> list[SpanPlace]:
        """One document's span places, read once for its text, its footnotes, its lost spans, the
        list and the counts, and kept until the file changes (by this connection, or by any other)."""
        key = (doc_id, *self.file_version())
        if self._places[0] != key:
            self._places = (key, stored.load_places(self.project.db, doc_id))
        return self._places[1]

    def spans_by_id(self, span_ids: Iterable[SpanId]) -> list[Span]:
        """Whole spans, words and all: for the cards and tooltips shown, and for what an edit needs.
        Asked while painting: a window closing after its project (Qt may lay out a list once more
        as it goes) reads nothing rather than raise inside Qt's paint."""
        try:
            return stored.load_spans_by_id(self.project.db, span_ids)
        except sqlite3.ProgrammingError:  # the project was closed under the window
            return []

    def note_spans(self, doc_id: DocumentId) -> list[Span]:
        """The spans in the document's footnotes, whole (few: the footnotes pane shows their notes),
        by note and place."""
        ids = [place.id for place in self._kept_places(doc_id) if place.note_n is not None]
        return sorted(self.spans_by_id(ids), key=lambda span: (span.note_n or 0, span.start, -span.end, span.id))

    def orphans(self, doc_id: DocumentId) -> list[SpanPlace]:
        """The spans a corrected text lost, by where they were."""
        return sorted((place for place in self._kept_places(doc_id) if place.orphaned), key=lambda p: p.start)

    def document_positions(self, doc_ids: Iterable[DocumentId]) -> dict[DocumentId, int]:
        """Where the given documents stand in the project's order (lists of many documents' highlights)."""
        return document_positions(self.project.db, doc_ids)

    def page_outlines(self, doc_ids: Iterable[DocumentId]) -> dict[DocumentId, Document]:
        return load_page_outlines(self.project.db, doc_ids)

    def tag_counts(self, doc_id: DocumentId | None = None) -> Counter[TagId]:
        """How many spans carry each tag, in one document or the project. The project's counts are
        kept until the file changes: opening another document counts only that one's, from the
        spans it read already."""
        if doc_id is not None:
            return Counter(tag for place in self._kept_places(doc_id) for tag in place.tag_ids)
        version = self.file_version()
        if self._project_counts[0] != version:
            self._project_counts = (version, stored.tag_counts(self.project.db))
        return Counter(self._project_counts[1])

    def span_counts(self, doc_ids: Iterable[DocumentId]) -> dict[str, int]:
        return stored.span_counts(self.project.db, doc_ids)

    def memos(self, doc_id: DocumentId | None = None) -> list[stored.Memo]:
        """The document's note (``doc_id``), or the free notes."""
        return stored.load_memos(self.project.db, doc_id=doc_id, free=doc_id is None)

    def search_page(self, query: str, offset: int, limit: int) -> tuple[SearchPage, Labels]:
        """A page of hits, on this thread (the window's connection), and the labels of their documents."""
        return _page_with_labels(self.project, query, offset, limit)

    def search_in_background(self, query: str, offset: int, limit: int, done: SearchDone) -> None:
        """``search_page`` on a thread and a connection of its own; ``done`` is called on this one.
        Typing goes on meanwhile: a query typed while one runs waits, and only the last one runs."""
        if self._searches is None:
            self._searches = SearchRunner(self)
        self._searches.start(self.project.path, query, offset, limit, done)

    def stop_searching(self) -> None:
        if self._searches is not None:
            self._searches.stop()

    def search_notes(self, text: str) -> tuple[list[Span], list[stored.Memo]]:
        return stored.search_notes(self.project.db, text)

    def glossary(self, kind: str | None = None, *, volume: str | None = None) -> list[GlossaryEntry]:
        return load_glossary(self.project.db, kind, volume=volume)

    def people(self, kind: str) -> list[Person]:
        """Each person (or term) once across the volumes' glossaries, the corrections applied.
        Kept until the file changes: grouping 200 volumes' glossaries takes most of a second."""
        version = self.file_version()
        kept = self._people.get(kind)
        if kept is None or kept[0] != version:
            kept = self._people[kind] = (version, load_people(self.project.db, kind))
        return kept[1]

    def people_later(self, kind: str, done: PeopleDone) -> None:
        """``people(kind)``, handed to ``done(kind, people)``: at once if they are kept, else read on
        a thread and a connection of its own (the panel shows meanwhile; a name clicked in the text
        asks ``people`` and waits). Asked again while being read, the same reading answers both."""
        version = self.file_version()
        kept = self._people.get(kind)
        if kept is not None and kept[0] == version:
            done(kind, kept[1])
            return
        reading = self._people_reading.get(kind)
        if reading is not None and reading[0] == version:
            reading[2].append(done)
            return
        worker = Worker(with_own_connection(self.project.path, lambda project: load_people(project.db, kind)))
        self._people_reading[kind] = (version, worker, [done])
        self._readers.add(worker)
        worker.finished.connect(lambda: self._people_read(kind, version, worker))
        worker.start()

    def _people_read(self, kind: str, version: tuple, worker: Worker) -> None:
        self._readers.discard(worker)
        worker.deleteLater()
        reading = self._people_reading.get(kind)
        if reading is None or reading[1] is not worker:
            return  # another project since, or a newer reading
        del self._people_reading[kind]
        kept = self._people.get(kind)
        if worker.error is None and self.file_version() == version and (kept is None or kept[0] != version):
            self._people[kind] = (version, worker.result)  # (unless read here meanwhile: those stay)
        people = self.people(kind)  # read here if the file changed meanwhile (or the thread failed)
        for done in reading[2]:
            done(kind, people)

    def wait_for_reads(self) -> None:
        """The window closes: the people being read on a thread are waited for, and forgotten."""
        for worker in self._readers:
            worker.wait()
        self._people_reading.clear()

    def mentions(self, kind: str, refs: list[Ref], limit: int) -> tuple[int, list[Mention]]:
        """How often the entries ``refs`` are named, each in its own volume, and the first ``limit``."""
        return volume_mentions(self.project.db, kind, refs, limit)

    def find_target(self, volume: str, xml_id: str) -> str | None:
        return find_target(self.project.db, volume, xml_id)


Labels = dict[DocumentId, str]
#: What a reading of people hands back: the kind ("person", "term") and its people.
PeopleDone = Callable[[str, list[Person]], None]
#: What a search in the background hands back: the query, the offset asked, the page, its labels.
SearchDone = Callable[[str, int, SearchPage, Labels], None]


def _page_with_labels(
    project: Project, query: str, offset: int, limit: int
) -> tuple[SearchPage, dict[DocumentId, str]]:
    page = search_page(project.db, query, limit=limit, offset=offset)
    labels = document_labels(project.db, {hit.doc_id for hit in page.hits if hit.doc_id})
    return page, {doc_id: f"No. {number}" if number else title[:40] for doc_id, (number, title) in labels.items()}


class SearchRunner(QObject):
    """Searches one at a time on a worker thread, each on a connection of its own (the window's
    stays the window's). A search asked for while one runs waits; a later one replaces it."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._worker: Worker | None = None
        self._waiting: tuple | None = None

    def start(self, path: Path, query: str, offset: int, limit: int, done: SearchDone) -> None:
        if self._worker is not None:
            self._waiting = (path, query, offset, limit, done)
            return
        worker = Worker(with_own_connection(path, lambda project: _page_with_labels(project, query, offset, limit)))
        worker.finished.connect(lambda: self._finished(worker, query, offset, done))
        self._worker = worker
        worker.start()

    def _finished(self, worker: Worker, query: str, offset: int, done: SearchDone) -> None:
        self._worker = None
        worker.deleteLater()
        if worker.error is None:
            page, labels = worker.result
            done(query, offset, page, labels)
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self.start(*waiting)

    def busy(self) -> bool:
        return self._worker is not None or self._waiting is not None

    def stop(self) -> None:
        """Wait for the search under way (the window is closing); forget the one waiting."""
        self._waiting = None
        if self._worker is not None:
            self._worker.wait()
