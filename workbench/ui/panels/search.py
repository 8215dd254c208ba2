"""Search as you type: each hit a line of context with its document and page; click to go there.

"Tag all results…" turns the text hits into highlights with one tag, as one step of undo.
The project session answers the query.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from workbench.model import DocumentId
from workbench.storage.search import Hit
from workbench.ui.look import theme as themes
from workbench.ui.session import ProjectSession

_DELAY_MS = 120
_LIMIT = 300  # hits shown; "300+" says there are more


class SearchPanel(QWidget):
    searched = Signal(str)
    hitActivated = Signal(object)  # Hit
    tagAllRequested = Signal()

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.hits: list[Hit] = []
        self._shown: tuple[dict[DocumentId, str], bool] = ({}, False)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText('Search: words, "a phrase", prefix*, AND / OR / NOT')
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search")
        self.count = QLabel(self)
        self.count.setObjectName("panelTitle")
        self.tag_all = QPushButton("Tag all results…", self)
        self.tag_all.setEnabled(False)
        self.tag_all.clicked.connect(self.tagAllRequested.emit)
        self.results = QTextBrowser(self)
        self.results.setOpenLinks(False)
        self.results.setAccessibleName("Search results")
        self.results.anchorClicked.connect(self._on_link)
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
        hits = self.session.search(query, limit=_LIMIT + 1)
        self.show_hits(hits[:_LIMIT], self.session.labels(titles=True), more=len(hits) > _LIMIT)

    def show_hits(self, hits: list[Hit], where: dict[DocumentId, str], *, more: bool) -> None:
        """``where`` names each document ("No. 124")."""
        self.hits, self._shown = hits, (where, more)
        text_hits = sum(h.kind == "text" for h in hits)
        plural = "s" * (len(hits) != 1)
        self.count.setText(f"{len(hits)}{'+' if more else ''} result{plural}" if self.field.text().strip() else "")
        self.tag_all.setEnabled(text_hits > 0)
        muted, ink = themes.current().muted, themes.current().ink
        parts = []
        for i, hit in enumerate(hits):
            a, b = hit.marked
            context = (html.escape(hit.context[:a]) + "<b>" + html.escape(hit.context[a:b]) + "</b>"
                       + html.escape(hit.context[b:]))  # fmt: skip
            label = {"text": "", "note": f" · note {hit.note_n}", "span": " · highlight note", "tag": "tag",
                     "memo": " · document note" if hit.doc_id else "free note"}[hit.kind]  # fmt: skip
            origin = where.get(DocumentId(hit.doc_id), "") if hit.doc_id else ""
            page = f" · p. {hit.page}" if hit.page else ""
            parts.append(f"<p style='margin:0 0 8px 0'><a href='hit:{i}' style='text-decoration:none; color:{muted}'>"
                         f"{html.escape(origin)}{page}{label}</a><br><a href='hit:{i}' style='text-decoration:none;"
                         f" color:{ink}'>{context}</a></p>")  # fmt: skip
        self.results.setHtml("".join(parts))

    def restyle(self) -> None:
        """Show the hits again in the theme's colours."""
        self.show_hits(self.hits, self._shown[0], more=self._shown[1])

    def text_hits(self) -> list[Hit]:
        return [hit for hit in self.hits if hit.kind == "text"]

    def _on_link(self, url: QUrl) -> None:
        value = url.toString()
        if value.startswith("hit:"):
            self.hitActivated.emit(self.hits[int(value[4:])])
