"""The reading view: one document typeset as a page, with printed page numbers in the margin.

The text column keeps a comfortable measure and stays centred; the left viewport margin holds
the page numbers, level with the line where each printed page begins, and a faint rule marks
the break in the text. Footnote marks are links: hovering shows the note, clicking asks the
notes pane to show it. Copying gives the clean reading text, without marks or decoration.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QPoint, QPointF, QRect, Qt, QUrl, Signal
from PySide6.QtGui import (
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
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget

from workbench.model import Document
from workbench.ui.reading.note_popup import NotePopup
from workbench.ui.reading.render import NOTE_HREF_PREFIX, Rendered, render
from workbench.ui.theme import Theme

_MEASURE_EM = 38  # the text column's width in ems of the reading font: ~70 characters a line
_MARGIN_MIN = 64  # room for a page number even in a narrow window


@dataclass(frozen=True, slots=True)
class PageMark:
    """Printed page ``page`` begins at document coordinates (``x``, ``y``) on a line ``height`` high."""

    page: str
    x: float
    y: float
    ascent: float
    height: float
    at_line_start: bool


class PageMargin(QWidget):
    """The strip left of the text where printed page numbers stand."""

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self._view = view
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(view.theme.paper))
        font = view.theme.ui_font(view.theme.reading_size * 0.78)
        painter.setFont(font)
        painter.setPen(QColor(view.theme.muted))
        offset = view.verticalScrollBar().value() - view.viewportMargins().top()
        right = self.width() - 14
        for mark in view.page_marks():
            top = mark.y - offset
            if top + mark.height < 0 or top > self.height():
                continue
            rect = QRect(0, int(top), right, int(mark.height))
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, mark.page)


class ReadingView(QTextBrowser):
    noteActivated = Signal(int)  # a footnote mark was clicked
    pageChanged = Signal(str)  # the printed page under the pointer or text cursor

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document_model: Document | None = None
        self._rendered: Rendered | None = None
        self._marks: list[PageMark] | None = None
        self._margin = PageMargin(self)
        self.note_popup = NotePopup(self)
        self.anchorClicked.connect(self._on_anchor)
        self.cursorPositionChanged.connect(lambda: self._report_page(self.textCursor().position()))
        self.verticalScrollBar().valueChanged.connect(self._margin.update)

    # -- content ----------------------------------------------------------------------------

    def zoom(self, steps: int) -> None:
        """Typeset larger (+1) or smaller (−1) by one step, or back to the theme's size (0).

        The text carries explicit font sizes, so Qt's own ``zoomIn`` would change nothing: the
        document is typeset again at the new size, keeping the reading position.
        """
        size = self.base_theme.reading_size if steps == 0 else self.theme.reading_size + steps
        size = max(8.0, min(size, 32.0))
        if size == self.theme.reading_size:
            return
        bar = self.verticalScrollBar()
        fraction = bar.value() / max(bar.maximum(), 1)
        self.theme = replace(self.theme, reading_size=size)
        if self.document_model is not None:
            self.show_document(self.document_model)
            bar.setValue(round(fraction * bar.maximum()))
        self._margin.update()

    def show_document(self, document: Document | None) -> None:
        self.note_popup.hide()
        self.document_model = document
        self._marks = None
        if document is None:
            self._rendered = None
            self.clear()
            return
        self._rendered = render(document, self.theme)
        self.setDocument(self._rendered.document)
        self._rendered.document.setParent(self)  # the view owns it; the old one goes with setDocument
        self._rendered.document.documentLayout().documentSizeChanged.connect(self._invalidate_marks)
        self._layout_column()
        self.verticalScrollBar().setValue(0)

    @property
    def positions(self):
        return self._rendered.positions if self._rendered else None

    def page_marks(self) -> list[PageMark]:
        """Where each printed page begins, in document coordinates (cached until the layout changes)."""
        if self._marks is None:
            self._marks = self._compute_marks()
        return self._marks

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
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        copy = menu.addAction("Copy", self.copy)
        copy.setEnabled(self.selected_range() is not None)
        menu.addAction("Select All", self.selectAll)
        menu.exec(event.globalPos())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_column()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        position = event.position().toPoint()
        href = self.anchorAt(position)
        if href.startswith(NOTE_HREF_PREFIX) and self.document_model is not None:
            n = int(href.removeprefix(NOTE_HREF_PREFIX))
            note = next((note for note in self.document_model.notes if note.n == n), None)
            if note is not None:
                self.note_popup.show_note(note, self.viewport().mapToGlobal(position + QPoint(12, 18)))
        else:
            self.note_popup.hide()
        self._report_page(self.cursorForPosition(position).position())

    def leaveEvent(self, event) -> None:
        self.note_popup.hide()
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._rendered is None:
            return
        painter = QPainter(self.viewport())
        pen = QPen(QColor(self.theme.rule))
        pen.setWidthF(1.0)
        painter.setPen(pen)
        scroll = self.verticalScrollBar().value()
        left = self.document().documentMargin()
        right = self.viewport().width() - self.document().documentMargin()
        for mark in self.page_marks():
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
        column = min(max(width - 2 * _MARGIN_MIN, 200), int(em * _MEASURE_EM))
        left = max(_MARGIN_MIN, (width - column) // 2)
        self.setViewportMargins(left, 0, max(0, width - column - left), 0)
        # Margins do not re-wrap the text by themselves: wrap it at the column's width.
        self.setLineWrapColumnOrWidth(column)
        self._margin.setGeometry(self.frameWidth(), self.frameWidth(), left, self.height() - 2 * self.frameWidth())
        self._invalidate_marks()

    def _invalidate_marks(self) -> None:
        self._marks = None
        self._margin.update()
        self.viewport().update()

    def _compute_marks(self) -> list[PageMark]:
        if self._rendered is None or self.document_model is None:
            return []
        pages = self.document_model.pages
        positions = self._rendered.positions
        starts: list[tuple[str, int]] = []
        if pages.first_page is not None and not (pages.breaks and pages.breaks[0].start == 0):
            starts.append((pages.first_page, 0))
        starts.extend((b.n, b.start) for b in pages.breaks)
        layout = self.document().documentLayout()
        marks = []
        for page, offset in starts:
            position = positions.to_view(offset)
            block = self.document().findBlock(position)
            if not block.isValid() or block.layout() is None:
                continue
            rect = layout.blockBoundingRect(block)
            line = block.layout().lineForTextPosition(position - block.position())
            if not line.isValid():
                continue
            x = rect.left() + line.cursorToX(position - block.position())[0]
            at_start = position - block.position() == line.textStart()
            marks.append(PageMark(page, x, rect.top() + line.y(), line.ascent(), line.height(), at_start))
        return marks

    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith(NOTE_HREF_PREFIX):
            self.noteActivated.emit(int(href.removeprefix(NOTE_HREF_PREFIX)))

    def _report_page(self, view_position: int) -> None:
        page = self.page_at_view_position(view_position)
        if page is not None:
            self.pageChanged.emit(page)
