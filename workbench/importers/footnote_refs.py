"""Telling footnote references from the other numbers in text copied from a web page.

When a FRUS page is copied as text, each superscript reference becomes plain digits: usually
glued to the word or punctuation before it (``morning2``, ``in detail.3``, ``November 24.4``),
sometimes after a space (``President Nixon 1``, ``Secretary Stans 2 that``). The same text is
full of numbers that are not references: ``Hakto 25``, ``1954 and 1962``, ``MR–1``, ``6:30``.

What settles it is that references run 1, 2, … N in reading order, N being the number of notes.
Every plausible occurrence of each number is a *candidate* with a weight (glued > at the end of
a line after a space > after a space mid-line); the references are the increasing chain of
candidates that leaves the fewest notes unreferenced and, among those, has the greatest weight
(earliest wins a tie). This is found by dynamic programming over candidates in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.importers.errors import CancelCheck, stop_if

#: Stands for a page marker inside a line while references are sought (a private-use character).
PAGE_MARK = "\ue000"

GLUED, LINE_END, SPACED = 3.0, 2.0, 1.0
_MISSING = 4.0  # an unreferenced note costs more than any candidate gains
_MAX_GAP = 6  # a chain may skip at most this many notes between two references

# Numbers are found in three passes of C over the whole text, not a pattern tried at each of its
# characters (sre takes 10-30 ns a character for that: tens of milliseconds a megabyte). Encoded as
# Latin-1 with "?" for whatever else, each character is one byte at its own offset; every ASCII
# digit is then made "0" and every other byte a space, and the runs of "0" are the numbers.
_ZEROS = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))
_ZERO_RUN = re.compile(rb"0[0]*")  # a literal first: sre skips to each "0" in C
_MAX_DIGITS = 3
# After a reference: not ":30", ",000", ".5" (a longer number) nor a letter or "_" (a name).
_NUMBER_GOES_ON = re.compile(r"\w|[:.,/]\d")

# A character a reference may be glued to: a letter or closing punctuation. Hyphens and dashes
# (MR–1, 1969–76), slashes, currency signs and opening brackets make the digits part of a name.
_GLUE = re.compile(r"[^\W\d_]|[.,;:!?”’\"')\]…]")

# Words after which a spaced number is the number itself: dates, citations, designations.
_COUNTED = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec document documents doc docs page pages p pp
    box boxes folder no nos number numbers article articles art chapter chapters section
    sections paragraph paragraphs para volume vol vols telegram telegrams tohak hakto whp
    footnote footnotes note notes annex tab tabs attachment item items point points room route
    highway division divisions corps regiment brigade battalion group resolution law act phase
    stage option options alternative memorandum nsdm nssm region zone column line lines table
    figure fig appendix exhibit part parts year years day days week weeks month months hour
    hours about some over under nearly approximately almost only than and or to of the at by
    from until till plus minus mr mig b f c t sa m
    """.split()
)

# Words before which a spaced number is a quantity: "2 percent", "3 divisions".
_QUANTITIES = frozenset(
    """percent per cent men women people troops divisions battalions days weeks months years
    hours minutes miles kilometers km million billion thousand hundred dollars tons times
    o'clock am pm a.m. p.m. and or to of""".split()
)


@dataclass(frozen=True, slots=True)
class Candidate:
    line: int
    start: int
    end: int
    value: int
    weight: float


#: Words are looked at only this far from a number: the words that decide (``_COUNTED``,
#: ``_QUANTITIES``) are short, and a bound keeps every candidate's look-around constant, so a
#: pasted line of 100,000 characters is read in linear time.
_REACH = 64
_WORD_CHARS = frozenset(".’'")
_WORD_AFTER = re.compile(rf"\s{{0,{_REACH}}}([\w.’']{{1,{_REACH}}})")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or char in _WORD_CHARS


def _word_before(line: str, index: int) -> str:
    """The word that ends before ``line[index]`` (skipping spaces and punctuation), lower case."""
    end, floor = index, max(0, index - _REACH)
    while end > floor and not _is_word_char(line[end - 1]):
        end -= 1
    start, floor = end, max(0, end - _REACH)
    while start > floor and _is_word_char(line[start - 1]):
        start -= 1
    return line[start:end].strip(".").lower()


