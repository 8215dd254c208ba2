"""Qt's model tester over the three hand-written item models, as they change: a model that breaks
Qt's rules (a bad parent, a row count that lies, a signal out of order) crashes views, not tests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.ops.spans import create_span
from workbench.ops.tags import create_tag
from workbench.storage import Project
from workbench.ui.panels.highlight_row import Row
from workbench.ui.panels.highlights import HighlightsModel
from workbench.ui.window.main_window import MainWindow


@pytest.fixture
def window(open_window, sample_project: Project) -> MainWindow:
    troops = create_tag(sample_project, "Troops").value
    create_tag(sample_project, "Withdrawal", parent_id=troops)
    create_tag(sample_project, "GVN")
    doc_id = sample_project.db.execute("SELECT id FROM documents").fetchone()[0]
    for start in range(0, 600, 100):
        create_span(sample_project, doc_id, start + 10, start + 60, note="A *note*." if start % 200 else "")
    return open_window(sample_project)


def tag_a_passage_then_undo(window: MainWindow, qtbot) -> None:
    """The changes the models see in use: a highlight added (rows inserted, counts changed), undone."""
    window.reading.select_range(1200, 1240)
    window.reading.setFocus()
    rows = window.highlights.model.rowCount()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == rows + 1)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == rows)


def test_highlights_model(window: MainWindow, qtmodeltester, qtbot) -> None:
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 6)
    qtmodeltester.check(window.highlights.model, force_py=True)
    tag_a_passage_then_undo(window, qtbot)
    window.highlights.sort.setCurrentIndex(2)  # by date: a new order
    window.highlights.text_filter.setText("note")  # a filter: fewer rows
    assert window.highlights.model.rowCount() == 3


def test_highlights_model_with_a_long_list(window: MainWindow, qtmodeltester) -> None:
    """Past 64 changed rows the list is reset, not changed row by row; Qt's count and the cards
    must agree whichever way, and when the change is told."""
    model = HighlightsModel()
    qtmodeltester.check(model, force_py=True)
    document, spans, tree = window.document, window.session.spans_by_id(window.highlights._by_id), window.tags
    assert document is not None and len(spans) == 6
    cards = [Row(spans[i % 6], document, tree) for i in range(300)]
    model.set_rows(cards, tree)  # a reset
    assert model.rowCount() == 300 and model.rows == cards
    model.set_rows(cards[:150] + cards[151:], tree)  # one card out
    assert model.rowCount() == 299 and model.rows[150] is cards[151]
    model.set_rows(cards[200:], tree)  # two thirds out: a reset
    assert model.rowCount() == 100 and model.rows[0] is cards[200]
    assert model.data(model.index(0, 0)) == " ".join(cards[200].span.quote.split())


def test_document_list_model(window: MainWindow, qtmodeltester, qtbot) -> None:
    qtmodeltester.check(window.documents.model, force_py=True)
    tag_a_passage_then_undo(window, qtbot)  # a count changes in place
    window.reload_documents()


def test_tag_tree_model(window: MainWindow, qtmodeltester, qtbot) -> None:
    qtmodeltester.check(window.tag_panel.model, force_py=True)
    tag_a_passage_then_undo(window, qtbot)
    window.tag_actions.rename(window.tags.find("GVN").id, "GVN resistance")  # a new tree
    qtbot.waitUntil(lambda: window.tags.find("GVN resistance") is not None)
