"""Kinds of source a historian works with, and how an archival location is worded.

The details form offers these kinds instead of CSL's types, which no historian thinks in. Each
kind knows the CSL type other tools expect (Zotero writes a letter as ``personal_communication``,
an unpublished memorandum as ``manuscript``) and the generic word a citation uses when the item
has no title of its own ("memorandum", "telegram"; CMOS 14.222: lower case, no quotation marks).
"""

from __future__ import annotations

import re
from enum import StrEnum


class SourceKind(StrEnum):
    LETTER = "letter"
    MEMORANDUM = "memorandum"
    TELEGRAM = "telegram"
    REPORT = "report"
    DIARY = "diary entry"
    MINUTES = "minutes"
    MANUSCRIPT = "manuscript"
    PUBLISHED = "published document"
    BOOK = "book"
    ARTICLE = "article"
    NEWSPAPER = "newspaper item"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {SourceKind.PUBLISHED: "Published document in a collection"}.get(self, self.value.capitalize())

    @property
    def csl_type(self) -> str:
        return _CSL_TYPES.get(self, "manuscript")

    @property
    def published(self) -> bool:
        return self in (SourceKind.PUBLISHED, SourceKind.BOOK, SourceKind.ARTICLE, SourceKind.NEWSPAPER)

    @property
    def word(self) -> str:
        """The generic description an untitled item of this kind is cited by; "" for none."""
        return "" if self in _NO_WORD else self.value

    @classmethod
    def infer(cls, chosen: str, csl_type: str, genre: str, in_container: bool, numbered: bool) -> SourceKind:
        """The kind the historian chose, else the one the CSL type and genre point to; a numbered
        ``document`` (FRUS web text without its volume's details) is a published one."""
        for candidate in (chosen, genre.lower().strip()):
            try:
                return cls(candidate)
            except ValueError:
                pass
        if in_container or (numbered and csl_type == "document"):
            return cls.PUBLISHED
        return _FROM_CSL.get(csl_type, cls.OTHER)


_CSL_TYPES = {
    SourceKind.LETTER: "personal_communication",
    SourceKind.REPORT: "report",
    SourceKind.PUBLISHED: "document",
    SourceKind.BOOK: "book",
    SourceKind.ARTICLE: "article-journal",
    SourceKind.NEWSPAPER: "article-newspaper",
    SourceKind.OTHER: "document",
}
_NO_WORD = {SourceKind.LETTER, SourceKind.MANUSCRIPT, SourceKind.OTHER, SourceKind.PUBLISHED, SourceKind.BOOK,
            SourceKind.ARTICLE, SourceKind.NEWSPAPER}  # fmt: skip
_FROM_CSL = {
    "personal_communication": SourceKind.LETTER,
    "letter": SourceKind.LETTER,
    "report": SourceKind.REPORT,
    "manuscript": SourceKind.MANUSCRIPT,
    "book": SourceKind.BOOK,
    "article-journal": SourceKind.ARTICLE,
    "article-magazine": SourceKind.ARTICLE,
    "article-newspaper": SourceKind.NEWSPAPER,
    "chapter": SourceKind.PUBLISHED,
}


# -- an archival location, worded as notes print it (CMOS 14.232: lower case, general to specific) --

_NUMBERISH = re.compile(r"^[\dIVXLCDMivxlcdm]+[A-Za-z]?(?:[\-–.]\w+)*$")
_FOLIO = re.compile(r"^\d+[rv]?$")


def _labelled(value: str, word: str) -> str:
    """ "80" → "box 80"; "Box 80" → "box 80"; a value that names itself stays as typed."""
    value = " ".join(value.split())
    if not value:
        return ""
    if value.lower().startswith(word + " "):
        return word + value[len(word) :]
    return f"{word} {value}" if _NUMBERISH.match(value) else value


def box_label(box: str) -> str:
    return _labelled(box, "box")


def series_label(series: str) -> str:
    return _labelled(series, "series")


def folder_label(folder: str) -> str:
    """ "5" → "folder 5"; "Alsop" → "Alsop folder" (a folder named for its contents)."""
    label = _labelled(folder, "folder")
    if label and not label.lower().startswith("folder") and "folder" not in label.lower():
        return f"{label} folder"
    return label


def folio_label(folio: str) -> str:
    """ "3r" → "fol. 3r"; "3r–4v" → "fols. 3r–4v"; "item 12", "no. 4" as typed."""
    value = " ".join(folio.split())
    bare = re.sub(r"^(?:fols?\.?|ff?\.)\s*", "", value, flags=re.IGNORECASE)
    ends = [end.strip() for end in re.split(r"[–\-]", bare, maxsplit=1)]
    if all(_FOLIO.match(end) for end in ends) and ends[0]:
        return f"fols. {ends[0]}–{ends[1]}" if len(ends) == 2 else f"fol. {ends[0]}"
    return value
