"""Citation keys for the sources of an export: stable, and unique in it."""

from __future__ import annotations

import re
import unicodedata

from workbench.citations import Source

_STOP = {"a", "an", "the", "of", "to", "from", "on", "in", "and", "for", "by", "with", "at"}


class CitationKeys:
    """Keys given one source at a time, in the order the sources are first cited: a Zotero (Better
    BibTeX) key the source came with, else first author (or "anon"), year and the first word of the
    title that says something: 'kissinger1972message'. The keys given are kept in a set: an export
    citing 100,000 documents looks each new key up, it does not scan the list of those before."""

    def __init__(self) -> None:
        self._given: set[str] = set()

    def next(self, source: Source) -> str:
        given = source.metadata.extra.get("citation-key")
        if isinstance(given, str) and re.fullmatch(r"[\w:.#$%&+?<>~/-]+", given) and given not in self._given:
            self._given.add(given)
            return given
        meta = source.metadata
        who = meta.authors[0].family if meta.authors else "anon"
        word = next((w for w in re.findall(r"\w+", meta.title.lower()) if w not in _STOP and not w.isdigit()), "")
        year = meta.date.year if not meta.date.undated else "nd"
        text = unicodedata.normalize("NFKD", f"{who}{year}{word}").encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]", "", text.lower()) or "source"
        key, suffix = base, 0
        while key in self._given:
            suffix += 1
            key = f"{base}{chr(ord('a') + suffix - 1) if suffix <= 26 else suffix}"
        self._given.add(key)
        return key
