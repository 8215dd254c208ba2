"""Operations on spans: highlight a range with a tag, add or remove tags, resize, note, delete.

Each is one step of undo. Ranges are trimmed of surrounding white space (a selection dragged a
little too far should not quote a line break), and checked against the text they lie in: the
document's reading text, or one of its footnotes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlite_utils import Database

from workbench.model import DocumentId
from workbench.model.annotation import QuoteSelector, Span, SpanId, TagId, new_uuid, split_path
from workbench.ops.author import author as current
from workbench.ops.author import created
from workbench.ops.author import stamp as changed
from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.errors import Cancelled, OperationError
from workbench.ops.history import history
from workbench.ops.tags import ensure_path
from workbench.storage import Project
from workbench.storage.annotations import find_span, load_spans_by_id
from workbench.storage.clock import now
from workbench.storage.tables import insert_row


def target_text(db: Database, doc_id: str, note_n: int | None) -> str:
    """The text a span lies in: the document's reading text, or footnote ``note_n``'s."""
    if note_n is None:
        row = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
    else:
        row = db.execute("SELECT text FROM notes WHERE doc_id = ? AND n = ?", [doc_id, note_n]).fetchone()
    if row is None:
        raise OperationError(f"no such {'note' if note_n is not None else 'document'}: {doc_id} {note_n or ''}".strip())
    return row[0]


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` inside ``text`` and without white space at either end."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise OperationError("the selection holds no text to highlight")
    return start, end


def _changes(doc_ids: Iterable[str], span_ids: Iterable[int], *, tags: bool = False) -> OpChanges:
    return OpChanges(
        span_documents=frozenset(DocumentId(d) for d in doc_ids),
        spans=frozenset(SpanId(s) for s in span_ids),
        tags=tags,
    )


def insert_span(
    db: Database,
    doc_id: str,
    start: int,
    end: int,
    *,
    note: str = "",
    author: str | None = None,
    note_n: int | None = None,
    text: str | None = None,
) -> SpanId:
    """Store a new span over ``[start, end)`` (already trimmed) of ``text`` (read here if not given).
    Call inside an operation."""
    selector = QuoteSelector.of(text if text is not None else target_text(db, doc_id, note_n), start, end)
    rowid = insert_row(
        db.table("spans"),
        {
            "uuid": new_uuid(),
            "doc_id": doc_id,
            "note_n": note_n,
            "start": start,
            "end": end,
            "quote": selector.exact,
            "prefix": selector.prefix,
            "suffix": selector.suffix,
            "note": note,
            **created(author),
        },
    )
    return SpanId(rowid)


def _add_tags(db: Database, span_id: int, tag_ids: Iterable[int]) -> None:
    for tag_id in tag_ids:
        db.execute("INSERT OR IGNORE INTO span_tags (span_id, tag_id) VALUES (?, ?)", [span_id, tag_id])


def _touch(db: Database, span_ids: Iterable[int]) -> None:
    stamp = now()
    for span_id in span_ids:
        db.execute("UPDATE spans SET modified = ?, modified_by = ? WHERE id = ?", [stamp, current(), span_id])


def _tag_name(db: Database, tag_id: int) -> str:
    row = db.execute("SELECT name FROM tags WHERE id = ?", [tag_id]).fetchone()
    if row is None:
        raise OperationError(f"no tag with id {tag_id}")
    return row[0]


def create_span(
    project: Project,
    doc_id: str,
    start: int,
    end: int,
    *,
    tag_ids: Iterable[TagId] = (),
    tag_paths: Iterable[str] = (),
    note: str = "",
    author: str | None = None,
    note_n: int | None = None,
) -> OpResult[SpanId]:
    """Highlight ``[start, end)`` with tags (by id, or by path, made if missing) and a note: one step.

    A span with exactly this range gains the tags (and the note) instead of being doubled.
    """
    ids, paths = list(tag_ids), list(tag_paths)
    span_id = SpanId(0)

    def work(db: Database) -> OpChanges:
        nonlocal span_id
        a, b = trimmed(target_text(db, doc_id, note_n), start, end)
        existing = find_span(db, doc_id, a, b, note_n=note_n)
        span_id = existing.id if existing else insert_span(db, doc_id, a, b, author=author,
                                                           note_n=note_n)  # fmt: skip
        if note:
            db.table("spans").update(span_id, {"note": note, **changed()})
        _add_tags(db, span_id, [*ids, *(ensure_path(db, path) for path in paths)])
        return _changes([doc_id], [span_id], tags=bool(paths))

    names = [_tag_name(project.db, tag_id) for tag_id in ids] + [
        split_path(path)[-1] for path in paths if split_path(path)
    ]
    label = f"Tag '{names[0]}'" if len(names) == 1 else "Highlight"
    return OpResult(history(project).perform(label, work), span_id)


def toggle_tag(
    project: Project,
    doc_id: str,
    start: int,
    end: int,
    tag_id: TagId,
    *,
    author: str | None = None,
    note_n: int | None = None,
) -> OpResult[SpanId | None]:
    """The key for a tag, pressed on a selection: tag the passage, or untag it if it has the tag.

    A selection that is exactly an existing span adds the tag to that span (a passage may carry
    several tags); pressing the key again takes it off, and a span left with neither tag nor
    note goes. Any other selection becomes a new span.
    """
    name = _tag_name(project.db, tag_id)
    a, b = trimmed(target_text(project.db, doc_id, note_n), start, end)
    existing = find_span(project.db, doc_id, a, b, note_n=note_n)
    if existing is None:
        result = create_span(project, doc_id, a, b, tag_ids=[tag_id], author=author, note_n=note_n)
        return OpResult(result.changes, result.value)
    if tag_id not in existing.tag_ids:
        return OpResult(add_tags(project, [existing.id], tag_id).changes, existing.id)

    def work(db: Database) -> OpChanges:
        db.execute("DELETE FROM span_tags WHERE span_id = ? AND tag_id = ?", [existing.id, tag_id])
        if len(existing.tag_ids) == 1 and not existing.note.strip():
            db.execute("DELETE FROM spans WHERE id = ?", [existing.id])
        else:
            _touch(db, [existing.id])
        return _changes([doc_id], [existing.id])

    return OpResult(history(project).perform(f"Untag '{name}'", work), None)


def add_tags(project: Project, span_ids: Iterable[SpanId], tag_id: TagId) -> OpResult[None]:
    spans = load_spans_by_id(project.db, span_ids)

    def work(db: Database) -> OpChanges:
        for span in spans:
            _add_tags(db, span.id, [tag_id])
        _touch(db, [s.id for s in spans])
        return _changes({s.doc_id for s in spans}, [s.id for s in spans])

    return OpResult(history(project).perform(f"Tag '{_tag_name(project.db, tag_id)}'", work), None)


def remove_tag(project: Project, span_ids: Iterable[SpanId], tag_id: TagId) -> OpResult[None]:
    """Take ``tag_id`` off the spans; they stay, with their notes, even if no tag is left."""
    spans = load_spans_by_id(project.db, span_ids)

    def work(db: Database) -> OpChanges:
        for span in spans:
            db.execute("DELETE FROM span_tags WHERE span_id = ? AND tag_id = ?", [span.id, tag_id])
        _touch(db, [s.id for s in spans])
        return _changes({s.doc_id for s in spans}, [s.id for s in spans])

    return OpResult(history(project).perform(f"Untag '{_tag_name(project.db, tag_id)}'", work), None)


def _existing(project: Project, span_id: SpanId) -> Span:
    """The span, or one clear refusal if it is gone (deleted in another window, or undone)."""
    spans = load_spans_by_id(project.db, [span_id])
    if not spans:
        raise OperationError("that highlight no longer exists")
    return spans[0]


def set_span_note(project: Project, span_id: SpanId, note: str) -> OpResult[None]:
    span = _existing(project, span_id)

    def work(db: Database) -> OpChanges:
        db.table("spans").update(span_id, {"note": note, **changed()})
        return _changes([span.doc_id], [span_id])

    return OpResult(history(project).perform("Edit Note", work), None)


def resize_span(project: Project, span_id: SpanId, start: int, end: int) -> OpResult[None]:
    """Move a span's ends (its quote and context follow)."""
    span = _existing(project, span_id)

    def work(db: Database) -> OpChanges:
        text = target_text(db, span.doc_id, span.note_n)
        a, b = trimmed(text, start, end)
        selector = QuoteSelector.of(text, a, b)
        db.execute(
            'UPDATE spans SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, modified = ?, modified_by = ?, '
            "orphaned = 0 WHERE id = ?",
            [a, b, selector.exact, selector.prefix, selector.suffix, now(), current(), span_id],
        )
        return _changes([span.doc_id], [span_id])

    return OpResult(history(project).perform("Resize Highlight", work), None)


