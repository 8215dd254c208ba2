"""Notes, memos, glossary texts, tag names and colours that try to make the window read files.

The trap is a FIFO named like a picture: Qt opening it to read blocks until a writer comes, and
a watcher thread comes, notes that it was opened, and lets go (the reader then sees an empty
file). So a test sees whether anything tried to read it, and never hangs. The first test shows
that the trap catches Qt's own loading, so the others' "not opened" means something.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from workbench.model.annotation import Span, Tag, TagId, TagTree
from workbench.ops.spans import create_span
from workbench.ops.tags import create_tag
from workbench.storage import Project
from workbench.ui.dialogs.note_editor import NoteEditor
from workbench.ui.look.markdown import markdown_to_html, markdown_to_plain
from workbench.ui.look.safe_text import SafeBrowser, open_web_link, tooltip
from workbench.ui.reading.highlights import describe_spans

_WATCH = """
import os, sys, time
fifo, log = sys.argv[1], sys.argv[2]
while True:
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # succeeds only while a reader waits in open()
    except OSError:
        time.sleep(0.002)
        continue
    with open(log, "a") as out:
        out.write("x")
    os.close(fd)
"""


class Trap:
    """The watcher is a process of its own: a thread could not run while Qt, holding the GIL,
    waits in ``open()``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "picture.png"
        self.log = folder / "opened.log"
        os.mkfifo(self.path)
        self.log.write_text("")
        self._watcher = subprocess.Popen([sys.executable, "-c", _WATCH, str(self.path), str(self.log)])

    def settle(self) -> int:
        time.sleep(0.1)
        return len(self.log.read_text())

    def close(self) -> None:
        self._watcher.kill()
        self._watcher.wait()


@pytest.fixture
def trap(tmp_path: Path):
    made = Trap(tmp_path)
    yield made
    made.close()


def shown(qtbot, widget) -> None:
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()  # lays out and paints everything, images included


def test_the_trap_catches_what_qt_loads_on_its_own(qtbot, trap: Trap) -> None:
    shown(qtbot, QLabel(f"<img src='{trap.path}'>"))
    assert trap.settle() >= 1


@pytest.mark.parametrize("note", ["![a picture]({path})", "![a picture](file://{path})", "<img src='{path}'> words"])
def test_a_notes_images_are_never_loaded_and_its_words_still_show(qtbot, trap: Trap, note: str) -> None:
    text = note.format(path=trap.path)
    label = QLabel(markdown_to_html(text))  # the hover card and the note preview in the lists
    shown(qtbot, label)
    browser = SafeBrowser()
    browser.show_markdown(text)
    shown(qtbot, browser)
    editor = NoteEditor("Note", text)
    shown(qtbot, editor)
    assert trap.settle() == 0
    words = browser.toPlainText()
    assert ("[image: " in words and "picture.png" in words) or "<img" in words  # said, not shown
    assert markdown_to_plain(text).strip()


def test_html_in_a_text_browser_for_peoples_text_loads_nothing(qtbot, trap: Trap) -> None:
    browser = SafeBrowser()
    browser.setHtml(f"<p>See <img src='{trap.path}'> and <table background='{trap.path}'><tr><td>x</td></tr></table>")
    shown(qtbot, browser)
    assert trap.settle() == 0 and "See" in browser.toPlainText()


def test_a_tag_colour_and_name_cannot_add_markup_to_the_hover_card(qtbot, trap: Trap) -> None:
    hostile = f"red'><img src='{trap.path}'>"
    tree = TagTree([Tag(TagId(1), "u", f"<img src='{trap.path}'>", hostile)])
    span = Span(1, "s", "d", 0, 4, "word", "", "", (TagId(1),), f"![x]({trap.path})", "ada", "2026-01-01", "")
    rich, plain = describe_spans([span], tree)
    shown(qtbot, QLabel(rich))
    shown(qtbot, QLabel(tooltip(plain)))
    assert trap.settle() == 0


