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
    panel = window.people.entries
    return [panel.item(row).text().split(" — ")[0] for row in range(panel.count()) if not panel.item(row).isHidden()]


def test_a_person_of_two_volumes_is_listed_once_with_their_mentions(open_window, project: Project, tmp_path: Path,
                                                                    qtbot) -> None:  # fmt: skip
    import_files(project, write_volumes(tmp_path))
    window = open_window(project)
    window.show_side(window.people)
    assert rows(window) == ["Bush, George H.W.", "Bush, George W.", "Kissinger, Henry Alfred (2 volumes)",
                            "Scali, John A.", "Sisco, Joseph J."]  # fmt: skip
    window.people.filter.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.people.filter)
    QTest.keyClicks(QApplication.focusWidget(), "kiss")
    assert rows(window) == ["Kissinger, Henry Alfred (2 volumes)"]
    window.people.entries.setCurrentRow(2)
    assert window.people.heading.text() == "Kissinger, Henry Alfred: 1 mention in 2 volumes"
    # "p_SJ_1" is a different man in each volume: the name in the text chooses its own volume's.
    window.documents.select(next(r.id for r in list_documents(project.db) if "v09" in r.volume))
    window.reading.anchorClicked.emit(QUrl("person:p_SJ_1"))
    assert window.people.heading.text() == "Sisco, Joseph J.: 1 mention"


def test_a_wrong_link_is_undone_from_the_panel_in_one_step(open_window, project: Project, tmp_path: Path) -> None:
    import_files(project, write_volumes(tmp_path))
    window = open_window(project)
    panel = window.people
    assert panel.entries.count() == 0  # hidden: not listed until shown
    window.show_side(panel)
    panel.entries.setCurrentRow(2)
    assert "not this person" in panel.mentions.toPlainText()
    panel.mentions.anchorClicked.emit(QUrl("apart:1"))  # Kissinger of volume 17 is somebody else
    assert rows(window).count("Kissinger, Henry Alfred") == 1 and "Kissinger, Henry A." in rows(window)
    assert history(project).undo_label == "Unlink Kissinger, Henry Alfred of frus1969-76v17"
    window.session.undo()
    assert "Kissinger, Henry Alfred (2 volumes)" in rows(window)
    current = panel.entries.findItems("Bush, George H.W.", Qt.MatchFlag.MatchStartsWith)[0]
    panel.entries.setCurrentItem(current)
    panel.link(("frus1969-76v09", "p_BGHW_1"), ("frus1969-76v17", "p_BGW_1"))  # as "Same Person as" does
    assert "Bush, George H.W. (2 volumes)" in rows(window) and len(rows(window)) == 4
