"""Every popup and dialog takes the keyboard when it opens: keys go to whatever has focus
(``QApplication.focusWidget()``), as they do for a user, never straight into a chosen widget."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from workbench.ops.tags import create_tag
from workbench.storage import Project
from workbench.storage.annotations import load_spans, load_tags
from workbench.ui.window.main_window import MainWindow


@pytest.fixture
def window(open_window, sample_project: Project) -> MainWindow:
    create_tag(sample_project, "Troops", color="#e8a33d")
    return open_window(sample_project)


def type_keys(text: str) -> None:
    """Type as the user does: into whatever has the keyboard focus now."""
    for char in text:
        QTest.keyClicks(QApplication.focusWidget(), char)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def while_open(qtbot, action: Callable[[], None], inside: Callable[[QWidget], None]) -> list[QWidget]:
    """Run ``action`` (which opens a modal popup or dialog); once the popup is up, call ``inside``
    with the widget that has focus. Returns what had focus, for the assertions."""
    seen: list[QWidget] = []
    turns = [0]

    def when_up() -> None:
        popup = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        focused = QApplication.focusWidget()
        turns[0] += 1
        settled = popup is not None and focused is not None and focused.window() is popup
        if popup is None or not popup.isVisible() or (not settled and turns[0] < 50):
            QTimer.singleShot(10, when_up)  # a few turns of the event loop for the window to come up
            return
        seen.append(focused)
        try:
            inside(focused)
        finally:  # whatever happened, the test goes on: a popup still open is closed
            QTimer.singleShot(0, lambda: popup.isVisible() and popup.close())

    QTimer.singleShot(0, when_up)
    action()
    return seen


def select_words(window: MainWindow, words: str) -> None:
    start = window.document.text.index(words)
    window.reading.select_range(start, start + len(words))
    focus_text(window)


def focus_text(window: MainWindow) -> None:
    """The keyboard in the text, as after a click there (the window active first)."""
    window.activateWindow()
    window.reading.setFocus()
    deadline = 50
    while QApplication.focusWidget() is not window.reading and deadline:
        QTest.qWait(10)
        deadline -= 1


def test_ctrl_t_takes_the_keyboard_what_is_typed_creates_the_tag(window: MainWindow, qtbot) -> None:
    select_words(window, "On the troop issue")

    def inside(focused: QWidget) -> None:
        type_keys("Morale")
        press(Qt.Key.Key_Return)

    seen = while_open(qtbot, lambda: press(Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier), inside)
    assert seen and seen[0].objectName() == "tagPaletteField"
    (span,) = load_spans(window.project.db, window.document.id)
    assert [t.name for t in load_tags(window.project.db) if t.id in span.tag_ids] == ["Morale"]


def test_ctrl_m_opens_the_note_editor_ready_for_typing(window: MainWindow, qtbot) -> None:
    select_words(window, "On the troop issue")

    def inside(focused: QWidget) -> None:
        type_keys("Kissinger concedes")
        press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    seen = while_open(qtbot, lambda: press(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier), inside)
    assert seen
    (span,) = load_spans(window.project.db, window.document.id)
    assert span.note == "Kissinger concedes"


def test_ctrl_f_puts_the_typing_into_the_search_field(window: MainWindow, qtbot) -> None:
    focus_text(window)
    press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_keys("balking")
    assert window.search.field.text() == "balking"
    qtbot.waitUntil(lambda: len(window.search.hits) == 1)


def test_the_settings_dialog_takes_the_keyboard(window: MainWindow, qtbot) -> None:
    def inside(focused: QWidget) -> None:
        assert focused is not None and focused.window() is QApplication.activeModalWidget()
        press(Qt.Key.Key_Escape)

    seen = while_open(qtbot, window.open_settings, inside)
    assert seen


@pytest.mark.parametrize(
    "opens",
    [
        lambda w: w.transfers.export_quotations(),  # Ctrl+E
        lambda w: w.files.restore_backup(),
        lambda w: w.memos.memoOpened.emit(0),  # a new free note
    ],
    ids=["export", "backups", "free-note"],
)
def test_each_dialog_takes_the_keyboard(window: MainWindow, qtbot, opens) -> None:
    def inside(focused: QWidget) -> None:
        assert focused is not None and focused.window() is QApplication.activeModalWidget(), focused
        press(Qt.Key.Key_Escape)  # and Esc, typed like any key, closes it

    seen = while_open(qtbot, lambda: opens(window), inside)
    assert seen and QApplication.activeModalWidget() is None


def test_the_shortcut_sheet_takes_the_keyboard(window: MainWindow, qtbot) -> None:
    window.reading.setFocus()
    sheet = window.help.open_shortcuts()  # Help › Keyboard Shortcuts (Ctrl+/)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is sheet)
    type_keys("undo")
    assert sheet.filter.text() == "undo"
    sheet.close()


def test_a_command_line_read_leaves_the_window_quiet(window: MainWindow, qtbot) -> None:
    """`workbench list` while the window is open: no "changed by another window or program"."""
    from workbench.cli import main

    window.project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert main(["list", "--project", str(window.project.path)]) == 0
    window.statusBar().clearMessage()
    window.session.check_outside_changes()
    assert "changed by another" not in window.statusBar().currentMessage()