def test_tooltips_show_html_as_text(qtbot, trap: Trap) -> None:
    text = f"<img src='{trap.path}'> <b>not bold</b>"
    label = QLabel(tooltip(text))
    shown(qtbot, label)
    assert trap.settle() == 0
    assert "&lt;b&gt;not bold&lt;/b&gt;" in tooltip(text) and tooltip("plain words") == "plain words"


@pytest.mark.parametrize(
    ("link", "opened"),
    [
        ("file:///etc/hostname", False),
        ("//host/share/x.png", False),
        ("\\\\host\\share\\x.png", False),
        ("javascript:alert(1)", False),
        ("https://example.org/a", True),
    ],
)
def test_only_web_links_are_opened(monkeypatch, link: str, opened: bool) -> None:
    calls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: calls.append(url.toString()) or True))
    assert open_web_link(QUrl(link)) is opened
    assert calls == ([link] if opened else [])


def test_the_hover_card_of_a_merged_highlight_reads_no_file(sample_project: Project, qtbot, trap: Trap) -> None:
    """What resting the pointer on a highlight shows (``describe_spans`` in the note popup), for a
    highlight and tag as a colleague's file brought them: a note naming the trap three ways, and a
    tag colour carrying markup."""
    from workbench.storage.annotations import load_spans, load_tags
    from workbench.ui.reading.note_popup import NotePopup

    doc = sample_project.db.execute("SELECT id FROM documents").fetchone()[0]
    note = f"![x]({trap.path}) and ![y](file://{trap.path}) <img src='{trap.path}'>"
    create_span(sample_project, doc, 0, 12, tag_paths=["Troops"], note=note)
    sample_project.db.execute("UPDATE tags SET color = ?", [f"red'><img src='{trap.path}'>"])
    tree = TagTree(load_tags(sample_project.db))
    rich, plain = describe_spans(load_spans(sample_project.db, doc), tree)
    parent = QLabel("window")
    shown(qtbot, parent)
    popup = NotePopup(parent)
    popup.show_html("key", rich, plain, QPoint(10, 10))
    qtbot.waitUntil(popup.isVisible)
    popup.grab()
    assert trap.settle() == 0
    assert "Troops" in popup.label.text() and "[image: " in popup.label.text()


_PAINT = """
import sys
from workbench.storage import Project
from workbench.ui.app import create_application
from workbench.ui.window.main_window import MainWindow
from workbench.ui.look.theme import LIGHT
app = create_application()
with Project.open(sys.argv[1]) as project:
    window = MainWindow(project, LIGHT)
    window.resize(1200, 800)
    window.show()
    for _ in range(20):
        app.processEvents()
    window.grab()
    print("painted")
"""


def test_tag_colours_that_are_not_rrggbb_never_crash_the_window(tmp_path: Path) -> None:
    from workbench.sample import import_sample

    path = tmp_path / "p.wbproj"
    with Project.open(path, create=True) as project:
        import_sample(project)
        doc = project.db.execute("SELECT id FROM documents").fetchone()[0]
        for i, color in enumerate(["red", "#abc", "red'><img src='/nonexistent.png'>"]):
            tag = create_tag(project, f"T{i}").value
            create_span(project, doc, 10 * i, 10 * i + 8, tag_ids=[tag])
            project.db.execute("UPDATE tags SET color = ? WHERE id = ?", [color, tag])
    result = subprocess.run([sys.executable, "-c", _PAINT, str(path)], capture_output=True, text=True, timeout=120,
                            env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    assert result.returncode == 0 and "painted" in result.stdout, result.stderr[-2000:]


def test_a_search_hit_from_an_imported_file_shows_its_page_and_words_as_text(
    open_window, sample_project: Project, qtbot, trap: Trap
) -> None:
    """A page label and a context come from imported files: a hit shows them, loads nothing."""
    from workbench.storage.search import Hit

    window = open_window(sample_project)
    hostile = f"<img src='{trap.path}'>"
    hit = Hit("text", window.document.id, 0, 5, f"before {hostile} after", (0, 6), page=hostile)
    window.search.show_hits([hit], {}, more=False)
    shown(qtbot, window.search.results)
    assert trap.settle() == 0
    assert window.search.results.toPlainText().count("<img") == 2  # the page and the words, as written
