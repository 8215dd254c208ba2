"""Reading spans, tags and memos from the project file.

Writing them is the operations layer's business (``workbench.ops``), where every change is one
transaction and one step of undo; these functions only read, and are what views and exports use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.model import DocumentId
from workbench.model.annotation import PALETTE, Span, SpanId, SpanPlace, Tag, TagId, normal_color

# The tags by a correlated subquery: the index on span_tags makes it cheap per span, and unlike a
# grouped join it costs nothing extra when a single span is read (measured: 0.02 ms against 4 ms).
_SPAN_SQL = """
SELECT s.id, s.uuid, s.doc_id, s.start, s."end", s.quote, s.prefix, s.suffix,
       (SELECT group_concat(tag_id) FROM span_tags WHERE span_id = s.id),
       s.note, s.author, s.created, s.modified, s.note_n, s.orphaned, s.modified_by
FROM spans s
"""


#: Reading order: the text's spans before each note's (NULL sorts first), by start, the longer first.
_READING_ORDER = 'ORDER BY s.doc_id, s.note_n IS NOT NULL, s.note_n, s.start, s."end" DESC, s.id'


def _tag_ids(tags: str | None) -> tuple[TagId, ...]:
    """``group_concat``'s "3,17" as sorted ids; most spans carry one tag, read without sorting."""
    if not tags:
        return ()
    if "," not in tags:
        return (TagId(int(tags)),)
    return tuple(sorted(TagId(int(t)) for t in tags.split(",")))


def _span(row: Sequence) -> Span:
    (id_, uuid, doc_id, start, end, quote, prefix, suffix, tags, note, author, created, modified, note_n, orphaned,
     modified_by) = row  # fmt: skip
    tag_ids = _tag_ids(tags)
    return Span(
        SpanId(id_),
        uuid,
        DocumentId(doc_id),
        start,
        end,
        quote,
        prefix,
        suffix,
        tag_ids,
        note,
        author,
        created,
        modified,
        note_n,
        bool(orphaned),
        modified_by,
    )


def load_spans(db: Database, doc_id: str | None = None) -> list[Span]:
    """The spans of one document (or of all), in reading order; the text's before each note's."""
    where, params = ("WHERE s.doc_id = ?", [doc_id]) if doc_id is not None else ("", [])
    return [_span(row) for row in db.execute(f"{_SPAN_SQL} {where} {_READING_ORDER}", params)]


def load_places(db: Database, doc_id: DocumentId | None = None) -> list[SpanPlace]:
    """Where the spans of one document (or of all) lie and what tags they carry, in reading order:
    what a view needs to draw and list them, without their words (see ``SpanPlace``)."""
    if doc_id is None:
        return [place for chunk in iter_places(db) for place in chunk]
    tag_ids = _TagLists()
    sql = f"SELECT {_PLACE_COLUMNS} FROM spans s WHERE s.doc_id = ? {_READING_ORDER}"
    rows = db.execute(sql, [doc_id])  # the document's id is known: not read back 10,000 times
    return [SpanPlace(id_, doc_id, start, end, tag_ids(tags), note_n, bool(orphaned), author)
            for id_, start, end, tags, note_n, orphaned, author in rows]  # fmt: skip


def iter_places(db: Database, size: int = 2000) -> Iterator[list[SpanPlace]]:
    """Every span's place (``load_places``) in reading order, ``size`` at a time from one query:
    what goes through all 200,000 of them (an export by tags) without holding them all."""
    tag_ids = _TagLists()
    rows = db.execute(f"SELECT s.doc_id, {_PLACE_COLUMNS} FROM spans s {_READING_ORDER}")
    for chunk in iter(lambda: rows.fetchmany(size), []):
        yield [SpanPlace(id_, doc, start, end, tag_ids(tags), note_n, bool(orphaned), author)
               for doc, id_, start, end, tags, note_n, orphaned, author in chunk]  # fmt: skip


_PLACE_COLUMNS = (
    's.id, s.start, s."end", (SELECT group_concat(tag_id) FROM span_tags WHERE span_id = s.id), s.note_n, '
    "s.orphaned, s.author"
)


class _TagLists:
    """``group_concat``'s tag lists as ids; a project has a few dozen tags and most highlights
    carry one, so each list ("3,17") is parsed once."""

    def __init__(self) -> None:
        self._parsed: dict[str | None, tuple[TagId, ...]] = {}

    def __call__(self, tags: str | None) -> tuple[TagId, ...]:
        found = self._parsed.get(tags)
        if found is None:
            found = self._parsed[tags] = _tag_ids(tags)
        return found


#: Ids in one ``IN (…)``: far below SQLite's limit on parameters.
CHUNK = 900


def chunked(ids: Iterable, size: int = CHUNK) -> Iterator[list]:
    """``ids`` sorted, a ``size`` at a time: for queries ``WHERE id IN (…)`` over many ids."""
    wanted = sorted(ids)
    return (wanted[first : first + size] for first in range(0, len(wanted), size))


