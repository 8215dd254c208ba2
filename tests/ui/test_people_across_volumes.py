"""The People panel across volumes: each person once, their mentions in every volume, corrections."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.ops.documents import import_files
from workbench.ops.history import history
from workbench.storage import Project, list_documents

from ..people_volumes import write_volumes


def rows(window) -> list[str]:
    model = window.people.entries.model()
    return [model.index(row).data().split(" — ")[0] for row in range(model.rowCount())]


def choose_row(window, name: str) -> None:
    """The person listed as ``name``, chosen in the list (as a click does)."""
    view = window.people.entries
    view.setCurrentIndex(view.model().index(rows(window).index(name)))


def test_a_person_of_two_volumes_is_listed_once_with_their_mentions(open_window, project: Project, tmp_path: Path,
                                                                    qtbot) -> None:  # fmt: skip
    import_files(project, write_volumes(tmp_path))
    window = open_window(project)
    window.show_side(window.people)
    assert rows(window) == [] and window.people.heading.text() == "Listing the people of every volume…"
    qtbot.waitUntil(lambda: bool(rows(window)))  # grouped on a thread: the panel shows meanwhile
    assert window.people.heading.text() == ""
    assert rows(window) == ["Bush, George H.W.", "Bush, George W.", "Kissinger, Henry Alfred (2 volumes)",
                            "Scali, John A.", "Sisco, Joseph J."]  # fmt: skip
    window.people.filter.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.people.filter)
    QTest.keyClicks(QApplication.focusWidget(), "kiss")
    assert rows(window) == ["Kissinger, Henry Alfred (2 volumes)"]
    choose_row(window, "Kissinger, Henry Alfred (2 volumes)")
    assert window.people.heading.text() == "Kissinger, Henry Alfred: 1 mention in 2 volumes"
    # "p_SJ_1" is a different man in each volume: the name in the text chooses its own volume's.
    window.documents.select(next(r.id for r in list_documents(project.db) if "v09" in r.volume))
    window.reading.anchorClicked.emit(QUrl("person:p_SJ_1"))
    assert window.people.heading.text() == "Sisco, Joseph J.: 1 mention"


def test_a_wrong_link_is_undone_from_the_panel_in_one_step(open_window, project: Project, tmp_path: Path,
                                                           qtbot) -> None:  # fmt: skip
    import_files(project, write_volumes(tmp_path))
    window = open_window(project)
    panel = window.people
    assert panel.entries.model().rowCount() == 0  # hidden: not listed until shown
    window.show_side(panel)
    qtbot.waitUntil(lambda: bool(rows(window)))
    choose_row(window, "Kissinger, Henry Alfred (2 volumes)")
    assert "not this person" in panel.mentions.toPlainText()
    panel.mentions.anchorClicked.emit(QUrl("apart:1"))  # Kissinger of volume 17 is somebody else
    assert rows(window).count("Kissinger, Henry Alfred") == 1 and "Kissinger, Henry A." in rows(window)
    assert history(project).undo_label == "Unlink Kissinger, Henry Alfred of frus1969-76v17"
    window.session.undo()
    qtbot.waitUntil(lambda: "Kissinger, Henry Alfred (2 volumes)" in rows(window))
    choose_row(window, "Bush, George H.W.")
    panel.link(("frus1969-76v09", "p_BGHW_1"), ("frus1969-76v17", "p_BGW_1"))  # as "Same Person as" does
    assert "Bush, George H.W. (2 volumes)" in rows(window) and len(rows(window)) == 4


def test_the_people_list_is_a_model_filtered_as_you_type(open_window, project: Project, tmp_path: Path, qtbot,
                                                         qtmodeltester) -> None:  # fmt: skip
    import_files(project, write_volumes(tmp_path))
    window = open_window(project)
    window.show_side(window.people)
    model = window.people.entries.model()
    qtbot.waitUntil(lambda: model.rowCount() == 5)
    qtmodeltester.check(model, force_py=True)  # and as it is filtered, below
    window.people.filter.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.people.filter)
    QTest.keyClicks(QApplication.focusWidget(), "bush geo")  # a word typed on looks among those shown
    assert rows(window) == ["Bush, George H.W.", "Bush, George W."]
    QTest.keyClicks(QApplication.focusWidget(), "rge w")  # "bush george w": both (H.W. holds "w" too)
    assert rows(window) == ["Bush, George H.W.", "Bush, George W."]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)
    QTest.keyClicks(QApplication.focusWidget(), " namesake")  # the description is searched too
    assert rows(window) == ["Bush, George W."]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert len(rows(window)) == 5
    # A name clicked in the text of a person the filter hides: their mentions all the same.
    window.people.filter.setText("sisco")
    window.documents.select(next(r.id for r in list_documents(project.db) if "v17" in r.volume))
    window.reading.anchorClicked.emit(QUrl("person:p_KH_1"))
    assert window.people.heading.text() == "Kissinger, Henry Alfred: 1 mention in 2 volumes"
    assert rows(window) == ["Sisco, Joseph J."]
    # Keys in the list: Down chooses the next person and shows their mentions.
    window.people.filter.clear()
    window.people.entries.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.people.entries)
    window.people.entries.setCurrentIndex(model.index(0))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert window.people.heading.text().startswith("Bush, George W.")
