"""The documents list of a project of many volumes: one heading a volume, opened on its documents a
page at a time, by keys and clicks; filtered as you type with counts per volume; a document chosen
elsewhere shown in its volume. A project of one volume keeps its plain list."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.ops.documents import import_files
from workbench.storage import Project, list_documents
from workbench.ui.panels.documents import DocumentsPanel
from workbench.ui.window.main_window import MainWindow

from ..people_volumes import write_volumes

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate_volume import CORPUS, compose_volume, volume_id

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")


@pytest.fixture
def three_volumes(project: Project, tmp_path: Path, monkeypatch) -> Project:
    """Three FRUS volumes of seven documents each, imported as the user does; pages of three rows."""
    monkeypatch.setattr("workbench.ui.panels.document_models.PAGE", 3)
    paths = []
    for number in (1, 2, 3):
        paths.append(tmp_path / f"{volume_id(number)}.xml")
        paths[-1].write_bytes(compose_volume(number, 7))
    import_files(project, paths)
    return project


def headings(panel: DocumentsPanel) -> list[tuple[str, int, bool]]:
    """Each volume as the list shows it: heading, count, open or not."""
    model = panel.groups
    return [(g.heading, g.count, panel.view.isExpanded(model.index(i, 0))) for i, g in enumerate(model.groups)]


def press(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def focus_list(window: MainWindow, qtbot) -> None:
    window.documents.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.documents.view)


@needs_corpus
def test_volumes_are_headings_that_open_a_page_at_a_time(open_window, three_volumes: Project, qtbot,
                                                         qtmodeltester) -> None:  # fmt: skip
    window = open_window(three_volumes)
    panel = window.documents
    assert panel.by_volume
    assert [(h[0], h[1]) for h in headings(panel)] == [
        ("Volume I, Vietnam, 1970–1971", 7), ("Volume II, South Asia Crisis, 1971–1972", 7),
        ("Volume III, Southern Africa, 1972–1973", 7)]  # fmt: skip
    first = list_documents(three_volumes.db)[0]
    assert window.document is not None and window.document.id == first.id  # the first volume's first, opened
    closed = panel.groups.groups[1:]
    assert [g.rows for g in closed] == [[], []]  # nothing of a closed volume is read but its count
    qtmodeltester.check(panel.groups, force_py=True)  # and as it changes from here on
    # The keyboard: down to the second volume, Right opens it (a page), Right again enters it.
    focus_list(window, qtbot)
    panel.view.setCurrentIndex(panel.groups.index(1, 0))
    press(Qt.Key.Key_Right)
    assert headings(panel)[1][2] and len(panel.groups.groups[1].rows) in (3, 6, 7)  # pages, to fill the view
    press(Qt.Key.Key_Down)
    second_volume = [row for row in list_documents(three_volumes.db) if row.volume == volume_id(2)]
    assert window.document.id == second_volume[0].id  # moving onto a document opens it
    for _ in range(5):
        press(Qt.Key.Key_Down)  # past the first page: the next ones are read as the cursor goes
    assert window.document.id == second_volume[5].id
    assert [row.id for row in panel.groups.groups[1].rows] == [row.id for row in second_volume][: len(
        panel.groups.groups[1].rows)]  # fmt: skip
    press(Qt.Key.Key_Left)  # to its heading
    assert panel.groups.group_at(panel.view.currentIndex()) is panel.groups.groups[1]
    press(Qt.Key.Key_Left)  # closes it
    assert not headings(panel)[1][2]
    press(Qt.Key.Key_Return)  # Enter opens it again
    assert headings(panel)[1][2]
    press(Qt.Key.Key_Return)
    assert not headings(panel)[1][2]


@needs_corpus
def test_a_click_on_a_heading_opens_and_closes_it(open_window, three_volumes: Project, qtbot) -> None:
    window = open_window(three_volumes)
    view = window.documents.view
    third = window.documents.groups.index(2, 0)
    view.scrollTo(third)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(third).center())
    assert headings(window.documents)[2][2]
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(third).center())
    assert not headings(window.documents)[2][2]


@needs_corpus
def test_typing_a_filter_counts_per_volume_and_opens_few(open_window, three_volumes: Project, qtbot,
                                                         qtmodeltester) -> None:  # fmt: skip
    window = open_window(three_volumes)
    panel = window.documents
    qtmodeltester.check(panel.groups, force_py=True)
    panel.filter.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.filter)
    QTest.keyClicks(QApplication.focusWidget(), "telegram from")
    telegrams = [row for row in list_documents(three_volumes.db) if "telegram from" in row.title.lower()]
    assert [row.volume for row in telegrams] == [volume_id(2), volume_id(3)]
    assert [(h[1], h[2]) for h in headings(panel)] == [(1, True), (1, True)]  # few: every volume opened
    assert panel.groups.documents_read() == telegrams
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(QApplication.focusWidget(), "memo")  # many: counts, volumes closed but the open document's
    memos = [row for row in list_documents(three_volumes.db) if "memo" in row.title.lower()]
    assert sum(h[1] for h in headings(panel)) == len(memos) > 3
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(Qt.Key.Key_Delete)
    assert [h[1] for h in headings(panel)] == [7, 7, 7]


@needs_corpus
def test_a_document_chosen_elsewhere_is_shown_in_its_volume(open_window, three_volumes: Project) -> None:
    window = open_window(three_volumes)
    panel = window.documents
    last = list_documents(three_volumes.db)[-1]  # the third volume's seventh: three pages down, volume closed
    window.navigation.show_range(last.id, 0, 5)  # as a search hit or a mention does
    assert window.document is not None and window.document.id == last.id
    assert headings(panel)[2][2] and panel.current_id() == last.id
    assert panel.view.visualRect(panel.view.currentIndex()).intersects(panel.view.viewport().rect())
    panel.step(-1)  # Go › Previous Document
    assert window.document.id == list_documents(three_volumes.db)[-2].id
    panel.select(list_documents(three_volumes.db)[6].id)  # the first volume's last
    panel.step(+1)  # on into the next volume, opened
    assert window.document.id == list_documents(three_volumes.db)[7].id and headings(panel)[1][2]


@needs_corpus
def test_each_order_holds_inside_a_volume(open_window, three_volumes: Project, qtbot) -> None:
    window = open_window(three_volumes)
    panel = window.documents
    panel.sort.setCurrentIndex(2)  # by title
    heading = panel.groups.index(0, 0)
    panel.view.expand(heading)
    while panel.groups.has_more(heading):
        panel.groups.fetchMore(heading)
    titles = [row.title.lower() for row in list_documents(three_volumes.db) if row.volume == volume_id(1)]
    assert [row.title.lower() for row in panel.groups.groups[0].rows] == sorted(titles)
    assert panel.current_id() == window.document.id  # the open document stays chosen


def test_one_volume_keeps_its_plain_list(open_window, sample_project: Project, tmp_path: Path) -> None:
    window = open_window(sample_project)
    assert not window.documents.by_volume and window.documents.model.rowCount() == 1
    import_files(sample_project, write_volumes(tmp_path))  # two volumes more: headings
    window.reload_documents()
    assert window.documents.by_volume
    assert [(g.volume, g.count) for g in window.documents.groups.groups] == [
        ("frus1969-76v09", 1 + 2), ("frus1969-76v17", 2)]  # fmt: skip
    assert window.documents.current_id() == window.document.id  # the open document, shown in its volume
    window.documents.filter.setText("memorandum")  # a filter typed, then the volumes gone: a plain list, filtered
    window.session.undo()
    window.reload_documents()
    assert not window.documents.by_volume and window.documents.model.filter_text == "memorandum"
