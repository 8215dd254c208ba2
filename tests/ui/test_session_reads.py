"""What the project session keeps for the views is never older than the file."""

from __future__ import annotations

from PySide6.QtTest import QTest

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


def test_opening_a_document_reads_the_words_of_the_cards_shown_only(
    open_window, sample_project: Project, qtbot, monkeypatch
) -> None:
    """The views draw and list highlights from where they lie; a card reads its span's words when
    it is shown. Opening 300 highlights, showing the list and walking it by key reads a screenful."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from workbench.storage import annotations, list_documents

    doc_id = list_documents(sample_project.db)[0].id
    for i in range(300):
        create_span(sample_project, doc_id, 10 + i * 13, 20 + i * 13, tag_paths=["Troops"], note=f"note {i}")
    read: list[int] = []
    whole = annotations.load_spans_by_id
    monkeypatch.setattr(
        annotations, "load_spans_by_id", lambda db, ids: read.extend(ids := list(ids)) or whole(db, ids)
    )
    window: MainWindow = open_window(sample_project)
    window.show_side(window.highlights)
    qtbot.wait(50)
    assert window.highlights.model.rowCount() == 300
    shown = len(read)
    assert 0 < shown <= 60  # the cards in view (and a few measured around them), not 300
    window.highlights.view.setFocus()
    window.highlights.view.setCurrentIndex(window.highlights.model.index(0, 0))
    for _ in range(5):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.wait(20)
    assert len(read) <= shown + 30
    assert window.highlights.model.rows[5].note == "note 5"  # the words, read when asked
