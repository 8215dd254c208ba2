"""The documents list a page at a time, as the window and ``workbench list`` show it.

A project of 100,000 documents is never listed whole: a page of rows is found in an index (the
order documents were added, the volume, or the titles' trigrams: ``m012_lists_by_volume``) and
only its rows are read. Counts per volume and where one document stands come from the same
indexes, so a filter typed into the list answers in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.model import DocumentId
from workbench.storage.annotations import chunked
from workbench.storage.documents import SUMMARY_SQL, VOLUME_SQL, DocumentSummary, summary_row

#: Filters this long or longer are looked up in the titles' trigram index (any part of a title or
#: number); a shorter one is a document number ("7", "12"), found in the index of numbers: two
#: letters would hold half the titles, and reading them costs more than typing a third.
_TRIGRAM = 3


#: The orders the list offers, as sort keys on ``d``; ties go in the order documents were added.
#: Each reads the listing index (position, number, title, date), not the table with the texts.
ORDERS: dict[str, tuple[str, ...]] = {
    "added": ("d.position",),
    "number": ("CAST(d.number AS INTEGER)", "d.number", "d.position"),  # 9 < 10 < 10a
    "date": ("d.issued", "d.position"),
    "title": ("d.title COLLATE NOCASE", "d.position"),
    "volume": (VOLUME_SQL, "d.position"),  # as indexed: the volume index is read in its order
}
#: The same orders over what the titles' index finds, read from ``document_list`` (``l``: number,
#: title, volume and date in a few bytes a document), not from the documents' rows with their texts.
TITLE_ORDERS: dict[str, tuple[str, ...]] = {
    "added": ("t.rowid",),  # the index's own order: it streams the first page
    "number": ("CAST(l.number AS INTEGER)", "l.number", "l.id"),
    "date": ("l.issued", "l.id"),
    "title": ("l.title COLLATE NOCASE", "l.id"),
    "volume": ("l.volume", "l.id"),
}


@dataclass(frozen=True, slots=True)
class _Listing:
    """``FROM … WHERE …`` for a list, its parameters, the rowid it is read by and its sort keys."""

    source: str
    params: list[str]
    rowid: str
    keys: tuple[str, ...]


def _listing(volume: str | None, filter_text: str, order: str = "added") -> _Listing:
    """The documents of one volume ("" for those from none) whose title or number holds
    ``filter_text`` (case folded; under three characters, whose number it is), in ``order``."""
    text = filter_text.strip()
    if len(text) >= _TRIGRAM:
        where, params = ["document_titles MATCH ?"], ['"' + text.replace('"', '""') + '"']
        if volume is not None:
            where.append("l.volume = ?")
            params.append(volume)
        source = f"FROM document_titles t JOIN document_list l ON l.id = t.rowid WHERE {' AND '.join(where)}"
        return _Listing(source, params, "t.rowid", TITLE_ORDERS[order])
    conditions, params = [], []
    if volume is not None:
        conditions.append(f"{VOLUME_SQL} = ?" if volume else f"{VOLUME_SQL} IS NULL")
        params += [volume] if volume else []
    if text:
        conditions.append("d.number = ?")
        params.append(text)
    return _Listing(f"FROM documents d WHERE {' AND '.join(conditions or ['1'])}", params, "d.rowid", ORDERS[order])


_BRIEF_SQL = """
SELECT d.id, d.number, d.title, d.issued,
       coalesce(d.first_page, (SELECT n FROM pages p WHERE p.doc_id = d.id ORDER BY seq LIMIT 1)),
       (SELECT n FROM pages p WHERE p.doc_id = d.id ORDER BY seq DESC LIMIT 1), 0, 0, 0, '', ''
