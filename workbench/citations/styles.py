"""The citation styles historians of US foreign relations write in, for a document and a page.

- Chicago notes (CMOS 14.111, a letter in a published collection): a full note the first time a
  source is cited, a shortened note after; and its bibliography entry.
- Chicago author-date: "(Kissinger 1972, 446)" in the text, and the reference-list entry.
- The Office of the Historian's FRUS form: the volume, the editor, the document number.

Written here rather than through citeproc-py, whose rendering of these documents is wrong
(initials for given names, no recipient, the letter's date given as the publication date);
see the closing note of the export issue. Every form is pinned by tests on the sample.
"""

from __future__ import annotations

import re
from enum import StrEnum

from workbench.citations import archival
from workbench.citations.csl import CslCiter, CslStyle, load_style
from workbench.citations.rich import Rich, Run, italic
from workbench.citations.source import Source, arabic, full_name, short_title


class Style(StrEnum):
    CHICAGO_NOTE = "chicago-note"
    CHICAGO_AUTHOR_DATE = "chicago-author-date"
    FRUS = "frus"

    @property
    def label(self) -> str:
        return {
            Style.CHICAGO_NOTE: "Chicago notes and bibliography",
            Style.CHICAGO_AUTHOR_DATE: "Chicago author-date",
            Style.FRUS: "Office of the Historian (FRUS)",
        }[self]

    @property
    def in_text(self) -> bool:
        """Cited in the text, "(Kissinger 1972, 446)", rather than in notes."""
        return self == Style.CHICAGO_AUTHOR_DATE

    @property
    def references_title(self) -> str:
        return "References" if self.in_text else "Bibliography"


def _finish(rich: Rich) -> Rich:
    """End with one full stop (a URL or a closing quotation mark takes it too)."""
    text = rich.plain()
    if text.endswith((".”", ".")):
        return rich
    if text.endswith("”"):
        last = rich[-1]
        return Rich([*rich[:-1], Run(last.text[:-1] + ".”", last.italic)])
    return Rich([*rich, "."])


def _container(source: Source, *, edited: str) -> Rich:
    """'Foreign Relations of the United States, 1969–1976, vol. 9, Vietnam, …, ed. John M. Carland'."""
    if not source.series:
        return Rich()
    parts: list[Run | str] = [italic(source.series)]
    if source.volume:
        parts.append(f", vol. {arabic(source.volume)}{source.part}")
    if source.volume_title:
        parts += [", ", italic(source.volume_title)]
    if source.editors:
        parts.append(f", {edited} {source.editors}")
    return Rich(parts)


def _publication(source: Source) -> str:
    """'Washington, DC: Government Printing Office, 2010'."""
    meta = source.metadata
    where = ": ".join(part for part in (meta.publisher_place, meta.publisher) if part)
    return ", ".join(part for part in (where, source.container_year) if part)


def _opening(source: Source) -> list[archival.Part]:
    """The opening of a note: who wrote to whom (or an author and the title), what, where, when;
    or the title when no one is named. A title is never dropped for an author without a recipient."""
    meta = source.metadata
    who = source.who()
    if not who:
        return [archival.Quoted(meta.title) if meta.title else "", meta.place, source.date]
    titled = meta.title and not meta.recipients and not source.placeholder_title
    return [who, archival.Quoted(meta.title) if titled else "", source.kind, meta.place, source.date]


def _then(text: str, word: str) -> str:
    """Continue after ``text``: '“Title,” in', or 'Paris, 1972, in' (the comma inside a closing quote)."""
    if not text:
        return word.lstrip(", ")
    return f"{text[:-1]},” {word.lstrip(', ')}" if text.endswith("”") else f"{text}{word}"


def chicago_full_note(source: Source, page: str = "") -> Rich:
    if source.archival:
        return archival.full_note(source, page)
    opening = archival.join(_opening(source), end="")
    container = _container(source, edited="ed.")
    tail = [part for part in (f"doc. {source.number}" if source.number else "", page, source.metadata.url) if part]
    runs: list[Run | str] = [opening]
    if container:
        runs = [_then(opening, ", in "), *container]
        publication = _publication(source)
        if publication:
            runs.append(f" ({publication})")
        if tail:
            runs.append(", " + ", ".join(tail))
    elif tail:
        runs = [_then(opening, ", " + ", ".join(tail))]
    return _finish(Rich(runs))


def chicago_short_note(source: Source, page: str = "") -> Rich:
    if source.archival:
        return archival.short_note(source, page)
    meta = source.metadata
    who = source.who(short=True)
    titled = bool(meta.title) and not (who and (meta.recipients or source.placeholder_title))
    head: list[archival.Part] = [who, archival.Quoted(short_title(meta.title)) if titled else ""]
    rest = [source.date if who else "", f"doc. {source.number}" if source.number else "", page]
    return _finish(Rich([archival.join([*head, *rest], end="")]))


def _author_inverted(source: Source) -> str:
    authors = source.metadata.authors
    if not authors:
        return ""
    first = f"{authors[0].family}, {authors[0].given}".strip(", ")
    others = [full_name(a) for a in authors[1:]]
    return ", and ".join([first, *others]) if others else first


