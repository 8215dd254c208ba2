"""The date of a source as historians write it: exact, a month, a year, circa, a range, or undated.

Archival items are often dated only to a month or a year, inferred ("[March 1954?]"), or span
several days ("March 14–16, 1954"). ``SourceDate`` holds that much and no more: ISO strings of
one to three parts for the first and (for a range) last day, and whether the date is inferred.
It reads what a historian types and writes CSL-JSON's ``date-parts`` (with ``circa``), so that
Zotero and every citeproc read the same date back.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from workbench.model.ranges import inclusive_range

MONTHS = ("January February March April May June July August September October November December").split()
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTHS, 1)} | {
    name[:3].lower(): i for i, name in enumerate(MONTHS, 1)
}

_UNDATED = {"", "n.d.", "n.d", "nd", "undated", "no date", "[n.d.]"}
_CIRCA = re.compile(r"^(?:circa|ca\.?|c\.)\s*", re.IGNORECASE)
_ISO = re.compile(r"^(\d{3,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{3,4})$")  # March 14, 1954
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{3,4})$")  # 14 March 1954
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{3,4})$")  # March 1954
_RANGE = re.compile(r"\s*(?:/|–|—|\s-\s|\bto\b)\s*")


class DateError(ValueError):
    """What the user typed is not a date this program can read; the message says what is."""


def iso_parts(iso: str) -> list[int]:
    """ "1954-03-14" → [1954, 3, 14]; "" → []."""
    return [int(part) for part in iso.split("-") if part.isdigit()]


def _iso(parts: list[int]) -> str:
    return "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(parts))


def _checked(parts: list[int], typed: str) -> list[int]:
    year = parts[0]
    if not 1 <= year <= 9999:
        raise DateError(f"{typed!r}: the year must be between 1 and 9999")
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise DateError(f"{typed!r}: there is no month {parts[1]}")
    if len(parts) > 2:
        try:
            datetime.date(*parts[:3])
        except ValueError:
            raise DateError(f"{typed!r}: {MONTHS[parts[1] - 1]} {year} has no day {parts[2]}") from None
    return parts


def _month(word: str, typed: str) -> int:
    """ "March", "Mar", "Mar.", "Sept" → 3 / 9; anything else is refused."""
    key = word.lower().rstrip(".")
    number = _MONTH_NUMBER.get(key) or (9 if key == "sept" else None)
    if not number:
        raise DateError(f"{typed!r}: {word!r} is not a month")
    return number


def _one(text: str, typed: str) -> list[int]:
    """One day, month or year in any of the forms historians type."""
    text = text.strip().strip(",")
    if match := _ISO.match(text):
        return _checked([int(g) for g in match.groups() if g], typed)
    if match := _MONTH_DAY_YEAR.match(text):
        return _checked([int(match[3]), _month(match[1], typed), int(match[2])], typed)
    if match := _DAY_MONTH_YEAR.match(text):
        return _checked([int(match[3]), _month(match[2], typed), int(match[1])], typed)
    if match := _MONTH_YEAR.match(text):
        return _checked([int(match[2]), _month(match[1], typed)], typed)
    raise DateError(
        f"{typed!r} is not a date: write 1954-03-14, 1954-03, 1954, March 14, 1954, circa 1954, "
        "1954-03-14/1954-03-16, or n.d."
    )


_YEAR = re.compile(r"\b(\d{3,4})$")
_WORD = re.compile(r"[A-Za-z]+\.?")


def _range(first: str, last: str, typed: str) -> tuple[list[int], list[int]]:
    """Both ends of a range whose first end may leave out what the last one says:
    "March 14–16, 1954", "March 14–April 2, 1954", "March–April 1954", "14–16 March 1954", "1954–55"."""
    first, last = first.strip().strip(","), last.strip()
    if first.isdigit() and len(first) == 4 and last.isdigit() and len(last) == 2:  # 1954–55
        last = first[:2] + last
    if re.fullmatch(r"\d{1,2},?\s+\d{3,4}", last) and (month := _WORD.match(first)):  # "16, 1954"
        last = f"{month.group()} {last}"
    end = _one(last, typed)
    if not _YEAR.search(first) and not _ISO.match(first):
        if first.isdigit() and len(end) == 3:  # "14" of "14–16 March 1954"
            first = f"{first} {MONTHS[end[1] - 1]}"
        first = f"{first} {end[0]}"
    return _one(first, typed), end


@dataclass(frozen=True, slots=True)
class SourceDate:
    start: str = ""  # ISO, one to three parts: "1954", "1954-03", "1954-03-14"; "" when undated
    end: str = ""  # the last day of a range, or ""
    circa: bool = False  # inferred: printed in brackets with a question mark

    @property
    def undated(self) -> bool:
        return not self.start

    @classmethod
    def parse(cls, typed: str) -> SourceDate:
        """What a historian types: ``1954-03-14``, ``March 1954``, ``circa 1954``, ``[1954?]``,
        ``1954-03-14/1954-03-16``, ``n.d.`` … Raises ``DateError`` with the forms it reads."""
        text = " ".join(typed.split())
        if text.lower() in _UNDATED:
            return cls()
        circa = False
        if text.startswith("[") and text.endswith("]"):
            text, circa = text[1:-1].strip(), True
        if text.endswith("?"):
            text, circa = text[:-1].strip(), True
        if _CIRCA.match(text):
            text, circa = _CIRCA.sub("", text, count=1), True
        if len(text) > 80:
            raise DateError(f"{typed[:40]!r}…: too long to be a date")
        pieces = [piece for piece in _RANGE.split(text, maxsplit=1) if piece] if not _ISO.match(text) else [text]
        if len(pieces) == 2:
            start, end = _range(pieces[0], pieces[1], typed)
        else:
            start, end = _one(text, typed), []
        if end and end < start[: len(end)]:
            raise DateError(f"{typed!r}: the range ends before it begins")
        return cls(_iso(start), _iso(end) if end and end != start else "", circa)

    # -- CSL-JSON --------------------------------------------------------------------------

    def to_csl(self) -> dict[str, Any] | None:
        if self.undated:
            return None
        parts = [iso_parts(self.start)] + ([iso_parts(self.end)] if self.end else [])
        csl: dict[str, Any] = {"date-parts": parts}
        if self.circa:
            csl["circa"] = True
        return csl

    @classmethod
    def from_csl(cls, value: Any) -> SourceDate:
        """A CSL date object; anything else (or an unreadable one) is undated, never an error."""
        if not isinstance(value, dict):
            return cls()
        parts = value.get("date-parts")
        ranges: list[list[int]] = []
        if isinstance(parts, list):
            for item in parts[:2]:
                if isinstance(item, list):
                    try:
                        numbers = [int(part) for part in item[:3]]
                        ranges.append(_checked(numbers, str(item)) if numbers else [])
                    except (TypeError, ValueError):
                        ranges.append([])
        circa = bool(value.get("circa")) and value.get("circa") not in ("false", "0")
        if not ranges or not ranges[0]:
            literal = value.get("raw") or value.get("literal")
            if isinstance(literal, str):
                try:
                    return cls.parse(literal)
                except DateError:
                    return cls()
            return cls()
        end = _iso(ranges[1]) if len(ranges) > 1 and ranges[1] and ranges[1] != ranges[0] else ""
        return cls(_iso(ranges[0]), end, circa)

    # -- as printed ------------------------------------------------------------------------

    @property
    def year(self) -> str:
        """ "1954" (a range of years: "1954–55"); "n.d." when undated."""
        if self.undated:
            return "n.d."
        first, last = self.start[:4].lstrip("0"), self.end[:4].lstrip("0")
        year = first if not last or last == first else _year_range(first, last)
        return f"[{year}?]" if self.circa else year

    def long(self, *, with_year: bool = True) -> str:
        """ "March 14, 1954", "March 14–16, 1954", "March–April 1954", "[1954?]", "" when undated.

        ``with_year=False`` drops the year of a date within one year (author-date references
        give the year after the author)."""
        if self.undated:
            return ""
        text = _long_range(iso_parts(self.start), iso_parts(self.end), with_year=with_year)
        return f"[{text}?]" if self.circa and text else text

    def __str__(self) -> str:
        """The form a user types back: "1954-03-14", "circa 1954-03", "1954-03-14/1954-03-16", "n.d."."""
        if self.undated:
            return "n.d."
        text = f"{self.start}/{self.end}" if self.end else self.start
        return f"circa {text}" if self.circa else text


def _year_range(first: str, last: str) -> str:
    return inclusive_range(first, last)  # CMOS 9.64: a range of years is written as pages are


def _day(parts: list[int], *, with_year: bool = True) -> str:
    if len(parts) >= 3:
        return f"{MONTHS[parts[1] - 1]} {parts[2]}" + (f", {parts[0]}" if with_year else "")
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]}" + (f" {parts[0]}" if with_year else "")
    return str(parts[0]) if with_year and parts else ""


def _long_range(start: list[int], end: list[int], *, with_year: bool) -> str:
    if not end:
        return _day(start, with_year=with_year)
    year = f", {start[0]}" if with_year and len(start) >= 3 else (f" {start[0]}" if with_year else "")
    if start[0] == end[0] and len(start) == len(end) >= 2:
        if len(start) == 3 and start[1] == end[1]:  # March 14–16, 1954
            return f"{MONTHS[start[1] - 1]} {start[2]}–{end[2]}{year}"
        if len(start) == 3:  # March 14–April 2, 1954
            return f"{_day(start, with_year=False)}–{_day(end, with_year=False)}{year}"
        return f"{MONTHS[start[1] - 1]}–{MONTHS[end[1] - 1]}{year}"  # March–April 1954
    if len(start) == len(end) == 1:
        return _year_range(str(start[0]), str(end[0])) if with_year else ""
    return f"{_day(start)}–{_day(end)}"  # December 30, 1954–January 2, 1955