FROM documents d
"""


def page_documents(
    db: Database,
    *,
    offset: int = 0,
    limit: int = 100,
    volume: str | None = None,
    filter_text: str = "",
    order: str = "added",
    brief: bool = False,
) -> list[DocumentSummary]:
    """A page of the documents list: all of them, or one volume's; only those whose title or number
    holds ``filter_text``; in ``order`` (``ORDERS``). The rows are found in an index (of position,
    number, title and date; of volumes; or of the titles' trigrams), so a page costs its own rows,
    not the project's. ``brief``: number, title, date and pages only (no counts, volume or length:
    the length of a text is counted by reading it)."""
    listing = _listing(volume, filter_text, order)
    rowids = [row[0] for row in db.execute(
        f"SELECT {listing.rowid} {listing.source} ORDER BY {', '.join(listing.keys)} LIMIT ? OFFSET ?",
        [*listing.params, limit, offset])]  # fmt: skip
    if not rowids:
        return []
    marks = ", ".join("?" * len(rowids))
    rows = db.execute(f"SELECT d.rowid, q.* FROM ({_BRIEF_SQL if brief else SUMMARY_SQL} WHERE d.rowid IN ({marks})) q "
                      f"JOIN documents d ON d.id = q.id", rowids).fetchall()  # fmt: skip
    at = {rowid: i for i, rowid in enumerate(rowids)}
    return [summary_row(row[1:]) for row in sorted(rows, key=lambda row: at[row[0]])]


def count_documents(db: Database, *, volume: str | None = None, filter_text: str = "") -> int:
    """How many documents ``page_documents`` would list, read from an index alone."""
    listing = _listing(volume, filter_text)
    return db.execute(f"SELECT count(*) {listing.source}", listing.params).fetchone()[0]


@dataclass(frozen=True, slots=True)
class VolumeCount:
    """A heading of the list grouped by volume: the volume ("" for documents from no volume), its
    title (the ``container-title`` of its first document) and how many of its documents are shown."""

    volume: str
    title: str
    count: int


def volume_counts(db: Database, *, filter_text: str = "") -> list[VolumeCount]:
    """The volumes, in the order their first document was added, with how many documents each
    holds (only those whose title or number holds ``filter_text``)."""
    listing = _listing(None, filter_text)
    group = "l.volume" if listing.rowid == "t.rowid" else VOLUME_SQL  # as indexed: the index is read, in its order
    rows = db.execute(f"SELECT {group}, count(*), min({listing.rowid}) {listing.source} GROUP BY {group}",
                      listing.params).fetchall()  # fmt: skip
    rows.sort(key=lambda row: row[2])
    titles = dict(db.execute(
        "SELECT d.rowid, coalesce(json_extract(d.metadata, '$.\"container-title\"'), '') FROM documents d "
        f"WHERE d.rowid IN ({', '.join('?' * len(rows))})", [first for _, _, first in rows],
    ).fetchall()) if rows else {}  # fmt: skip
    return [VolumeCount(volume or "", titles.get(first, ""), count) for volume, count, first in rows]


def document_row(
    db: Database, doc_id: str, *, volume: str | None = None, filter_text: str = "", order: str = "added"
) -> int | None:
    """Where ``doc_id`` stands in ``page_documents(volume=…, filter_text=…, order=…)`` (0 for the
    first), or ``None`` if it is not listed: how far a list read page by page must read to show it."""
    listing = _listing(volume, filter_text, order)
    found = db.execute("SELECT rowid FROM documents WHERE id = ?", [doc_id]).fetchone()
    titles = listing.rowid == "t.rowid"  # the keys are document_list's (and the titles' rowid, its id)
    keys = [key.replace("t.rowid", "l.id") for key in listing.keys]
    values = found and db.execute(
        f"SELECT {', '.join(keys)} FROM {'document_list l WHERE l.id' if titles else 'documents d WHERE d.rowid'} = ?",
        [found[0]]).fetchone()  # fmt: skip
    if (
        not values
        or not db.execute(f"SELECT 1 {listing.source} AND {listing.rowid} = ?", [*listing.params, found[0]]).fetchone()
    ):
        return None
    keys = [f"coalesce({key}, '')" for key in listing.keys]  # a NULL volume sorts first, as ''
    before = f"({', '.join(keys)}) < ({', '.join('?' * len(keys))})"
    values = [value if value is not None else "" for value in values]
    return db.execute(f"SELECT count(*) {listing.source} AND {before}", [*listing.params, *values]).fetchone()[0]


def document_volume(db: Database, doc_id: str) -> str | None:
    """The volume ``doc_id`` is listed under ("" for none), from the list's own row; ``None``: no
    such document. What a list grouped by volume opens to show a document chosen elsewhere."""
    row = db.execute("SELECT l.volume FROM documents d JOIN document_list l ON l.id = d.rowid WHERE d.id = ?",
                     [doc_id]).fetchone()  # fmt: skip
    return row[0] if row else None


def document_labels(db: Database, doc_ids: Iterable[str]) -> dict[DocumentId, tuple[str, str]]:
    """``(number, title)`` of the given documents: what a list of hits names them by, without the list."""
    found: dict[DocumentId, tuple[str, str]] = {}
    for chunk in chunked(set(doc_ids)):
        rows = db.execute(f"SELECT id, number, title FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        found.update((DocumentId(id_), (number, title)) for id_, number, title in rows)
    return found


def document_positions(db: Database, doc_ids: Iterable[str]) -> dict[DocumentId, int]:
    """Where the given documents stand in the project (the order they were added, as the list
    shows them): what lists of highlights from many documents are ordered by. (Their ids are
    random: ordered by id, the documents of a whole project's highlights came out shuffled.)"""
    found: dict[DocumentId, int] = {}
    for chunk in chunked(set(doc_ids)):
        rows = db.execute(f"SELECT id, position FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        found.update((DocumentId(id_), position) for id_, position in rows)
    return found
