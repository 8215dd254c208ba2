"""Bibliographic metadata of a document, stored as CSL-JSON.

CSL-JSON is what Zotero, pandoc and every citeproc speak, so the project stores exactly that
and this class only gives typed access to the fields the program reads. A FRUS document is
cited as a piece inside a published volume: the document's own date, place and people sit in
the standard variables (``issued``, ``event-place``, ``author``, ``recipient``), the volume's
in the ``container-*``, ``editor``, ``publisher*`` ones. CSL has no variable for the year the
*container* was published; it goes under ``custom`` (the CSL-JSON extension point) as
``container-issued``, as does the archival source's message designation (``Hakto 25``).

An item the historian found in an archive uses CSL 1.0.2's archive variables: ``archive`` (the
repository), ``archive-place``, ``archive_collection``, and ``archive_location``, which CSL
keeps as one string; the parts a citation orders and words itself (series, box, folder, folio)
are kept apart under ``custom`` and written into ``archive_location`` as well, for other tools.
A published document's own source note ("National Archives, Nixon Presidential Materials, …")
is the editors' apparatus, not a place the historian consulted: it is ``custom.source-note``,
never ``archive``, so no style cites it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from workbench.model.dates import MONTHS, SourceDate, iso_parts
from workbench.model.kinds import SourceKind, box_label, folder_label, folio_label, series_label


def long_date(iso: str) -> str:
    """ "1972-11-24" → "November 24, 1972" (also "November 1972", "1972"), as FRUS prints dates."""
    return SourceDate(iso).long() if iso_parts(iso) else iso


@dataclass(frozen=True, slots=True)
class Name:
    """A person ("Dulles", "John Foster") or an institution (``family`` only: "US Department of State")."""

    family: str
    given: str = ""

    def to_csl(self) -> dict[str, str]:
        return {"family": self.family, "given": self.given} if self.given else {"family": self.family}

    @classmethod
    def from_csl(cls, data: Any) -> Name:
        if not isinstance(data, dict):
            return cls(str(data)) if isinstance(data, str) else cls("")
        family = data.get("family") or data.get("literal") or ""
        given = data.get("given") or ""
        return cls(family=str(family), given=str(given))

    @classmethod
    def parse(cls, typed: str) -> Name:
        """ "Dulles, John Foster" → a person; "US Department of State" (no comma) → an institution.

        Raises ``ValueError`` for a name with nothing in it but commas and spaces."""
        family, comma, given = (" ".join(part.split()) for part in typed.partition(","))
        given = given.strip(" ,")
        if not family:
            raise ValueError(f'{typed!r} is not a name: write "Family, Given" or an institution\'s name')
        return cls(family, given if comma else "")

    def __str__(self) -> str:
        """The form ``parse`` reads back: "Dulles, John Foster"."""
        return f"{self.family}, {self.given}" if self.given else self.family


def _names(value: Any) -> tuple[Name, ...]:
    if not isinstance(value, list):
        return ()
    names = (Name.from_csl(item) for item in value)
    return tuple(name for name in names if name.family)


def _text(value: Any) -> str:
    """A CSL string variable; numbers are allowed (``"volume": 9``), anything else is dropped."""
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def short_dates(iso: str) -> list[str]:
    """Shorter forms of a date for narrow places, longest first: "Nov. 24, 1972", "1972-11-24"."""
    parts = [int(part) for part in iso.split("-") if part.isdigit()]
    if len(parts) < 2:
        return [iso]
    month = MONTHS[parts[1] - 1]
    month = month if len(month) <= 4 else month[:3] + "."
    return [f"{month} {parts[2]}, {parts[0]}" if len(parts) >= 3 else f"{month} {parts[0]}", iso]


def _date_parts(iso: str) -> dict[str, Any]:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def _iso(date: dict[str, Any] | None) -> str:
    if not date or not date.get("date-parts"):
        return ""
    return "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(date["date-parts"][0]))


#: Variables this class reads into fields of its own; anything else round-trips in ``extra``.
_KNOWN = {
    "type", "title", "number", "genre", "event-place", "container-title", "volume", "publisher",
    "publisher-place", "URL", "archive", "archive-place", "archive_collection", "archive_location",
    "author", "recipient", "editor", "issued", "custom",
}  # fmt: skip
_OWN_CUSTOM = {
    "time", "designation", "container-issued", "kind", "series", "box", "folder", "folio",
    "reference-code", "source-note", "title-from-file",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Metadata:
    """The fields the program reads; ``extra`` keeps any other CSL-JSON it was given."""

    title: str = ""
    number: str = ""
    genre: str = ""  # the form as the document names it: "message", "memorandum"
    designation: str = ""
    authors: tuple[Name, ...] = ()
    recipients: tuple[Name, ...] = ()
    issued: str = ""  # ISO date of the document itself: "1972-11-24" (the first day of a range)
    issued_end: str = ""  # the last day of a date range, or ""
    circa: bool = False  # the date is inferred: "[1954?]"
    time: str = ""  # as printed in the dateline: "1800Z"
    place: str = ""  # where it was written
    container_title: str = ""
    volume: str = ""
    editors: tuple[Name, ...] = ()
    publisher: str = ""
    publisher_place: str = ""
    container_issued: str = ""  # year the volume was published: "2010"
    url: str = ""
    archive: str = ""  # the repository: "Seeley G. Mudd Manuscript Library, Princeton University"
    archive_place: str = ""  # "Princeton, NJ"
    collection: str = ""  # "John Foster Dulles Papers"
    series: str = ""
    box: str = ""
    folder: str = ""
    folio: str = ""  # the item's folio or item number inside its folder: "3r–7v", "item 12"
    archive_location: str = ""  # the repository's reference code or call number: "MS-2-650"
    source_note: str = ""  # a published document's note on where its original is kept
    kind: str = ""  # a ``SourceKind`` value when the historian chose one
    title_from_file: bool = False  # the title is the file's name, a placeholder until one is given
    csl_type: str = "document"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def date(self) -> SourceDate:
        return SourceDate(self.issued, self.issued_end, self.circa)

    def with_date(self, date: SourceDate) -> Metadata:
        return replace(self, issued=date.start, issued_end=date.end, circa=date.circa)

    @property
    def source_kind(self) -> SourceKind:
        """What the historian said this is, or the best guess from the CSL type and genre."""
        return SourceKind.infer(self.kind, self.csl_type, self.genre, bool(self.container_title), bool(self.number))

    @property
    def archival(self) -> bool:
        """Cited as an item in a manuscript collection: unpublished, or located in an archive."""
        return not self.container_title and not self.source_kind.published

    def location_parts(self) -> list[str]:
        """Where the item sits inside its collection, general to specific, as notes print it:
        ["MS-2-650", "series 2", "box 80", "Alsop folder", "fol. 3r"]."""
        parts = [self.archive_location, series_label(self.series), box_label(self.box),
                 folder_label(self.folder), folio_label(self.folio)]  # fmt: skip
        return [part for part in parts if part]

    def dateline(self) -> str:
        """ "Paris, November 24, 1972, 1800Z": place, date and time as the printed dateline has them."""
        return ", ".join(part for part in (self.place, self.date.long(), self.time) if part)

    def to_csl(self) -> dict[str, Any]:
        csl: dict[str, Any] = dict(self.extra)
        csl["type"] = self.csl_type
        custom: dict[str, Any] = dict(csl.get("custom", {}))
        structured = any((self.series, self.box, self.folder, self.folio))
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
            "archive-place": self.archive_place,
            "archive_collection": self.collection,
            "archive_location": ", ".join(self.location_parts()) if structured else self.archive_location,
        }
        csl.update({key: value for key, value in simple.items() if value})
        for key, names in (("author", self.authors), ("recipient", self.recipients), ("editor", self.editors)):
            if names:
                csl[key] = [name.to_csl() for name in names]
        if issued := self.date.to_csl():
            csl["issued"] = issued
        own = {
            "time": self.time,
            "designation": self.designation,
            "kind": self.kind,
            "series": self.series,
            "box": self.box,
            "folder": self.folder,
            "folio": self.folio,
            "reference-code": self.archive_location if structured else "",
            "source-note": self.source_note,
            "title-from-file": self.title_from_file,
        }
        custom.update({key: value for key, value in own.items() if value})
        if self.container_issued:
            custom["container-issued"] = SourceDate(self.container_issued).to_csl()
        if custom:
            csl["custom"] = custom
        return csl

    @classmethod
    def from_csl(cls, csl: dict[str, Any]) -> Metadata:
        """Read a CSL-JSON item; a variable of the wrong shape is dropped, never an error."""
        raw_custom = csl.get("custom")
        custom = dict(raw_custom) if isinstance(raw_custom, dict) else {}
        extra = {key: value for key, value in csl.items() if key not in _KNOWN}
        leftover_custom = {key: value for key, value in custom.items() if key not in _OWN_CUSTOM}
        if leftover_custom:
            extra["custom"] = leftover_custom
        date = SourceDate.from_csl(csl.get("issued"))
        structured = any(custom.get(key) for key in ("series", "box", "folder", "folio"))

        def text(key: str) -> str:
            return _text(csl.get(key))

        def own(key: str) -> str:
            return _text(custom.get(key))

        return cls(
            title=text("title"),
            number=text("number"),
            genre=text("genre"),
            designation=own("designation"),
            authors=_names(csl.get("author")),
            recipients=_names(csl.get("recipient")),
            issued=date.start,
            issued_end=date.end,
            circa=date.circa,
            time=own("time"),
            place=text("event-place"),
            container_title=text("container-title"),
            volume=text("volume"),
            editors=_names(csl.get("editor")),
            publisher=text("publisher"),
            publisher_place=text("publisher-place"),
            container_issued=SourceDate.from_csl(custom.get("container-issued")).start,
            url=text("URL"),
            archive=text("archive"),
            archive_place=text("archive-place"),
            collection=text("archive_collection"),
            series=own("series"),
            box=own("box"),
            folder=own("folder"),
            folio=own("folio"),
            archive_location=own("reference-code") if structured else text("archive_location"),
            source_note=own("source-note"),
            kind=own("kind"),
            title_from_file=custom.get("title-from-file") is True,
            csl_type=text("type") or "document",
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
