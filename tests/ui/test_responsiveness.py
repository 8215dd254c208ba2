"""What keeps the window quick: the lists follow a change card by card, and nothing opened stays."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.ops.spans import create_span
from workbench.ops.tags import create_tag
from workbench.storage import Project
from workbench.ui.dialogs.note_editor import NoteEditor
from workbench.ui.look.text_layout import wrapped_lines
from workbench.ui.look.theme import DARK, LIGHT
from workbench.ui.panels.highlight_delegate import HighlightDelegate
from workbench.ui.window.main_window import MainWindow


@pytest.fixture
def window(open_window, sample_project: Project) -> MainWindow:
    create_tag(sample_project, "Troops", color="#e8a33d")
    doc_id = sample_project.db.execute("SELECT id FROM documents").fetchone()[0]
    for start in range(0, 2000, 100):
        create_span(sample_project, doc_id, start + 10, start + 60)
    window = open_window(sample_project)
    window.show_side(window.highlights)
    return window


def live(kind: type) -> list:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [w for w in QApplication.allWidgets() if isinstance(w, kind)]


def test_a_tag_key_changes_one_card_and_keeps_the_others(window: MainWindow, qtbot) -> None:
    """The list is not made anew after a key press: the other cards are the very same objects, and
    the view is told of one inserted row, not reset."""
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 20)
    before = {row.span.id: row for row in window.highlights.model.rows}
    signals = []
    model = window.highlights.model
    model.modelReset.connect(lambda: signals.append("reset"))
    model.rowsInserted.connect(lambda _parent, first, last: signals.append(("inserted", first, last)))
    window.reading.select_range(2500, 2540)
    window.reading.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.waitUntil(lambda: model.rowCount() == 21)
    assert signals == [("inserted", 20, 20)]  # after the twenty that stand before it
    assert all(before[row.span.id] is row for row in model.rows[:20])
    assert model.rows[20].tags == "Troops"
    troops = window.tags.find("Troops").id
    assert window.tag_panel.model.document_totals[troops] == window.tag_panel.model.project_totals[troops] == 1
    assert window.documents.model.rows[0].span_count == 21  # the documents list's count, changed in place
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() == 20)
    assert "reset" not in signals
    assert window.tag_panel.model.document_totals[troops] == window.tag_panel.model.project_totals[troops] == 0
    window.refresh.panels()  # counted again from the file: the same
    assert window.tag_panel.model.document_totals[troops] == window.tag_panel.model.project_totals[troops] == 0


def test_whole_project_scope_updates_without_reading_the_texts(window: MainWindow, qtbot, monkeypatch) -> None:
    import workbench.ui.session as session  # every read of the project goes through the session

    window.highlights.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 20)
    monkeypatch.setattr(session, "load_document", lambda *_: pytest.fail("a whole text was read"))
    window.reading.select_range(2500, 2540)
    window.reading.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 21)
    assert window.highlights.model.rows[20].page  # its printed page, from the page outline


def test_five_note_edits_leave_no_note_editor_behind(window: MainWindow, qtbot) -> None:
    def write(text: str) -> None:
        """Type the note into the editor once it is shown and has the focus, and press Ctrl+Enter."""
        editor = QApplication.activeModalWidget()
        focused = QApplication.focusWidget()
        if not isinstance(editor, NoteEditor) or focused is None or not editor.isAncestorOf(focused):
            if isinstance(editor, NoteEditor):
                editor.activateWindow()
            QTimer.singleShot(10, lambda: write(text))
            return
        QTest.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # over the old note
        QTest.keyClicks(focused, text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    for i in range(5):
        window.activateWindow()  # the closed editor gives the window back its focus
        window.reading.select_range(10, 60)
        window.reading.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reading)
        QTimer.singleShot(0, lambda i=i: write(f"note {i}"))
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    notes = [row[0] for row in window.project.db.execute("SELECT note FROM spans WHERE start = 10")]
    assert notes == ["note 4"]
    assert live(NoteEditor) == []


def test_switching_themes_keeps_one_card_delegate(window: MainWindow) -> None:
    for theme in (DARK, LIGHT) * 3:
        window.set_theme(theme)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(window.highlights.view.findChildren(HighlightDelegate)) == 1


@pytest.mark.parametrize("letter", ["😀", "𝔄", "👩‍👩‍👧"])
def test_cards_wrap_whole_words_after_an_astral_character(qapp, letter: str) -> None:
    """Qt counts UTF-16 units, Python code points: after an emoji the lines were cut mid-word."""
    text = f"{letter} " + " ".join(f"word{i}" for i in range(40))
    lines = wrapped_lines(text, LIGHT.ui_font(LIGHT.ui_size), 160, 50)
    assert len(lines) > 2
    assert " ".join(lines) == text
    assert all(part.startswith("word") or part == letter for line in lines for part in line.split())


def test_the_list_measures_and_makes_only_the_cards_on_screen(
    open_window, sample_project: Project, qtbot, monkeypatch
) -> None:
    """With hundreds of highlights, opening the document makes the cards in view (and the last
    screenful, which sets the scroll bar's range), not all of them; a key press measures a few
    screenfuls of cards, not the whole list."""
    create_tag(sample_project, "Troops")
    doc_id = sample_project.db.execute("SELECT id FROM documents").fetchone()[0]
    for start in range(0, 8000, 20):
        create_span(sample_project, doc_id, start + 2, start + 12)
    window = open_window(sample_project)
    window.show_side(window.highlights)
    model = window.highlights.model
    qtbot.waitUntil(lambda: model.rowCount() == 400)
    for _ in range(5):
        QApplication.processEvents()
    made = [row for row in model.rows if row._page is not None]
    assert 0 < len(made) < 80 and model.rows[200]._page is None  # those in view, and the last screenful
    measured: list[object] = []
    counts = HighlightDelegate._counts  # what a card's height is worked out from
    monkeypatch.setattr(
        HighlightDelegate, "_counts", lambda self, row, width: measured.append(row) or counts(self, row, width)
    )
    window.reading.select_range(8100, 8140)
    window.reading.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.waitUntil(lambda: model.rowCount() == 401)
    for _ in range(10):
        QApplication.processEvents()
    assert 0 < len(measured) < 120


def test_opening_documents_keeps_the_whole_projects_list_as_made(window: MainWindow, qtbot, monkeypatch) -> None:
    """The whole project's highlights are made once, then kept as documents open (they were made
    anew at every opening: two seconds for 200,000); a change still reaches them, and is kept too."""
    import workbench.ui.session as session

    other = window.project.db.execute("SELECT id FROM documents").fetchone()[0]
    window.highlights.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 20)
    made = window.highlights.model.rows[0]
    reads: list[object] = []
    places = session.stored.load_places
    monkeypatch.setattr(
        session.stored, "load_places", lambda db, doc_id=None: reads.append(doc_id) or places(db, doc_id)
    )
    window.reading.select_range(2500, 2540)
    window.activateWindow()
    window.reading.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reading)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 21)
    for _ in range(3):
        window.open_document(other)
        qtbot.wait(20)
    assert None not in reads  # the project's places were not read again
    assert window.highlights.model.rowCount() == 21 and window.highlights.model.rows[0] is made


def test_the_whole_projects_cards_are_made_off_the_windows_thread(window: MainWindow, qtbot, monkeypatch) -> None:
    """200,000 cards take two seconds: made on a worker with a connection of its own, the window
    goes on meanwhile; made on the window's thread, it froze."""
    import threading

    import workbench.ui.window.refresh as refresh

    made_on: list[bool] = []
    arrange = refresh.arrange
    monkeypatch.setattr(refresh, "arrange", lambda *a, **k: made_on.append(threading.current_thread() is threading.main_thread()) or arrange(*a, **k))  # fmt: skip
    window.highlights.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 20)
    assert made_on == [False]