def spans_with_tags(db: Database, tag_ids: Iterable[TagId]) -> set[SpanId]:
    """The highlights carrying any of ``tag_ids``, found in the index on ``span_tags.tag_id``."""
    found: set[SpanId] = set()
    for chunk in chunked(tag_ids):
        sql = f"SELECT span_id FROM span_tags WHERE tag_id IN ({', '.join('?' * len(chunk))})"
        found.update(SpanId(row[0]) for row in db.execute(sql, chunk))
    return found


def load_spans_by_id(db: Database, ids: Iterable[int]) -> list[Span]:
    """The spans of ``ids`` (those that exist), in no particular order; any number of them."""
    found: list[Span] = []
    for chunk in chunked(set(ids)):
        marks = ",".join("?" * len(chunk))
        found += [_span(row) for row in db.execute(f"{_SPAN_SQL} WHERE s.id IN ({marks})", chunk)]
    return found


def spans_overlapping(db: Database, doc_id: str, start: int, end: int, *, note_n: int | None = None) -> list[Span]:
    """Spans of ``doc_id`` (in its text, or in footnote ``note_n``) that overlap ``[start, end)``.

    The index on (doc_id, note_n, start) is bounded below by the longest span, so the query
    reads only the spans that could reach into the range.
    """
    longest = db.execute('SELECT coalesce(max("end" - start), 0) FROM spans WHERE doc_id = ?', [doc_id]).fetchone()[0]
    rows = db.execute(
        f'{_SPAN_SQL} WHERE s.doc_id = ? AND s.note_n IS ? AND s.start > ? AND s.start < ? AND s."end" > ? '
        "ORDER BY s.start",
        [doc_id, note_n, start - longest - 1, end, start],
    )
    return [_span(row) for row in rows]


def find_span(db: Database, doc_id: str, start: int, end: int, *, note_n: int | None = None) -> Span | None:
    """The span with exactly this range, if there is one (the oldest, if several)."""
    row = db.execute(
        f'{_SPAN_SQL} WHERE s.doc_id = ? AND s.note_n IS ? AND s.start = ? AND s."end" = ? ORDER BY s.id LIMIT 1',
        [doc_id, note_n, start, end],
    ).fetchone()
    return _span(row) if row else None


def load_tags(db: Database) -> list[Tag]:
    """Every tag; a colour not written ``#rrggbb`` (a damaged or hostile file) reads as a palette colour,
    so that nothing drawn or styled ever sees it."""
    return [
        Tag(TagId(id_), uuid, name, normal_color(color) or PALETTE[id_ % len(PALETTE)], *rest)
        for id_, uuid, name, color, *rest in db.execute(
            "SELECT id, uuid, name, color, parent_id, description, key, position FROM tags ORDER BY position, id"
        )
    ]


def tag_counts(db: Database, doc_id: str | None = None) -> Counter[TagId]:
    """How many spans carry each tag (directly), in one document or the whole project."""
    if doc_id is None:
        rows = db.execute("SELECT tag_id, count(*) FROM span_tags GROUP BY tag_id")
    else:
        rows = db.execute(
            "SELECT st.tag_id, count(*) FROM span_tags st JOIN spans s ON s.id = st.span_id "
            "WHERE s.doc_id = ? GROUP BY st.tag_id",
            [doc_id],
        )
    return Counter({TagId(tag): count for tag, count in rows})


def span_counts(db: Database, doc_ids: Iterable[str]) -> dict[str, int]:
    """How many spans each of ``doc_ids`` has (the documents list's counts, after a change)."""
    counts = dict.fromkeys(doc_ids, 0)
    for doc_id in counts:
        counts[doc_id] = db.execute("SELECT count(*) FROM spans WHERE doc_id = ?", [doc_id]).fetchone()[0]
    return counts


@dataclass(frozen=True, slots=True)
class Memo:
    """A note on a document (``doc_id`` set) or a free note."""

    id: int
    uuid: str
    doc_id: DocumentId | None
    title: str
    text: str
    author: str
    created: str
    modified: str


_MEMO_SQL = "SELECT id, uuid, doc_id, title, text, author, created, modified FROM memos"


def load_memos(db: Database, *, doc_id: str | None = None, free: bool = False) -> list[Memo]:
    """The document's memo (``doc_id``), the free notes (``free``), or every memo."""
    where, params = "", []
    if doc_id is not None:
        where, params = "WHERE doc_id = ?", [doc_id]
    elif free:
        where = "WHERE doc_id IS NULL"
    rows = db.execute(f"{_MEMO_SQL} {where} ORDER BY id", params)
    return [Memo(*row) for row in rows]


def search_notes(db: Database, text: str) -> tuple[list[Span], list[Memo]]:
    """Spans whose note, and memos whose title or text, contain ``text`` (any case)."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    spans = [_span(row) for row in db.execute(f"{_SPAN_SQL} WHERE s.note LIKE ? ESCAPE '\\' ORDER BY s.id", [pattern])]
    memos = [
        Memo(*row)
        for row in db.execute(
            f"{_MEMO_SQL} WHERE text LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' ORDER BY id",
            [pattern, pattern],
        )
    ]
    return spans, memos
