"""Text an export writes aside while it streams, to put at the end: notes after the quotations.

A note style's citations are numbered as the quotations are written, and listed after them (the
Markdown footnotes, the HTML notes, Word's footnotes part). Kept in a temporary file rather than
a list, an export of 200,000 quotations holds none of their notes in memory.
"""

from __future__ import annotations

import shutil
import tempfile
from typing import IO


class Spool:
    """Lines (or XML) written to a temporary file, then copied to the export's end in one pass."""

    def __init__(self) -> None:
        self.count = 0
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115 (closed by copy_to)

    def add(self, text: str) -> int:
        """Keep ``text``; return how many were kept (the new note's number)."""
        self._file.write(text)
        self.count += 1
        return self.count

    def copy_to(self, out: IO[str]) -> None:
        self._file.seek(0)
        shutil.copyfileobj(self._file, out)
        self._file.close()

    def read_encoded(self, out: IO[bytes], size: int = 1 << 20) -> None:
        """The kept text into a binary stream (a part of a Word file), a megabyte at a time."""
        self._file.seek(0)
        while chunk := self._file.read(size):
            out.write(chunk.encode("utf-8"))
        self._file.close()
