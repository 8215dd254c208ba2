"""The page-image pane keeps rendered pages within a budget in bytes, each page once."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.ops.documents import import_files
from workbench.storage import Project
from workbench.ui.panels import facsimile as pane_module
from workbench.ui.window.main_window import MainWindow

pytest.importorskip("fpdf")
from tests.test_pdf_import import BODY, NOTES, write_pdf


@pytest.fixture
def window(open_window, project: Project, tmp_path: Path) -> MainWindow:
    import_files(project, [write_pdf(tmp_path / "volume.pdf", BODY, notes=NOTES)])
    return open_window(project)


def test_turning_pages_keeps_the_rendered_pages_within_the_budget(qtbot, window: MainWindow, monkeypatch) -> None:
    window.page_images.set_visible(True)
    pane = window.page_images.pane
    qtbot.wait(300)  # the pane takes its share of the window, and draws the page at that width
    qtbot.waitUntil(lambda: pane.settled, timeout=5000)
    page_bytes = len(pane.view.image.rgba)  # every page of the letter-size volume is this size
    assert page_bytes > 0
    monkeypatch.setattr(pane_module, "_CACHE_BYTES", int(page_bytes * 2.5))  # room for two pages
    pages = len(pane.facsimile.labels)
    for page in range(pages):
        pane.page = page
        pane._request()
        qtbot.waitUntil(lambda: pane.settled, timeout=5000)
        assert pane.cached_bytes <= page_bytes * 2.5
        assert pane.view.image is not None and pane.view.image.height > 0
    assert len(pane._cache) == 2
    # Back to a page that was let go: it is drawn again, and shown.
    pane.page = 0
    pane._request()
    qtbot.waitUntil(lambda: pane.settled, timeout=5000)
    assert pane.view.image is pane._cache[pane._key()]


def test_a_page_larger_than_the_budget_is_still_shown(qtbot, window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(pane_module, "_CACHE_BYTES", 1)
    window.page_images.set_visible(True)
    pane = window.page_images.pane
    qtbot.waitUntil(lambda: pane.settled, timeout=5000)
    assert len(pane._cache) == 1 and pane.view.image is not None
