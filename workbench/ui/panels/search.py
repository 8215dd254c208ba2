"""Search as you type: each hit a line of context with its document and page; click to go there.

The best hits come first, a page at a time: the first with how many documents and notes match,
the next when the list is scrolled to its end. The project session searches on a thread of its
own, so typing never waits; a page that comes back for a query typed over since is dropped.
"Tag all results…" turns the text hits shown into highlights with one tag, as one step of undo.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QShowEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from workbench.model import DocumentId
from workbench.storage.search import Hit, SearchPage
from workbench.ui.look import theme as themes
from workbench.ui.look.safe_text import SafeBrowser
from workbench.ui.session import ProjectSession

_DELAY_MS = 120
PAGE = 50  # hits asked for at a time: a few screenfuls


class SearchPanel(QWidget):
    searched = Signal(str)
    hitActivated = Signal(object)  # Hit
    tagAllRequested = Signal()

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.hits: list[Hit] = []
        self._shown: tuple[dict[DocumentId, str], bool] = ({}, False)
        self.matches: tuple[int, bool] | None = None  # rows that match, and whether "more than" that
        self.query = ""  # the query whose hits are shown, or on their way
        self._asked = False  # the next page was asked for and has not come yet
        self.field = QLineEdit(self)
        self.field.setPlaceholderText('Search: words, "a phrase", prefix*, AND / OR / NOT')
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search")
        self.count = QLabel(self)
        self.count.setObjectName("panelTitle")
        self.tag_all = QPushButton("Tag all results…", self)
        self.tag_all.setEnabled(False)
        self.tag_all.clicked.connect(self.tagAllRequested.emit)
        self.results = SafeBrowser(self, web_links=False)  # the hits quote imported texts: nothing is loaded
        self.results.setAccessibleName("Search results")
        self.results.anchorClicked.connect(self._on_link)
        self.results.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_DELAY_MS)
        self._timer.timeout.connect(lambda: self.searched.emit(self.field.text()))
        self.field.textChanged.connect(self._timer.start)
        self.field.returnPressed.connect(lambda: self.searched.emit(self.field.text()))
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.tag_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.field)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        self.searched.connect(self.run)

    def run(self, query: str) -> None:
        """Search ``query`` in the background; its first page shows when it comes."""
        self.query = query
        self.session.search_in_background(query, 0, PAGE, self._page)

    def _page(self, query: str, offset: int, page: SearchPage, where: dict[DocumentId, str]) -> None:
        if query != self.query or offset != (len(self.hits) if offset else 0):
            return  # typed over since, or a page already shown
        if offset:
            self.add_hits(page.hits, where, more=page.more)
        else:
            self.show_hits(page.hits, where, more=page.more, matches=(page.matches, page.capped))

    def show_hits(
        self, hits: list[Hit], where: dict[DocumentId, str], *, more: bool, matches: tuple[int, bool] | None = None
    ) -> None:
        """The first page of hits; ``where`` names each document ("No. 124"); ``matches``: how many
        documents, notes and tags match in all (``True``: at least that many)."""
        self.hits, self._shown, self.matches, self._asked = hits, (dict(where), more), matches, False
        self.results.setHtml(self._html(hits, 0))
        self._count()
        QTimer.singleShot(0, self, self._scrolled)  # a page that does not fill the view: the next one

    def add_hits(self, hits: list[Hit], where: dict[DocumentId, str], *, more: bool) -> None:
        """The next page, added below the hits shown (which keep their place in the view)."""
        first = len(self.hits)
        self.hits = self.hits + hits
        self._shown = ({**self._shown[0], **where}, more)
        self._asked = False
        cursor = QTextCursor(self.results.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(self._html(hits, first))
        self._count()
        QTimer.singleShot(0, self, self._scrolled)

    def _count(self) -> None:
        hits, more = self.hits, self._shown[1]
        text = f"{len(hits)}{'+' if more else ''} result{'s' * (len(hits) != 1)}"
        if more and self.matches is not None:
            total, at_least = self.matches
            text += f" · {'over ' if at_least else ''}{total:,} documents and notes match"
        self.count.setText(text if self.field.text().strip() else "")
        self.tag_all.setEnabled(any(h.kind == "text" for h in hits))

    def _html(self, hits: list[Hit], first: int) -> str:
        where = self._shown[0]
        muted, ink = themes.current().muted, themes.current().ink
        parts = []
        for i, hit in enumerate(hits, start=first):
            a, b = hit.marked
            context = (html.escape(hit.context[:a]) + "<b>" + html.escape(hit.context[a:b]) + "</b>"
                       + html.escape(hit.context[b:]))  # fmt: skip
            label = {"text": "", "note": f" · note {hit.note_n}", "span": " · highlight note", "tag": "tag",
                     "memo": " · document note" if hit.doc_id else "free note"}[hit.kind]  # fmt: skip
            origin = where.get(DocumentId(hit.doc_id), "") if hit.doc_id else ""
            page = f" · p. {html.escape(hit.page)}" if hit.page else ""  # a page label from an imported file
            parts.append(f"<p style='margin:0 0 8px 0'><a href='hit:{i}' style='text-decoration:none; color:{muted}'>"
                         f"{html.escape(origin)}{page}{label}</a><br><a href='hit:{i}' style='text-decoration:none;"
                         f" color:{ink}'>{context}</a></p>")  # fmt: skip
        return "".join(parts)

    def _scrolled(self, *_: object) -> None:
        """At the end of the hits (or all of them in view), and more follow: the next page."""
        bar = self.results.verticalScrollBar()
        if not self.results.isVisible():  # laid out only when shown: its end would always seem in view
            return
        if self._shown[1] and not self._asked and bar.value() >= bar.maximum() - bar.pageStep() // 2:
            self._asked = True
            self.session.search_in_background(self.query, len(self.hits), PAGE, self._page)

    def restyle(self) -> None:
        """Show the hits again in the theme's colours."""
        self.show_hits(self.hits, self._shown[0], more=self._shown[1], matches=self.matches)

    def text_hits(self) -> list[Hit]:
        return [hit for hit in self.hits if hit.kind == "text"]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._scrolled)  # hits that came while hidden may not fill the view

    def _on_link(self, url: QUrl) -> None:
        value = url.toString()
        if value.startswith("hit:"):
            self.hitActivated.emit(self.hits[int(value[4:])])
