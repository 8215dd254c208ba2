"""The page-image pane's ties to the window: which document, which page, which highlights.

The pane is off until View › Page Image (F7) turns it on; only then is a document's PDF read
from the project, so opening documents costs nothing for a historian who never looks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint

from workbench.storage.documents import load_facsimile
from workbench.ui.panels.facsimile import FacsimilePane
from workbench.ui.window.timers import settle_timer

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow


class FacsimileLink:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.pane = FacsimilePane(window)
        self.pane.hide()
        self._shown_doc = ""
        self._follow = settle_timer(window, 60, self._follow_view)
        reading = window.reading
        reading.verticalScrollBar().valueChanged.connect(lambda _value: self._follow.start())
        reading.cursorPositionChanged.connect(self._follow_cursor)
        self.pane.offsetClicked.connect(self._place_cursor)

    @property
    def visible(self) -> bool:
        return self.pane.isVisible()

    def set_visible(self, on: bool) -> None:
        self.pane.setVisible(on)
        if on:
            self._share_with_text()
            self.document_changed()

    def _share_with_text(self) -> None:
        """Give the page a readable width: close to half of what the text had, when it opens narrow."""
        splitter = self.window.splitter
        sizes = splitter.sizes()
        pane = splitter.indexOf(self.pane)
        text = pane - 1
        if pane < 1 or sizes[pane] >= 420:
            return
        together = sizes[text] + sizes[pane]
        sizes[pane] = max(int(together * 0.45), min(420, together // 2))
        sizes[text] = together - sizes[pane]
        splitter.setSizes(sizes)

    def document_changed(self) -> None:
        """The window opened another document (or this one's text changed)."""
        if not self.visible:
            self._shown_doc = ""
            return
        document = self.window.document
        doc_id = document.id if document else ""
        if doc_id != self._shown_doc:
            self._shown_doc = doc_id
            facsimile = load_facsimile(self.window.project.db, doc_id) if doc_id else None
            self.pane.show_document(doc_id, facsimile)
        self.spans_changed()
        self._follow_view()

    def spans_changed(self) -> None:
        if self.visible and self.window.document is not None:
            self.pane.set_spans(self.window.session.places(self.window.document.id), self.window.tags)

    def _follow_view(self) -> None:
        reading = self.window.reading
        if not self.visible or reading.positions is None:
            return
        point = QPoint(reading.viewport().width() // 2, reading.viewport().height() // 3)
        self.pane.follow_offset(reading.positions.to_model(reading.cursorForPosition(point).position()))

    def _follow_cursor(self) -> None:
        reading = self.window.reading
        if self.visible and reading.positions is not None and reading.hasFocus():
            self.pane.follow_offset(reading.positions.to_model(reading.textCursor().position()))

    def _place_cursor(self, offset: int) -> None:
        self.window.reading.select_range(offset, offset)
        self.window.reading.setFocus()
