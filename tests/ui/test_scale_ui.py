"""A project read a page at a time: the documents list fetches more as it scrolls and filters in
the project; search shows its first page with a count and loads the next at the end of the list."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.ops.documents import import_files
from workbench.storage import Project, list_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate_volume import CORPUS, compose

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")


@pytest.fixture
def volume_project(project: Project, tmp_path: Path, monkeypatch) -> Project:
    """Twelve documents, and pages of five rows and four hits: paging shows in a small project."""
    monkeypatch.setattr("workbench.ui.panels.document_models.PAGE", 5)
    monkeypatch.setattr("workbench.ui.panels.search.PAGE", 4)
    path = tmp_path / "volume.xml"
    path.write_bytes(compose(12))
    import_files(project, [path])
    return project


def test_the_documents_list_reads_a_page_at_a_time(open_window, volume_project: Project, qtmodeltester) -> None:
    window = open_window(volume_project)
    model = window.documents.model
    assert model.total == 12 and model.rowCount() in (5, 10, 12)  # pages, as far as the view is filled
    model.load(window.session, filter_text="memorandum")  # a new filter reads its first page
    model.load(window.session, filter_text="")
    assert model.rowCount() == 5 and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)  # fetching more on the way
    while model.canFetchMore():
        model.fetchMore()
    assert [row.id for row in model.rows] == [row.id for row in list_documents(volume_project.db)]
    window.reload_documents()  # as far as it was read: no shrinking back to a page
    assert model.rowCount() == 12


def test_typing_a_filter_asks_the_project(open_window, volume_project: Project, qtbot) -> None:
    window = open_window(volume_project)
    panel = window.documents
    panel.filter.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.filter)
    QTest.keyClicks(QApplication.focusWidget(), "memorandum of")
    expected = [row.id for row in list_documents(volume_project.db) if "memorandum of" in row.title.lower()]
    assert expected and [row.id for row in panel.model.rows] == expected[:5]
    assert panel.model.total == len(expected)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert panel.model.total == 12


def test_going_to_a_document_not_yet_read(open_window, volume_project: Project) -> None:
    window = open_window(volume_project)
    last = list_documents(volume_project.db)[-1]
    window.documents.select(last.id)  # as a search hit in it does
    assert window.document is not None and window.document.id == last.id
    assert window.documents.model.rowCount() >= 12 - 5 + 1


def test_search_pages_as_the_hits_scroll(open_window, volume_project: Project, qtbot) -> None:
    window = open_window(volume_project)
    window.show_side(window.search)
    panel = window.search
    panel.results.resize(300, 60)  # a short list: the first page fills it
    panel.field.setText("the")
    qtbot.waitUntil(lambda: len(panel.hits) >= 4)
    assert "documents and notes match" in panel.count.text() and panel.count.text().startswith(f"{len(panel.hits)}+")
    shown = len(panel.hits)
    bar = panel.results.verticalScrollBar()
    bar.setValue(bar.maximum())  # to the end: the next page
    qtbot.waitUntil(lambda: len(panel.hits) > shown)
    assert len({(h.doc_id, h.kind, h.start) for h in panel.hits}) == len(panel.hits)  # no page twice
    panel.field.setText("Kissinger")  # typed over: the hits of the new query only
    qtbot.waitUntil(lambda: panel.query == "Kissinger" and panel.hits and all(
        "kissinger" in h.context[h.marked[0] : h.marked[1]].lower() for h in panel.hits))  # fmt: skip


def test_a_hidden_search_panel_reads_one_page(open_window, volume_project: Project, qtbot) -> None:
    """Laid out only when shown, its end would always seem in view: it would read every page."""
    window = open_window(volume_project)
    window.show_side(window.memos)
    panel = window.search
    assert not panel.results.isVisible()
    panel.run("the")
    qtbot.waitUntil(lambda: len(panel.hits) == 4)
    qtbot.wait(300)
    assert len(panel.hits) == 4
    window.show_side(panel)  # shown: the next page, as the first does not fill the view
    qtbot.waitUntil(lambda: len(panel.hits) > 4)


def test_each_order_is_the_projects_not_the_rows_read(open_window, volume_project: Project) -> None:
    window = open_window(volume_project)
    panel = window.documents
    panel.sort.setCurrentIndex(2)  # by title: all twelve sorted, read as far as the open document
    titles = sorted(row.title.lower() for row in list_documents(volume_project.db))
    read = [row.title.lower() for row in panel.model.rows]
    assert len(read) in (5, 10, 12) and read == titles[: len(read)] and panel.current_id() == window.document.id
    while panel.model.canFetchMore():
        panel.model.fetchMore()
    assert [row.title.lower() for row in panel.model.rows] == titles
    panel.sort.setCurrentIndex(0)  # by number: 9 < 10, as numbers
    numbers = [row.number for row in panel.model.rows]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and panel.current_id() == window.document.id
