"""Copy quote with citation, and the export dialog's preview and file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from workbench.export.clip import quote_with_citation
from workbench.ops.spans import create_span
from workbench.storage import Project
from workbench.ui.dialogs.export import ExportDialog
from workbench.ui.window import clipboard
from workbench.ui.window.main_window import MainWindow


@pytest.fixture
def window(open_window, sample_project: Project) -> MainWindow:
    win = open_window(sample_project)
    doc = win.document
    for quote, tag in (("On the troop issue, the GVN does have a case.", "Troops"), ("a balking GVN", "GVN")):
        start = doc.text.index(quote)
        win.operations.run(
            "", lambda s=start, q=quote, t=tag: create_span(win.project, doc.id, s, s + len(q), tag_paths=[t])
        )
    return win


def test_quote_with_citation_in_core(sample) -> None:
    start = sample.text.index("obligations under the 1954")
    end = sample.text.index("Agreements,") + len("Agreements")
    plain, rich = quote_with_citation(sample, start, end)
    assert plain.startswith(
        "“obligations under the 1954 and 1962 Geneva Agreements”\n\nHenry Kissinger to Richard Nixon"
    )
    assert plain.endswith("doc. 124, 445–46, https://history.state.gov/historicaldocuments/frus1969-76v09/d124.")
    assert "<i>Foreign Relations of the United States, 1969–1976</i>" in rich


def test_ctrl_shift_c_copies_the_quote_and_citation_as_rich_and_plain_text(window: MainWindow) -> None:
    doc = window.document
    start = doc.text.index("Warm regards")
    window.reading.select_range(start, start + len("Warm regards"))
    QTest.keyClick(
        window.reading, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    data = QGuiApplication.clipboard().mimeData()
    assert data.text().startswith("“Warm regards”\n\nHenry Kissinger to Richard Nixon")
    assert "doc. 124, 448," in data.text()
    assert "<i>Vietnam, October 1972–January 1973</i>" in data.html()
    clipboard.release()  # what quitting does: the words stay, as plain text
    assert QGuiApplication.clipboard().text().startswith("“Warm regards”")
    assert not QGuiApplication.clipboard().mimeData().hasHtml()


def test_export_dialog_previews_and_writes(window: MainWindow, tmp_path: Path, monkeypatch, qtbot) -> None:
    dialog = ExportDialog(window, [])
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.refresh()
    assert "Kissinger to Nixon, November 24, 1972, doc. 124, 446." in dialog.preview.toPlainText()
    assert dialog.windowTitle().endswith("2 highlights")
    dialog.all_tags.setText("Troops")
    dialog.refresh()
    assert dialog.windowTitle().endswith("1 highlight")
    dialog.all_tags.setText("Nope")
    dialog.refresh()
    assert dialog.problem.text() == "There is no tag 'Nope'." and not dialog.save_button.isEnabled()
    dialog.all_tags.setText("")
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    dialog.refresh()
    target = tmp_path / "chapter.docx"
    monkeypatch.setattr("workbench.ui.dialogs.export.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save()
    assert target.read_bytes()[:2] == b"PK"
    again = ExportDialog(window, [])
    qtbot.addWidget(again)
    assert again.format.currentData() == "docx"  # the choices are remembered
    again.reject()


def test_the_word_preview_shows_notes_as_notes(qtbot, open_window, sample_project) -> None:
    from workbench.export import Format
    from workbench.ops.spans import create_span
    from workbench.storage import list_documents, load_document
    from workbench.ui.dialogs.export import ExportDialog

    (summary,) = list_documents(sample_project.db)
    text = load_document(sample_project.db, summary.id).text
    start = text.index("a balking GVN")
    create_span(sample_project, summary.id, start, start + 13, tag_paths=["GVN"])
    window = open_window(sample_project)
    dialog = ExportDialog(window, [])
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(Format.DOCX.value))
    dialog.refresh()
    shown = dialog.preview.toPlainText()
    assert "[^1]" not in shown and "a balking GVN" in shown
    assert "Henry Kissinger to Richard Nixon" in shown  # the note's text, below the quotation


def test_an_export_to_a_file_writes_in_the_background_and_cancel_leaves_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch, qtbot
) -> None:
    """Saving shows progress (the export held at its first excerpt until the user acts) and Escape
    cancels it: no file, no temporary file, and the dialog says so. Then a save writes the file."""
    import time

    from PySide6.QtWidgets import QProgressDialog

    from workbench.ui.dialogs import export as export_dialog

    from .modals import press_in_next

    dialog = ExportDialog(window, [])
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.refresh()
    target = tmp_path / "drafts" / "chapter.md"
    target.parent.mkdir()
    monkeypatch.setattr("workbench.ui.dialogs.export.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    real = export_dialog.export_to_file

    def held(*args, progress, cancelled, **kwargs):
        def waiting(done: int, total: int) -> None:
            deadline = time.monotonic() + 20
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)
            progress(done, total)

        return real(*args, progress=waiting, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(export_dialog, "export_to_file", held)
    shown = press_in_next(QProgressDialog, Qt.Key.Key_Escape, lambda box: box.labelText())
    dialog.save()
    assert shown and shown[0].startswith("Writing chapter.md…")
    assert dialog.problem.text() == "Export cancelled: chapter.md was not written."
    assert list(target.parent.iterdir()) == []
    monkeypatch.setattr(export_dialog, "export_to_file", real)
    dialog.save()
    assert target.read_text(encoding="utf-8").startswith("# Quotations") and list(target.parent.iterdir()) == [target]
