"""The details a historian can set on a document, by CSL-JSON variable name, read from typed text.

One table serves the command line (``workbench details DOC --set archive_collection=…``) and the
details form's labels, so the two faces accept the same names and refuse the same nonsense.
Names are CSL 1.0.2's where CSL has the variable; the rest are the ``custom`` keys the project
stores them under (``box``, ``folder``, ``folio``, ``series``, ``source-note``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum

from workbench.model.dates import DateError, SourceDate
from workbench.model.kinds import SourceKind
from workbench.model.metadata import Metadata, Name


class Value(Enum):
    TEXT = "text"
    NAMES = "names"  # "Family, Given" or an institution; may repeat
    DATE = "date"
    YEAR = "year"
    KIND = "kind"


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # as typed on the command line: the CSL variable
    attribute: str  # the ``Metadata`` field it sets
    label: str  # as the details form shows it
    value: Value = Value.TEXT


FIELDS: dict[str, Field] = {
    field.name: field
    for field in (
        Field("kind", "kind", "Kind of source", Value.KIND),
        Field("title", "title", "Title"),
        Field("author", "authors", "Author(s)", Value.NAMES),
        Field("recipient", "recipients", "Recipient(s)", Value.NAMES),
        Field("genre", "genre", "Form"),
        Field("designation", "designation", "Designation"),
        Field("issued", "issued", "Date", Value.DATE),
        Field("time", "time", "Time"),
        Field("event-place", "place", "Place written"),
        Field("archive", "archive", "Archive"),
        Field("archive-place", "archive_place", "Archive place"),
        Field("archive_collection", "collection", "Collection"),
        Field("series", "series", "Series"),
        Field("box", "box", "Box"),
        Field("folder", "folder", "Folder"),
        Field("folio", "folio", "Folio or item"),
        Field("archive_location", "archive_location", "Reference code"),
        Field("container-title", "container_title", "Published in"),
        Field("volume", "volume", "Volume"),
        Field("editor", "editors", "Editor(s)", Value.NAMES),
        Field("publisher", "publisher", "Publisher"),
        Field("publisher-place", "publisher_place", "Place of publication"),
        Field("container-issued", "container_issued", "Year published", Value.YEAR),
        Field("number", "number", "Document number"),
        Field("URL", "url", "URL"),
        Field("source-note", "source_note", "Source note"),
    )
}
_ALIASES = {"url": "URL", "date": "issued", "place": "event-place", "collection": "archive_collection",
            "type": "kind", "editors": "editor", "authors": "author", "recipients": "recipient"}  # fmt: skip


class FieldError(ValueError):
    """A field that does not exist, or a value it cannot take; the message says which and why."""


def field_named(name: str) -> Field:
    key = name.strip()
    key = _ALIASES.get(key, _ALIASES.get(key.lower(), key))
    if key not in FIELDS:
        raise FieldError(f"no field {name!r}; the fields are: {', '.join(FIELDS)}")
    return FIELDS[key]


def apply(metadata: Metadata, assignments: list[tuple[str, str]]) -> Metadata:
    """``metadata`` with each ``(field, typed value)`` set in order.

    A names field given several times collects every name given (``author=A author=B``); an
    empty value clears the field. Raises ``FieldError`` before anything is changed."""
    changes: dict[str, object] = {}
    named: dict[str, list[Name]] = {}
    for name, typed in assignments:
        field = field_named(name)
        typed = typed.strip()
        if field.value == Value.NAMES:
            people = named.setdefault(field.attribute, [])
            if typed:
                try:
                    people.append(Name.parse(typed))
                except ValueError as error:
                    raise FieldError(f"{field.name}: {error}") from None
        elif field.value == Value.DATE:
            try:
                date = SourceDate.parse(typed)
            except DateError as error:
                raise FieldError(f"{field.name}: {error}") from None
            changes.update(issued=date.start, issued_end=date.end, circa=date.circa)
        elif field.value == Value.YEAR:
            if typed and not (typed.isdigit() and 1 <= int(typed) <= 9999):
                raise FieldError(f"{field.name}: {typed!r} is not a year")
            changes[field.attribute] = typed
        elif field.value == Value.KIND:
            changes.update(kind_changes(typed))
        else:
            changes[field.attribute] = typed
            if field.attribute == "title":
                changes["title_from_file"] = False
    changes.update({attribute: tuple(people) for attribute, people in named.items()})
    return dataclasses.replace(metadata, **changes)  # type: ignore[arg-type]


def kind_changes(typed: str) -> dict[str, object]:
    """The fields a kind of source sets: the kind itself and the CSL type other tools read."""
    if not typed:
        return {"kind": ""}
    wanted = typed.strip().lower()
    for kind in SourceKind:
        if wanted in (kind.value, kind.label.lower(), kind.name.lower()):
            return {"kind": kind.value, "csl_type": kind.csl_type}
    kinds = ", ".join(kind.value for kind in SourceKind)
    raise FieldError(f"kind: {typed!r} is not a kind of source; the kinds are: {kinds}")


def typed_value(metadata: Metadata, field: Field) -> str:
    """The field's value as a user would type it back (``Name``s joined by "; ")."""
    if field.value == Value.DATE:
        return "" if metadata.date.undated else str(metadata.date)
    value = getattr(metadata, field.attribute)
    if field.value == Value.NAMES:
        return "; ".join(str(name) for name in value)
    return str(value)
