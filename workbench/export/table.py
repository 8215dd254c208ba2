"""CSV for spreadsheets: one row a highlight, each with its full citation; no cell is ever a formula."""

from __future__ import annotations

import csv
from typing import TextIO

from workbench.escaping import spreadsheet_row
from workbench.export.excerpts import Prepared

COLUMNS = ("document", "number", "date", "page", "tags", "quote", "note", "citation", "author", "id")


def write(prepared: Prepared, title: str, out: TextIO) -> None:
    """A row written as each excerpt comes; a table has no title row: the first row names the columns."""
    del title
    out.write("\ufeff")  # the BOM tells spreadsheet programs the file is UTF-8
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for excerpt in prepared.excerpts():
        meta = excerpt.document.metadata
        row = [meta.title, excerpt.source.number, meta.issued, excerpt.page, "; ".join(excerpt.tags),
               excerpt.quote.text, excerpt.note, excerpt.full_citation.plain(), excerpt.span.author,
               excerpt.span.uuid]  # fmt: skip
        writer.writerow(spreadsheet_row(row))
