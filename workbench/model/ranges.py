"""Inclusive ranges of numbers as the Chicago Manual writes them: pages 445–46, years 1954–55."""

from __future__ import annotations


def inclusive_range(first: str, last: str) -> str:
    """ "445", "446" → "445–46" (CMOS 9.61, inclusive numbers); non-numeric pages in full.

    Below 100, and from a multiple of 100, all digits; from 101–109 (of each hundred) only the
    changed part; otherwise at least two digits, and all of them if three of four would change.
    """
    if first == last:
        return first
    if not (first.isdigit() and last.isdigit()) or int(last) < int(first):
        return f"{first}–{last}"
    a, b = int(first), int(last)
    if a < 100 or a % 100 == 0:
        return f"{a}–{b}"
    a_text, b_text = str(a), str(b)
    if len(a_text) != len(b_text):
        return f"{a}–{b}"
    changed = next(i for i, (x, y) in enumerate(zip(a_text, b_text, strict=True)) if x != y)
    keep = len(a_text) - changed  # how many digits differ, from the first that does
    if a % 100 < 10:  # 101–109: only the changed part
        return f"{a}–{b_text[-keep:]}"
    if len(a_text) == 4 and keep >= 3:  # 1496–1504: three of four change, give them all
        return f"{a}–{b}"
    return f"{a}–{b_text[-max(keep, 2) :]}"
