"""Exporting quotations with their citations, in the formats a historian writes with.

``export`` selects highlights, prepares each as quotation, page and citation in the chosen style,
and writes one format. Text formats come back as UTF-8 bytes, Word as its file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlite_utils import Database

from workbench.citations import Style
from workbench.citations.csl import CslStyle
from workbench.export import html, markdown, references, table
from workbench.export.excerpts import Prepared, prepare
from workbench.export.quotes import Marks, Paragraphs, QuoteOptions
from workbench.export.selection import Order, Selection, select

__all__ = ["FORMATS", "Format", "Marks", "Order", "Paragraphs", "QuoteOptions", "Selection", "Style", "export"]


class Format(StrEnum):
    MARKDOWN = "md"
    DOCX = "docx"
    HTML = "html"
    CSV = "csv"
    CSL_JSON = "csl-json"
    BIBTEX = "bibtex"
    RIS = "ris"


@dataclass(frozen=True, slots=True)
class FormatInfo:
    label: str
    suffix: str
    write: Callable[[Prepared, str], str | bytes]
    lexer: str | None  # the Pygments lexer for previews of text formats

    @property
    def binary(self) -> bool:
        return self.lexer is None


def _write_word(prepared: Prepared, title: str) -> bytes:
    """Word, with python-docx loaded only when a Word file is written: it (and what it loads) is a
    fifth of the window's start-up otherwise, for the few who export to Word."""
    from workbench.export import word

    return word.write(prepared, title)


FORMATS: dict[Format, FormatInfo] = {
    Format.MARKDOWN: FormatInfo("Markdown (pandoc)", ".md", markdown.write, "markdown"),
    Format.DOCX: FormatInfo("Word", ".docx", _write_word, None),
    Format.HTML: FormatInfo("HTML", ".html", html.write, "html"),
    Format.CSV: FormatInfo("CSV (spreadsheet)", ".csv", table.write, "text"),
    Format.CSL_JSON: FormatInfo("CSL-JSON (sources)", ".json", references.write_csl_json, "json"),
    Format.BIBTEX: FormatInfo("BibTeX (sources)", ".bib", references.write_bibtex, "bibtex"),
    Format.RIS: FormatInfo("RIS (sources)", ".ris", references.write_ris, "text"),
}


def export(
    db: Database,
    selection: Selection,
    fmt: Format,
    style: Style | CslStyle = Style.CHICAGO_NOTE,
    options: QuoteOptions | None = None,
    *,
    title: str = "Quotations",
    warnings: list[str] | None = None,
) -> bytes:
    """The chosen highlights in ``fmt``, cited in ``style``; what had to be left out is added to ``warnings``."""
    prepared = prepare(select(db, selection), style, options or QuoteOptions())
    output = FORMATS[fmt].write(prepared, title)
    if warnings is not None:
        warnings += prepared.warnings
    return output.encode("utf-8") if isinstance(output, str) else output
