"""The reading view: one document typeset as a page, with printed page numbers in the margin.

The text column keeps a comfortable measure and stays centred; the left viewport margin holds
the page numbers, level with the line where each printed page begins, and a faint rule marks
the break in the text. Footnote marks are links: hovering shows the note, clicking asks the
notes pane to show it. Copying gives the clean reading text, without marks or decoration.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSizeF, Qt, QUrl, QVariantAnimation, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextBrowser, QWidget

from workbench.model import Document, GlossaryEntry
from workbench.model.annotation import Span, SpanId, SpanPlace, TagTree
from workbench.model.span_index import SpanIndex
from workbench.ui.look.safe_text import SafeBrowser
from workbench.ui.look.theme import Theme
from workbench.ui.reading.highlights import (
    StripeMargin,
    describe_spans,
    paint_highlights,
    paint_selection_frame,
    release_layouts,
    span_rects,
    visible_spans,
)
from workbench.ui.reading.in_view import line_at, position_in_view
from workbench.ui.reading.note_popup import NotePopup
from workbench.ui.reading.page_marks import PageMargin, PageMarks
from workbench.ui.reading.render import NOTE_HREF_PREFIX, PERSON_HREF, REF_HREF, TERM_HREF, Rendered, render

_MEASURE_EM = 38  # the text column's width in ems of the reading font: ~70 characters a line
_MARGIN_MIN = 64  # room for a page number and the coding stripes
_SETTLING_S = 0.5  # after a resize, the re-wrapped text may still move the scroll bar this long
_MARGIN_NARROW = 40  # … when the window is narrow: the page number still fits, the text keeps its room
_KEPT_RECTS = 20_000  # spans whose rectangles the view keeps between frames (a few MB at most)


class ReadingView(SafeBrowser):
    noteActivated = Signal(int)  # a footnote mark was clicked
    linkActivated = Signal(str, str)  # "person" | "term" | "ref", and the key or target
    pageChanged = Signal(str)  # the printed page under the pointer or text cursor
    currentSpanChanged = Signal(object)  # SpanId or None: a highlight was clicked, or the click was elsewhere
    selectionSettled = Signal()  # the mouse let go of a selection: time to offer the tags
    resizeRequested = Signal(int, int, int)  # span id, new start, new end (Shift+arrow keys)
    detailsRequested = Signal()  # the line above the title (what the document is) was double-clicked

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent, web_links=False)
        self.theme = theme
        self.base_theme = theme
        self.setObjectName("readingView")
        self.setAccessibleName("Document text")
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.viewport().setMouseTracking(True)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self._top: int | None = None  # the place a resize keeps: the position first shown
        self._kept: tuple[int, float] | None = None  # the scroll value it was kept at, and when
        self.verticalScrollBar().actionTriggered.connect(self._reader_moved)  # a drag, a click, the wheel
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document_model: Document | None = None
        self.glossary: dict[str, GlossaryEntry] = {}  # key → entry, for the names the text links
        self._rendered: Rendered | None = None
        self.page_marks = PageMarks(self)  # the printed pages' numbers in the margin, measured as asked
        self._layout_generation = 0  # counts layouts of the text: what was measured before is stale
        self._laid_width = -1.0  # the text's width when last laid out (``_on_document_size``)
        self._column = (0, 0)  # the text column's left edge and width (``_layout_column``)
        self._visible: tuple[object, tuple[int, int]] = (None, (0, 0))
        self._rects: tuple[int, dict[tuple[int, int], list[QRectF]]] = (-1, {})
        self._margin = PageMargin(self)
        self._stripes = StripeMargin(self)
        self.span_index = SpanIndex()
        #: Whole spans by id (the session's ``spans_by_id``): the view holds only where they lie,
        #: and reads the words of those a tooltip describes.
        self.details: Callable[[Iterable[SpanId]], list[Span]] = lambda _ids: []
        self.tags = TagTree([])
        self.patterns = False  # underline patterns (Settings): tags told apart without colour
        self.context_actions: list[QAction] = []  # the window's Tag…, Note…, Copy with Citation
        self.current_span: SpanId | None = None
        self._flash = 0.0
        self._flash_animation = QVariantAnimation(self)
        self._flash_animation.setStartValue(1.0)
        self._flash_animation.setEndValue(0.0)
        self._flash_animation.setDuration(900)
        self._flash_animation.valueChanged.connect(self._on_flash)
        self.note_popup = NotePopup(self)
        self.anchorClicked.connect(self._on_anchor)
        self.cursorPositionChanged.connect(lambda: self._report_page(self.textCursor().position()))
        self.verticalScrollBar().valueChanged.connect(self._margin.update)
        self.verticalScrollBar().valueChanged.connect(self._stripes.update)

    # -- content ----------------------------------------------------------------------------

    def zoom(self, steps: int) -> None:
        """Typeset larger (+1) or smaller (−1) by one step, or back to the theme's size (0).

        The text carries explicit font sizes, so Qt's own ``zoomIn`` would change nothing: the
        document is typeset again at the new size, keeping the reading position.
        """
        size = self.base_theme.reading_size if steps == 0 else self.theme.reading_size + steps
        size = max(8.0, min(size, 32.0))
        if size != self.theme.reading_size:
            self._retypeset(replace(self.theme, reading_size=size))

    def set_theme(self, theme: Theme) -> None:
        """Colours, reading font and size from Settings (a zoom the reader made is kept)."""
        steps = self.theme.reading_size - self.base_theme.reading_size
        self.base_theme = theme
        self._retypeset(replace(theme, reading_size=max(8.0, min(theme.reading_size + steps, 32.0))))

    def set_patterns(self, on: bool) -> None:
        """Each tag's underline in a pattern of its own, so tags differ without colour."""
        self.patterns = on
        self._repaint_all()

    def _retypeset(self, theme: Theme) -> None:
        """Typeset the document again in ``theme``, keeping the reading position."""
        bar = self.verticalScrollBar()
        fraction = bar.value() / max(bar.maximum(), 1)
        self.theme = theme
        if self.document_model is not None:
            self.show_document(self.document_model)
            bar.setValue(round(fraction * bar.maximum()))
        self._margin.update()
        self._repaint_all()

    def show_document(self, document: Document | None) -> None:
        self.note_popup.hide()
        self.document_model = document
        self._top = self._kept = None  # a new text: its place is where the reader goes next
        self._invalidate_marks()
        shown = self.document()
        ours = shown.parent() is self  # a text shown before, not the editor's own first document
        if document is None:
            self._rendered = None
            self.setDocument(QTextDocument(self))  # an empty page
        else:
            self._rendered = render(document, self.theme)
            self._rendered.document.setParent(self)
            self.setDocument(self._rendered.document)
            self._laid_width = -1.0
            self._rendered.document.documentLayout().documentSizeChanged.connect(self._on_document_size)
            self._layout_column()
            self.verticalScrollBar().setValue(0)
        if ours:
            # setDocument deletes only a document its editor made; the texts shown before are the
            # view's children, kept (with their layouts, megabytes each) until deleted here.
            shown.deleteLater()

    # -- highlights -------------------------------------------------------------------------

    def set_annotations(self, spans: Iterable[SpanPlace], tags: TagTree) -> None:
        """The spans of the shown document (in its reading text) and the tag tree to colour them."""
        self.span_index = SpanIndex(s for s in spans if s.note_n is None and not s.orphaned)
        self.tags = tags
        if self.current_span not in self.span_index.by_id:
            self.current_span = None
        self._repaint_all()

    def set_tags(self, tags: TagTree) -> None:
        self.tags = tags
        self._repaint_all()

    def update_spans(self, changed: Iterable[SpanId], current: Iterable[SpanPlace]) -> None:
        """Some spans were added, changed or removed: update them and repaint the text."""
        changed = list(changed)
        self.span_index.update(changed, [s for s in current if s.note_n is None and not s.orphaned])
        if self.current_span is not None and self.current_span not in self.span_index.by_id:
            self.set_current_span(None)
        self._repaint_all()

    def set_current_span(self, span_id: SpanId | None, *, flash: bool = False, scroll: bool = False) -> None:
        if span_id is not None and span_id not in self.span_index.by_id:
            span_id = None
        changed = span_id != self.current_span
        self.current_span = span_id
        if span_id is not None and scroll:
            span = self.span_index.by_id[span_id]
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.positions.to_view(span.end, end=True))
            self.setTextCursor(cursor)
            cursor.setPosition(self.positions.to_view(span.start))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            self._reader_moved()
        if flash and span_id is not None:
            self._flash_animation.stop()
            self._flash_animation.start()
        self.viewport().update()
        if changed:
            self.currentSpanChanged.emit(span_id)

    def _on_flash(self, value: float) -> None:
        self._flash = float(value)
        self.viewport().update()

    def _repaint_all(self) -> None:
        self.viewport().update()
        self._stripes.update()

    @property
    def positions(self):
        return self._rendered.positions if self._rendered else None

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as a reading-text range, or ``None`` when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self._rendered is None:
            return None
        positions = self._rendered.positions
        start, end = positions.to_model(cursor.selectionStart()), positions.to_model(cursor.selectionEnd())
        return (start, end) if start < end else None

    def select_range(self, start: int, end: int) -> None:
        """Select reading-text ``[start, end)`` and scroll it into view."""
        if self._rendered is None:
            return
        positions = self._rendered.positions
        cursor = QTextCursor(self.document())
        cursor.setPosition(positions.to_view(start))
        cursor.setPosition(positions.to_view(end, end=True), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._reader_moved()

    def center_cursor(self) -> None:
        """Scroll so that the text cursor stands in the middle of the view."""
        self._reader_moved()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect().center().y() - self.viewport().height() // 2)

    def note_mark_rect(self, n: int) -> QRect:
        """Where footnote ``n``'s mark is drawn, in viewport coordinates (empty if not shown)."""
        note = next((note for note in self.document_model.notes if note.n == n), None) if self.document_model else None
        if note is None or self._rendered is None:
            return QRect()
        cursor = QTextCursor(self.document())
        before = self._rendered.positions.to_view(note.anchor, end=True)
        cursor.setPosition(before)
        left = self.cursorRect(cursor)
        cursor.setPosition(before + 1)
        right = self.cursorRect(cursor)
        return QRect(left.left(), left.top(), max(right.left() - left.left(), 1), left.height())

    def page_at_view_position(self, position: int) -> str | None:
        if self._rendered is None or self.document_model is None:
            return None
        return self.document_model.pages.page_at(self._rendered.positions.to_model(position))

    # -- Qt overrides -----------------------------------------------------------------------

    def copy(self) -> None:
        """Copy the words only: no footnote digits, no dateline, whatever the selection spans.

        (Not done by overriding ``createMimeDataFromSelection``: a ``QMimeData`` made in Python and
        handed to Qt is freed twice when the application exits, a crash in PySide6 6.11. So a drag
        of selected text still carries Qt's text, footnote digits included.)
        """
        selected = self.selected_range()
        if selected and self.document_model is not None:
            QGuiApplication.clipboard().setText(self.document_model.text[selected[0] : selected[1]])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        if self._resize_by_key(event):
            return
        super().keyPressEvent(event)
        self._reader_moved()  # Page Down, arrows: the place may have moved

    def _resize_by_key(self, event: QKeyEvent) -> bool:
        """Shift+←/→ move the current highlight's end by a word; with Alt, its start."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift, alt = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier
        if (self.current_span is None or self.textCursor().hasSelection() or modifiers not in (shift, shift | alt)
                or event.key() not in (Qt.Key.Key_Left, Qt.Key.Key_Right)):  # fmt: skip
            return False
        span = self.span_index.by_id[self.current_span]
        text = self.document_model.text if self.document_model else ""
        forward = event.key() == Qt.Key.Key_Right
        if modifiers == shift:
            start, end = span.start, word_boundary(text, span.end, forward)
        else:
            start, end = word_boundary(text, span.start, forward), span.end
        if start < end:
            self.resizeRequested.emit(span.id, start, end)
        return True

    def context_menu(self) -> QMenu:
        """Copy and Select All, then what the window adds (tag, note, copy with citation)."""
        menu = QMenu(self)
        copy = menu.addAction("&Copy", self.copy)
        copy.setEnabled(self.selected_range() is not None)
        menu.addAction("Select &All", self.selectAll)
        if self.context_actions:
            menu.addSeparator()
            menu.addActions(self.context_actions)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-wrap the column, and keep the words that stood at the top there: the place survives."""
        if self._rendered is not None and self._moved_since_kept():
            # Kept through a run of resizes, so no drift accumulates; at the very top, the top stays.
            self._top = self.top_position() if self.verticalScrollBar().value() else None
        super().resizeEvent(event)
        self._layout_column()
        if self._top is not None and self._rendered is not None:
            self.scroll_to_top(self._top)
            self._kept = (self.verticalScrollBar().value(), time.monotonic())

    def _reader_moved(self, *_: object) -> None:
        """The reader (or a jump to a hit, a highlight, a note) moved the text: that is the place now."""
        self._kept = None

    def _moved_since_kept(self) -> bool:
        """Whether the reader has scrolled since the place was last kept. (The text re-wrapping
        just after a resize moves the scroll bar too: that does not count as the reader's move.)"""
        if self._top is None or self._kept is None:
            return True
        value, when = self._kept
        return self.verticalScrollBar().value() != value and time.monotonic() - when > _SETTLING_S

    def top_position(self) -> int:
        """The document position of the first words shown at the top of the view."""
        return self.cursorForPosition(QPoint(0, 0)).position()

    def scroll_to_top(self, position: int) -> None:
        """Scroll so that the line holding document ``position`` is the first one shown."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        position = event.position().toPoint()
        href = self.anchorAt(position)
        entry = self.glossary.get(href.split(":", 1)[1]) if href.startswith((PERSON_HREF, TERM_HREF)) else None
        if entry is not None:
            rich = f"<b>{html.escape(entry.name)}</b><br>{html.escape(entry.description)}"
            self.note_popup.show_html(href, rich, f"{entry.name}\n{entry.description}",
                                      self.viewport().mapToGlobal(position + QPoint(12, 18)))  # fmt: skip
        elif href.startswith(NOTE_HREF_PREFIX) and self.document_model is not None:
            n = int(href.removeprefix(NOTE_HREF_PREFIX))
            note = next((note for note in self.document_model.notes if note.n == n), None)
            if note is not None:
                self.note_popup.show_note(note, self.viewport().mapToGlobal(position + QPoint(12, 18)))
        elif not (event.buttons() & Qt.MouseButton.LeftButton) and (spans := self.spans_at_point(position)):
            key = tuple(s.id for s in spans)
            if not self.note_popup.shows(key):  # the words are read once a rest on a highlight, not a move
                whole = {span.id: span for span in self.details(key)}
                rich, plain = describe_spans([whole[i] for i in key if i in whole], self.tags)
                self.note_popup.show_html(key, rich, plain, self.viewport().mapToGlobal(position + QPoint(12, 18)))
        else:
            self.note_popup.hide()
        self._report_page(self.cursorForPosition(position).position())

    def spans_at_point(self, point: QPoint) -> list[SpanPlace]:
        """The spans under a viewport point (over their painted text, not just on their line)."""
        if self.positions is None or not len(self.span_index):
            return []
        view_position = self.cursorForPosition(point).position()
        offset = self.positions.to_model(view_position)
        candidates = self.span_index.at(offset) + self.span_index.at(max(offset - 1, 0))
        scroll = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        spot = QPointF(point) + scroll
        found = []
        for span in dict.fromkeys(candidates):
            if any(rect.adjusted(-1, -1, 1, 3).contains(spot) for rect in span_rects(self, span)):
                found.append(span)
        return sorted(found, key=lambda s: (s.end - s.start, s.id))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = event.position().toPoint()
        clicked = (point - getattr(self, "_pressed_at", point)).manhattanLength() < QApplication.startDragDistance()
        if clicked and self.anchorAt(point):  # a footnote mark or a name followed: nothing to tag here
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            return
        if self.textCursor().hasSelection():
            self.selectionSettled.emit()
            return
        if self.anchorAt(event.position().toPoint()):
            return
        spans = self.spans_at_point(event.position().toPoint())
        self.set_current_span(spans[0].id if spans else None)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double click on the header line above the title opens the document's details."""
        if self._rendered is not None and self.document_model is not None:
            position = self.cursorForPosition(event.position().toPoint()).position()
            if self.document_model.text and position < self._rendered.positions.to_view(0):
                self.detailsRequested.emit()
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event) -> None:
        self.note_popup.hide()
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._rendered is None:
            return
        painter = QPainter(self.viewport())
        spans = visible_spans(self, self.span_index)
        if spans:
            paint_highlights(painter, self, spans, self.span_index, self.tags, current=self.current_span,
                             flash=self._flash)  # fmt: skip
            selected = self.selected_range()
            if selected and any(s.start < selected[1] and selected[0] < s.end for s in spans):
                paint_selection_frame(painter, self, *selected)
        pen = QPen(QColor(self.theme.rule))
        pen.setWidthF(1.0)
        painter.setPen(pen)
        scroll = self.verticalScrollBar().value()
        left = self.document().documentMargin()
        right = self.viewport().width() - self.document().documentMargin()
        for mark in self.page_marks.in_view():
            y = mark.y - scroll
            if y < -mark.height or y > self.viewport().height():
                continue
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            if not mark.at_line_start:  # a break inside a line: a thin bar before the page's first word
                accent = QPen(QColor(self.theme.muted))
                accent.setWidthF(1.2)
                painter.setPen(accent)
                x = mark.x - 3
                painter.drawLine(QPointF(x, y + 3), QPointF(x, y + mark.height - 3))
                painter.setPen(pen)

    # -- internals --------------------------------------------------------------------------

    def _layout_column(self) -> None:
        """Centre a text column of a reading measure; the left margin becomes the page strip."""
        width = self.width() - self.verticalScrollBar().sizeHint().width() - 2 * self.frameWidth()
        em = self.fontMetrics().horizontalAdvance("M") * self.theme.reading_size / max(self.font().pointSizeF(), 1)
        measure = int(em * _MEASURE_EM)
        margin = _MARGIN_MIN if width - 2 * _MARGIN_MIN >= measure else _MARGIN_NARROW  # short of room
        column = min(max(width - 2 * margin, 200), measure)
        left = max(margin, (width - column) // 2)
        self.setViewportMargins(left, 0, max(0, width - column - left), 0)
        # Margins do not re-wrap the text by themselves: wrap it at the column's width.
        self.setLineWrapColumnOrWidth(column)
        self._margin.setGeometry(self.frameWidth(), self.frameWidth(), left, self.height() - 2 * self.frameWidth())
        right_edge = self.frameWidth() + left + self.viewport().width()
        stripes_width = max(0, width - column - left)
        self._stripes.setGeometry(right_edge, self.frameWidth(), stripes_width, self.height() - 2 * self.frameWidth())
        if (left, column) != self._column:  # a taller or shorter window wraps nothing again
            self._column = (left, column)
            self._invalidate_marks()

    def _on_document_size(self, size: QSizeF) -> None:
        """The text was laid out further, or anew. Qt lays a long text out a screenful first and
        the rest on later turns, from the top down: what stands above keeps its place, so what was
        measured in view still holds, and measuring it again (shaping every line in view) twice
        more per open was a fifth of its time. A new width wraps everything again. (The first
        report of a new text only says its width: it was laid out at the column's, measured since.)"""
        if 0 <= self._laid_width != size.width():
            self._invalidate_marks()
        self._laid_width = size.width()

    def _invalidate_marks(self) -> None:
        self.page_marks.forget()
        self._layout_generation += 1
        self._margin.update()
        self._stripes.update()
        self.viewport().update()

    def visible_range(self) -> tuple[int, int]:
        """The reading-text offsets at the top left and bottom right of the view.

        Each paint of the text, the page margin and the stripes asks, several times a frame; finding
        a point's position walks the layout (milliseconds on a long text), so the answer is kept until
        the view scrolls, resizes or is laid out again."""
        if self._rendered is None:
            return 0, 0
        viewport = self.viewport().rect()
        key = self._view_key()
        if self._visible[0] != key:
            top, bottom = self.verticalScrollBar().value(), self.verticalScrollBar().value() + viewport.height()
            # At the very top the corner is in the page's margin, above the first line, where Qt's
            # hit test answers nonsense (and lays out the whole text to do it) while a long text is
            # still being laid out: the text in view begins where the text does.
            top_edge = (viewport.topLeft(), QPoint(viewport.width() // 2, 2))
            first, first_holds = (0, True) if top == 0 else position_in_view(self, *top_edge)
            last, last_holds = position_in_view(self, viewport.bottomRight(), QPoint(0, viewport.bottom()))
            if first_holds != last_holds:  # the other edge from the laid-out lines, walking from this one
                if first_holds:
                    last = line_at(self.document(), first, bottom, end=True)
                else:
                    first = line_at(self.document(), last, top)
            positions = self._rendered.positions
            release_layouts(self.document(), first, last)  # asked after the text was drawn: give it back
            self._visible = (key, (positions.to_model(first), positions.to_model(last)))
        return self._visible[1]

    def _view_key(self) -> tuple:
        """What the stretch in view depends on: the scroll, the view's size, the layout."""
        size = self.viewport().size().toTuple()
        return self.verticalScrollBar().value(), self.horizontalScrollBar().value(), size, self._layout_generation

    def kept_rects(self) -> dict[tuple[int, int], list[QRectF]]:
        """Each measured span's rectangles by its (start, end), for as long as the layout holds
        (``highlights.span_rects``); a bounded store, emptied when full."""
        if self._rects[0] != self._layout_generation or len(self._rects[1]) > _KEPT_RECTS:
            self._rects = (self._layout_generation, {})
        return self._rects[1]

    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith(NOTE_HREF_PREFIX):
            self.noteActivated.emit(int(href.removeprefix(NOTE_HREF_PREFIX)))
        for prefix, kind in ((PERSON_HREF, "person"), (TERM_HREF, "term"), (REF_HREF, "ref")):
            if href.startswith(prefix):
                self.linkActivated.emit(kind, href.removeprefix(prefix))

    def _report_page(self, view_position: int) -> None:
        page = self.page_at_view_position(view_position)
        if page is not None:
            self.pageChanged.emit(page)


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
