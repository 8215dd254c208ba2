"""The sources themselves, for reference managers: CSL-JSON (Zotero, pandoc), BibTeX, RIS."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Iterable
from typing import TextIO

from workbench.citations import Source
from workbench.citations.csl import processor_item
from workbench.citations.source import full_name
from workbench.citations.styles import describe
from workbench.escaping import bibtex_name, bibtex_value, ris_value
from workbench.export.excerpts import Prepared

#: Sources with their citation keys, in the order they were first cited.
Sources = Iterable[tuple[str, Source]]


def of_sources(write: Callable[[Sources, TextIO], None]) -> Callable[[Prepared, str, TextIO], None]:
    """An export format that lists the sources an export cites, each once, as the excerpts are read."""

    def write_format(prepared: Prepared, title: str, out: TextIO) -> None:
        write(((excerpt.key, excerpt.source) for excerpt in prepared.excerpts() if excerpt.first), out)

    return write_format


def write_csl_json(sources: Sources, out: TextIO) -> None:
    """A JSON array written an item at a time, as ``json.dumps(items, indent=2)`` would write it whole."""
    out.write("[")
    written = False
    for key, source in sources:
        custom = source.metadata.to_csl().get("custom")  # Workbench's own fields, for a round trip
        item = {**processor_item(source, key), **({"custom": custom} if custom else {})}
        text = textwrap.indent(json.dumps(item, ensure_ascii=False, indent=2), "  ")
        out.write(("," if written else "") + "\n" + text)
        written = True
    out.write("\n]\n" if written else "]\n")


def _names(names) -> str:
    return " and ".join(bibtex_name(n.family, n.given) for n in names)


def entry_title(source: Source) -> str:
    """The title a reference manager files the source under: a letter's description ("Message (Hakto 25)
    to Richard Nixon, Paris, November 24, 1972"), else its own title; never only its date."""
    meta = source.metadata
    if meta.recipients or not meta.title:
        return describe(source, with_year=True) or meta.title
    return meta.title


def _entry_type(source: Source) -> str:
    """A document in a published volume is ``@incollection``; an archival manuscript ``@unpublished``;
    anything else (a letter, a memorandum out of an archive, a web page) ``@misc`` (biblatex's types)."""
    meta = source.metadata
    if meta.container_title:
        return "incollection"
    return "unpublished" if meta.archival and meta.source_kind.value in ("manuscript", "diary entry") else "misc"


def _protected(title: str) -> str:
    """A title whose capitals no style may lower ("Richard Nixon, Paris"): braced whole."""
    return f"{{{bibtex_value(title)}}}" if title else ""


def _verbatim_url(url: str) -> str:
    """biblatex reads ``url`` verbatim: no LaTeX escapes, only what would break the braces encoded."""
    return re.sub(r"[{}\\\s]", lambda m: f"%{ord(m.group(0)):02X}", url)


def write_bibtex(sources: Sources, out: TextIO) -> None:
    """biblatex entries each with only the fields its type takes: ``date`` and never ``year`` too
    (biber: "Overwriting field 'year'"); a volume's document dated ``origdate``; titles protected."""
    written = False
    for key, source in sources:
        meta = source.metadata
        kind = _entry_type(source)
        published = kind == "incollection"
        kept = [*meta.location_parts(), meta.collection, meta.archive, meta.archive_place]
        where = ", ".join(part for part in kept if part)
        note = f"Document {source.number}" if source.number else where if kind == "unpublished" else ""
        fields = {
            "title": _protected(entry_title(source)),
            "booktitle": _protected(meta.container_title) if published else "",
            "publisher": bibtex_value(meta.publisher) if published else "",
            "location": bibtex_value(meta.publisher_place if published else meta.place),
            "date": (meta.container_issued or "") if published else _bib_date(source),
            "origdate": _bib_date(source) if published else "",
            "howpublished": bibtex_value(where) if kind == "misc" and where else "",
            "note": bibtex_value(note),
            "url": _verbatim_url(meta.url),
        }
        names = {"author": _names(meta.authors), "editor": _names(meta.editors) if published else ""}
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in {**names, **fields}.items() if value)
        out.write(("\n\n" if written else "") + f"@{kind}{{{key},\n{body}\n}}")
        written = True
    out.write("\n")


def _bib_date(source: Source) -> str:
    """biblatex's ISO 8601 date: "1954-03-14", a range "1954-03-14/1954-03-16", "1954~" when circa."""
    date = source.metadata.date
    if date.undated:
        return ""
    text = f"{date.start}/{date.end}" if date.end else date.start
    return f"{text}~" if date.circa else text


def write_ris(sources: Sources, out: TextIO) -> None:
    for n, (_, source) in enumerate(sources):
        lines = ["", "TY  - CHAP"] if n else ["TY  - CHAP"]
        meta = source.metadata
        recipients = ", ".join(full_name(r) for r in meta.recipients)
        lines[-1] = "TY  - CHAP" if meta.container_title else "TY  - LETT" if meta.recipients else "TY  - GEN"
        lines += [f"AU  - {ris_value(f'{a.family}, {a.given}')}".rstrip(", ") for a in meta.authors]
        fields = [("TI", entry_title(source)), ("T2", meta.container_title),
                  ("PY", source.container_year or source.year), ("DA", meta.issued.replace("-", "/")),
                  ("CY", meta.publisher_place), ("PB", meta.publisher), ("M1", source.number), ("UR", meta.url),
                  ("N1", f"To {recipients}" if recipients else ""), ("DP", meta.archive),
                  ("AN", ", ".join([*meta.location_parts(), meta.collection]))]  # fmt: skip
        lines += [f"A2  - {ris_value(f'{e.family}, {e.given}')}".rstrip(", ") for e in meta.editors]
        lines += [f"{tag}  - {ris_value(value)}" for tag, value in fields if ris_value(value)]
        lines.append("ER  - ")
        out.write("\r\n".join(lines) + "\r\n")
