"""Highlighting in the window: a real selection, a key, and what the database and the screen show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton

from workbench.ops.spans import create_span
from workbench.ops.tags import create_tag
from workbench.storage import Project
from workbench.storage.annotations import load_spans, load_tags
from workbench.ui.look.theme import LIGHT
from workbench.ui.reading.highlights import span_rects
from workbench.ui.window.main_window import MainWindow

from .pixels import tinted_share


@pytest.fixture
def window(open_window, sample_project: Project) -> MainWindow:
    create_tag(sample_project, "Troops", color="#e8a33d")
    create_tag(sample_project, "GVN resistance", color="#4f8fd8")
    return open_window(sample_project)


def point_of(window: MainWindow, offset: int, *, end: bool = False) -> QPoint:
    view = window.reading
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_view(offset, end=end))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left(), rect.center().y())


def drag_select(window: MainWindow, qtbot, text: str) -> tuple[int, int]:
    """Select ``text`` with the mouse, as a reader would."""
    doc = window.document
    start = doc.text.index(text)
    end = start + len(text)
    view = window.reading
    view.set_current_span(None)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.positions.to_view(start))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    a, b = point_of(window, start), point_of(window, end, end=True)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(view.viewport(), b)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    assert view.selected_range() == (start, end)
    return start, end


def test_select_press_1_stores_the_span_and_paints_its_colour(window: MainWindow, qtbot) -> None:
    start, end = drag_select(window, qtbot, "On the troop issue, the GVN does have a case.")
    QTest.keyClick(window.reading, Qt.Key.Key_1)
    (span,) = load_spans(window.project.db, window.document.id)
    assert (span.start, span.end, span.quote) == (start, end, "On the troop issue, the GVN does have a case.")
    assert [t.name for t in load_tags(window.project.db) if t.id in span.tag_ids] == ["Troops"]
    assert tinted_share(window, span) > 0.5
    assert window.undo_action.text() == "&Undo Tag 'Troops'"
    window.undo_action.trigger()
    assert load_spans(window.project.db, window.document.id) == []
    assert tinted_share(window, span) < 0.05
    window.redo_action.trigger()
    assert len(load_spans(window.project.db, window.document.id)) == 1


def test_a_second_key_on_the_same_selection_adds_a_tag_and_overlaps_show_both(window: MainWindow, qtbot) -> None:
    drag_select(window, qtbot, "a balking GVN")
    QTest.keyClick(window.reading, Qt.Key.Key_1)
    QTest.keyClick(window.reading, Qt.Key.Key_2)
    drag_select(window, qtbot, "we face the problem of a balking GVN. Their resistance")
    QTest.keyClick(window.reading, Qt.Key.Key_2)
    spans = load_spans(window.project.db, window.document.id)
    assert [len(s.tag_ids) for s in spans] == [1, 2] or [len(s.tag_ids) for s in spans] == [2, 1]
    index = window.reading.span_index
    lanes = {index.lanes[m] for s in spans for m in index.marks(s)}
    assert lanes == {0, 1, 2}  # three underlines, one per span and tag, on three lanes


def test_a_span_across_a_page_break_and_paragraphs(window: MainWindow, qtbot) -> None:
    doc = window.document
    start = doc.text.index("the northern part of South Vietnam.")
    end = doc.text.index("The overall situation") + len("The overall")
    window.reading.select_range(start, end)
    QTest.keyClick(window.reading, Qt.Key.Key_1)
    (span,) = load_spans(window.project.db, doc.id)
    assert doc.pages_of(span.start, span.end) == ("444", "445")
    assert "November 24.\nThe overall" in span.quote  # the paragraph break is part of the quote


def test_the_toolbar_offers_tags_for_a_fresh_selection(window: MainWindow, qtbot) -> None:
    drag_select(window, qtbot, "Warm regards")
    toolbar = window.annotator.toolbar
    assert toolbar.isVisible()
    chips = [b for b in toolbar.findChildren(QToolButton) if b.toolTip().startswith("GVN resistance")]
    chips[0].click()
    (span,) = load_spans(window.project.db, window.document.id)
    assert span.quote == "Warm regards" and window.tags.path(span.tag_ids[0]) == "GVN resistance"


def test_hover_lists_tags_and_note(window: MainWindow, qtbot) -> None:
    doc = window.document
    start = doc.text.index("Warm regards")
    tag = window.tags.find("Troops").id
    window.operations.run("x", lambda: create_span(window.project, doc.id, start, start + 12, tag_ids=[tag],
                                                    note="Closing **formula**"))  # fmt: skip
    view = window.reading
    view.select_range(start, start)
    view.ensureCursorVisible()
    (span,) = view.span_index.by_id.values()
    rect = span_rects(view, span)[0].translated(0, -view.verticalScrollBar().value())
    QTest.mouseMove(view.viewport(), rect.center().toPoint())
    qtbot.waitUntil(view.note_popup.isVisible)
    text = view.note_popup.label.text()
    assert "Troops" in text
    assert "formula" in text and "**" not in text  # the note's Markdown is rendered


def test_palette_creates_a_tag_from_what_was_typed(window: MainWindow, qtbot, monkeypatch) -> None:
    from workbench.ui.window import annotating

    class FakePalette:
        def __init__(self, tree, parent) -> None:
            self.chosen, self.new_path = None, "Negotiations/Prisoners"

        def move(self, _point) -> None: ...

        def exec(self) -> bool:
            return True

    monkeypatch.setattr(annotating, "TagPalette", FakePalette)
    drag_select(window, qtbot, "political prisoners")
    QTest.keyClick(window.reading, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    (span,) = load_spans(window.project.db, window.document.id)
    assert window.tags.path(span.tag_ids[0]) == "Negotiations/Prisoners"
    assert window.undo_action.text() == "&Undo Tag 'Prisoners'"


def test_real_palette_filters_and_creates(window: MainWindow, qtbot) -> None:
    from workbench.ui.dialogs.tag_palette import TagPalette

    palette = TagPalette(window.tags, window)
    qtbot.addWidget(palette)
    QTest.keyClicks(palette.edit, "gvn")
    assert palette.proxy.rowCount() == 2  # "GVN resistance", and "Create tag “gvn”" (no tag is called that)
    QTest.keyClick(palette.edit, Qt.Key.Key_Return)
    assert palette.chosen == window.tags.find("GVN resistance").id
    palette = TagPalette(window.tags, window)
    qtbot.addWidget(palette)
    QTest.keyClicks(palette.edit, "Morale")
    assert palette.proxy.rowCount() == 1
    QTest.keyClick(palette.edit, Qt.Key.Key_Return)
    assert palette.new_path == "Morale" and palette.chosen is None


def test_shift_arrows_resize_the_current_span(window: MainWindow, qtbot) -> None:
    doc = window.document
    start = doc.text.index("Haig and I")
    tag = window.tags.find("Troops").id
    result = window.operations.run("x", lambda: create_span(window.project, doc.id, start, start + 4, tag_ids=[tag]))
    view = window.reading
    view.set_current_span(result.value, scroll=True)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    (span,) = load_spans(window.project.db, doc.id)
    assert span.quote == "Haig and I"
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier)
    (span,) = load_spans(window.project.db, doc.id)
    assert span.quote == "and I"
    assert window.undo_action.text() == "&Undo Resize Highlight"


def test_panels_follow_the_changes(window: MainWindow, qtbot) -> None:
    drag_select(window, qtbot, "Warm regards")
    QTest.keyClick(window.reading, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 1)
    troops = window.tags.find("Troops").id
    assert window.tag_panel.model.document_totals[troops] == 1
    assert window.tag_panel.model.project_totals[troops] == 1
    row = window.highlights.model.rows[0]
    assert (row.page, row.tags) == ("448", "Troops")
    window.reading.set_current_span(None)
    window.side.setCurrentWidget(window.highlights)
    list_view = window.highlights.view
    QTest.mouseClick(
        list_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=list_view.visualRect(window.highlights.model.index(0, 0)).center(),
    )
    assert window.reading.current_span == row.span.id
    window.highlights.view.setFocus()
    QTest.keyClick(window.highlights.view, Qt.Key.Key_Delete)
    assert load_spans(window.project.db, window.document.id) == []
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 0)


def test_coding_stripes_show_each_tag_beside_its_lines(window: MainWindow, qtbot) -> None:
    drag_select(window, qtbot, "a balking GVN")
    QTest.keyClick(window.reading, Qt.Key.Key_1)
    QTest.keyClick(window.reading, Qt.Key.Key_2)
    stripes = window.reading._stripes
    stripes.repaint()
    assert sorted(path for _, path in stripes.bars) == ["GVN resistance", "Troops"]
    image = stripes.grab().toImage()
    bar = stripes.bars[0][0]
    assert image.pixelColor(int(bar.center().x()), int(bar.center().y())) != QColor(LIGHT.paper)


def test_renaming_a_tag_and_undo_restores_the_name_everywhere(window: MainWindow, qtbot) -> None:
    troops = window.tags.find("Troops").id
    window.tag_actions.rename(troops, "Troop issue")
    assert window.tags.path(troops) == "Troop issue"
    window.operations.undo()
    assert window.tags.path(troops) == "Troops"
    assert window.menus.tag_keys[0].text() == "&1 Troops"


def test_the_source_note_can_be_highlighted_like_the_text(window: MainWindow, qtbot) -> None:
    notes = window.notes
    source = window.document.notes[0].text
    start = source.index("Box 26")
    positions = notes._positions[1]
    cursor = QTextCursor(notes.document())
    cursor.setPosition(positions.to_view(start))
    cursor.setPosition(positions.to_view(start + len("Box 26")), QTextCursor.MoveMode.KeepAnchor)
    notes.setTextCursor(cursor)
    notes.setFocus()
    assert notes.selected_note_range() == (1, start, start + 6)
    QTest.keyClick(notes, Qt.Key.Key_1)
    (span,) = load_spans(window.project.db, window.document.id)
    assert (span.note_n, span.quote) == (1, "Box 26")
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 1)  # listed with the others
    assert window.highlights.model.rows[0].page == "444n1"
    cursor = QTextCursor(notes.document())
    cursor.setPosition(positions.to_view(start) + 2)
    assert cursor.charFormat().background().color() == QColor(LIGHT.highlighted(["#e8a33d"], background=LIGHT.chrome))
    window.undo_action.trigger()
    assert load_spans(window.project.db, window.document.id) == []
    cursor = QTextCursor(notes.document())
    cursor.setPosition(notes._positions[1].to_view(start) + 2)
    assert cursor.charFormat().background().color() != QColor(LIGHT.highlighted(["#e8a33d"], background=LIGHT.chrome))


def test_dragging_a_tag_onto_another_makes_it_a_sub_tag(window: MainWindow, qtbot) -> None:
    model = window.tag_panel.model
    gvn, troops = window.tags.find("GVN resistance").id, window.tags.find("Troops").id
    data = model.mimeData([model.index_of(gvn)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(troops))
    assert window.tags.path(gvn) == "Troops/GVN resistance"
    qtbot.waitUntil(lambda: model.tree.path(gvn) == "Troops/GVN resistance")  # the panel, a moment later
    assert window.undo_action.text() == "&Undo Move Tag 'GVN resistance'"


def test_renaming_in_place_goes_through_the_operation(window: MainWindow) -> None:
    model = window.tag_panel.model
    troops = window.tags.find("Troops").id
    model.setData(model.index_of(troops), "Troop issue")
    assert window.tags.path(troops) == "Troop issue"


def test_the_document_note_saves_itself_and_can_be_searched(window: MainWindow, qtbot) -> None:
    from workbench.storage.annotations import load_memos

    memos = window.memos
    memos.document_note.setPlainText("Compare with **Thieu**'s letter of November 11.")
    qtbot.waitUntil(lambda: load_memos(window.project.db, doc_id=window.document.id) != [], timeout=3000)
    assert load_memos(window.project.db, doc_id=window.document.id)[0].text.startswith("Compare with")
    assert window.undo_action.text() == "&Undo Edit Document Note"
    memos.search.setText("thieu")
    assert memos.results.count() == 1


def test_the_whole_projects_highlights_stand_in_the_projects_order(
    open_window, project: Project, tmp_path, qtbot
) -> None:
    """Documents' ids are random: the whole project's cards follow the documents list, and a first
    highlight in a document that had none joins the list at that document's place."""
    from PySide6.QtWidgets import QApplication

    from workbench.ops.documents import import_files
    from workbench.storage import list_documents

    for i in range(8):
        (tmp_path / f"letter-{i}.txt").write_text(f"Letter {i}\n\nDear Sir, this is letter number {i}.\n")
    import_files(project, sorted(tmp_path.glob("letter-*.txt")))
    documents = list_documents(project.db)
    create_tag(project, "Letters")  # on key 1
    for doc in documents[::2] + documents[1:7:2]:  # not 7: it gets its first below
        create_span(project, doc.id, 0, 8, tag_paths=["Letters"])
    window = open_window(project)
    window.show_side(window.highlights)
    window.highlights.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 7)
    titles = {doc.id: doc.title for doc in documents}
    assert [titles[row.doc_id] for row in window.highlights.model.rows] == [f"Letter {i}" for i in range(7)]
    window.activateWindow()
    window.open_document(documents[7].id)
    window.reading.select_range(0, 6)
    window.reading.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reading)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 8)
    window.open_document(documents[0].id)
    window.reading.select_range(10, 14)
    window.reading.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 9)
    assert [titles[row.doc_id] for row in window.highlights.model.rows] == [
        "Letter 0",
        *[f"Letter {i}" for i in range(8)],
    ]
