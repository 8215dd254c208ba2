"""The sources themselves, for reference managers: CSL-JSON (Zotero, pandoc), BibTeX, RIS."""

from __future__ import annotations

import json
import re
import unicodedata

from workbench.citations import Source
from workbench.citations.csl import processor_item
from workbench.citations.source import full_name
from workbench.citations.styles import describe
from workbench.escaping import bibtex_name, bibtex_value, ris_value
from workbench.export.excerpts import Prepared

_STOP = {"a", "an", "the", "of", "to", "from", "on", "in", "and", "for", "by", "with", "at"}


def citation_keys(sources: list[Source]) -> list[str]:
    """Stable keys, unique in the list: a Zotero (Better BibTeX) key the source came with, else first
    author (or "anon"), year and the first word of the title that says something: 'kissinger1972message'."""
    keys: list[str] = []
    for source in sources:
        given = source.metadata.extra.get("citation-key")
        if isinstance(given, str) and re.fullmatch(r"[\w:.#$%&+?<>~/-]+", given) and given not in keys:
            keys.append(given)
            continue
        meta = source.metadata
        who = meta.authors[0].family if meta.authors else "anon"
        word = next((w for w in re.findall(r"\w+", meta.title.lower()) if w not in _STOP and not w.isdigit()), "")
        year = meta.date.year if not meta.date.undated else "nd"
        text = unicodedata.normalize("NFKD", f"{who}{year}{word}").encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]", "", text.lower()) or "source"
        key, suffix = base, 0
        while key in keys:
            suffix += 1
            key = f"{base}{chr(ord('a') + suffix - 1) if suffix <= 26 else suffix}"
        keys.append(key)
    return keys


def write_csl_json(prepared: Prepared, title: str) -> str:
    items = []
    for key, source in zip(citation_keys(prepared.sources), prepared.sources, strict=True):
        custom = source.metadata.to_csl().get("custom")  # Workbench's own fields, for a round trip
        items.append({**processor_item(source, key), **({"custom": custom} if custom else {})})
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _names(names) -> str:
    return " and ".join(bibtex_name(n.family, n.given) for n in names)


def write_bibtex(prepared: Prepared, title: str) -> str:
    entries = []
    for key, source in zip(citation_keys(prepared.sources), prepared.sources, strict=True):
        meta = source.metadata
        fields = {
            "author": _names(meta.authors),
            "title": describe(source, with_year=True) or meta.title,
            "booktitle": meta.container_title,
            "editor": _names(meta.editors),
            "publisher": meta.publisher,
            "address": meta.publisher_place,
            "year": source.container_year or source.year,
            "date": meta.issued,
            "number": source.number,
            "note": f"Document {source.number}" if source.number else "",
            "url": meta.url,
        }
        kind = "incollection" if meta.container_title else "misc"
        names = ("author", "editor")  # escaped name by name in _names
        escaped = {name: value if name in names else bibtex_value(value) for name, value in fields.items()}
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in escaped.items() if value)
        entries.append(f"@{kind}{{{key},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def write_ris(prepared: Prepared, title: str) -> str:
    lines: list[str] = []
    for source in prepared.sources:
        meta = source.metadata
        recipients = ", ".join(full_name(r) for r in meta.recipients)
        lines.append("TY  - CHAP" if meta.container_title else "TY  - GEN")
        lines += [f"AU  - {ris_value(f'{a.family}, {a.given}')}".rstrip(", ") for a in meta.authors]
        fields = [("TI", describe(source, with_year=True) or meta.title), ("T2", meta.container_title),
                  ("PY", source.container_year or source.year), ("DA", meta.issued.replace("-", "/")),
                  ("CY", meta.publisher_place), ("PB", meta.publisher), ("M1", source.number), ("UR", meta.url),
                  ("N1", f"To {recipients}" if recipients else "")]  # fmt: skip
        lines += [f"A2  - {ris_value(f'{e.family}, {e.given}')}".rstrip(", ") for e in meta.editors]
        lines += [f"{tag}  - {ris_value(value)}" for tag, value in fields if ris_value(value)]
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)
