"""A source's details from a reference manager's record: CSL-JSON, BibTeX or RIS (what Zotero exports).

Historians keep their sources in Zotero; typing the details again is where mistakes come in.
One record is read with the format's own parser (bibtexparser, rispy) and mapped onto CSL-JSON
variables, the project's own form for details. A file with no record, or several, is refused:
the details of one document come from one record.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench.importers.errors import ImportFailed
from workbench.importers.source_file import read_text_file
from workbench.model import Metadata, Name
from workbench.model.dates import DateError, SourceDate

#: A record for one source is a few kilobytes; a larger file is not one record.
MAX_RECORD_BYTES = 2 * 1024 * 1024
#: A historian's whole Zotero library: tens of thousands of records at most.
MAX_LIBRARY_BYTES = 100 * 1024 * 1024
MAX_RECORDS = 100_000

_BIBTEX_TYPES = {
    "letter": "personal_communication", "book": "book", "article": "article-journal",
    "incollection": "chapter", "inbook": "chapter", "report": "report", "techreport": "report",
    "unpublished": "manuscript", "manuscript": "manuscript", "misc": "document", "online": "webpage",
}  # fmt: skip
_RIS_TYPES = {
    "LETT": "personal_communication", "PCOMM": "personal_communication", "MANSCPT": "manuscript",
    "UNPB": "manuscript", "BOOK": "book", "CHAP": "chapter", "JOUR": "article-journal",
    "NEWS": "article-newspaper", "MGZN": "article-magazine", "RPRT": "report", "GEN": "document",
}  # fmt: skip


def read_reference(path: Path) -> Metadata:
    """The one record in ``path`` (CSL-JSON, BibTeX or RIS, told by what the file holds)."""
    records = read_records(path, limit=MAX_RECORD_BYTES, what="one record")
    if len(records) > 1:
        raise ImportFailed(path, f"this file holds {len(records)} records; export the one for this document")
    return records[0]


def read_records(path: Path, *, limit: int = MAX_LIBRARY_BYTES, what: str = "a reference library") -> list[Metadata]:
    """Every record in a reference manager's export (a Zotero library or collection), in file order."""
    path = Path(path)
    try:
        if path.is_file() and path.stat().st_size > limit:
            raise ImportFailed(path, f"too large to be {what} (the limit is {limit // 1024 // 1024 or 1} MB)")
    except OSError as error:
        raise ImportFailed(path, f"cannot be read ({error.strerror or error})") from None
    text = read_text_file(path).text
    head = text.lstrip()
    reader: Callable[[Path, str], list[dict[str, Any]]]
    if head.startswith(("{", "[")):
        reader = _csl_json
    elif head.startswith("@") or "\n@" in text[:4096]:
        reader = _bibtex
    elif head.startswith("TY  -"):
        reader = _ris
    else:
        raise ImportFailed(path, "this is not a CSL-JSON, BibTeX or RIS file")
    items = reader(path, text)
    if not items:
        raise ImportFailed(path, "this file holds no record")
    if len(items) > MAX_RECORDS:
        raise ImportFailed(path, f"this file holds {len(items):,} records; the limit is {MAX_RECORDS:,}")
    return [Metadata.from_csl(item) for item in items]


def _csl_json(path: Path, text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(path, f"this is not valid JSON (line {error.lineno})") from None
    except RecursionError:
        raise ImportFailed(path, "this JSON is nested too deeply to be a record") from None
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        raise ImportFailed(path, "this JSON is not a list of CSL-JSON records")
    return items


def _name(parts: Any) -> Name:
    """A bibtexparser ``NameParts``: "von Last, Jr" as the family name, first names as given."""
    family = " ".join([*parts.von, *parts.last]) + (", " + " ".join(parts.jr) if parts.jr else "")
    return Name(family.strip(), " ".join(parts.first).strip())


def _bibtex(path: Path, text: str) -> list[dict[str, Any]]:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()]
    )
    if library.failed_blocks and not library.entries:
        raise ImportFailed(path, "this BibTeX could not be read (check its braces)")
    items = []
    for entry in library.entries:
        fields = {field.key.lower(): field.value for field in entry.fields}
        item: dict[str, Any] = {"type": _BIBTEX_TYPES.get(entry.entry_type.lower(), "document")}
        item["citation-key"] = entry.key
        for key in ("author", "editor"):
            if isinstance(fields.get(key), list):
                item[key] = [_name(parts).to_csl() for parts in fields[key]]
        simple = {"title": "title", "booktitle": "container-title", "journal": "container-title",
                  "journaltitle": "container-title", "publisher": "publisher", "address": "publisher-place",
                  "location": "publisher-place", "volume": "volume", "number": "number", "url": "URL",
                  "type": "genre", "archive": "archive", "archiveprefix": "archive",
                  "archive_location": "archive_location", "note": "note", "file": "file"}  # fmt: skip
        for bib, csl in simple.items():
            if isinstance(fields.get(bib), str) and fields[bib].strip() and csl not in item:
                item[csl] = " ".join(fields[bib].split())
        item["issued"] = _bib_date(fields)
        items.append({key: value for key, value in item.items() if value})
    return items


def _bib_date(fields: dict[str, Any]) -> dict[str, Any] | None:
    typed = fields.get("date") or " ".join(str(fields.get(key, "")) for key in ("month", "day", "year")).strip()
    if not isinstance(typed, str) or not typed:
        return None
    if "year" in fields and "date" not in fields:
        month = str(fields.get("month", "")).strip()
        typed = f"{fields['year']}-{int(month):02d}" if month.isdigit() and len(month) <= 2 else typed
    try:
        return SourceDate.parse(typed).to_csl()
    except DateError:
        return None


def _ris(path: Path, text: str) -> list[dict[str, Any]]:
    import rispy

    try:
        records = rispy.loads(text)
    except (OSError, ValueError, KeyError) as error:
        raise ImportFailed(path, f"this RIS could not be read ({error})") from None
    items = []
    for record in records:
        item: dict[str, Any] = {"type": _RIS_TYPES.get(record.get("type_of_reference", ""), "document")}
        authors = record.get("authors", []) + record.get("first_authors", [])
        item["author"] = [Name.parse(name).to_csl() for name in authors if name.strip(" ,")]
        if record.get("type_of_reference") in ("CHAP", "BOOK"):
            item["editor"] = [Name.parse(name).to_csl() for name in record.get("secondary_authors", [])]
        simple = {"title": "title", "primary_title": "title", "secondary_title": "container-title",
                  "journal_name": "container-title", "publisher": "publisher", "place_published": "publisher-place",
                  "volume": "volume", "number": "number", "name_of_database": "archive",
                  "database_provider": "archive", "accession_number": "archive_location",
                  "call_number": "archive_location"}  # fmt: skip
        for ris, csl in simple.items():
            if isinstance(record.get(ris), str) and record[ris].strip() and csl not in item:
                item[csl] = record[ris].strip()
        if urls := record.get("urls"):
            item["URL"] = urls[0]
        typed = (record.get("date") or record.get("year") or record.get("publication_year") or "").strip("/ ")
        if typed:
            with contextlib.suppress(DateError):
                item["issued"] = SourceDate.parse(typed.replace("/", "-")).to_csl()
        items.append({key: value for key, value in item.items() if value})
    return items
