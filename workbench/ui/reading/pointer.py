"""What the pointer does over the reading view: resting on a name, a footnote mark or a highlight
shows what it is; a click chooses the highlight under it (the shortest: the most specific), lets
go of a selection (time to offer the tags), or follows a link."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from workbench.model.annotation import SpanPlace
from workbench.ui.reading.highlights import describe_spans, span_rects
from workbench.ui.reading.render import NOTE_HREF_PREFIX, PERSON_HREF, REF_HREF, TERM_HREF

if TYPE_CHECKING:
    from workbench.ui.reading.view import ReadingView

_BESIDE = QPoint(12, 18)  # where a popup stands from the pointer


def rest(view: ReadingView, event: QMouseEvent) -> None:
    """The pointer moved: the popup says what is under it (a glossary name, a note, highlights)."""
    position = event.position().toPoint()
    href = view.anchorAt(position)
    popup, at = view.note_popup, view.viewport().mapToGlobal(position + _BESIDE)
    entry = view.glossary.get(href.split(":", 1)[1]) if href.startswith((PERSON_HREF, TERM_HREF)) else None
    if entry is not None:
        rich = f"<b>{html.escape(entry.name)}</b><br>{html.escape(entry.description)}"
        popup.show_html(href, rich, f"{entry.name}\n{entry.description}", at)
    elif href.startswith(NOTE_HREF_PREFIX) and view.document_model is not None:
        n = int(href.removeprefix(NOTE_HREF_PREFIX))
        note = next((note for note in view.document_model.notes if note.n == n), None)
        if note is not None:
            popup.show_note(note, at)
    elif not (event.buttons() & Qt.MouseButton.LeftButton) and (spans := spans_at_point(view, position)):
        key = tuple(s.id for s in spans)
        if not popup.shows(key):  # the words are read once a rest on a highlight, not a move
            whole = {span.id: span for span in view.details(key)}
            rich, plain = describe_spans([whole[i] for i in key if i in whole], view.tags)
            popup.show_html(key, rich, plain, at)
    else:
        popup.hide()


def released(view: ReadingView, event: QMouseEvent, pressed_at: QPoint | None) -> None:
    """The left button let go: a link followed, a selection made, or a highlight chosen (or none)."""
    if event.button() != Qt.MouseButton.LeftButton:
        return
    point = event.position().toPoint()
    clicked = (point - (pressed_at or point)).manhattanLength() < QApplication.startDragDistance()
    if clicked and view.anchorAt(point):  # a footnote mark or a name followed: nothing to tag here
        cursor = view.textCursor()
        cursor.clearSelection()
        view.setTextCursor(cursor)
        return
    if view.textCursor().hasSelection():
        view.selectionSettled.emit()
        return
    if view.anchorAt(point):
        return
    spans = spans_at_point(view, point)
    view.set_current_span(spans[0].id if spans else None)


def spans_at_point(view: ReadingView, point: QPoint) -> list[SpanPlace]:
    """The spans under a viewport point (over their painted text, not just on their line)."""
    if view.positions is None or not len(view.span_index):
        return []
    offset = view.positions.to_model(view.cursorForPosition(point).position())
    candidates = view.span_index.at(offset) + view.span_index.at(max(offset - 1, 0))
    spot = QPointF(point) + QPointF(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    found = [span for span in dict.fromkeys(candidates)
             if any(rect.adjusted(-1, -1, 1, 3).contains(spot) for rect in span_rects(view, span))]  # fmt: skip
    return sorted(found, key=lambda s: (s.end - s.start, s.id))


def followed(view: ReadingView, url: QUrl) -> None:
    """A link in the text was clicked: a footnote mark, a name, a term or a reference."""
    href = url.toString()
    if href.startswith(NOTE_HREF_PREFIX):
        view.noteActivated.emit(int(href.removeprefix(NOTE_HREF_PREFIX)))
    for prefix, kind in ((PERSON_HREF, "person"), (TERM_HREF, "term"), (REF_HREF, "ref")):
        if href.startswith(prefix):
            view.linkActivated.emit(kind, href.removeprefix(prefix))
