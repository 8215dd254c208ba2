"""The words of a highlight as a quotation: run in or set off, with the marks the writer uses.

The words are the span's own (the reading text holds no footnote digits or page markers). A
quotation that runs over paragraphs keeps its breaks as a block quotation, or is joined into
one run; long quotations (Chicago: a hundred words or more) are set off as block quotations.
Run-in quotations take double marks, and the quotation marks inside them become single.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Paragraphs(StrEnum):
    KEEP = "keep"  # paragraph breaks stay: a block quotation
    JOIN = "join"  # joined with a space: one run


class Marks(StrEnum):
    TYPOGRAPHIC = "typographic"  # “…” and ‘…’
    STRAIGHT = "straight"  # "…" and '…'


@dataclass(frozen=True, slots=True)
class QuoteOptions:
    paragraphs: Paragraphs = Paragraphs.KEEP
    marks: Marks = Marks.TYPOGRAPHIC
    block_words: int = 100  # at this length a quotation is set off
    #: Markdown cites "[@key, 446]" for pandoc to render from this CSL-JSON file beside it ("": off).
    citekeys: str = ""


@dataclass(frozen=True, slots=True)
class Quotation:
    paragraphs: tuple[str, ...]
    block: bool

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


_NESTED = {  # the marks inside a run-in quotation
    Marks.TYPOGRAPHIC: str.maketrans({"“": "‘", "”": "’"}),  # apostrophes (’) are already single
    Marks.STRAIGHT: str.maketrans({"“": "'", "”": "'", '"': "'", "‘": "'", "’": "'"}),
}
_OUTER = {Marks.TYPOGRAPHIC: ("“", "”"), Marks.STRAIGHT: ('"', '"')}


def quotation(words: str, options: QuoteOptions) -> Quotation:
    paragraphs = tuple(" ".join(p.split()) for p in words.split("\n") if p.strip())
    if options.paragraphs == Paragraphs.JOIN or len(paragraphs) == 1:
        joined = " ".join(paragraphs)
        return Quotation((joined,), len(joined.split()) >= options.block_words)
    return Quotation(paragraphs, True)


def run_in(quote: Quotation, marks: Marks) -> str:
    """The quotation in quotation marks, for a line of running text or a table cell."""
    opening, closing = _OUTER[marks]
    return f"{opening}{quote.text.translate(_NESTED[marks])}{closing}"
