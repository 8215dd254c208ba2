"""Tag all results: every hit of a query in the documents' text, counted, capped, one step, cancellable."""

from __future__ import annotations

import pytest

from workbench.ops.documents import import_files
from workbench.ops.errors import Cancelled, OperationError
from workbench.ops.history import history, undo
from workbench.ops.search_tags import find_text_hits, tag_text_hits
from workbench.storage import Project
from workbench.storage.search import search_page

from .conftest import CORPUS


@pytest.fixture
def volumes(project: Project) -> Project:
    import_files(project, sorted(CORPUS.glob("*/d*.xml")))  # two real FRUS volumes
    return project


def spans(project: Project) -> int:
    return project.db.execute("SELECT count(*) FROM spans").fetchone()[0]


def test_every_hit_across_volumes_is_tagged_as_one_step(volumes: Project) -> None:
    found = find_text_hits(volumes.db, "the")
    shown = search_page(volumes.db, "the", limit=50)
    assert len(found.ranges) > 50 and shown.more  # more than the panel's first page
    volume_ids = {row[0] for row in volumes.db.execute(
        """SELECT DISTINCT json_extract(metadata, '$.custom."volume-id"') FROM documents""")}  # fmt: skip
    assert found.documents == volumes.db["documents"].count and len(volume_ids) == 2 and not found.over_cap
    result = tag_text_hits(volumes, found, tag_path="Articles/the")
    assert spans(volumes) == result.value == len(set(found.ranges))
    assert history(volumes).undo_label == f"Tag {len(found.ranges)} Search Results 'the'"
    tagged = volumes.db.execute("SELECT count(*) FROM span_tags").fetchone()[0]
    assert tagged == spans(volumes) and len(result.changes.span_documents) == found.documents
    quotes = {row[0].lower() for row in volumes.db.execute("SELECT quote FROM spans")}
    assert quotes == {"the"}
    undo(volumes)
    assert spans(volumes) == 0 and volumes.db.execute("SELECT count(*) FROM tags").fetchone()[0] == 0


def test_past_the_cap_nothing_is_tagged(volumes: Project) -> None:
    found = find_text_hits(volumes.db, "the", cap=10)
    assert found.over_cap and len(found.ranges) == 10
    with pytest.raises(OperationError, match="more than 10 hits: narrow the search"):
        tag_text_hits(volumes, found, tag_path="Too many")
    assert spans(volumes) == 0 and history(volumes).undo_label == "Import 10 Documents"


def test_cancelled_tagging_changes_nothing(volumes: Project) -> None:
    found = find_text_hits(volumes.db, "the")
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        tag_text_hits(volumes, found, tag_path="Cancelled", progress=lambda *at: seen.append(at),
                      cancelled=lambda: len(seen) > 0)  # fmt: skip
    assert seen == [(0, len(found.ranges))]
    assert spans(volumes) == 0 and volumes.db.execute("SELECT count(*) FROM tags").fetchone()[0] == 0
    assert history(volumes).undo_label == "Import 10 Documents"
    with pytest.raises(Cancelled):
        find_text_hits(volumes.db, "the", cancelled=lambda: True)
