"""An hour of use leaves the window as it found it: what each open, note, search or dialog makes is
let go of once it is no longer shown (``benchmarks/scale_window.py`` finds these by the RSS)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from workbench.model import Document
from workbench.model.annotation import TagTree
from workbench.ops.documents import import_files
from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents
from workbench.ui.dialogs.authors import AuthorsWindow
from workbench.ui.dialogs.themes import ThemesWindow
from workbench.ui.look.theme import DARK, LIGHT
from workbench.ui.panels.highlight_row import printed_pages
from workbench.ui.panels.notes import NotesPane

from ..conftest import CORPUS
from ..people_volumes import VOLUMES, write_volumes

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _deleted_later() -> None:
    """What the event loop deletes on its next turn (``deleteLater``), deleted now."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_footnotes_keep_one_text_however_many_documents_are_opened(qtbot, sample: Document) -> None:
    pane = NotesPane(LIGHT)
    qtbot.addWidget(pane)
    pane.show()
    assert sample.notes  # the footnotes are typeset anew for each document, each highlight, each theme
    for i in range(30):
        pane.show_notes(sample if i % 3 else None)
        pane.set_spans([], TagTree([]))
        pane.set_theme(DARK if i % 2 else LIGHT, patterns=bool(i % 2))
    _deleted_later()
    assert len(pane.findChildren(QTextDocument)) == 1
    assert pane.document().toPlainText().startswith("NOTES")  # the one kept is the one shown


def test_a_document_holds_its_own_volumes_names_only(open_window, project: Project, tmp_path: Path) -> None:
    """The names a text links are its volume's: read by the volume for each document opened (all
    the glossaries of 200 volumes were read, then filtered, at every open and at the start)."""
    import_files(project, write_volumes(tmp_path))
    window = open_window(project)
    for volume, entries in VOLUMES.items():
        window.documents.select(next(row.id for row in list_documents(project.db) if volume in row.volume))
        assert {key for key, _ in entries} <= set(window.reading.glossary)  # its persons (and its terms)
        assert {entry.volume for entry in window.reading.glossary.values()} == {volume}
    assert window.reading.glossary["p_SJ_1"].name != "Sisco, Joseph J."  # the other volume's "SJ"
    window.open_document(None)
    assert window.reading.glossary == {}


def test_the_themes_and_authors_windows_opened_and_closed_again_and_again_are_let_go_of(
    open_window, sample_project: Project, qtbot
) -> None:
    window = open_window(sample_project)
    authors = next(a for a in window.findChildren(QAction) if a.text() == "Compare &Authors…")

    def shown(kind: type) -> list:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]

    for _ in range(3):
        window.reading.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reading)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, CTRL_SHIFT)  # Go › Themes…
        authors.trigger()  # Go › Compare Authors…
        opened = shown(ThemesWindow) + shown(AuthorsWindow)
        assert len(opened) == 2
        for other in opened:
            other.close()
        window.activateWindow()
    _deleted_later()
    assert window.findChildren(ThemesWindow) == window.findChildren(AuthorsWindow) == []


def test_the_whole_projects_highlights_read_the_pages_of_the_cards_drawn_only(
    open_window, project: Project, monkeypatch
) -> None:
    """200,000 highlights in 86,000 documents took most of a minute and 500 MB when every
    document's page outline was read first; a card finds its pages when it is drawn."""
    import_files(project, sorted(CORPUS.glob("*/d*.xml")))
    doc_ids = [row[0] for row in project.db.execute("SELECT id FROM documents ORDER BY position")]
    for doc_id in doc_ids:
        create_span(project, doc_id, 200, 260)
    window = open_window(project)
    window.show_side(window.highlights)
    read: list[str] = []
    outlines = window.session.page_outlines
    monkeypatch.setattr(window.session, "page_outlines", lambda ids: (read.extend(ids), outlines(ids))[1])
    window.highlights.scope.setCurrentIndex(1)
    rows = window.highlights.model.rows
    assert len(rows) == len(doc_ids) > 4 and read == []  # every card listed, no page read yet
    last = rows[-1]
    assert last.page == printed_pages(outlines([last.doc_id])[last.doc_id], last.span)
    assert last.page and read == [last.doc_id]  # its own document's pages, and no other's
