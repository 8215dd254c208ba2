"""What the keys and the context menu do in the reading view beyond Qt's own: Copy gives the words
alone, and Shift+←/→ (with Alt, the start) move the current highlight's edge by a word."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from workbench.ui.reading.view import ReadingView


def copy_words(view: ReadingView) -> None:
    """Copy the words only: no footnote digits, no dateline, whatever the selection spans.

    (Not done by overriding ``createMimeDataFromSelection``: a ``QMimeData`` made in Python and
    handed to Qt is freed twice when the application exits, a crash in PySide6 6.11. So a drag
    of selected text still carries Qt's text, footnote digits included.)
    """
    selected = view.selected_range()
    if selected and view.document_model is not None:
        QGuiApplication.clipboard().setText(view.document_model.text[selected[0] : selected[1]])


def resize_by_key(view: ReadingView, event: QKeyEvent) -> bool:
    """Shift+←/→ move the current highlight's end by a word; with Alt, its start. Whether it did."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    shift, alt = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier
    if (view.current_span is None or view.textCursor().hasSelection() or modifiers not in (shift, shift | alt)
            or event.key() not in (Qt.Key.Key_Left, Qt.Key.Key_Right)):  # fmt: skip
        return False
    span = view.span_index.by_id[view.current_span]
    text = view.document_model.text if view.document_model else ""
    forward = event.key() == Qt.Key.Key_Right
    if modifiers == shift:
        start, end = span.start, word_boundary(text, span.end, forward)
    else:
        start, end = word_boundary(text, span.start, forward), span.end
    if start < end:
        view.resizeRequested.emit(span.id, start, end)
    return True


def context_menu(view: ReadingView) -> QMenu:
    """Copy and Select All, then what the window adds (tag, note, copy with citation)."""
    menu = QMenu(view)
    copy = menu.addAction("&Copy", view.copy)
    copy.setEnabled(view.selected_range() is not None)
    menu.addAction("Select &All", view.selectAll)
    if view.context_actions:
        menu.addSeparator()
        menu.addActions(view.context_actions)
    return menu


def word_boundary(text: str, offset: int, forward: bool) -> int:
    """The next (or previous) end of a word from ``offset``: where Shift+arrow moves a span's edge."""
    step = 1 if forward else -1
    i = offset
    limit = len(text) if forward else 0
    # skip the white space next to the edge, then the word beyond it
    while i != limit and text[i if forward else i - 1].isspace():
        i += step
    while i != limit and not text[i if forward else i - 1].isspace():
        i += step
    return i
