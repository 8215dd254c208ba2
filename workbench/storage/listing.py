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
from workbench.storage.documents import SUMMARY_SQL, VOLUME_SQL, DocumentSummary, summary_row

#: Filters this long or longer are looked up in the titles' trigram index (any part of a title or
#: number); a shorter one is a document number ("7", "12"), found in the index of numbers: two
#: letters would hold half the titles, and reading them costs more than typing a third.
_TRIGRAM = 3


def _listing(volume: str | None, filter_text: str) -> tuple[str, str, list[str]]:
    """``FROM … WHERE …`` for documents of one volume ("" for those from none) whose title or number
    holds ``filter_text`` (case folded; under three characters, whose number it is), the rowid
    column to order by, and the parameters."""
    text = filter_text.strip()
    if len(text) >= _TRIGRAM:
        where, params = ["document_titles MATCH ?"], ['"' + text.replace('"', '""') + '"']
        if volume is not None:
            where.append("t.volume = ?")
            params.append(volume)
        return f"FROM document_titles t WHERE {' AND '.join(where)}", "t.rowid", params
    conditions, params = [], []
    if volume is not None:
        conditions.append(f"{VOLUME_SQL} = ?" if volume else f"{VOLUME_SQL} IS NULL")
        params += [volume] if volume else []
    if text:
        conditions.append("d.number = ?")
        params.append(text)
    return f"FROM documents d WHERE {' AND '.join(conditions or ['1'])}", "d.position", params


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
    brief: bool = False,
) -> list[DocumentSummary]:
    """A page of the documents list in the order they were added: all of them, or one volume's;
    only those whose title or number holds ``filter_text``. The rows are found in an index (of
    position and volume, or of the titles' trigrams), so a page costs its own rows, not the project's.
    ``brief``: number, title, date and pages only (no counts, volume or length: the length of a
    text is counted by reading it)."""
    source, order, params = _listing(volume, filter_text)
    rowids = [row[0] for row in db.execute(f"SELECT {order.split('.')[0]}.rowid {source} ORDER BY {order} "
                                           "LIMIT ? OFFSET ?", [*params, limit, offset])]  # fmt: skip
    if not rowids:
        return []
    marks = ", ".join("?" * len(rowids))
    return [
        summary_row(row)
        for row in db.execute(
            f"{_BRIEF_SQL if brief else SUMMARY_SQL} WHERE d.rowid IN ({marks}) ORDER BY d.position", rowids
        )
    ]


def count_documents(db: Database, *, volume: str | None = None, filter_text: str = "") -> int:
    """How many documents ``page_documents`` would list, read from an index alone."""
    source, _, params = _listing(volume, filter_text)
    return db.execute(f"SELECT count(*) {source}", params).fetchone()[0]


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
    source, order, params = _listing(None, filter_text)
    group = "t.volume" if order == "t.rowid" else VOLUME_SQL  # as indexed: the index is read, in its order
    rows = db.execute(f"SELECT {group}, count(*), min({order.split('.')[0]}.rowid) {source} GROUP BY {group}",
                      params).fetchall()  # fmt: skip
    rows.sort(key=lambda row: row[2])
    titles = dict(db.execute(
        "SELECT d.rowid, coalesce(json_extract(d.metadata, '$.\"container-title\"'), '') FROM documents d "
        f"WHERE d.rowid IN ({', '.join('?' * len(rows))})", [first for _, _, first in rows],
    ).fetchall()) if rows else {}  # fmt: skip
    return [VolumeCount(volume or "", titles.get(first, ""), count) for volume, count, first in rows]


def document_row(db: Database, doc_id: str, *, filter_text: str = "") -> int | None:
    """Where ``doc_id`` stands in ``page_documents(filter_text=…)`` (0 for the first), or ``None``
    if it is not listed: how far a list read page by page must read to show it."""
    found = db.execute("SELECT rowid, position FROM documents WHERE id = ?", [doc_id]).fetchone()
    if found is None:
        return None
    source, order, params = _listing(None, filter_text)
    table = order.split(".")[0]
    if db.execute(f"SELECT 1 {source} AND {table}.rowid = ?", [*params, found[0]]).fetchone() is None:
        return None
    before = found[0] if table == "t" else found[1]
    return db.execute(f"SELECT count(*) {source} AND {order} < ?", [*params, before]).fetchone()[0]


def document_labels(db: Database, doc_ids: Iterable[str]) -> dict[DocumentId, tuple[str, str]]:
    """``(number, title)`` of the given documents: what a list of hits names them by, without the list."""
    found: dict[DocumentId, tuple[str, str]] = {}
    wanted = sorted(set(doc_ids))
    for first in range(0, len(wanted), 900):
        chunk = wanted[first : first + 900]
        rows = db.execute(f"SELECT id, number, title FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        found.update((DocumentId(id_), (number, title)) for id_, number, title in rows)
    return found
