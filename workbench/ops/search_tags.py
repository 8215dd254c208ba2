"""Search › Tag all results…: every hit of a query in the documents' text a highlight with one tag.

Not only the pages of hits the panel has loaded: the hits are read again from the index, all of
them, counted (with the documents they are in) for the historian to confirm, then stored by
``spans.tag_ranges`` as one transaction and one step of undo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from workbench.model.annotation import TagId
from workbench.ops.changes import OpResult
from workbench.ops.errors import Cancelled, OperationError
from workbench.ops.spans import tag_ranges
from workbench.storage import Project
from workbench.storage.search import search_hits

#: Hits "Tag all results…" tags at most. Past it, a query is not a theme but a word of the language
#: ("the" has millions of hits in the series), and tags nothing a historian will read: 50,000
#: highlights is a quarter of the 200,000 the theme queries and the co-occurrence matrix are sized
#: for (one such tagging would not crowd out a project's own), what the export of a search result
#: takes at most too (``export.selection.SEARCH_LIMIT``), and is stored in one transaction in well
#: under a minute here. Above it the historian is told so and asked to narrow the search.
TAG_ALL_CAP = 50_000


@dataclass(frozen=True, slots=True)
class TextHits:
    """The hits of ``query`` in the documents' text: ``(document, start, end)``, in how many documents,
    and whether there are more than the cap (then ``ranges`` holds only the first ``cap``)."""

    query: str
    ranges: list[tuple[str, int, int]]
    documents: int
    over_cap: bool
    cap: int = TAG_ALL_CAP


def find_text_hits(
    db: Database,
    query: str,
    *,
    cap: int = TAG_ALL_CAP,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> TextHits:
    """Every text hit of ``query`` up to ``cap`` (one more says there are more). The search lists the
    documents' text before footnotes and notes, so the first hit of another kind ends the reading.
    ``progress(found, 0)``: the total is not known until the end; ``cancelled()`` stops with ``Cancelled``."""
    ranges: list[tuple[str, int, int]] = []
    documents: set[str] = set()
    for hit in search_hits(db, query):
        if hit.kind != "text":
            break
        if len(ranges) == cap:
            return TextHits(query, ranges, len(documents), True, cap)
        ranges.append((hit.doc_id, hit.start, hit.end))
        documents.add(hit.doc_id)
        if not len(ranges) % 500:
            if cancelled():
                raise Cancelled
            if progress is not None:
                progress(len(ranges), 0)
    return TextHits(query, ranges, len(documents), False, cap)


def tag_text_hits(
    project: Project,
    hits: TextHits,
    *,
    tag_id: TagId | None = None,
    tag_path: str = "",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> OpResult[int]:
    """Tag every one of ``hits`` (refused past the cap: only part of them would be tagged); one step."""
    if hits.over_cap:
        raise OperationError(f"“{hits.query}” has more than {hits.cap:,} hits: narrow the search to tag them")
    return tag_ranges(project, hits.ranges, tag_id=tag_id, tag_path=tag_path, progress=progress, cancelled=cancelled)
