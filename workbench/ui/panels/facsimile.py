"""View › Page Image: the page of a PDF source beside the text, with the highlights on it.

The pane follows the reading view: the page that prints the text at the top third of the view
(or at the cursor, when it moves) is shown. Pages are rendered by pdfium on a thread of their
own (pdfium is not thread-safe: one worker, one lock) and cached, so scrolling back and forth
costs nothing, and the window never waits for a render. A click on the image puts the text
cursor at the words printed there.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QPoint, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from workbench.facsimile import PageImage, Tint, render_page, tints
from workbench.model.annotation import SpanPlace, TagTree
from workbench.model.facsimile import Facsimile
from workbench.ui.window.timers import settle_timer

#: Rendered pages kept, the last few in view: at most this many, and this many bytes (a page at the
#: pane's width is 1-4 MB, zoomed in tens); the page on screen is kept whatever its size.
_CACHE_PAGES = 6
_CACHE_BYTES = 24 * 1024 * 1024


class _Rendered(QObject):
    done = Signal(object, object)  # key, PageImage or None: the page could not be rendered


class _RenderJob(QRunnable):
    def __init__(self, key: tuple, facsimile: Facsimile, page: int, width: int, drawn: list[Tint], out: _Rendered):
        super().__init__()
        self.key, self.facsimile, self.page, self.width, self.drawn, self.out = key, facsimile, page, width, drawn, out

    def run(self) -> None:
        try:
            image = render_page(self.facsimile, self.page, fit_width=self.width, tints=self.drawn)
        except Exception:  # a damaged page: the pane says so instead of the thread dying
            self.out.done.emit(self.key, None)
            return
        self.out.done.emit(self.key, image)


class _Page(QWidget):
    """The page image; a click reports the point in PDF points."""

    clicked = Signal(float, float)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.image: PageImage | None = None
        self._qimage: QImage | None = None
        self.setCursor(Qt.CursorShape.IBeamCursor)

    def show_image(self, image: PageImage | None) -> None:
        # The QImage reads the rendered bytes where they are (no copy: a page is kept once, not
        # twice); ``self.image`` holds them for as long as it is shown.
        self.image = image
        self._qimage = None if image is None else QImage(
            image.rgba, image.width, image.height, image.width * 4, QImage.Format.Format_RGBA8888
        )  # fmt: skip
        size = QSize(self.image.width, self.image.height) if self.image else QSize(0, 0)
        if size != self.size():
            self.setFixedSize(size)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._qimage is not None:
            QPainter(self).drawImage(0, 0, self._qimage)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.image is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(*self.image.to_points(event.position().x(), event.position().y()))


class FacsimilePane(QWidget):
    offsetClicked = Signal(int)  # the reading-text offset printed where the page was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facsimilePane")
        self.setAccessibleName("Page image")
        self.facsimile: Facsimile | None = None
        self.doc_id = ""
        self.page = 0
        self.zoom = 1.0  # of the fitted width
        self._spans: list[SpanPlace] = []
        self._tree = TagTree([])
        self._version = 0  # bumps when the highlights change: cached pages are redrawn
        self._cache: OrderedDict[tuple, PageImage | None] = OrderedDict()
        self._pending: set[tuple] = set()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._rendered = _Rendered(self)
        self._rendered.done.connect(self._on_rendered)
        self.caption = QLabel(self)
        self.caption.setObjectName("facsimileCaption")
        buttons = []
        for text, name, slot in (("−", "Zoom out", lambda: self.set_zoom(self.zoom / 1.25)),
                                 ("+", "Zoom in", lambda: self.set_zoom(self.zoom * 1.25)),
                                 ("↔", "Fit width", lambda: self.set_zoom(1.0))):  # fmt: skip
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(name)
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            buttons.append(button)
        self.view = _Page(self)
        self.view.clicked.connect(self._on_click)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.view)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setAccessibleName("Page image")
        tools = QHBoxLayout()
        tools.setContentsMargins(8, 4, 8, 4)
        tools.addWidget(self.caption, 1)
        for button in buttons:
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(tools)
        layout.addWidget(self.scroll_area, 1)
        self._resize_timer = settle_timer(self, 120, self._request)
        self.show_document("", None)

    # -- what to show -------------------------------------------------------------------------

    def show_document(self, doc_id: str, facsimile: Facsimile | None) -> None:
        self.doc_id, self.facsimile, self.page = doc_id, facsimile, 0
        self._cache.clear()
        self.view.show_image(None)
        if facsimile is None:
            self.caption.setText("No page images: only PDF sources have them.")
            return
        self._request()

    def set_spans(self, spans: list[SpanPlace], tree: TagTree) -> None:
        self._spans, self._tree = spans, tree
        self._version += 1
        self._request()

    def follow_offset(self, offset: int) -> None:
        """Show the page that prints reading-text ``offset`` (the reading view moved)."""
        if self.facsimile is None:
            return
        page = self.facsimile.page_of(offset)
        if page is not None and page != self.page:
            self.page = page
            self._request()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(max(zoom, 0.4), 4.0)
        self._request()

    # -- rendering ----------------------------------------------------------------------------

    def _width(self) -> int:
        return max(int((self.scroll_area.viewport().width() - 8) * self.zoom), 200)

    def _key(self) -> tuple:
        return (self.doc_id, self.page, self._width(), self._version)

    def _request(self) -> None:
        if self.facsimile is None or not self.isVisible():
            return
        label = self.facsimile.labels[self.page] if self.page < len(self.facsimile.labels) else str(self.page + 1)
        self.caption.setText(f"Page {label}  ·  {self.page + 1} of {len(self.facsimile.labels)} in the file")
        key = self._key()
        if key in self._cache:
            self._cache.move_to_end(key)
            self.view.show_image(self._cache[key])
            return
        if key in self._pending:
            return
        self._pending.add(key)
        drawn = tints(self.facsimile, self._spans, self._tree, self.page)
        self._pool.start(_RenderJob(key, self.facsimile, self.page, self._width(), drawn, self._rendered))

    def _on_rendered(self, key: tuple, rendered: PageImage | None) -> None:
        self._pending.discard(key)
        self._cache[key] = rendered
        while len(self._cache) > _CACHE_PAGES or (len(self._cache) > 1 and self.cached_bytes > _CACHE_BYTES):
            self._cache.popitem(last=False)
        if key == self._key():
            self.view.show_image(rendered)
            if rendered is None:
                self.caption.setText("This page could not be drawn.")

    @property
    def cached_bytes(self) -> int:
        return sum(len(image.rgba) for image in self._cache.values() if image is not None)

    @property
    def settled(self) -> bool:
        """The page in view is drawn as it now should be (tests, screenshots)."""
        return not self._pending and self._key() in self._cache

    # -- Qt -------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._request()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()

    def _on_click(self, x: float, y: float) -> None:
        if self.facsimile is not None:
            offset = self.facsimile.offset_at(self.page, x, y)
            if offset is not None:
                self.offsetClicked.emit(offset)

    def sizeHint(self) -> QSize:
        return QSize(520, 700)

    def point_of(self, offset: int) -> QPoint | None:
        """Where the image prints ``offset`` (pixels), for tests and tours."""
        if self.facsimile is None or self.view.image is None:
            return None
        boxes = self.facsimile.boxes_of(offset, offset + 1)
        if not boxes:
            return None
        x, y = self.view.image.to_pixels(boxes[0].left + 0.5, (boxes[0].bottom + boxes[0].top) / 2)
        return QPoint(int(x), int(y))
