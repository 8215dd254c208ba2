"""What a citation needs from a document's CSL-JSON metadata, in the parts citations are built of.

FRUS keeps the series, volume number and volume title together in one container title
("Foreign Relations of the United States, 1969–1976, Volume IX, Vietnam, October 1972–January
1973"); Chicago italicises the series and the volume title and writes the volume as "vol. 9".
``Source`` splits such titles; other containers are kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.model import Document, Metadata, Name

_VOLUME = re.compile(r"^(?P<series>.+?), Volume (?P<volume>[IVXLCDM]+|\d+)(?P<part>, Part \d+)?(?:, (?P<title>.+))?$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def arabic(volume: str) -> str:
    """ "IX" → "9"; arabic numbers and anything else unchanged."""
    if not volume or not all(ch in _ROMAN for ch in volume.upper()):
        return volume
    values = [_ROMAN[ch] for ch in volume.upper()]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return str(total)


def full_name(name: Name) -> str:
    return f"{name.given} {name.family}".strip()


def short_title(title: str, words: int = 4) -> str:
    """Chicago's short title (CMOS 14.30): up to four words, without the punctuation that ended them."""
    parts = title.split()
    return " ".join(parts[:words]).rstrip(",;:") if len(parts) > words else title


def names_in_prose(people: tuple[Name, ...], *, short: bool = False) -> str:
    """ "Henry Kissinger", "Dulles and Alsop", "A, B, and C" (short: family names only)."""
    parts = [person.family if short else full_name(person) for person in people]
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + ", and " + parts[-1]


@dataclass(frozen=True, slots=True)
class Source:
    metadata: Metadata
    number: str
    series: str  # "Foreign Relations of the United States, 1969–1976" (or the whole container title)
    volume: str  # as printed: "IX"
    part: str  # ", Part 2" or ""
    volume_title: str  # "Vietnam, October 1972–January 1973"
    suffix: str = ""  # "a", "b" …: tells apart works of one author and year (author-date, CMOS 15.19)

    @classmethod
    def of(cls, document: Document) -> Source:
        meta = document.metadata
        match = _VOLUME.match(meta.container_title)
        if match:
            series, volume = match["series"], match["volume"]
            part, volume_title = match["part"] or "", match["title"] or ""
        else:
            series, volume, part, volume_title = meta.container_title, meta.volume, "", ""
        return cls(meta, document.number or meta.number, series, volume or meta.volume, part, volume_title)

    @property
    def key(self) -> str:
        """What makes two citations "the same source" (for shortened notes after the first)."""
        meta = self.metadata
        who = ";".join(str(name) for name in (*meta.authors, *meta.recipients))
        return meta.url or f"{meta.container_title}|{self.number}|{meta.title}|{meta.date}|{who}"

    @property
    def archival(self) -> bool:
        """Cited by CMOS's rules for manuscript collections (``citations.archival``)."""
        return self.metadata.archival

    @property
    def placeholder_title(self) -> bool:
        """The title is only the file's name: cite the item by its people or kind instead."""
        return self.metadata.title_from_file

    @property
    def date(self) -> str:
        return self.metadata.date.long()

    @property
    def year(self) -> str:
        return self.metadata.date.year + self.suffix

    def who(self, *, short: bool = False) -> str:
        """ "Henry Kissinger to Richard Nixon" (short: "Kissinger to Nixon"); "" when no one is named."""

        sender = names_in_prose(self.metadata.authors, short=short)
        recipient = names_in_prose(self.metadata.recipients, short=short)
        if sender and recipient:
            return f"{sender} to {recipient}"
        return sender

    @property
    def kind(self) -> str:
        """ "message (Hakto 25)"."""
        genre, designation = self.metadata.genre, self.metadata.designation
        if genre and designation:
            return f"{genre} ({designation})"
        return genre or designation

    @property
    def editors(self) -> str:
        return " and ".join(full_name(e) for e in self.metadata.editors)

    @property
    def container_year(self) -> str:
        return self.metadata.container_issued[:4]
