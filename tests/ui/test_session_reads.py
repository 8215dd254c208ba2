"""What the project session keeps for the views is never older than the file."""

from __future__ import annotations

from workbench.ops.spans import create_span
from workbench.storage import Project
from workbench.ui.window.main_window import MainWindow


def test_a_documents_spans_are_read_again_after_any_write(open_window, sample_project: Project) -> None:
    window: MainWindow = open_window(sample_project)
    session = window.session
    doc_id = window.document.id if window.document else None
    assert doc_id is not None
    before = session.places(doc_id)
    assert session._kept_places(doc_id) is session._kept_places(doc_id)  # kept: read once
    create_span(sample_project, doc_id, 10, 40)  # through this connection
    mine = session.places(doc_id)
    assert len(mine) == len(before) + 1
    with Project.open(sample_project.path) as other:  # another program
        create_span(other, doc_id, 100, 140, note="theirs")
    theirs = session.places(doc_id)
    assert len(theirs) == len(mine) + 1
    assert any(span.note == "theirs" for span in session.spans_by_id(place.id for place in theirs))
    assert [span.place for span in session.note_spans(doc_id)] == [p for p in theirs if p.note_n is not None]
    assert session.orphans(doc_id) == []


def test_the_projects_tag_counts_follow_every_write(open_window, sample_project: Project) -> None:
    from workbench.ops.tags import create_tag

    window: MainWindow = open_window(sample_project)
    session = window.session
    doc_id = window.document.id if window.document else None
    assert doc_id is not None
    troops = create_tag(sample_project, "Troops").value
    assert session.tag_counts()[troops] == 0
    create_span(sample_project, doc_id, 10, 40, tag_paths=["Troops"])
    assert session.tag_counts()[troops] == 1 == session.tag_counts(doc_id)[troops]
    with Project.open(sample_project.path) as other:
        create_span(other, doc_id, 100, 140, tag_paths=["Troops"])
    assert session.tag_counts()[troops] == 2
