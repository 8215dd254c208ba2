"""Selected highlights made ready to write, one at a time: quotation, page, tags, note and citation.

Citations are given in the order the excerpts will be read, so a note style gives the full
note the first time a source is cited and the shortened one after; each excerpt also carries
the full citation alone (for a table row, or for copying one quotation).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass

from workbench.citations import Citer, Rich, Source, Style, pinpoint
from workbench.citations.csl import CslStyle
from workbench.citations.rich import Run
from workbench.citations.styles import citer_for
from workbench.export.keys import CitationKeys
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
    key: str  # the source's citation key, unique in the export ("kissinger1972message")
    first: bool  # the first excerpt that cites its source: a list of sources names it here

    @property
    def note(self) -> str:
        return self.span.note.strip()


#: ``tick(done)``: told every ``TICK_EVERY`` excerpts (for progress; it may raise to stop the export).
Tick = Callable[[int], None]
TICK_EVERY = 200


class Prepared:
    """The excerpts of one export, made one at a time as a writer reads them (``excerpts``, once), and
    then the bibliography of the sources they cited (``references``), alphabetised.

    Nothing grows with the number of highlights: each excerpt is made from the selection's chunk
    in memory and let go of once written; the references go to the selection's scratch database,
    sorted there. What grows with the number of *documents* cited: the sources already cited
    (their keys), and, for a CSL style or Chicago author-date, every source before the first
    excerpt (citeproc-py is given all items up front; "1972a"/"1972b" needs every work of a year).
    """

    def __init__(self, selected: Selected, style: Style | CslStyle, options: QuoteOptions, *,
                 limit: int | None = None, tick: Tick | None = None) -> None:  # fmt: skip
        self.style, self.options, self.selected, self.limit, self.tick = style, options, selected, limit, tick
        self.count = selected.count if limit is None else min(limit, selected.count)
        self.warnings: list[str] = list(selected.warnings)  # what a writer had to change (workbench.escaping)
        self._bibliography = Bibliography(selected.scratch)

    def excerpts(self) -> Iterator[Excerpt]:
        ahead = self._sources_ahead()
        citer = citer_for(self.style, list({s.key: s for s in ahead.values()}.values()) if ahead else [])
        keys = CitationKeys()
        cited: dict[str, str] = {}  # source key → citation key
        last: tuple[str, Source] | None = None
        tree = self.selected.tree
        for done, (document, span) in enumerate(self.selected.items(self.limit)):
            if self.tick is not None and not done % TICK_EVERY:
                self.tick(done)
            if ahead:
                source = ahead[document.id]
            elif last is None or last[0] != document.id:
                source = Source.of(document)
            last = (document.id, source)
            page = pinpoint(document, span)
            tags = tuple(sorted(tree.path(t) for t in span.tag_ids if t in tree.by_id))
            first = source.key not in cited
            if first:
                cited[source.key] = keys.next(source)
                self._bibliography.add(citer.reference(source))
            cited_here = citer.cite(source, page)
            # The full citation alone: Workbench's styles give it as they cite a source the first time
            # (author-date and FRUS always); only a CSL style needs a citer of its own for it.
            own = isinstance(self.style, Style) and (first or self.style != Style.CHICAGO_NOTE)
            alone = cited_here if own else citer_for(self.style, [source]).cite(source, page)
            quote = quotation(span.quote, self.options)
            yield Excerpt(document, span, source, tags, page, quote, cited_here, alone, cited[source.key], first)
        if self.tick is not None:
            self.tick(self.count)

    def references(self) -> Iterator[Rich]:
        """The bibliography of the sources cited so far (``Bibliography``)."""
        return iter(self._bibliography)

    def _sources_ahead(self) -> dict[str, Source]:
        """Every cited document's source before the first excerpt, where the style needs them all."""
        if isinstance(self.style, Style) and self.style != Style.CHICAGO_AUTHOR_DATE:
            return {}
        sources: dict[str, Source] = {document.id: Source.of(document) for document in self.selected.documents()}
        return disambiguated(sources) if self.style == Style.CHICAGO_AUTHOR_DATE else sources


def prepare(selected: Selected, style: Style | CslStyle, options: QuoteOptions, limit: int | None = None,
            tick: Tick | None = None) -> Prepared:  # fmt: skip
    return Prepared(selected, style, options, limit=limit, tick=tick)


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


class Bibliography:
    """Entries kept aside in a scratch database as they come, each once (the items of one collection
    share its entry, CMOS 14.239), read back alphabetised letter by letter as the Manual's
    bibliographies are (CMOS 14.64), quotation marks ignored: 100,000 sources sorted by SQLite."""

    def __init__(self, scratch: sqlite3.Connection) -> None:
        self._scratch = scratch
        scratch.execute("CREATE TABLE IF NOT EXISTS listed (sort TEXT NOT NULL, plain TEXT PRIMARY KEY, runs TEXT)")

    def add(self, entry: Rich) -> None:
        runs = json.dumps([(run.text, run.italic, run.bold) for run in entry], ensure_ascii=False)
        self._scratch.execute(
            "INSERT OR REPLACE INTO listed VALUES (?, ?, ?)", [_sort_key(entry.plain()), entry.plain(), runs]
        )

    def __iter__(self) -> Iterator[Rich]:
        for (runs,) in self._scratch.execute("SELECT runs FROM listed ORDER BY sort, plain"):
            yield Rich(Run(*run) for run in json.loads(runs))


def bibliography(entries: Iterable[Rich]) -> list[Rich]:
    """``entries`` as a bibliography lists them (``Bibliography``)."""
    with closing(sqlite3.connect(":memory:")) as scratch:
        listed = Bibliography(scratch)
        for entry in entries:
            listed.add(entry)
        return list(listed)


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lstrip("“‘\"'")).casefold()