def describe(source: Source, *, with_year: bool) -> str:
    """'Message (Hakto 25) to Richard Nixon, Paris, November 24, 1972' (the bibliography's "title")."""
    meta = source.metadata
    recipients = " and ".join(full_name(r) for r in meta.recipients)
    kind = source.kind
    head = f"{kind[:1].upper()}{kind[1:]}" if kind else ""
    if recipients:
        head = f"{head} to {recipients}" if head else f"To {recipients}"
    date = source.date if with_year else re.sub(r",? \d{4}$", "", source.date)
    return ", ".join(part for part in (head, meta.place, date) if part)


def _reference(source: Source, *, year_first: bool) -> Rich:
    if source.archival:
        return archival.reference(source, year_first=year_first)
    meta = source.metadata
    author = _author_inverted(source)
    description = describe(source, with_year=not year_first)
    runs: list[Run | str] = []
    if author:
        runs.append(f"{author}. ")
        if year_first:
            runs.append(f"{source.year}. ")
        if meta.title and not meta.recipients and not source.placeholder_title:
            runs.append(f"“{meta.title}.” ")
        runs.append(f"{description}." if description else "")
    else:  # no author: the title leads, and the date and number still tell the item apart
        runs.append(f"“{meta.title}.”")
        if year_first:
            runs.append(f" {source.year}.")
        if description:
            runs.append(f" {description[:1].upper()}{description[1:]}.")
        if source.number and not meta.container_title:
            runs.append(f" Document {source.number}.")
    container = _container(source, edited="edited by")
    if container:
        runs += [" In ", *container]
        runs.append(f", doc. {source.number}." if source.number else ".")
        publication = _publication(source)
        if publication:
            runs.append(f" {publication}.")
    if source.metadata.url:
        runs.append(f" {source.metadata.url}.")
    return Rich(runs)


def chicago_bibliography(source: Source) -> Rich:
    return _reference(source, year_first=False)


def author_date_reference(source: Source) -> Rich:
    return _reference(source, year_first=True)


def author_date_citation(source: Source, page: str = "") -> Rich:
    """'(Kissinger 1972, 446)'; an archival item's folio or page with its word: '(Dulles 1954, fol. 3v)'."""
    if source.archival:
        page = archival.locator(page)
    authors = source.metadata.authors
    untitled = archival.short_name(source) if source.archival else f"“{short_title(source.metadata.title)}”"
    name = authors[0].family if authors else untitled
    if len(authors) == 2:
        name = f"{authors[0].family} and {authors[1].family}"
    elif len(authors) > 2:
        name = f"{authors[0].family} et al."
    return Rich([f"({name} {source.year}" + (f", {page})" if page else ")")])


def frus_citation(source: Source, page: str = "") -> Rich:
    """The Office of the Historian's form: the volume as titled, its editor, the document number."""
    meta = source.metadata
    if not source.series:
        return chicago_full_note(source, page)
    place = re.sub(r",\s*D\.?\s?C\.?$", "", meta.publisher_place)  # the OH writes "Washington"
    volume = f", Volume {source.volume}{source.part}" if source.volume else ""
    title = f", {source.volume_title}" if source.volume_title else ""
    runs: list[Run | str] = [italic(f"{source.series}{volume}{title}")]
    if source.editors:
        runs.append(f", ed. {source.editors}")
    where = ": ".join(part for part in (place, meta.publisher) if part)
    publication = ", ".join(part for part in (where, source.container_year) if part)
    if publication:
        runs.append(f" ({publication})")
    if source.number:
        runs.append(f", Document {source.number}")
    if page:
        runs.append(f", {'pp.' if '–' in page else 'p.'} {page}")  # a range takes "pp."
    return _finish(Rich(runs))


def citer_for(style: Style | CslStyle, sources: list[Source]) -> Citer | CslCiter:
    """The citer of ``style``: Workbench's own for its three, citeproc-py for any CSL style."""
    return Citer(style) if isinstance(style, Style) else CslCiter(style, sources)


def style_named(name: str) -> Style | CslStyle:
    """A style by name: "chicago-note", "chicago-author-date", "frus", a shipped CSL style, or a .csl file."""
    try:
        return Style(name)
    except ValueError:
        return load_style(name)


class Citer:
    """Cites sources in one style in order: Chicago notes give the full note once per source."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self._seen: set[str] = set()

    def cite(self, source: Source, page: str = "") -> Rich:
        if self.style == Style.CHICAGO_AUTHOR_DATE:
            return author_date_citation(source, page)
        if self.style == Style.FRUS:
            return frus_citation(source, page)
        first = source.key not in self._seen
        self._seen.add(source.key)
        return chicago_full_note(source, page) if first else chicago_short_note(source, page)

    def reference(self, source: Source) -> Rich:
        """The source's entry in the bibliography or reference list of this style."""
        if self.style == Style.CHICAGO_AUTHOR_DATE:
            return author_date_reference(source)
        if self.style == Style.FRUS:
            return frus_citation(source)
        return chicago_bibliography(source)
