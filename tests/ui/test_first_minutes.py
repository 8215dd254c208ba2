"""The small things of a user's first minutes: the first tag from key 1, a search hit in the
middle of the view, a page number that belongs to the document shown, a selection seen over a tint."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.ops.documents import import_files
from workbench.ops.spans import create_span
from workbench.ops.tags import create_tag
from workbench.storage import Project, list_documents
from workbench.storage.annotations import load_spans, load_tags
from workbench.storage.search import search


def select_words(window, words: str, qtbot=None) -> None:
    start = window.document.text.index(words)
    window.reading.select_range(start, start + len(words))
    window.activateWindow()
    window.reading.setFocus()
    if qtbot is not None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reading)


def test_key_1_before_any_tag_offers_to_make_the_first(open_window, sample_project: Project, qtbot) -> None:
    window = open_window(sample_project)
    select_words(window, "On the troop issue", qtbot)
    typed = []

    def name_it() -> None:
        popup = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if popup is None or QApplication.focusWidget() is None or QApplication.focusWidget().window() is not popup:
            QTimer.singleShot(10, name_it)
            return
        QTest.keyClicks(QApplication.focusWidget(), "Troops")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        typed.append(True)

    QTimer.singleShot(0, name_it)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert typed
    (span,) = load_spans(window.project.db, window.document.id)
    (tag,) = load_tags(window.project.db)
    assert tag.name == "Troops" and list(span.tag_ids) == [tag.id]


def test_a_search_hit_is_shown_in_the_middle_of_the_view(open_window, sample_project: Project, qtbot) -> None:
    window = open_window(sample_project)
    window.resize(1300, 700)
    qtbot.wait(50)
    hit = [h for h in search(sample_project.db, "GVN") if h.kind == "text"][-4]  # far down the text
    window.navigation.show_hit(hit)
    view = window.reading
    height = view.viewport().height()
    qtbot.waitUntil(lambda: height * 0.4 < view.cursorRect().center().y() < height * 0.6)
    qtbot.wait(50)  # and it stays there
    assert height * 0.4 < view.cursorRect().center().y() < height * 0.6


def test_a_document_without_pages_shows_no_page(open_window, sample_project: Project, tmp_path) -> None:
    plain = tmp_path / "memo.txt"
    plain.write_text("A memorandum\n\nWith no printed pages at all.\n")
    import_files(sample_project, [plain])
    window = open_window(sample_project)
    first, second = list_documents(sample_project.db)
    window.documents.select(first.id)
    assert window.status_page.text().startswith("p. ")
    window.documents.select(second.id)
    assert window.document.id == second.id and window.status_page.text() == ""


def test_a_selection_over_a_tint_is_framed(open_window, sample_project: Project, qtbot) -> None:
    """Over a blue highlight, a selection changes the look of its words clearly (it was barely seen)."""
    from workbench.ui.reading.highlights import span_rects

    tag = create_tag(sample_project, "GVN resistance", color="#4f8fd8").value
    window = open_window(sample_project)
    doc = window.document
    start = doc.text.index("On the troop issue, the GVN does have a case.")
    made = window.operations.run("Tag", lambda: create_span(sample_project, doc.id, start, start + 45, tag_ids=[tag]))
    (span,) = [s for s in load_spans(sample_project.db, doc.id) if s.id == made.value]
    view = window.reading
    view.select_range(start, start + 45)
    scroll = view.verticalScrollBar().value()
    (rect,) = [r.translated(0, -scroll).toAlignedRect() for r in span_rects(view, span)][:1]

    def mean_lightness() -> float:
        image = view.viewport().grab().toImage()
        values = [image.pixelColor(x, y).lightness() for x in range(rect.left(), rect.right(), 3)
                  for y in range(rect.top(), rect.bottom())]  # fmt: skip
        return sum(values) / len(values)

    view.viewport().repaint()
    selected = mean_lightness()
    cursor = view.textCursor()
    cursor.clearSelection()
    view.setTextCursor(cursor)
    view.viewport().repaint()
    assert mean_lightness() - selected > 40  # the grey alone gives 25: barely seen over the blue