def test_another_project_opened_while_the_list_is_made_gets_its_own(
    window: MainWindow, qtbot, monkeypatch, tmp_path
) -> None:
    """The list made for the project that was open is not shown over the one opened meanwhile."""
    import threading

    from PySide6.QtCore import QTimer

    import workbench.ui.window.refresh as refresh
    from workbench.sample import import_sample

    other = Project.open(tmp_path / "other.wbproj", create=True)
    import_sample(other)
    doc_id = other.db.execute("SELECT id FROM documents").fetchone()[0]
    create_span(other, doc_id, 10, 60, tag_paths=["Elsewhere"])
    switched, arrange = threading.Event(), refresh.arrange

    def slow(*args, **kwargs):
        switched.wait(10)  # the window opens the other project meanwhile
        return arrange(*args, **kwargs)

    def open_other() -> None:
        window.use_project(other)
        switched.set()

    shown: list[set[str]] = []
    show = window.highlights.show_arranged
    monkeypatch.setattr(window.highlights, "show_arranged", lambda made, tree: shown.append({r.doc_id for r in made.rows}) or show(made, tree))  # fmt: skip
    monkeypatch.setattr(refresh, "arrange", slow)
    QTimer.singleShot(50, open_other)
    window.highlights.scope.setCurrentIndex(1)
    monkeypatch.setattr(refresh, "arrange", arrange)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 1)
    assert window.highlights.model.rows[0].doc_id == doc_id
    assert shown and all(ids <= {doc_id} for ids in shown)  # the first project's list never shown over it
