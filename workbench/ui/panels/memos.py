"""Notes that are not on a passage: the open document's note, and free notes; plus note search.

The document note saves itself a moment after typing stops (and when focus leaves), each save
one step of undo; free notes are listed, opened in the note editor, added and deleted. The
search box finds text in highlight notes and in these notes (plain substring for now). The panel
reads and changes the notes through the project session, and lists them anew when it says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.model import Document
from workbench.model.annotation import Span
from workbench.ops import OpChanges
from workbench.ops.memos import create_memo, delete_memo, set_document_memo, update_memo
from workbench.storage.annotations import Memo
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.dialogs.note_editor import NoteEditor
from workbench.ui.look.safe_text import tooltip
from workbench.ui.session import ProjectSession

_SAVE_AFTER_MS = 400  # short: what is on screen is on disk; the saves of one sitting undo as one step


class MemosPanel(QWidget):
    documentNoteEdited = Signal(str, str)  # document id, text
    memoOpened = Signal(int)  # memo id (0: a new one)
    memoDeleted = Signal(int)
    spanFound = Signal(str, int)  # a search result: document id, span id
    searched = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.document: Document | None = None
        self._saved_text = ""
        heading = QLabel("Note on this document", self)
        heading.setObjectName("panelTitle")
        self.document_note = QPlainTextEdit(self)
        self.document_note.setAccessibleName("Note on this document")
        self.document_note.setPlaceholderText(
            "What this document is for you: context, doubts, where it goes. Markdown."
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save_document_note)
        self.document_note.textChanged.connect(self._timer.start)
        self.document_note.installEventFilter(self)

        free = QLabel("Free notes", self)
        free.setObjectName("panelTitle")
        self.memos = QListWidget(self)
        self.memos.setAccessibleName("Free notes")
        self.memos.itemActivated.connect(lambda item: self.memoOpened.emit(item.data(Qt.ItemDataRole.UserRole)))
        add = QPushButton("New note", self)
        add.clicked.connect(lambda: self.memoOpened.emit(0))
        remove = QPushButton("Delete", self)
        remove.clicked.connect(self._delete_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)

        search = QLabel("Search notes", self)
        search.setObjectName("panelTitle")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Words in any note")
        self.search.setAccessibleName("Search the notes")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.searched.emit)
        self.results = QListWidget(self)
        self.results.setAccessibleName("Notes found")
        self.results.itemActivated.connect(self._open_result)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 8)
        for widget in (heading, self.document_note, free, self.memos):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        for found in (search, self.search, self.results):
            layout.addWidget(found)
        layout.setStretch(1, 2)
        layout.setStretch(3, 2)
        layout.setStretch(7, 2)
        self.documentNoteEdited.connect(self._save_document_note)
        self.memoOpened.connect(self.open_memo)
        self.memoDeleted.connect(self._delete_memo)
        self.searched.connect(self._search)
        session.changed.connect(self._on_changes)
        session.reloaded.connect(self.reload)

    def _on_changes(self, changes: OpChanges, _initiator: object) -> None:
        if changes.memos:
            self.reload()

    def reload(self) -> None:
        """The free notes as the project has them (and the search's results again)."""
        self.set_memos(self.session.memos())
        if self.search.text():
            self._search(self.search.text())

    def _search(self, text: str) -> None:
        if not text.strip():
            self.set_results([], [])
            return
        spans, memos = self.session.search_notes(text.strip())
        numbers = self.session.labels({span.doc_id for span in spans})
        self.set_results([(s, numbers.get(s.doc_id, "No. ?")) for s in spans], memos)

    def _save_document_note(self, doc_id: str, text: str) -> None:
        session = self.session
        session.run("Document note", lambda: set_document_memo(session.project, doc_id, text))

    def open_memo(self, memo_id: int) -> None:
        """The free note ``memo_id`` (0: a new one) in the note editor; saved as one step of undo."""
        session = self.session
        memo = next((m for m in session.memos() if m.id == memo_id), None)
        editor = NoteEditor("Note", memo.text if memo else "", parent=self.window())
        if not run_dialog(editor):
            return
        text = editor.text
        if memo is None and text.strip():
            session.run("New note", lambda: create_memo(session.project, "", text))
        elif memo is not None and text != memo.text:
            session.run("Edit note", lambda: update_memo(session.project, memo.id, text=text))

    def _delete_memo(self, memo_id: int) -> None:
        self.session.run("Delete note", lambda: delete_memo(self.session.project, memo_id))

    def show_document(self, document: Document | None, note: str) -> None:
        self.save_document_note()
        self.document = document
        self._saved_text = note
        self.document_note.blockSignals(True)
        self.document_note.setPlainText(note)
        self.document_note.blockSignals(False)
        self.document_note.setEnabled(document is not None)

    def set_memos(self, memos: list[Memo]) -> None:
        self.memos.clear()
        for memo in memos:
            lines = memo.text.strip().splitlines()
            item = QListWidgetItem(memo.title or (lines[0] if lines else "") or "Untitled")
            item.setData(Qt.ItemDataRole.UserRole, memo.id)
            item.setToolTip(tooltip(memo.text[:500]))
            self.memos.addItem(item)

    def set_results(self, spans: list[tuple[Span, str]], memos: list[Memo]) -> None:
        self.results.clear()
        for span, where in spans:
            item = QListWidgetItem(
                f"{where}: “{' '.join(span.quote.split())[:60]}” — {' '.join(span.note.split())[:80]}"
            )
            item.setData(Qt.ItemDataRole.UserRole, ("span", span.doc_id, span.id))
            self.results.addItem(item)
        for memo in memos:
            item = QListWidgetItem(f"Note: {(memo.title or memo.text)[:80]}")
            item.setData(Qt.ItemDataRole.UserRole, ("memo", memo.doc_id, memo.id))
            self.results.addItem(item)

    def save_document_note(self) -> None:
        self._timer.stop()
        text = self.document_note.toPlainText()
        if self.document is not None and text != self._saved_text:
            self._saved_text = text
            self.documentNoteEdited.emit(self.document.id, text)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.document_note and event.type() == event.Type.FocusOut:
            self.save_document_note()
        return super().eventFilter(watched, event)

    def _delete_current(self) -> None:
        item = self.memos.currentItem()
        if item is not None:
            self.memoDeleted.emit(item.data(Qt.ItemDataRole.UserRole))

    def _open_result(self, item: QListWidgetItem) -> None:
        kind, doc_id, item_id = item.data(Qt.ItemDataRole.UserRole)
        if kind == "span":
            self.spanFound.emit(doc_id, item_id)
        else:
            self.memoOpened.emit(item_id)
