"""Turning what the reader does in the text into operations: tag keys, the palette, notes, resizing.

The reading view only reports gestures (a selection settled, a highlight clicked, Shift+arrow
on a highlight); this controller decides what they mean and runs the operation through the
window's ``Operations``, which broadcasts the change to every view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QSettings
from PySide6.QtGui import QTextCursor

from workbench.model.annotation import Span, SpanId, TagId
from workbench.ops.spans import (
    annotate,
    create_span,
    default_author,
    delete_spans,
    resize_span,
    set_span_note,
    toggle_tag,
)
from workbench.storage.annotations import find_span
from workbench.ui.note_editor import NoteEditor
from workbench.ui.reading.selection_toolbar import SelectionToolbar
from workbench.ui.tag_palette import TagPalette

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow


def current_author() -> str:
    """The author name from the settings, else the login name."""
    name = QSettings().value("author", "")
    return str(name) if name else default_author()


class Annotator(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.reading
        self.toolbar = SelectionToolbar(self.view.viewport())
        self.toolbar.tagChosen.connect(lambda tag_id: self.apply_tag(TagId(tag_id)))
        self.toolbar.paletteRequested.connect(self.open_palette)
        self.toolbar.noteRequested.connect(self.edit_note)
        self.view.selectionSettled.connect(self._offer_toolbar)
        self.view.selectionChanged.connect(self._on_selection_changed)
        self.view.verticalScrollBar().valueChanged.connect(lambda _: self.toolbar.hide())
        self.view.resizeRequested.connect(self.resize)

    # -- what the gestures act on -----------------------------------------------------------

    def target(self) -> tuple[int, int] | None:
        """The selected text, else the current highlight's range."""
        selected = self.view.selected_range()
        if selected:
            return selected
        span = self.current_span()
        return (span.start, span.end) if span else None

    def current_span(self) -> Span | None:
        return self.view.span_index.by_id.get(self.view.current_span) if self.view.current_span else None

    # -- actions ----------------------------------------------------------------------------

    def apply_key(self, key: int) -> None:
        tag = self.window.tags.by_key(key)
        if tag is None:
            self.window.statusBar().showMessage(f"No tag has the key {key}: give one a key in the tag list.", 4000)
            return
        self.apply_tag(tag.id)

    def apply_tag(self, tag_id: TagId) -> None:
        """Tag the target with ``tag_id``, or take the tag off a highlight that has it."""
        target, document = self.target(), self.window.document
        if target is None or document is None:
            self.window.statusBar().showMessage("Select some text first, or click a highlight.", 4000)
            return
        project = self.window.project
        result = self.window.operations.run(
            "Tag", lambda: toggle_tag(project, document.id, *target, tag_id, author=current_author())
        )
        if result is not None:
            self._select_span(result.value)

    def open_palette(self) -> None:
        target, document = self.target(), self.window.document
        if target is None or document is None:
            self.window.statusBar().showMessage("Select some text first, or click a highlight.", 4000)
            return
        palette = TagPalette(self.window.tags, self.window)
        palette.move(self._popup_point())
        if not palette.exec():
            return
        if palette.chosen is not None:
            self.apply_tag(palette.chosen)
        elif palette.new_path:
            project, path = self.window.project, palette.new_path
            result = self.window.operations.run(
                "Tag", lambda: annotate(project, document.id, *target, tag_paths=[path], author=current_author())
            )
            if result is not None:
                self._select_span(result.value)

    def edit_note(self) -> None:
        """Write the note of the current highlight (or of the selection, which becomes one)."""
        document = self.window.document
        target = self.target()
        if document is None or target is None:
            self.window.statusBar().showMessage("Select some text first, or click a highlight.", 4000)
            return
        project = self.window.project
        span = self.current_span() if not self.view.selected_range() else None
        span = span or find_span(project.db, document.id, *target)
        quote = span.quote if span else document.text[target[0] : target[1]]
        editor = NoteEditor("Note on the passage", span.note if span else "", _shorten(quote), self.window)
        if not editor.exec() or (span is not None and editor.text == span.note):
            return
        text = editor.text
        if span is not None:
            self.window.operations.run("Note", lambda: set_span_note(project, span.id, text))
        elif text.strip():
            result = self.window.operations.run(
                "Note", lambda: create_span(project, document.id, *target, note=text, author=current_author())
            )
            if result is not None:
                self._select_span(result.value)

    def resize(self, span_id: int, start: int, end: int) -> None:
        project = self.window.project
        self.window.operations.run("Resize", lambda: resize_span(project, SpanId(span_id), start, end))

    def delete_current(self) -> None:
        span = self.current_span()
        if span is not None:
            project = self.window.project
            self.window.operations.run("Delete", lambda: delete_spans(project, [span.id]))

    def _select_span(self, span_id: SpanId | None) -> None:
        """The selection gives way to the highlight made from it, which becomes the current one
        (so its colour shows, and the next key adds a tag to it)."""
        cursor = self.view.textCursor()
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        self.toolbar.hide()
        self.view.set_current_span(span_id)

    # -- the toolbar ------------------------------------------------------------------------

    def _popup_point(self) -> QPoint:
        rect = self.view.cursorRect(self.view.textCursor())
        return self.view.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 8))

    def _offer_toolbar(self) -> None:
        cursor = QTextCursor(self.view.textCursor())
        cursor.setPosition(cursor.selectionStart())
        top = self.view.cursorRect(cursor)
        end = self.view.cursorRect(self.view.textCursor())
        self.toolbar.show_for(self.window.tags, QPoint((top.left() + end.right()) // 2, top.top()))

    def _on_selection_changed(self) -> None:
        if not self.view.textCursor().hasSelection():
            self.toolbar.hide()


def _shorten(text: str, width: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
