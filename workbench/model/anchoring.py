"""Finding a highlight again in a corrected text (a transcription fixed, another edition).

Each span keeps its quote and some context on either side (a W3C ``TextQuoteSelector``). In the
new text it is placed, in this order of trust:

1. **kept**: the quote still stands at the same offsets;
2. **moved**: the quote stands elsewhere; of its occurrences, the one whose context matches best
   (and, on a tie, the nearest to where it was);
3. **approximate**: near where it should be, the stretch most like the quote (difflib), if at
   least ``SIMILARITY`` of it matches;
4. **orphaned**: nowhere; the span is kept, marked, for the historian to place by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

SIMILARITY = 0.75
_WINDOW = 3000  # characters either side of the expected place searched for an approximate match
# The approximate search (difflib) costs about the window's length times the quote's. A quote from
# a file of annotations can be any length, so the work is bounded: longer quotes search a narrower
# window, and past ``_FUZZY_QUOTE`` characters a quote is found exactly or not at all (200 such
# annotations once took ten minutes). Context beyond ``_CONTEXT`` characters decides nothing.
_FUZZY_PAIRS = 2_000_000
_FUZZY_QUOTE = 1_500
_CONTEXT = 256


class Placement(StrEnum):
    KEPT = "kept"
    MOVED = "moved"
    APPROXIMATE = "approximate"
    ORPHANED = "orphaned"


@dataclass(frozen=True, slots=True)
class Anchored:
    placement: Placement
    start: int
    end: int


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the old context stand next to a candidate (before and after it)."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def reanchor(quote: str, prefix: str, suffix: str, start: int, old_length: int, text: str) -> Anchored:
    """Where the span ``quote`` (at ``start`` in a text of ``old_length``) stands in ``text``."""
    prefix, suffix = prefix[-_CONTEXT:], suffix[:_CONTEXT]
    end = start + len(quote)
    if text[start:end] == quote:
        return Anchored(Placement.KEPT, start, end)
    expected = round(start * len(text) / old_length) if old_length else start
    candidates = []
    found = text.find(quote)
    while found >= 0 and quote:
        candidates.append(found)
        found = text.find(quote, found + 1)
    if candidates:
        best = max(
            candidates, key=lambda c: (_context_score(text, c, c + len(quote), prefix, suffix), -abs(c - expected))
        )
        return Anchored(Placement.MOVED, best, best + len(quote))
    if not quote or len(quote) > _FUZZY_QUOTE:
        return Anchored(Placement.ORPHANED, start, end)
    reach = min(_WINDOW, _FUZZY_PAIRS // len(quote) // 2)
    low = max(0, expected - reach)
    window = text[low : expected + len(quote) + reach]
    matcher = SequenceMatcher(None, window, quote, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if blocks:
        # The stretch from the first to the last block of the quote found, where the quote's own
        # words make up most of it.
        first, last = blocks[0], blocks[-1]
        a, b = first.a, last.a + last.size
        matched = sum(block.size for block in blocks)
        if matched >= SIMILARITY * len(quote) and (b - a) <= len(quote) / SIMILARITY:
            return Anchored(Placement.APPROXIMATE, low + a, low + b)
    return Anchored(Placement.ORPHANED, start, end)


def summary(counts: Mapping[str, int]) -> str:
    """ "2 kept, 1 moved, 1 approximate, 1 orphaned": what became of a document's highlights."""
    return ", ".join(f"{counts.get(placement, 0)} {placement}" for placement in Placement)
