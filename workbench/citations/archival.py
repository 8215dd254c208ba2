"""Chicago's forms for an item in a manuscript collection (CMOS 17th §§14.219–14.242; 18th ed. same).

A note runs from the specific to the general (CMOS 14.221): the item (``Sender to Recipient``
for a letter, else a title in quotation marks or a generic description in lower case), its date
(``n.d.`` when undated, inferred dates in brackets), where it sits in the collection (box,
folder, folio), the collection, the repository, and the repository's place unless its name
already says it. The bibliography lists the *collection* once, under the person whose papers
they are when that person is in the item (CMOS 14.239: "Dulles, John Foster. Papers. …"); an
item with no collection is listed by itself. Examples these forms reproduce are pinned in
``tests/test_archival_citations.py`` with the section each follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.citations.rich import Rich
from workbench.citations.source import Source, full_name, names_in_prose, short_title
from workbench.model import Name
from workbench.model.kinds import SourceKind


@dataclass(frozen=True, slots=True)
class Quoted:
    """A title, printed in quotation marks with the following comma or full stop inside them."""

    text: str


Part = str | Quoted


def join(parts: list[Part], *, end: str = ".") -> str:
    """ "A, “Title,” B." — parts joined by commas, the comma after a title inside its marks."""
    out = ""
    items = [part for part in parts if part]
    for i, part in enumerate(items):
        last = i == len(items) - 1
        if isinstance(part, Quoted):
            out += f"“{part.text}{end if last else ','}” " if not last else f"“{part.text}{end}”"
        else:
            out += part + (end if last and not part.endswith(end) else "" if last else ", ")
    return out.rstrip()


def locator(page: str) -> str:
    """A pinpoint in an unpublished item: "fol. 3v", "fols. 3v–4r", "p. 12", "pp. 12–13" (CMOS 14.232)."""
    if not page:
        return ""
    folio = re.search(r"\d[rv]\b", page) is not None
    many = "–" in page
    word = ("fols." if many else "fol.") if folio else ("pp." if many else "p.")
    return f"{word} {page}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _description(source: Source) -> str:
    """The generic word an untitled item is cited by, with its designation: "telegram (Hakto 25)"."""
    meta = source.metadata
    word = meta.genre or meta.source_kind.word
    if meta.designation:
        return f"{word} ({meta.designation})" if word else meta.designation
    return word


def _title(source: Source) -> Quoted | None:
    meta = source.metadata
    return Quoted(meta.title) if meta.title and not source.placeholder_title else None


def _lead(source: Source, *, short: bool) -> list[Part]:
    """The item: who wrote to whom and what it is, or its title, or what kind of paper it is."""
    meta = source.metadata
    authors = names_in_prose(meta.authors, short=short)
    recipients = names_in_prose(meta.recipients, short=short)
    title = _title(source)
    description = _description(source)
    is_letter = meta.source_kind == SourceKind.LETTER
    if authors and recipients:  # CMOS 14.222: "Burton to Merriam, telegram, January 26, 1923"
        return [
            f"{authors} to {recipients}",
            "" if short else description,
            "" if is_letter or short or title is None else title,
        ]
    if authors:
        if title:  # CMOS 14.222: Joseph Purcell, "A Map of the Southern Indian District"
            return [authors, Quoted(short_title(title.text)) if short else title]
        if description:  # "Memorandum by Alvin Johnson"
            return [f"{_capital(description)} by {authors}"]
        return [authors]
    if is_letter and recipients:
        description = "letter"
    addressed = f"{description} to {recipients}" if recipients and description else description
    if title is None and addressed:  # CMOS 14.222: a generic description, lower case but first
        return [_capital(addressed)]
    if title is None and meta.title:  # only the file's name is known
        return [Quoted(short_title(meta.title)) if short else Quoted(meta.title)]
    if title is None:
        return ["Untitled item"]
    return [Quoted(short_title(title.text)) if short else title, addressed if recipients and not short else ""]


def short_name(source: Source) -> str:
    """What an author-date citation names an item with no author by: "Memorandum", "“Report on Berlin”"."""
    return join(_lead(source, short=True), end="")


def _repository(source: Source, *, place_always: bool) -> list[str]:
    """ "Seeley G. Mudd Manuscript Library, Princeton University", and its place when the name does
    not already say it (CMOS 14.221), or always (the bibliography)."""
    meta = source.metadata
    place = meta.archive_place
    if place and not place_always and meta.archive:
        city = place.split(",")[0].strip()
        if city and city.lower() in meta.archive.lower():
            place = ""
    return [meta.archive, place]


def full_note(source: Source, page: str = "") -> Rich:
    meta = source.metadata
    parts: list[Part] = [*_lead(source, short=False), meta.date.long() or "n.d.", locator(page)]
    parts += [*meta.location_parts(), meta.collection, *_repository(source, place_always=False), meta.url]
    return Rich([join(parts)])


def short_note(source: Source, page: str = "") -> Rich:
    """ "Dulles to Alsop, March 14, 1954, fol. 3v." (CMOS 14.29–14.30: the item and its date)."""
    meta = source.metadata
    return Rich([join([*_lead(source, short=True), meta.date.long() or "n.d.", locator(page)])])


def _inverted(names: tuple[Name, ...]) -> str:
    """ "Dulles, John Foster" (the first name inverted, CMOS 14.76), others in natural order."""
    if not names:
        return ""
    first = str(names[0])
    others = [full_name(name) for name in names[1:]]
    if not others:
        return first
    return f"{first}, and {others[0]}" if len(others) == 1 else ", ".join([first, *others[:-1]]) + f", and {others[-1]}"


def _collection_owner(source: Source) -> tuple[Name, str] | None:
    """The person whose papers the collection is, and what the collection is called after the name:
    "John Foster Dulles Papers" → (Dulles, John Foster), "Papers"."""
    collection = source.metadata.collection
    for person in (*source.metadata.authors, *source.metadata.recipients):
        name = full_name(person)
        if name and collection.startswith(name + " ") and person.given:
            return person, collection[len(name) :].strip()
    return None


def collection_entry(source: Source) -> Rich:
    """The collection in the bibliography and the reference list, however many items are cited."""
    meta = source.metadata
    owner = _collection_owner(source)
    head = [str(owner[0]), _capital(owner[1])] if owner else [meta.collection]
    tail = ", ".join(part for part in _repository(source, place_always=True) if part)
    return Rich([". ".join([*head, tail]) + "." if tail else ". ".join(head) + "."])


def item_entry(source: Source, *, year_first: bool) -> Rich:
    """One item alone in the bibliography (no collection to list it under): CMOS 14.239."""
    meta = source.metadata
    author = _inverted(meta.authors)
    recipients = names_in_prose(meta.recipients, short=False)
    description = _description(source) or ("letter" if recipients else "")
    date = meta.date.long(with_year=not year_first) if not meta.date.undated else ""
    what: list[Part] = []
    if author:
        title = _title(source)
        addressed = f"{_capital(description)} to {recipients}" if recipients else _capital(description)
        what = [title] if title and not recipients else [addressed] if addressed else []
        if title and recipients and meta.source_kind != SourceKind.LETTER:
            what = [title, f"{description} to {recipients}"]
    head = author or join(_lead(source, short=False), end="")
    sentences = [head, meta.date.year if year_first else "", join([*what, date], end="")]
    repository = ", ".join(part for part in _repository(source, place_always=True) if part)
    sentences += [_capital(", ".join(meta.location_parts())), meta.collection, repository, meta.url]
    return Rich([" ".join(_sentence(s) for s in sentences if s)])


def _sentence(text: str) -> str:
    """End with a full stop, inside a closing quotation mark."""
    if text.endswith("”"):
        return text if text.endswith(".”") else text[:-1] + ".”"
    return text if text.endswith(".") else text + "."


def reference(source: Source, *, year_first: bool) -> Rich:
    """The bibliography (or reference-list) entry: the collection, else the item itself."""
    if source.metadata.collection:
        return collection_entry(source)
    return item_entry(source, year_first=year_first)
