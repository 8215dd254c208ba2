"""Selected highlights made ready to write: quotation, page, tags, note and citation for each.

Citations are given in the order the excerpts will be read, so a note style gives the full
note the first time a source is cited and the shortened one after; each excerpt also carries
the full citation alone (for a table row, or for copying one quotation).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.citations import Citer, Rich, Source, Style, pinpoint
from workbench.citations.csl import CslStyle
from workbench.citations.styles import citer_for
from workbench.export.quotes import Quotation, QuoteOptions, quotation
from workbench.export.selection import Selected
from workbench.model import Document
from workbench.model.annotation import Span


@dataclass(frozen=True, slots=True)
class Excerpt:
    document: Document
    span: Span
    source: Source
    tags: tuple[str, ...]
    page: str
    quote: Quotation
    citation: Rich
    full_citation: Rich

    @property
    def note(self) -> str:
        return self.span.note.strip()


@dataclass(slots=True)
class Prepared:
    style: Style | CslStyle
    options: QuoteOptions
    excerpts: list[Excerpt] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)  # each once, in the order first cited
    references: list[Rich] = field(default_factory=list)  # their bibliography entries, alphabetised
    warnings: list[str] = field(default_factory=list)  # what a writer had to change (see workbench.escaping)


def prepare(selected: Selected, style: Style | CslStyle, options: QuoteOptions) -> Prepared:
    prepared = Prepared(style, options, warnings=list(selected.warnings))
    by_document: dict[str, Source] = {}
    for document, _span in selected.items:
        by_document.setdefault(document.id, Source.of(document))
    if style == Style.CHICAGO_AUTHOR_DATE:
        by_document = disambiguated(by_document)
    distinct = list({source.key: source for source in by_document.values()}.values())
    citer = citer_for(style, distinct)
    sources: dict[str, Source] = {}
    for document, span in selected.items:
        source = by_document[document.id]
        page = pinpoint(document, span)
        tags = tuple(sorted(selected.tree.path(t) for t in span.tag_ids if t in selected.tree.by_id))
        cited, alone = citer.cite(source, page), citer_for(style, [source]).cite(source, page)
        quote = quotation(span.quote, options)
        prepared.excerpts.append(Excerpt(document, span, source, tags, page, quote, cited, alone))
        sources.setdefault(source.key, source)
    prepared.sources = list(sources.values())
    prepared.references = bibliography(citer.reference(source) for source in prepared.sources)
    return prepared


def disambiguated(sources: dict[str, Source]) -> dict[str, Source]:
    """Works of one author in one year get "1972a", "1972b" … in the order of the reference list
    (CMOS 15.19); items of a manuscript collection share its one entry, so they keep the year."""
    groups: dict[tuple[str, str], list[tuple[str, Source]]] = {}
    for doc_id, source in sources.items():
        if source.archival:
            continue
        names = tuple(name.family for name in source.metadata.authors) or (source.metadata.title,)
        groups.setdefault((" ".join(names), source.metadata.date.year), []).append((doc_id, source))
    out = dict(sources)
    for members in groups.values():
        distinct = {source.key: source for _, source in members}
        if len(distinct) < 2:
            continue
        order = sorted(
            distinct, key=lambda key: _sort_key(Citer(Style.CHICAGO_AUTHOR_DATE).reference(distinct[key]).plain())
        )
        letters = {key: chr(ord("a") + i) if i < 26 else f"a{i}" for i, key in enumerate(order)}
        for doc_id, source in members:
            out[doc_id] = dataclasses.replace(source, suffix=letters[source.key])
    return out


def bibliography(entries: Iterable[Rich]) -> list[Rich]:
    """Each entry once (the items of one collection share its entry, CMOS 14.239), alphabetised
    letter by letter as the Manual's bibliographies are (CMOS 14.64), quotation marks ignored."""
    unique = {entry.plain(): entry for entry in entries}
    return [unique[text] for text in sorted(unique, key=_sort_key)]


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lstrip("“‘\"'")).casefold()
