"""Details typed once in Zotero, brought to the project's documents: a library export matched by URL,
title or file name, shown for confirmation, then applied as one step of undo.

A record's details are laid over what the document already has (a field the record leaves empty
keeps the document's value), so a Zotero record improves the details and never erases them.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from sqlite_utils import Database

from workbench.model import DocumentId, Metadata
from workbench.ops.changes import OpChanges
from workbench.ops.details import write_metadata
from workbench.ops.history import history
from workbench.storage import Project


@dataclass(frozen=True, slots=True)
class Match:
    doc_id: str
    title: str  # the document's title as the project has it
    record: Metadata
    by: str  # "URL", "title" or "file name": how the record was found to be this document's


@dataclass(frozen=True, slots=True)
class Matched:
    matches: list[Match]
    unmatched: list[Metadata]  # records for no document here (most of a library, usually)


def _title_key(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title).casefold()
    return re.sub(r"[\W_]+", "", folded)


def _url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip().rstrip("/")).casefold()


def _file_keys(record: Metadata) -> list[str]:
    """The stems of the files a record is attached to (Better BibTeX's ``file``: "Name:path:type; …")."""
    value = record.extra.get("file")
    if not isinstance(value, str):
        return []
    names = re.findall(r"[^:;{}]+\.(?:pdf|txt|docx|odt|xml)", value, flags=re.IGNORECASE)
    return [_title_key(PurePath(name.replace("\\", "/")).stem) for name in names]


def match_records(db: Database, records: list[Metadata]) -> Matched:
    """Each record paired with the document it describes, if any; a document takes the first record."""
    by_url: dict[str, str] = {}
    by_title: dict[str, str] = {}
    by_file: dict[str, str] = {}
    titles: dict[str, str] = {}
    for doc_id, title, metadata, source_name in db.execute("SELECT id, title, metadata, source_name FROM documents"):
        titles[doc_id] = title
        url = json.loads(metadata).get("URL", "") if metadata else ""
        if isinstance(url, str) and url:
            by_url.setdefault(_url_key(url), doc_id)
        by_title.setdefault(_title_key(title), doc_id)
        if source_name:
            by_file.setdefault(_title_key(PurePath(source_name).stem), doc_id)
    matches: list[Match] = []
    unmatched: list[Metadata] = []
    taken: set[str] = set()
    for record in records:
        found = None
        candidates = [("URL", by_url.get(_url_key(record.url)) if record.url else None),
                      ("title", by_title.get(_title_key(record.title)) if record.title else None),
                      *(("file name", by_file.get(key)) for key in _file_keys(record))]  # fmt: skip
        for how, doc_id in candidates:
            if doc_id is not None and doc_id not in taken:
                found = Match(doc_id, titles[doc_id], record, how)
                break
        if found is None:
            unmatched.append(record)
        else:
            taken.add(found.doc_id)
            matches.append(found)
    return Matched(matches, unmatched)


def apply_records(project: Project, matches: list[Match]) -> OpChanges:
    """Lay each record's details over its document's: one step, "Details from Zotero"."""
    if not matches:
        return OpChanges()

    def work(db: Database) -> OpChanges:
        changed: set[DocumentId] = set()
        for match in matches:
            row = db.execute("SELECT metadata FROM documents WHERE id = ?", [match.doc_id]).fetchone()
            if row is None:
                continue  # removed since the preview: nothing to describe
            extra = {key: value for key, value in match.record.extra.items() if key != "file"}  # Zotero's storage
            record = dataclasses.replace(match.record, extra=extra)
            merged = Metadata.from_csl(json.loads(row[0])).merged(record)
            write_metadata(db, match.doc_id, merged)
            changed.add(DocumentId(match.doc_id))
        return OpChanges(document_list=True, documents=frozenset(changed))

    label = "Details from Zotero" if len(matches) > 1 else "Details from Zotero Record"
    return history(project).perform(label, work)
