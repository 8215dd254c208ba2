"""An export written to a file whole or not at all, in bounded memory, with progress and Cancel.

The output goes to a temporary file beside the chosen one and replaces it only once complete
(``os.replace``, atomic on one file system): a cancelled or failed export of 200,000 quotations, or
a disk that fills half-way, leaves the old file (or none) as it was, never half a document.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from workbench.citations import Style
from workbench.citations.csl import CslStyle
from workbench.export import Format, QuoteOptions, Selection, write_export
from workbench.export.excerpts import Tick
from workbench.export.selection import select
from workbench.ops.errors import Cancelled

#: ``progress(done, total)``: excerpts written of those chosen.
Progress = Callable[[int, int], None]


def export_to_file(
    db: Database,
    selection: Selection,
    fmt: Format,
    path: Path,
    style: Style | CslStyle = Style.CHICAGO_NOTE,
    options: QuoteOptions | None = None,
    *,
    title: str = "Quotations",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[int, list[str]]:
    """Write the export to ``path``; return how many excerpts it holds and its warnings. Raises
    ``Cancelled`` when ``cancelled()`` turns true (asked between excerpts), ``OSError`` when the file
    cannot be written; either way ``path`` is untouched and no temporary file is left."""
    total = 0  # not known until the highlights are chosen: meanwhile, only Cancel is looked at

    def tick(done: int) -> None:
        if cancelled():
            raise Cancelled
        if progress is not None and total:
            progress(done, total)

    selected = select(db, selection, tick)
    total = selected.count

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            warnings = write_export(db, selection, fmt, out, style, options, title=title, selected=selected,
                                    tick=tick)  # fmt: skip
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return total, warnings


__all__ = ["Cancelled", "Progress", "Tick", "export_to_file"]
