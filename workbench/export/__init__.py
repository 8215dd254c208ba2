"""Exporting quotations with their citations, in the formats a historian writes with.

``write_export`` selects highlights, prepares each as quotation, page and citation in the chosen
style, and writes one format into a stream as the excerpts come (no format holds the export whole);
``export`` returns it as bytes, ``to_file.export_to_file`` writes a file whole or not at all.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Any

from sqlite_utils import Database

from workbench.citations import Style
from workbench.citations.csl import CslStyle
from workbench.export import html, markdown, references, table
from workbench.export.excerpts import Prepared, Tick, prepare
from workbench.export.quotes import Marks, Paragraphs, QuoteOptions
from workbench.export.references import of_sources
from workbench.export.selection import Order, Selected, Selection, select

__all__ = ["FORMATS", "Format", "Marks", "Order", "Paragraphs", "QuoteOptions", "Selection", "Style", "export",
           "write_export"]  # fmt: skip


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
    write: Callable[[Prepared, str, Any], None]  # (prepared, title, a text stream, or binary for Word)
    lexer: str | None  # the Pygments lexer for previews of text formats

    @property
    def binary(self) -> bool:
        return self.lexer is None


def _write_word(prepared: Prepared, title: str, out: IO[bytes]) -> None:
    """Word, with python-docx loaded only when a Word file is written: it (and what it loads) is a
    fifth of the window's start-up otherwise, for the few who export to Word."""
    from workbench.export import word

    word.write(prepared, title, out)


FORMATS: dict[Format, FormatInfo] = {
    Format.MARKDOWN: FormatInfo("Markdown (pandoc)", ".md", markdown.write, "markdown"),
    Format.DOCX: FormatInfo("Word", ".docx", _write_word, None),
    Format.HTML: FormatInfo("HTML", ".html", html.write, "html"),
    Format.CSV: FormatInfo("CSV (spreadsheet)", ".csv", table.write, "text"),
    Format.CSL_JSON: FormatInfo("CSL-JSON (sources)", ".json", of_sources(references.write_csl_json), "json"),
    Format.BIBTEX: FormatInfo("BibTeX (sources)", ".bib", of_sources(references.write_bibtex), "bibtex"),
    Format.RIS: FormatInfo("RIS (sources)", ".ris", of_sources(references.write_ris), "text"),
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
    limit: int | None = None,
) -> bytes:
    """The chosen highlights (the first ``limit``) in ``fmt``, cited in ``style``, in memory (for a
    preview, or standard output); what had to be left out is added to ``warnings``. A file is
    written by ``workbench.export.to_file.export_to_file``, which holds none of it whole."""
    buffer = io.BytesIO()
    found = write_export(db, selection, fmt, buffer, style, options, title=title, limit=limit)
    if warnings is not None:
        warnings += found
    return buffer.getvalue()


def write_export(
    db: Database,
    selection: Selection,
    fmt: Format,
    out: IO[bytes],
    style: Style | CslStyle = Style.CHICAGO_NOTE,
    options: QuoteOptions | None = None,
    *,
    title: str = "Quotations",
    limit: int | None = None,
    selected: Selected | None = None,
    tick: Tick | None = None,
) -> list[str]:
    """Write the export into the binary stream ``out`` as it is made; return its warnings. Text formats
    are UTF-8 with their line ends as written (CSV and RIS end lines with CR LF)."""
    selected = selected or select(db, selection)
    try:
        prepared = prepare(selected, style, options or QuoteOptions(), limit, tick)
        if FORMATS[fmt].binary:
            FORMATS[fmt].write(prepared, title, out)
        else:
            text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
            FORMATS[fmt].write(prepared, title, text)
            text.flush()
            text.detach()  # ``out`` stays open: the caller's
        return prepared.warnings
    finally:
        selected.close()
