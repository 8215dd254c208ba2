"""Positions in another tool's text, translated into the reading text Workbench made from it.

NVivo, MAXQDA and QualCoder count their selections in the source text as they stored it: with
Windows line ends, blank lines between paragraphs, lines wrapped inside a paragraph. Workbench
reads the same text into its reading form (whitespace runs collapsed, paragraphs one a line), so
an offset that was right in their text lands a few characters further on in ours ('the words we
coded' became 'words we coded. An'). Reading only ever changes whitespace, so every printed
character of theirs stands, in order, in ours: pairing them up gives the translation.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left


class OffsetMap:
    """Where each printed character of ``source`` stands in ``reading``."""

    def __init__(self, source: str, reading: str) -> None:
        self._source_at = array("q")  # source index of each printed character, in order
        self._reading_at = array("q")  # and its index in the reading text
        self._length = len(reading)
        self.identity = source == reading  # Workbench's own export: nothing to translate
        j = 0
        for i, char in enumerate("" if self.identity else source):
            if char.isspace():
                continue
            while j < len(reading) and reading[j].isspace():
                j += 1
            if j < len(reading) and reading[j] == char:
                self._source_at.append(i)
                self._reading_at.append(j)
                j += 1
            # else: reading left this character out; positions on it move to its neighbours

    def start(self, position: int) -> int:
        """A selection beginning at ``position`` in the source begins here (at its first printed character)."""
        if self.identity:
            return position
        k = bisect_left(self._source_at, position)
        return self._reading_at[k] if k < len(self._reading_at) else self._length

    def end(self, position: int) -> int:
        """A selection ending (exclusive) at ``position`` in the source ends here (after its last printed one)."""
        if self.identity:
            return position
        k = bisect_left(self._source_at, position) - 1
        return self._reading_at[k] + 1 if k >= 0 else 0
