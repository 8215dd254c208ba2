"""Where the cards of many documents stand in print, read as they are drawn (``OutlinePages``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workbench.model import Document, DocumentId, Metadata
from workbench.model.annotation import SpanPlace
from workbench.ui.panels.highlight_row import printed_pages

if TYPE_CHECKING:
    from workbench.ui.session import ProjectSession


class OutlinePages:
    """The printed pages of cards from many documents (the whole project's, a theme's): each
    document's page breaks read when the first of its cards is drawn (the list holds ``stub``
    documents, their id and no more), and the last ``KEPT`` documents' kept. Reading them all
    first took most of a minute and 500 MB for 200,000 highlights in 86,000 documents."""

    KEPT = 2000
    _NOTHING = Metadata()

    def __init__(self, session: ProjectSession, pages: Callable[[Document, SpanPlace], str] = printed_pages) -> None:
        self.session, self.pages = session, pages
        self._outlines: dict[DocumentId, Document] = {}

    def stub(self, doc_id: DocumentId) -> Document:
        return Document(id=doc_id, text="", metadata=self._NOTHING)

    def __call__(self, document: Document, span: SpanPlace) -> str:
        outline = self._outlines.get(document.id)
        if outline is None:
            outline = self.session.page_outlines([document.id]).get(document.id, document)
            if len(self._outlines) >= self.KEPT:
                del self._outlines[next(iter(self._outlines))]
            self._outlines[document.id] = outline
        return self.pages(outline, span)
