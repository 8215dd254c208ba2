"""An hour of use leaves the window as it found it: what each open, note, search or dialog makes is
let go of once it is no longer shown (``benchmarks/scale_window.py`` finds these by the RSS)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from workbench.model import Document
from workbench.model.annotation import TagTree
from workbench.ui.look.theme import DARK, LIGHT
from workbench.ui.panels.notes import NotesPane


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
