"""Turning what the reader does in the text into operations: tag keys, the palette, notes, resizing.

The reading view only reports gestures (a selection settled, a highlight clicked, Shift+arrow
on a highlight); this controller decides what they mean and runs the operation through the
window's ``Operations``, which broadcasts the change to every view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from workbench.export.clip import quote_with_citation
from workbench.model import Document
from workbench.model.annotation import SpanId, SpanPlace, TagId
from workbench.model.text import shorten
from workbench.ops.spans import (
    create_span,
    delete_spans,
    resize_span,
    set_span_note,
    toggle_tag,
)
from workbench.storage.annotations import find_span
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.dialogs.note_editor import NoteEditor
from workbench.ui.dialogs.tag_palette import TagPalette
from workbench.ui.reading.selection_toolbar import SelectionToolbar
from workbench.ui.window.clipboard import copy_rich

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class Target:
    """What a tag key or the palette acts on: a range of the text, or of footnote ``note_n``."""

    start: int
    end: int
    note_n: int | None = None


class Annotator(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.reading
        self.notes = window.notes
        self.toolbar = self._toolbar(self.view)
        self.notes_toolbar = self._toolbar(self.notes)
        self.view.selectionSettled.connect(lambda: self._offer_toolbar(self.view, self.toolbar))
        self.notes.selectionSettled.connect(lambda: self._offer_toolbar(self.notes, self.notes_toolbar))
        self.view.resizeRequested.connect(self.resize)

    def _toolbar(self, view: QTextEdit) -> SelectionToolbar:
        toolbar = SelectionToolbar(view.viewport())
        toolbar.tagChosen.connect(lambda tag_id: self.apply_tag(TagId(tag_id)))
        toolbar.paletteRequested.connect(self.open_palette)
        toolbar.noteRequested.connect(self.edit_note)
        view.selectionChanged.connect(lambda: None if view.textCursor().hasSelection() else toolbar.hide())
        view.verticalScrollBar().valueChanged.connect(lambda _: toolbar.hide())
        return toolbar

    # -- what the gestures act on -----------------------------------------------------------

    def target(self) -> Target | None:
        """The selection (in the footnotes if they have the focus or the text has none), else
        the current highlight."""
        in_notes = self.notes.selected_note_range()
        selected = self.view.selected_range()
        if in_notes and (self.notes.hasFocus() or not selected):
            n, start, end = in_notes
            return Target(start, end, n)
        if selected:
            return Target(*selected)
        span = self.current_span()
        return Target(span.start, span.end) if span else None

    def _target_or_ask(self) -> tuple[Target, Document] | None:
        """The target and the open document; or ``None``, having told the reader what to do."""
        target, document = self.target(), self.window.document
        if target is None or document is None:
            self.window.statusBar().showMessage("Select some text first, or click a highlight.", 4000)
            return None
        return target, document

    def current_span(self) -> SpanPlace | None:
        return self.view.span_index.by_id.get(self.view.current_span) if self.view.current_span else None

    # -- actions ----------------------------------------------------------------------------

    def apply_key(self, key: int) -> None:
        tag = self.window.tags.by_key(key)
        if tag is None and not any(True for _ in self.window.tags):  # the very first tag: make it now
            self.window.statusBar().showMessage("No tags yet: name the first one; it takes the key 1.", 8000)
            self.open_palette()
            return
        if tag is None:
            self.window.statusBar().showMessage(f"No tag has the key {key}: give one a key in the tag list.", 4000)
            return
        self.apply_tag(tag.id)

    def apply_tag(self, tag_id: TagId) -> None:
        """Tag the target with ``tag_id``, or take the tag off a highlight that has it."""
        if (found := self._target_or_ask()) is None:
            return
        target, document = found
        project = self.window.project
        result = self.window.operations.run(
            "Tag",
            lambda: toggle_tag(project, document.id, target.start, target.end, tag_id,
                               note_n=target.note_n),
        )  # fmt: skip
        if result is not None:
            self._select_span(result.value, target)

    def open_palette(self) -> None:
        if (found := self._target_or_ask()) is None:
            return
        target, document = found
        palette = TagPalette(self.window.tags, self.window)
        palette.move(self._popup_point())
        if not run_dialog(palette):
            return
        if palette.chosen is not None:
            self.apply_tag(palette.chosen)
        elif palette.new_path:
            project, path = self.window.project, palette.new_path
            result = self.window.operations.run(
                "Tag",
                lambda: create_span(project, document.id, target.start, target.end, tag_paths=[path],
                                 note_n=target.note_n),
            )  # fmt: skip
            if result is not None:
                self._select_span(result.value, target)

    def edit_note(self) -> None:
        """Write the note of the current highlight (or of the selection, which becomes one)."""
        if (found := self._target_or_ask()) is None:
            return
        target, document = found
        project = self.window.project
        place = self.current_span() if target.note_n is None and not self.view.selected_range() else None
        span = next(iter(self.window.session.spans_by_id([place.id])), None) if place else None  # its words
        span = span or find_span(project.db, document.id, target.start, target.end, note_n=target.note_n)
        source = document.text if target.note_n is None else document.note_text(target.note_n)
        quote = span.quote if span else source[target.start : target.end]
        editor = NoteEditor("Note on the passage", span.note if span else "", shorten(quote, 220), self.window)
        if not run_dialog(editor) or (span is not None and editor.text == span.note):
            return
        text = editor.text
        if span is not None:
            self.window.operations.run("Note", lambda: set_span_note(project, span.id, text))
        elif text.strip():
            result = self.window.operations.run(
                "Note",
                lambda: create_span(project, document.id, target.start, target.end, note=text,
                                    note_n=target.note_n),
            )  # fmt: skip
            if result is not None:
                self._select_span(result.value, target)

    def copy_with_citation(self) -> None:
        """Ctrl+Shift+C: the passage (selected, or the current highlight) and its note-form citation."""
        if (found := self._target_or_ask()) is None:
            return
        target, document = found
        prefs = self.window.preferences  # the citation style and quotation options of Settings
        plain, rich = quote_with_citation(document, target.start, target.end, note_n=target.note_n,
                                          style=prefs.citation_style, options=prefs.quote_options())  # fmt: skip
        copy_rich(plain, rich)
        self.window.statusBar().showMessage("Copied the quotation with its citation.", 3000)

    def resize(self, span_id: int, start: int, end: int) -> None:
        project = self.window.project
        self.window.operations.run("Resize", lambda: resize_span(project, SpanId(span_id), start, end))

    def delete_current(self) -> None:
        span = self.current_span()
        if span is not None:
            self.delete([span.id])

    def delete(self, span_ids: list[int]) -> None:
        """The highlights ``span_ids`` (chosen in the list, or the current one) gone, as one step."""
        project = self.window.project
        self.window.operations.run("Delete", lambda: delete_spans(project, [SpanId(i) for i in span_ids]))

    def _select_span(self, span_id: SpanId | None, target: Target) -> None:
        """The selection gives way to the highlight made from it, which becomes the current one
        (so its colour shows, and the next key adds a tag to it)."""
        view = self.notes if target.note_n is not None else self.view
        cursor = view.textCursor()
        cursor.clearSelection()
        view.setTextCursor(cursor)
        self.toolbar.hide()
        self.notes_toolbar.hide()
        if target.note_n is None:
            self.view.set_current_span(span_id)

    # -- the toolbar ------------------------------------------------------------------------

    def _popup_point(self) -> QPoint:
        rect = self.view.cursorRect(self.view.textCursor())
        return self.view.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 8))

    def _offer_toolbar(self, view: QTextEdit, toolbar: SelectionToolbar) -> None:
        cursor = QTextCursor(view.textCursor())
        cursor.setPosition(cursor.selectionStart())
        top = view.cursorRect(cursor)
        end = view.cursorRect(view.textCursor())
        toolbar.show_for(self.window.tags, QPoint((top.left() + end.right()) // 2, top.top()), end.bottomLeft())