def delete_spans(project: Project, span_ids: Iterable[SpanId]) -> OpResult[int]:
    spans = load_spans_by_id(project.db, span_ids)

    def work(db: Database) -> OpChanges:
        for span in spans:
            db.execute("DELETE FROM spans WHERE id = ?", [span.id])
        return _changes({s.doc_id for s in spans}, [s.id for s in spans])

    label = "Delete Highlight" if len(spans) == 1 else f"Delete {len(spans)} Highlights"
    return OpResult(history(project).perform(label, work), len(spans))


def find_occurrence(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """The range of the ``occurrence``-th (1-based) appearance of ``quote`` in ``text``."""
    if not quote:
        raise OperationError("the quote is empty")
    start = -1
    for seen in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            if seen == 0:
                raise OperationError(f"the quote is not in the text: {quote!r}")
            raise OperationError(f"the quote occurs {seen} time(s), not {occurrence}: {quote!r}")
    return start, start + len(quote)


def tag_ranges(
    project: Project,
    ranges: Iterable[tuple[str, int, int]],
    *,
    tag_id: TagId | None = None,
    tag_path: str = "",
    author: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> OpResult[int]:
    """Highlight every ``(document, start, end)`` with one tag, as one step (a search turned into spans).

    A range that is already exactly a span gains the tag; the others become spans. Each document's
    text is read once, however many of its words are tagged. ``progress(done, total)`` is told as
    it goes; once ``cancelled()`` is true it stops with ``Cancelled``, and nothing was written.
    """
    ranges = sorted(ranges)
    made = 0

    def work(db: Database) -> OpChanges:
        nonlocal made
        tag = tag_id if tag_id is not None else ensure_path(db, tag_path)
        ids = []
        text, reading = "", None
        for done, (doc_id, start, end) in enumerate(ranges):
            if not done % 500:
                if cancelled():
                    raise Cancelled
                if progress is not None:
                    progress(done, len(ranges))
            if doc_id != reading:
                text, reading = target_text(db, doc_id, None), doc_id
            a, b = trimmed(text, start, end)
            existing = find_span(db, doc_id, a, b)
            span_id = existing.id if existing else insert_span(db, doc_id, a, b, author=author, text=text)
            made += existing is None
            _add_tags(db, span_id, [tag])
            ids.append(span_id)
        return _changes({doc for doc, _, _ in ranges}, ids, tags=tag_id is None)

    name = _tag_name(project.db, tag_id) if tag_id is not None else split_path(tag_path)[-1]
    return OpResult(history(project).perform(f"Tag {len(ranges)} Search Results '{name}'", work), made)
