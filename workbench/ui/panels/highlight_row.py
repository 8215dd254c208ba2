"""One highlight's card in a list (the Highlights panel, a theme's passages): what it shows, made
when it is first drawn, from where the highlight lies and, for its words, read then too."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from workbench.model import Document
from workbench.model.annotation import Span, SpanId, SpanPlace, TagTree
from workbench.model.document import page_span
from workbench.ui.look.markdown import markdown_to_plain

#: Reads whole spans, words and all, by id (the session's ``spans_by_id``).
Details = Callable[[Iterable[SpanId]], list[Span]]


def printed_pages(document: Document, span: Span | SpanPlace) -> str:
    """Where a card says the span stands: its printed pages, and its note if it is in one."""
    if span.orphaned:
        return "not in the corrected text"
    page = page_span(*document.pages_of(span.start, span.end, span.note_n))
    return page + (f"n{span.note_n}" if span.note_n is not None else "")


class Row:
    """One highlight's card. What the list filters and sorts by is the span's place, tags and
    author (``SpanPlace``); its words (quote, note) are read the first time the card is shown or a
    filter asks for them, and what the card shows (tag paths, printed pages, the note as plain
    text) is made then too, so opening 10,000 highlights reads and makes only the cards on screen.
    A card is made once per change of its span, not per refresh of the list (the list compares rows
    by identity). Its page apart from its tags: a sort by tag makes every card's tags, and need not
    find every card's page (the whole project's cards read their document's pages when drawn)."""

    __slots__ = ("_details", "_document", "_note", "_page", "_pages", "_tags", "_tree", "_words", "doc_id", "place")

    def __init__(
        self, span: Span | SpanPlace, document: Document, tree: TagTree, details: Details | None = None,
        pages: Callable[[Document, SpanPlace], str] = printed_pages,
    ) -> None:  # fmt: skip
        self._words: Span | None = None
        if isinstance(span, Span):  # words known already (a theme's cards)
            self._words, span = span, span.place
        self.place: SpanPlace = span
        self.doc_id = document.id
        self._document, self._tree, self._details, self._pages = document, tree, details, pages
        self._tags: str | None = None
        self._page: str | None = None
        self._note: str | None = None

    @property
    def span(self) -> Span:
        """The whole span, read when first asked (``read_words`` reads many at once)."""
        if self._words is None:
            Row.read_words([self])
        assert self._words is not None
        return self._words

    @staticmethod
    def read_words(rows: Iterable[Row]) -> None:
        """The words of every row that has not read them, in one query per reader: a text filter
        or a sort by date over 10,000 cards is one read, not 10,000. A span gone from the file
        meanwhile (another window deleted it) shows without words until the list is refreshed."""
        wanting = [row for row in rows if row._words is None]
        for details in {row._details for row in wanting if row._details is not None}:
            mine = {row.place.id: row for row in wanting if row._details == details}
            for span in details(mine):
                mine[span.id]._words = span
        for row in wanting:
            if row._words is None:
                place = row.place
                row._words = Span(place.id, "", place.doc_id, place.start, place.end, "", "", "", place.tag_ids,
                                  author=place.author, note_n=place.note_n, orphaned=place.orphaned)  # fmt: skip

    @property
    def tags(self) -> str:
        """Tag paths: from the place alone (a sort by tag reads no words)."""
        if self._tags is None:
            tree = self._tree
            self._tags = ", ".join(sorted(tree.path(t) for t in self.place.tag_ids if t in tree.by_id))
        return self._tags

    @property
    def page(self) -> str:
        if self._page is None:
            self._page = self._pages(self._document, self.place)
        return self._page

    @property
    def note(self) -> str:
        """The note as plain text, on one line."""
        if self._note is None:
            note = self.span.note
            self._note = " ".join(markdown_to_plain(note).split()) if note else ""
        return self._note
