"""Document › Details… in the window: typed details become the citation at once; delete and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit

from workbench.ops.documents import import_files
from workbench.storage import Project, list_documents
from workbench.ui.dialogs.details import DetailsDialog
from workbench.ui.window.main_window import MainWindow

LETTER = "Dulles to Alsop\n\nDear Joe:\n\nI have read your column with the care it deserves.\n\nFoster\n"


@pytest.fixture
def window(open_window, project: Project, tmp_path: Path) -> MainWindow:
    path = tmp_path / "dulles-to-alsop-1954.txt"
    path.write_text(LETTER, encoding="utf-8")
    import_files(project, [path])
    return open_window(project)


def _when_modal(qtbot, act) -> list[Exception]:
    """Run ``act(dialog)`` on the next modal dialog, from the event loop that dialog runs."""
    failures: list[Exception] = []
    tries = [0]

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        tries[0] += 1
        if (dialog is None or focus is None or not dialog.isAncestorOf(focus)) and tries[0] < 100:
            QTimer.singleShot(20, attempt)  # a person types once the dialog has the keyboard
            return
        try:
            act(dialog)
        except Exception as error:  # reported by the test, not lost in the event loop
            failures.append(error)
            dialog.reject()

    QTimer.singleShot(0, attempt)
    return failures


def _fill(dialog: DetailsDialog, name: str, text: str) -> None:
    editor = dialog.findChild(QLineEdit, f"detail_{name}") or dialog.findChild(QPlainTextEdit, f"detail_{name}")
    editor.setPlainText(text) if isinstance(editor, QPlainTextEdit) else editor.setText(text)


def test_typed_details_are_the_citation_copied_with_a_quote(qtbot, window: MainWindow) -> None:
    def describe(dialog) -> None:
        assert isinstance(dialog, DetailsDialog)
        focused = QApplication.focusWidget()
        assert focused is dialog.findChild(QLineEdit, "detail_title")  # typing goes to the title first
        focused.selectAll()
        QTest.keyClicks(focused, "Dulles to Alsop")
        kind = dialog.findChild(QComboBox, "detail_kind")
        kind.setCurrentIndex(kind.findData("letter"))
        _fill(dialog, "author", "Dulles, John Foster")
        _fill(dialog, "recipient", "Alsop, Joseph")
        _fill(dialog, "issued", "14 March 1954")
        _fill(dialog, "archive", "Seeley G. Mudd Manuscript Library, Princeton University")
        _fill(dialog, "archive-place", "Princeton, NJ")
        _fill(dialog, "archive_collection", "John Foster Dulles Papers")
        _fill(dialog, "box", "80")
        _fill(dialog, "folder", "Alsop")
        assert "Dulles, John Foster. Papers." in dialog.preview.text()  # the preview follows the typing
        _fill(dialog, "issued", "the ides of March")
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert not save.isEnabled() and "is not a date" in dialog.problem.text()
        _fill(dialog, "issued", "1954-03-14")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = _when_modal(qtbot, describe)
    window.reading.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert not failures, failures
    assert window.operations.parent() is window
    text = window.document.text
    start = text.index("the care it deserves")
    window.reading.select_range(start, start + len("the care it deserves"))
    window.annotator.copy_with_citation()
    copied = QGuiApplication.clipboard().text()
    assert (
        "John Foster Dulles to Joseph Alsop, March 14, 1954, box 80, Alsop folder, John Foster Dulles Papers" in copied
    )
    assert window.menus.undo.text().endswith("Edit Details")


def test_delete_from_the_list_says_what_goes_and_undo_brings_it_back(qtbot, window: MainWindow) -> None:
    project = window.project
    (summary,) = list_documents(project.db)
    seen: list[str] = []

    def confirm(box) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == "Delete").click()

    failures = _when_modal(qtbot, confirm)
    window.documents.view.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert not failures, failures
    assert seen == ["Delete “Dulles to Alsop”?"]
    assert list_documents(project.db) == [] and window.document is None
    window.operations.undo()
    assert [d.id for d in list_documents(project.db)] == [summary.id]


def test_details_from_a_zotero_export_after_a_look_at_the_matches(qtbot, window: MainWindow, tmp_path: Path) -> None:
    import json

    from workbench.storage import load_document
    from workbench.ui.dialogs.zotero import ZoteroDialog, details_from_zotero

    (summary,) = list_documents(window.project.db)
    library = tmp_path / "library.json"
    records = [{"id": "x", "type": "personal_communication", "title": summary.title,
                "author": [{"family": "Dulles", "given": "John Foster"}]},
               {"id": "y", "type": "book", "title": "Something else"}]  # fmt: skip
    library.write_text(json.dumps(records), encoding="utf-8")
    seen: list[int] = []

    def apply(dialog) -> None:
        assert isinstance(dialog, ZoteroDialog)
        seen.append(dialog.list.count())
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Apply).click()

    failures = _when_modal(qtbot, apply)
    details_from_zotero(window, str(library))
    assert not failures, failures
    assert seen == [1]
    assert load_document(window.project.db, summary.id).metadata.authors[0].family == "Dulles"
    assert window.menus.undo.text().endswith("Details from Zotero Record")
