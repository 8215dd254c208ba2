"""View › Page Image: the PDF's page beside the text, with the highlight's tint at the right place,
following the text as it scrolls; a click on the image puts the cursor at those words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.facsimile import page_index, png, render_page, tints
from workbench.model.annotation import TagTree
from workbench.ops.documents import import_files
from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents, load_document
from workbench.storage.annotations import load_spans, load_tags
from workbench.storage.documents import load_facsimile
from workbench.ui.window.main_window import MainWindow

pytest.importorskip("fpdf")
from tests.test_pdf_import import BODY, NOTES, write_pdf

QUOTE = "delegation would not move"
BLUE = "#3b7dd8"


@pytest.fixture
def window(open_window, project: Project, tmp_path: Path) -> MainWindow:
    import_files(project, [write_pdf(tmp_path / "volume.pdf", BODY, notes=NOTES)])
    (summary,) = list_documents(project.db)
    document = load_document(project.db, summary.id)
    start = document.text.index(QUOTE)
    create_span(project, summary.id, start, start + len(QUOTE), tag_paths=["Stalemate"])
    project.db.execute("UPDATE tags SET color = ?", [BLUE])
    return open_window(project)


def _tinted(rgba: tuple[int, int, int, int]) -> bool:
    red, _green, blue, _ = rgba
    return blue > red + 40  # white paper multiplied by the blue tag colour


def _mostly_tinted(image, box) -> bool:
    """Most of the paper inside the box (between the letters' strokes) shows the tag's tint."""
    left, top = image.to_pixels(box.left, box.top)
    right, bottom = image.to_pixels(box.right, box.bottom)
    pixels = [image.pixel(int(x), int(y)) for x in range(int(left) + 1, int(right) - 1, 2)
              for y in range(int(top) + 1, int(bottom) - 1)]  # fmt: skip
    paper = [p for p in pixels if max(p[:3]) >= 220]  # not ink, nor the edge of a letter
    return bool(paper) and sum(map(_tinted, paper)) > 0.8 * len(paper)


def test_the_page_image_shows_the_highlight_and_a_click_places_the_cursor(qtbot, window: MainWindow) -> None:
    window.reading.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F7)
    pane = window.page_images.pane
    assert pane.isVisible()
    start = window.document.text.index(QUOTE)
    window.reading.select_range(start, start)
    qtbot.waitUntil(lambda: pane.settled and "Page 445" in pane.caption.text(), timeout=5000)
    box = pane.facsimile.boxes_of(start, start + len(QUOTE))[0]
    assert _mostly_tinted(pane.view.image, box)
    after = pane.facsimile.boxes_of(start + len(QUOTE) + 2, start + len(QUOTE) + 12)[0]  # " Tho answered"
    assert not _mostly_tinted(pane.view.image, after) and not _tinted(pane.view.image.pixel(5, 5))
    # A click on the word "would" on the image puts the cursor there in the text.
    word = window.document.text.index("would", start)
    target = pane.point_of(word + 2)
    QTest.mouseClick(pane.view, Qt.MouseButton.LeftButton, pos=target)
    cursor = window.reading.positions.to_model(window.reading.textCursor().position())
    assert abs(cursor - (word + 2)) <= 2
    # Scrolling the text to page 446 turns the page.
    later = window.document.text.index("Ambassador Bunker")
    window.reading.select_range(later, later)
    qtbot.waitUntil(lambda: "Page 446" in pane.caption.text(), timeout=5000)


def test_the_command_line_writes_a_page_with_its_highlights(window: MainWindow, tmp_path: Path) -> None:
    project = window.project
    doc_id = window.document.id
    facsimile = load_facsimile(project.db, doc_id)
    index = page_index(facsimile, "445")
    image = render_page(facsimile, index, scale=2.0,
                        tints=tints(facsimile, load_spans(project.db, doc_id), TagTree(load_tags(project.db)), index))  # fmt: skip
    start = window.document.text.index(QUOTE)
    assert _mostly_tinted(image, facsimile.boxes_of(start, start + len(QUOTE))[0])
    data = png(image)
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000
