"""What the reading view measures once and keeps until the text moves or wraps again: the stretch
of text in view, and each highlight's rectangles."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from workbench.storage import Project
from workbench.ui.window.main_window import MainWindow


def _measured(view) -> tuple[int, int]:
    """The stretch in view found the slow way, from the layout, without the kept answer."""
    rect = view.viewport().rect()
    to_model = view.positions.to_model
    return (to_model(view.cursorForPosition(rect.topLeft()).position()),
            to_model(view.cursorForPosition(rect.bottomRight()).position()))  # fmt: skip


def test_the_range_in_view_follows_scrolling_resizing_and_a_new_text(open_window, sample_project: Project) -> None:
    window: MainWindow = open_window(sample_project)
    view = window.reading
    top_range = view.visible_range()
    assert top_range == _measured(view) and top_range[0] == 0
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    QApplication.processEvents()
    bottom_range = view.visible_range()
    assert bottom_range == _measured(view) and bottom_range[0] > top_range[1] // 2
    window.resize(window.width() - 300, window.height())
    QApplication.processEvents()
    assert view.visible_range() == _measured(view)
    view.show_document(None)
    assert view.visible_range() == (0, 0)


def test_a_frame_finds_the_range_in_view_once(open_window, sample_project: Project, monkeypatch) -> None:
    window: MainWindow = open_window(sample_project)
    view = window.reading
    calls: list[QPoint] = []
    find = type(view).cursorForPosition
    monkeypatch.setattr(type(view), "cursorForPosition", lambda self, p: calls.append(p) or find(self, p))
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 40)
    view.viewport().repaint()
    view._margin.repaint()
    view._stripes.repaint()
    QApplication.processEvents()
    corner = view.viewport().rect().bottomRight()
    assert calls.count(corner) == 1  # the text, the page margin and the stripes drew from one measurement


def test_a_highlights_rectangles_follow_the_text_when_it_wraps_again(open_window, sample_project: Project) -> None:
    from workbench.ui.reading.highlights import _measure_rects, _Range, span_rects

    window: MainWindow = open_window(sample_project)
    view = window.reading
    stretch = _Range(200, 420)  # about three lines of the sample

    def measured() -> list:
        return _measure_rects(view, view.positions.to_view(200), view.positions.to_view(420, end=True))

    wide = span_rects(view, stretch)
    assert wide == measured() and len(wide) >= 2
    window.resize(window.width() - 400, window.height())
    QApplication.processEvents()
    narrow = span_rects(view, stretch)
    assert narrow == measured()
    assert len(narrow) > len(wide)  # the same words on more, shorter lines


def test_texts_shown_before_are_let_go(open_window, sample_project: Project) -> None:
    """Each document opened made a text the view kept as its child for good (8 MB a time for a
    1 MB document): only the text shown is kept."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QTextDocument

    window: MainWindow = open_window(sample_project)
    doc_id = window.document.id if window.document else None
    for shown in (None, doc_id, None, doc_id, doc_id):
        window.open_document(shown)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    texts = window.reading.findChildren(QTextDocument)
    assert texts == [window.reading.document()]
    assert "124. Message From" in texts[0].toPlainText()


def test_a_hit_test_answering_the_end_of_the_text_is_asked_again(
    open_window, sample_project: Project, monkeypatch
) -> None:
    """Qt's hit test, just after a scroll, once answered the document's end for the view's bottom
    corner: that frame painted every highlight to the end (2.6 s with 10,000). Such an answer —
    its line below the view — is not taken."""
    from PySide6.QtGui import QTextCursor

    window: MainWindow = open_window(sample_project)
    view = window.reading
    honest = _measured(view)
    find = type(view).cursorForPosition
    wrong = [True]

    def first_answer_wrong(self, point):
        if wrong and point.y() > 100:
            wrong.pop()
            cursor = QTextCursor(self.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            return cursor
        return find(self, point)

    monkeypatch.setattr(type(view), "cursorForPosition", first_answer_wrong)
    view._visible = (None, (0, 0))  # nothing kept: measured now
    assert view.visible_range() == honest
    assert not wrong  # the wrong answer was given, and not taken


def test_what_was_measured_in_view_holds_while_qt_lays_out_the_rest(open_window, tmp_path) -> None:
    """Qt lays a long text out a screenful first and the rest on later turns, from the top down;
    each step says the document grew. What stands in view keeps its place, so what was measured
    there is kept (it was measured again at each step: a fifth of an open) and is still right."""
    from PySide6.QtGui import QTextCursor

    from workbench.ops.documents import import_files

    words = "The delegation met at the Majestic and the talks went on into the night. " * 12
    pages = [f"[p. {n}]\n\n" + "\n\n".join(words for _ in range(6)) for n in range(1, 120)]
    source = tmp_path / "long letter.txt"
    source.write_text("A long letter\n\n" + "\n\n".join(pages), encoding="utf-8")
    with Project.open(tmp_path / "long.wbproj", create=True) as project:
        import_files(project, [source])
        window: MainWindow = open_window(project)
        view = window.reading
        assert len(view.document().toPlainText()) > 500_000
        QApplication.processEvents()  # the window's panels take their widths
        view.viewport().repaint()
        in_view, marks, generation = view.visible_range(), view.page_marks.in_view(), view._layout_generation
        assert marks and in_view[0] == 0  # the text begins at the top: its first page number is in the margin
        view.document().documentLayout().documentSize()  # the rest laid out now, as later turns would
        QApplication.processEvents()
        assert view._layout_generation == generation  # nothing measured in view was thrown away
        assert view.visible_range() == in_view == _measured(view)
        view.page_marks.forget()
        assert view.page_marks.in_view() == marks  # and what was kept is what measuring again finds
        view.moveCursor(QTextCursor.MoveOperation.End)  # the end reached: it stands where it was laid out
        QApplication.processEvents()
        assert view.visible_range() == _measured(view)
        window.close()
