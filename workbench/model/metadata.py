"""Bibliographic metadata of a document, stored as CSL-JSON.

CSL-JSON is what Zotero, pandoc and every citeproc speak, so the project stores exactly that
and this class only gives typed access to the fields the program reads. A FRUS document is
cited as a piece inside a published volume: the document's own date, place and people sit in
the standard variables (``issued``, ``event-place``, ``author``, ``recipient``), the volume's
in the ``container-*``, ``editor``, ``publisher*`` ones. CSL has no variable for the year the
*container* was published; it goes under ``custom`` (the CSL-JSON extension point) as
``container-issued``, as does the archival source's message designation (``Hakto 25``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Name:
    family: str
    given: str = ""

    def to_csl(self) -> dict[str, str]:
        return {"family": self.family, "given": self.given} if self.given else {"family": self.family}

    @classmethod
    def from_csl(cls, data: dict[str, Any]) -> Name:
        return cls(family=data.get("family") or data.get("literal", ""), given=data.get("given", ""))


_MONTHS = ("January February March April May June July August September October November December").split()


def long_date(iso: str) -> str:
    """ "1972-11-24" → "November 24, 1972" (also "November 1972", "1972"), as FRUS prints dates."""
    parts = [int(part) for part in iso.split("-") if part.isdigit()]
    if len(parts) >= 3:
        return f"{_MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0]) if parts else iso


def _date_parts(iso: str) -> dict[str, Any]:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def _iso(date: dict[str, Any] | None) -> str:
    if not date or not date.get("date-parts"):
        return ""
    return "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(date["date-parts"][0]))


@dataclass(frozen=True, slots=True)
class Metadata:
    """The fields the program reads; ``extra`` keeps any other CSL-JSON it was given."""

    title: str = ""
    number: str = ""
    genre: str = ""
    designation: str = ""
    authors: tuple[Name, ...] = ()
    recipients: tuple[Name, ...] = ()
    issued: str = ""  # ISO date of the document itself: "1972-11-24"
    time: str = ""  # as printed in the dateline: "1800Z"
    place: str = ""
    container_title: str = ""
    volume: str = ""
    editors: tuple[Name, ...] = ()
    publisher: str = ""
    publisher_place: str = ""
    container_issued: str = ""  # year the volume was published: "2010"
    url: str = ""
    archive: str = ""  # the archival source as the source note gives it
    csl_type: str = "document"
    extra: dict[str, Any] = field(default_factory=dict)

    def dateline(self) -> str:
        """ "Paris, November 24, 1972, 1800Z": place, date and time as the printed dateline has them."""
        return ", ".join(
            part for part in (self.place, long_date(self.issued) if self.issued else "", self.time) if part
        )

    def to_csl(self) -> dict[str, Any]:
        csl: dict[str, Any] = dict(self.extra)
        csl["type"] = self.csl_type
        custom: dict[str, Any] = dict(csl.get("custom", {}))
        simple = {
            "title": self.title,
            "number": self.number,
            "genre": self.genre,
            "event-place": self.place,
            "container-title": self.container_title,
            "volume": self.volume,
            "publisher": self.publisher,
            "publisher-place": self.publisher_place,
            "URL": self.url,
            "archive": self.archive,
        }
        csl.update({key: value for key, value in simple.items() if value})
        for key, names in (("author", self.authors), ("recipient", self.recipients), ("editor", self.editors)):
            if names:
                csl[key] = [name.to_csl() for name in names]
        if self.issued:
            csl["issued"] = _date_parts(self.issued)
        if self.time:
            custom["time"] = self.time
        if self.designation:
            custom["designation"] = self.designation
        if self.container_issued:
            custom["container-issued"] = _date_parts(self.container_issued)
        if custom:
            csl["custom"] = custom
        return csl

    @classmethod
    def from_csl(cls, csl: dict[str, Any]) -> Metadata:
        known = {
            "type",
            "title",
            "number",
            "genre",
            "event-place",
            "container-title",
            "volume",
            "publisher",
            "publisher-place",
            "URL",
            "archive",
            "author",
            "recipient",
            "editor",
            "issued",
            "custom",
        }
        custom = dict(csl.get("custom", {}))
        own_custom = {"time", "designation", "container-issued"}
        extra = {key: value for key, value in csl.items() if key not in known}
        leftover_custom = {key: value for key, value in custom.items() if key not in own_custom}
        if leftover_custom:
            extra["custom"] = leftover_custom

        def names(key: str) -> tuple[Name, ...]:
            return tuple(Name.from_csl(item) for item in csl.get(key, []))

        return cls(
            title=csl.get("title", ""),
            number=str(csl.get("number", "")),
            genre=csl.get("genre", ""),
            designation=custom.get("designation", ""),
            authors=names("author"),
            recipients=names("recipient"),
            issued=_iso(csl.get("issued")),
            time=custom.get("time", ""),
            place=csl.get("event-place", ""),
            container_title=csl.get("container-title", ""),
            volume=str(csl.get("volume", "")),
            editors=names("editor"),
            publisher=csl.get("publisher", ""),
            publisher_place=csl.get("publisher-place", ""),
            container_issued=_iso(custom.get("container-issued")),
            url=csl.get("URL", ""),
            archive=csl.get("archive", ""),
            csl_type=csl.get("type", "document"),
            extra=extra,
        )

    def merged(self, other: Metadata) -> Metadata:
        """``self`` with every non-empty field of ``other`` laid over it."""
        mine, theirs = self.to_csl(), other.to_csl()
        custom = {**mine.get("custom", {}), **theirs.get("custom", {})}
        merged = {**mine, **{key: value for key, value in theirs.items() if value}}
        if custom:
            merged["custom"] = custom
        if other.csl_type == "document":
            merged["type"] = self.csl_type
        return Metadata.from_csl(merged)
