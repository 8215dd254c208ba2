"""Searching in the window, jumping to a hit, and turning the results into highlights."""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl

from workbench.ops import history as hist
from workbench.storage import Project
from workbench.storage.annotations import load_spans


def test_search_as_you_type_jump_and_tag_all(open_window, sample_project: Project, qtbot, monkeypatch) -> None:
    window = open_window(sample_project)
    panel = window.search
    panel.field.setText("GVN")
    qtbot.waitUntil(lambda: len(panel.hits) == 11)
    assert panel.count.text() == "11 results"
    assert re.search(r"font-weight:\s*700[^>]*>GVN<", panel.results.toHtml())  # the match in bold
    panel.results.anchorClicked.emit(QUrl("hit:3"))
    hit = panel.hits[3]
    assert window.reading.selected_range() == (hit.start, hit.end)

    class Palette:
        chosen, new_path = None, "GVN mentions"

        def __init__(self, *args) -> None: ...

        def move(self, *args) -> None: ...

        def exec(self) -> bool:
            return True

    monkeypatch.setattr("workbench.ui.window.tag_actions.TagPalette", Palette)
    panel.tag_all.click()
    spans = load_spans(window.project.db, window.document.id)
    assert len(spans) == 11 and all(window.tags.path(s.tag_ids[0]) == "GVN mentions" for s in spans)
    assert hist.history(window.project).undo_label == "Tag 11 Search Results 'GVN mentions'"
    window.operations.undo()  # one step
    assert load_spans(window.project.db, window.document.id) == []


def test_ctrl_f_finds_the_document_note_and_free_notes(open_window, sample_project: Project, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from workbench.ops.memos import create_memo, set_document_memo

    window = open_window(sample_project)
    set_document_memo(sample_project, window.document.id, "Compare with the Huế cable.")
    create_memo(sample_project, "Questions", "Ask about the Hue offensive.")
    window.activateWindow()
    window.reading.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reading)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(QApplication.focusWidget(), "hue")
    panel = window.search
    qtbot.waitUntil(lambda: len(panel.hits) == 2)
    assert [(h.kind, bool(h.doc_id)) for h in panel.hits] == [("memo", True), ("memo", False)]
    assert "document note" in panel.results.toPlainText() and "free note" in panel.results.toPlainText()
    panel.results.anchorClicked.emit(QUrl("hit:0"))  # the document's note: the Notes panel shows it
    assert window.side.currentWidget() is window.memos
