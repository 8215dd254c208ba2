"""The reading view: one document typeset as a page, with printed page numbers in the margin.

The text column keeps a comfortable measure and stays centred; the left viewport margin holds
the page numbers, level with the line where each printed page begins, and a faint rule marks
the break in the text. Footnote marks are links: hovering shows the note, clicking asks the
notes pane to show it. Copying gives the clean reading text, without marks or decoration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QPoint, QRectF, QSizeF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget

from workbench.model import Document, GlossaryEntry
from workbench.model.annotation import Span, SpanId, SpanPlace, TagTree
from workbench.model.span_index import SpanIndex
from workbench.ui.look.safe_text import SafeBrowser
from workbench.ui.look.theme import Theme
from workbench.ui.reading.column import lay_out_column
from workbench.ui.reading.highlights import (
    StripeMargin,
    paint_highlights,
    paint_selection_frame,
    visible_spans,
)
from workbench.ui.reading.in_view import text_in_view
from workbench.ui.reading.kept_place import KeptPlace
from workbench.ui.reading.keys import context_menu, copy_words, resize_by_key
from workbench.ui.reading.note_popup import NotePopup
from workbench.ui.reading.page_marks import PageMargin, PageMarks, paint_page_rules
from workbench.ui.reading.pointer import followed, released, rest
from workbench.ui.reading.render import Rendered, render

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
        self.place = KeptPlace(self)  # the words at the top, through resizes
        self._pressed_at: QPoint | None = None
        self.verticalScrollBar().actionTriggered.connect(self.place.reader_moved)  # a drag, a click, the wheel
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
        self.anchorClicked.connect(lambda url: followed(self, url))
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
        self.place.forget()
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
            self.place.reader_moved()
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
        self.place.reader_moved()

    def center_cursor(self) -> None:
        """Scroll so that the text cursor stands in the middle of the view."""
        self.place.reader_moved()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect().center().y() - self.viewport().height() // 2)

    # -- Qt overrides -----------------------------------------------------------------------

    def copy(self) -> None:
        copy_words(self)  # the words only (``keys``)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        if resize_by_key(self, event):
            return
        super().keyPressEvent(event)
        self.place.reader_moved()  # Page Down, arrows: the place may have moved

    def context_menu(self) -> QMenu:
        return context_menu(self)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-wrap the column, and keep the words that stood at the top there: the place survives."""
        self.place.before_resize()
        super().resizeEvent(event)
        self._layout_column()
        self.place.after_resize()

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
        rest(self, event)  # what the pointer rests on (``pointer``)
        self._report_page(self.cursorForPosition(event.position().toPoint()).position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        released(self, event, self._pressed_at)

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
        paint_page_rules(painter, self)

    # -- internals --------------------------------------------------------------------------

    def _layout_column(self) -> None:
        """Centre a text column of a reading measure; the left margin becomes the page strip."""
        column = lay_out_column(self, self._margin, self._stripes)
        if column != self._column:  # a taller or shorter window wraps nothing again
            self._column = column
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
        """The reading-text offsets at the top left and bottom right of the view (``in_view``).

        Each paint of the text, the page margin and the stripes asks, several times a frame; finding
        a point's position walks the layout (milliseconds on a long text), so the answer is kept until
        the view scrolls, resizes or is laid out again."""
        if self._rendered is None:
            return 0, 0
        key = self._view_key()
        if self._visible[0] != key:
            first, last = text_in_view(self)
            positions = self._rendered.positions
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

    def _report_page(self, view_position: int) -> None:
        page = self.page_marks.page_at(view_position)
        if page is not None:
            self.pageChanged.emit(page)
