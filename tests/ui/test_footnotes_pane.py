"""The footnotes pane works like the text: a whole selection bar clear of the words, Ctrl+C, and
the context menu's Tag…, Note… and Copy Quote with Citation; a click on a mark selects nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from workbench.ops.tags import create_tag
from workbench.storage import Project
from workbench.ui.reading.in_view import note_mark_rect
from workbench.ui.window.main_window import MainWindow


@pytest.fixture
def window(open_window, sample_project: Project) -> MainWindow:
    for name, color in (("Troops", "#e8a33d"), ("GVN resistance", "#4f8fd8"), ("Aid", "#3a9a5b"),
                        ("Negotiations", "#a05ad0"), ("Press", "#d05a7a")):  # fmt: skip
        create_tag(sample_project, name, color=color)
    opened = open_window(sample_project)
    opened.show_side(opened.notes)
    return opened


def drag_in_notes(window: MainWindow, n: int, words: str) -> tuple[int, int]:
    """Select ``words`` of note ``n`` with the mouse."""
    notes = window.notes
    text = window.document.note_text(n)
    start = text.index(words)
    positions = notes._positions[n]

    def point(offset: int) -> QPoint:
        cursor = QTextCursor(notes.document())
        cursor.setPosition(positions.to_view(offset))
        rect = notes.cursorRect(cursor)
        return QPoint(rect.left() + 1, rect.center().y())

    notes.focus_note(n)
    a, b = point(start), point(start + len(words))
    QTest.mousePress(notes.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(notes.viewport(), b)
    QTest.mouseRelease(notes.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    assert notes.selected_note_range() == (n, start, start + len(words))
    return start, start + len(words)


def test_the_selection_bar_is_whole_inside_the_pane_and_off_the_words(window: MainWindow, qtbot) -> None:
    from .test_narrow_windows import set_panels

    set_panels(window, [250, 700, 300])  # a narrow pane
    qtbot.wait(20)
    drag_in_notes(window, 1, "Box 26")
    bar = window.annotator.notes_toolbar
    assert bar.isVisible()
    inside = window.notes.viewport().rect()
    assert inside.contains(bar.geometry()), (bar.geometry(), inside)
    texts = [b.text() for b in bar.findChildren(QToolButton) if b.isVisible()]
    assert "Tag…" in texts and "Note…" in texts
    cursor = QTextCursor(window.notes.textCursor())
    cursor.setPosition(cursor.selectionStart())
    first_line = window.notes.cursorRect(cursor)
    words = QRect(0, first_line.top(), inside.width(), first_line.height())
    assert not bar.geometry().intersects(words)  # the selected line stays readable


def test_ctrl_c_copies_the_words_of_the_note(window: MainWindow, qtbot) -> None:
    drag_in_notes(window, 1, "Box 26")
    QGuiApplication.clipboard().clear()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Box 26"


def test_the_context_menu_offers_tag_note_and_quote(window: MainWindow, qtbot) -> None:
    drag_in_notes(window, 1, "Box 26")
    assert [a.text() for a in window.notes.context_actions] == [
        "&Tag…", "&Note on Passage…", "Cop&y Quote with Citation",
    ]  # fmt: skip
    window.notes.context_actions[2].trigger()
    assert "Box 26" in QGuiApplication.clipboard().text() and "444" in QGuiApplication.clipboard().text()


def test_clicking_a_footnote_mark_selects_nothing(window: MainWindow, qtbot) -> None:
    view = window.reading
    note = window.document.notes[0]
    rect = note_mark_rect(view, note.n)
    if rect.isEmpty():
        view.select_range(note.anchor, note.anchor)
        qtbot.wait(20)
        rect = note_mark_rect(view, note.n)
    assert not rect.isEmpty()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert not view.textCursor().hasSelection()
    assert not window.annotator.toolbar.isVisible()
