"""Who you are: asked once after the first highlight, and work made under another name claimed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.ops import author
from workbench.ops.spans import create_span
from workbench.ops.tags import create_tag
from workbench.storage import Project
from workbench.ui import preferences
from workbench.ui.dialogs.authors import AuthorsWindow
from workbench.ui.window.main_window import MainWindow


@pytest.fixture
def window(open_window, sample_project: Project, monkeypatch) -> MainWindow:
    monkeypatch.setattr(author, "_name", "")
    monkeypatch.setattr(author, "login_name", lambda: "root")
    create_tag(sample_project, "Troops", color="#e8a33d")  # key 1, the first tag
    return open_window(sample_project)


def select_words(window: MainWindow, words: str) -> None:
    start = window.document.text.index(words)
    window.reading.select_range(start, start + len(words))
    window.reading.setFocus()


def authors_of(project: Project) -> set[str]:
    return {row[0] for row in project.db.execute("SELECT author FROM spans UNION SELECT modified_by FROM spans")}


def test_the_first_highlight_asks_for_the_name_and_credits_it(window: MainWindow, qtbot) -> None:
    assert not window.name_bar.isVisible()
    select_words(window, "On the troop issue")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert window.name_bar.isVisible() and "“root”" in window.name_bar.message.text()
    assert QApplication.focusWidget() is window.reading  # the bar does not take the keyboard from the text
    window.name_bar.field.setFocus()
    QTest.keyClicks(QApplication.focusWidget(), "Ada Lovelace")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not window.name_bar.isVisible()
    assert authors_of(window.project) == {"Ada Lovelace"} and preferences.load().author == "Ada Lovelace"
    assert author.author() == "Ada Lovelace"
    window.undo_action.trigger()  # the claim is one step
    assert authors_of(window.project) == {"root"}
    select_words(window, "the GVN does have a case")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert not window.name_bar.isVisible()  # asked once


def test_skipping_keeps_the_login_name_and_does_not_ask_again(window: MainWindow, qtbot) -> None:
    select_words(window, "On the troop issue")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    QTest.mouseClick(window.name_bar.skip, Qt.MouseButton.LeftButton)
    assert not window.name_bar.isVisible() and authors_of(window.project) == {"root"}
    select_words(window, "the GVN does have a case")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert not window.name_bar.isVisible()


def test_compare_authors_makes_two_names_one_person(window: MainWindow, qtbot, monkeypatch) -> None:
    doc_id = window.document.id
    troops = window.tags.find("Troops").id
    create_span(window.project, doc_id, 100, 140, tag_ids=[troops])
    monkeypatch.setattr(author, "_name", "Ada")
    create_span(window.project, doc_id, 200, 240, tag_ids=[troops])
    compare = AuthorsWindow(window)
    qtbot.addWidget(compare)
    assert (compare.first.currentText(), compare.second.currentText()) == ("Ada", "root")
    compare.first.setCurrentIndex(1)
    compare.second.setCurrentIndex(0)
    assert compare.same_person.text() == "Same Person: Credit root’s Work to Ada"
    QTest.mouseClick(compare.same_person, Qt.MouseButton.LeftButton)
    assert authors_of(window.project) == {"Ada"} and compare.first.count() == 1
    window.undo_action.trigger()
    assert authors_of(window.project) == {"Ada", "root"}