def _word_after(line: str, index: int) -> str:
    match = _WORD_AFTER.match(line, index)
    return match.group(1).lower() if match else ""


def numbers(line: str) -> list[tuple[int, int]]:
    """Where ``line`` holds a number of one to three digits that is not part of a longer number,
    a time, an amount or a word (``6:30``, ``1,000``, ``1.5``, ``4th``): ``[start, end)`` each.

    Only ASCII digits count: the references of a copied web page are never written otherwise.
    """
    marks = line.encode("latin-1", "replace").translate(_ZEROS)
    found = []
    for match in _ZERO_RUN.finditer(marks):
        start, end = match.span()
        if end - start <= _MAX_DIGITS and not _NUMBER_GOES_ON.match(line, end):
            found.append((start, end))
    return found


def _content_end(line: str) -> int:
    """Where the line's last printed character ends (page marks and spaces after it print nothing)."""
    end = len(line)
    while end and (line[end - 1].isspace() or line[end - 1] == PAGE_MARK):
        end -= 1
    return end


def find_candidates(lines: Sequence[str], highest: int, cancelled: CancelCheck = None) -> list[Candidate]:
    """Every place in ``lines`` where a reference 1..``highest`` could stand, in reading order."""
    found: list[Candidate] = []
    if highest < 1:
        return found
    for line_no, line in enumerate(lines):
        if line_no % 2000 == 0:
            stop_if(cancelled)
        if not line:
            continue
        content_end = -1  # found when first needed: most lines hold no spaced candidate
        for start, end in numbers(line):
            value = int(line[start:end])
            if not 1 <= value <= highest or start == 0:
                continue
            before = line[start - 1]
            if _GLUE.match(before):
                after_number = before == "." and start >= 2 and line[start - 2].isdigit()
                if after_number and _word_after(line, end) in _QUANTITIES:
                    continue  # "November 24.4" is a reference; "1.5 billion" is not
                found.append(Candidate(line_no, start, end, value, GLUED))
            elif before.isspace() and start >= 2 and not line[start - 2].isspace():
                if line[start - 2].isdigit() or line[start - 2] in "$£€#(§–-":
                    continue
                if _word_before(line, start - 1) in _COUNTED or _word_after(line, end) in _QUANTITIES:
                    continue
                if content_end < 0:
                    content_end = _content_end(line)
                found.append(Candidate(line_no, start, end, value, LINE_END if end >= content_end else SPACED))
    return found


def choose_references(candidates: Sequence[Candidate], highest: int) -> dict[int, Candidate]:
    """The best increasing chain of candidates, as note number → candidate."""
    if highest < 1 or not candidates:
        return {}
    # best[v] = (score of the best chain ending in a reference to note v, its last candidate index)
    best: dict[int, tuple[float, int]] = {}
    previous: list[int] = [-1] * len(candidates)
    scores: list[float] = [0.0] * len(candidates)
    for index, candidate in enumerate(candidates):
        value = candidate.value
        score = candidate.weight - _MISSING * (value - 1)  # a chain starting here skips 1..value-1
        link = -1
        for earlier in range(max(1, value - _MAX_GAP - 1), value):
            if earlier in best:
                chained = best[earlier][0] + candidate.weight - _MISSING * (value - earlier - 1)
                if chained > score:
                    score, link = chained, best[earlier][1]
        scores[index], previous[index] = score, link
        if value not in best or score > best[value][0]:
            best[value] = (score, index)
    final_score, final_index = max(
        ((score - _MISSING * (highest - candidates[i].value), i) for i, score in enumerate(scores)),
        key=lambda pair: (pair[0], -pair[1]),
    )
    if final_score <= -_MISSING * highest:
        return {}
    chosen: dict[int, Candidate] = {}
    index = final_index
    while index != -1:
        chosen[candidates[index].value] = candidates[index]
        index = previous[index]
    return chosen
