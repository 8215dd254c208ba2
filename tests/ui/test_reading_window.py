"""The main window on the sample: page numbers in the margin, notes on hover and click, clean copies."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QTest

from workbench.storage import Project
from workbench.ui.app import create_application
from workbench.ui.look.theme import LIGHT
from workbench.ui.reading.in_view import note_mark_rect
from workbench.ui.window.main_window import MainWindow

from ..conftest import DATA


@pytest.fixture
def window(open_window, sample_project: Project) -> MainWindow:
    return open_window(sample_project)


def text_at(window: MainWindow, view_position: int, length: int) -> str:
    cursor = QTextCursor(window.reading.document())
    cursor.setPosition(view_position)
    cursor.setPosition(view_position + length, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_the_sample_opens_with_its_title_dateline_and_notes(window: MainWindow) -> None:
    assert window.document is not None and window.document.number == "124"
    shown = window.reading.document().toPlainText()
    assert "124. Message From the President’s Assistant" in shown
    assert "Paris, November 24, 1972, 1800Z" in shown
    assert "morning2 and I covered" in shown  # the mark is shown, as a superscript link
    assert window.notes.document_model is window.document
    assert "p. 444" in window.status_page.text()
    assert "124. Message From" in window.status_document.text()


def test_margin_page_numbers_stand_beside_the_lines_where_pages_begin(window: MainWindow) -> None:
    view = window.reading
    marks = view.page_marks.every()
    assert [m.page for m in marks] == ["444", "445", "446", "447", "448"]
    assert all(a.y < b.y for a, b in itertools.pairwise(marks))
    first_words = ["How, he asked", "Agreements,", "meeting I rejected", "Equally important"]
    for mark, words in zip(marks[1:], first_words, strict=True):
        # What stands just right of the mark's point is the first word of the new page.
        view.verticalScrollBar().setValue(int(mark.y) - 100)
        top = mark.y - view.verticalScrollBar().value()
        cursor = view.cursorForPosition(QPoint(int(mark.x) + 2, int(top + mark.height / 2)))
        assert text_at(window, cursor.position(), len(words)) == words
    assert marks[0].at_line_start and marks[4].at_line_start  # the title line; a page begun between paragraphs
    assert not marks[1].at_line_start  # p. 445 begins mid-sentence


def test_margin_paints_the_visible_page_numbers(window: MainWindow) -> None:
    image = window.reading._margin.grab().toImage()
    mark = window.reading.page_marks.every()[0]
    row = int(mark.y + mark.height / 2)
    inked = [x for x in range(image.width()) if image.pixelColor(x, row).lightness() < 200]
    assert inked, "the first page number is painted in the margin beside the title"


def test_hovering_a_mark_shows_its_note_and_clicking_opens_it(window: MainWindow, qtbot) -> None:
    view = window.reading
    rect = note_mark_rect(view, 2)
    assert rect.isValid()
    qtbot.mouseMove(view.viewport(), rect.center())
    qtbot.waitUntil(view.note_popup.isVisible)
    assert "See Document 122." in view.note_popup.label.text()
    qtbot.mouseMove(view.viewport(), rect.center() + QPoint(0, 200))
    qtbot.waitUntil(lambda: not view.note_popup.isVisible())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=note_mark_rect(view, 6).center())
    assert window.notes.current == 6


def test_status_bar_shows_the_page_under_the_cursor(window: MainWindow) -> None:
    doc = window.document
    window.reading.select_range(doc.text.index("Agreements,"), doc.text.index("Agreements,") + 3)
    assert window.status_page.text() == "p. 446"


def test_copy_gives_the_clean_words(window: MainWindow) -> None:
    doc = window.document
    start = doc.text.index("this morning")
    end = doc.text.index("There is no question")
    window.reading.select_range(start, end)
    assert window.reading.selected_range() == (start, end)
    QGuiApplication.clipboard().clear()
    QTest.keyClick(window.reading, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "this morning and I covered your message of November 22 in detail. "


def test_clicking_a_note_number_shows_its_mark_in_the_text(window: MainWindow) -> None:
    window.notes.anchorClicked.emit(QUrl("ref:5"))
    anchor = next(n.anchor for n in window.document.notes if n.n == 5)
    assert window.reading.selected_range() == (anchor - 1, anchor)


def test_window_remembers_its_size_and_splitter(qtbot, sample_project: Project) -> None:
    create_application()
    first = MainWindow(sample_project, LIGHT)
    qtbot.addWidget(first)
    first.resize(701, 543)  # the offscreen screen is 800 px wide; larger sizes are clamped
    first.show()
    first.splitter.setSizes([200, 600, 250])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(sample_project, LIGHT)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (701, 543)
    assert second.splitter.sizes() == sizes


def test_importing_from_the_window_updates_the_list(window: MainWindow) -> None:
    report = window.transfers.import_files([str(DATA / "frus-editorial-roman.txt")])
    assert report is not None and not report.failed
    assert window.documents.model.rowCount() == 2
    assert window.document.number == "3"
    assert window.reading.page_marks.every()[0].page == "xi"


def test_previous_and_next_document(window: MainWindow) -> None:
    window.transfers.import_files([str(DATA / "frus-editorial-roman.txt"), str(DATA / "frus-quotes-parens.txt")])
    window.documents.sort.setCurrentIndex(0)  # by number
    window.documents.select(next(row.id for row in window.documents.model.rows if row.number == "124"))
    window.documents.step(-1)
    assert window.document.number == "17"
    window.documents.step(-1)
    assert window.document.number == "3"  # numbers sort as numbers: 3 < 17 < 124
    window.documents.step(-1)
    assert window.document.number == "3"


def test_documents_sort_by_date_and_filter(window: MainWindow) -> None:
    window.transfers.import_files([str(DATA / "frus-editorial-roman.txt")])
    panel = window.documents
    panel.sort.setCurrentIndex(2)  # by title: "Editorial Note" before "Message From…"
    assert panel.model.index(0, 0).data() == "3"
    panel.filter.setText("kissinger")
    assert panel.model.rowCount() == 1 and panel.model.index(0, 0).data() == "124"


def test_zoom_typesets_larger_and_back(window: MainWindow) -> None:
    view = window.reading
    height = view.document().size().height()
    view.zoom(+2)
    assert view.theme.reading_size == 14.0
    assert view.document().size().height() > height * 1.1
    assert [m.page for m in view.page_marks.every()] == ["444", "445", "446", "447", "448"]
    view.zoom(0)
    assert view.document().size().height() == height


def test_window_title_names_the_document(window: MainWindow) -> None:
    assert window.windowTitle().startswith("124. Message From the President’s Assistant")
    assert window.windowTitle().endswith(" — test — Workbench")
