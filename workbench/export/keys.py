"""Citation keys for the sources of an export: stable, and unique in it."""

from __future__ import annotations

import re
import unicodedata

from workbench.citations import Source

_STOP = {"a", "an", "the", "of", "to", "from", "on", "in", "and", "for", "by", "with", "at"}


class CitationKeys:
    """Keys given one source at a time, in the order the sources are first cited: a Zotero (Better
    BibTeX) key the source came with, else first author (or "anon"), year and the first word of the
    title that says something: 'kissinger1972message'. The keys given are kept in a set, and each
    base's last suffix: an export citing 100,000 documents (a thousand of them "anon1972memorandum")
    neither scans the keys before nor tries every suffix again."""

    def __init__(self) -> None:
        self._given: set[str] = set()
        self._suffixes: dict[str, int] = {}

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
        suffix = self._suffixes.get(base, 0)
        key = base if not suffix else _suffixed(base, suffix)
        while key in self._given:
            suffix += 1
            key = _suffixed(base, suffix)
        self._given.add(key)
        self._suffixes[base] = suffix
        return key


def _suffixed(base: str, suffix: int) -> str:
    """'kissinger1972message' + a … z, then 27, 28 …"""
    return f"{base}{chr(ord('a') + suffix - 1) if suffix <= 26 else suffix}"
