"""The document as the rest of the program sees it: clean reading text plus structure by offset.

Everything that points into a document (blocks, page breaks, note anchors, and later the
historian's spans) is an offset into one string, the *reading text*. Offsets count Unicode
code points from 0 and ends are exclusive, the convention of W3C ``TextPositionSelector`` and
REFI-QDA ``PlainTextSelection``, so exchange formats need no conversion. The reading text
holds no page markers and no footnote digits: any slice of it is a clean quote.
"""

from __future__ import annotations

import hashlib
import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

from workbench.model.facsimile import Facsimile
from workbench.model.metadata import Metadata

DocumentId = NewType("DocumentId", str)


def new_document_id() -> DocumentId:
    """A stable identity that survives export and merge (REFI-QDA and W3C need GUIDs)."""
    return DocumentId(str(uuid.uuid4()))


class BlockKind(StrEnum):
    HEADING = "heading"
    DATELINE = "dateline"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    SIGNED = "signed"
    LINE = "line"  # a line kept as written (salutation, address, closing): no paragraph space after


@dataclass(frozen=True, slots=True)
class Block:
    """One printed block: a run of the reading text between two block separators.

    ``level`` is the list nesting depth (0 outside lists); ``label`` is what the page prints
    before an item ("•", "1.", "(a)"): shown by the view, never part of the reading text.
    """

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    label: str = ""


@dataclass(frozen=True, slots=True)
class PageBreak:
    """A printed page ``n`` begins at ``start``. Page names are strings: front matter has "xii", "[I]"."""

    n: str
    start: int


_ROMAN = (
    ("m", 1000),
    ("cm", 900),
    ("d", 500),
    ("cd", 400),
    ("c", 100),
    ("xc", 90),
    ("l", 50),
    ("xl", 40),
    ("x", 10),
    ("ix", 9),
    ("v", 5),
    ("iv", 4),
    ("i", 1),
)


def _roman(value: int) -> str:
    out = []
    for numeral, amount in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def page_before(page: str) -> str | None:
    """The page printed before ``page``: "445" → "444", "xii" → "xi"; ``None`` if unknowable.

    Web text marks only where pages *begin*, so the page a document starts on is the one
    before its first marker.
    """
    if page.isdigit():
        return str(int(page) - 1) if int(page) > 1 else None
    lower = page.lower()
    if lower and all(ch in "ivxlcdm" for ch in lower):
        values = {_roman(n): n for n in range(1, 400)}
        if lower in values and values[lower] > 1:
            previous = _roman(values[lower] - 1)
            return previous.upper() if page.isupper() else previous
    return None


@dataclass(frozen=True, slots=True)
class PageMap:
    """Which printed page each offset stands on.

    ``first_page`` is the page in force where the document begins (a FRUS document usually
    starts part-way down a page that began in an earlier document); it is ``None`` for texts
    that have no printed pages.
    """

    first_page: str | None = None
    breaks: tuple[PageBreak, ...] = ()
    _starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(b.start for b in self.breaks))

    def page_at(self, offset: int) -> str | None:
        """The page the character at ``offset`` is printed on."""
        index = bisect_right(self._starts, offset)
        return self.breaks[index - 1].n if index else self.first_page

    def pages(self) -> list[str]:
        """Every page the document touches, in order."""
        first = [self.first_page] if self.first_page is not None else []
        if self.breaks and self.breaks[0].start == 0:
            first = []
        return first + [b.n for b in self.breaks]

    @property
    def page_range(self) -> str:
        pages = self.pages()
        return page_span(pages[0], pages[-1]) if pages else ""


def page_span(first: str | None, last: str | None) -> str:
    """ "444–448", "12", or "" for an unpaged text: how lists show the pages a document covers."""
    if first and last and first != last:
        return f"{first}–{last}"
    return first or last or ""


@dataclass(frozen=True, slots=True)
class Note:
    """Footnote ``n``; ``anchor`` is the reading-text offset where its reference mark stood."""

    n: int
    anchor: int
    text: str


class InlineKind(StrEnum):
    ITALIC = "italic"
    BOLD = "bold"
    SMALLCAPS = "smallcaps"
    PERSON = "person"  # value: the glossary key ("p_KHA_1")
    TERM = "term"  # value: the glossary key ("t_GVN_1")
    REF = "ref"  # value: the target as written ("#d122", "#d125fn4", "frus1969-76v04#d187")


@dataclass(frozen=True, slots=True)
class Inline:
    """What the source says of a stretch of the reading text: set in italics, a person, a link."""

    start: int
    end: int
    kind: InlineKind
    value: str = ""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """A person or a term in a volume's glossary, as the text's names and abbreviations point to it."""

    volume: str
    key: str  # "p_KHA_1"
    kind: str  # "person" | "term"
    name: str  # "Kissinger, Henry A."
    description: str  # "President’s Assistant for National Security Affairs"


@dataclass(slots=True)
class Document:
    id: DocumentId
    text: str
    metadata: Metadata
    blocks: list[Block] = field(default_factory=list)
    pages: PageMap = field(default_factory=PageMap)
    notes: list[Note] = field(default_factory=list)
    source_format: str = "plain-text"
    inlines: list[Inline] = field(default_factory=list)
    facsimile: Facsimile | None = None  # the page images and where the text stands on them (PDF)
    _sha256: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def number(self) -> str:
        return self.metadata.number

    @property
    def title(self) -> str:
        return self.metadata.title

    @property
    def text_sha256(self) -> str:
        """Stored beside the text so a corrected re-import can be recognised as a change.

        Kept with the text it was computed from: an import asks for it four times, 4 ms a megabyte each."""
        if self._sha256 is None or self._sha256[0] is not self.text:
            self._sha256 = (self.text, hashlib.sha256(self.text.encode("utf-8")).hexdigest())
        return self._sha256[1]

    def note_text(self, n: int) -> str:
        return next((note.text for note in self.notes if note.n == n), "")

    def pages_of(self, start: int, end: int, note_n: int | None = None) -> tuple[str | None, str | None]:
        """The printed pages on which ``[start, end)`` begins and ends.

        A passage in a footnote stands on the page of the note's reference mark.
        """
        if note_n is not None:
            anchor = next((note.anchor for note in self.notes if note.n == note_n), 0)
            page = self.pages.page_at(anchor)
            return page, page
        return self.pages.page_at(start), self.pages.page_at(max(start, end - 1))

    def check(self) -> None:
        """Raise ``ValueError`` if any offset falls outside the text or out of order.

        Importers call this before handing a document on: a bad offset found here is a bug
        report; found later it is a corrupted highlight.
        """
        size = len(self.text)
        last_end = -1
        for block in self.blocks:
            if not (0 <= block.start <= block.end <= size) or block.start <= last_end:
                raise ValueError(f"block {block} lies outside the text or overlaps its predecessor")
            last_end = block.end
        starts = [b.start for b in self.pages.breaks]
        if starts != sorted(starts) or any(not 0 <= s <= size for s in starts):
            raise ValueError("page breaks are out of order or outside the text")
        for note in self.notes:
            if not 0 <= note.anchor <= size:
                raise ValueError(f"note {note.n} is anchored outside the text")
