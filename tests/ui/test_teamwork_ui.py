"""Working with others in the window: merging, comparing authors, exchange files with other tools."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from workbench.exchange.formats import EXCHANGES, Exchange
from workbench.ops.memos import create_memo
from workbench.ops.spans import create_span
from workbench.sample import SAMPLE, import_sample
from workbench.storage import Project, list_documents
from workbench.storage.documents import load_document
from workbench.ui.dialogs.authors import AuthorsWindow
from workbench.ui.dialogs.merge import MergeDialog


def highlight(project: Project, quote: str, author: str) -> None:
    doc = load_document(project.db, list_documents(project.db)[0].id)
    start = doc.text.index(quote)
    create_span(project, doc.id, start, start + len(quote), tag_paths=["Troops"], author=author)


def test_merge_preview_then_merge_then_filter_by_author(
    open_window, sample_project: Project, tmp_path: Path, qtbot, monkeypatch
) -> None:
    other = tmp_path / "bo.wbproj"
    with Project.open(other, create=True) as theirs:
        import_sample(theirs)
        highlight(theirs, "a balking GVN", "bo")
        create_memo(theirs, "Questions", "Who drafted it?", author="bo")
    highlight(sample_project, "Thieu’s resignation", "ada")
    window = open_window(sample_project)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 1)
    assert window.highlights.author_filter.isHidden()  # one author: no filter to offer

    shown: list[tuple[list[str], bool]] = []  # what each preview showed (the dialog is freed once closed)

    def accept(dialog: MergeDialog) -> int:
        groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
        shown.append((groups, dialog.merge_button.isEnabled()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MergeDialog, "exec", accept)
    window.files.merge_project(str(other))
    assert shown[0] == (["Will be added (2)"], True)
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 2)
    assert window.undo_action.text() == "&Undo Merge bo.wbproj"
    assert not window.highlights.author_filter.isHidden()
    window.highlights.filter_author("bo")
    assert [row.span.author for row in window.highlights.model.rows] == ["bo"]

    window.files.merge_project(str(other))  # again: nothing to add, the Merge button is off
    assert not shown[1][1]
    window.operations.undo()
    qtbot.waitUntil(lambda: sample_project.db.execute("SELECT count(*) FROM spans").fetchone()[0] == 1)
    assert sample_project.db.execute("SELECT count(*) FROM memos").fetchone()[0] == 0


def test_compare_authors_window(open_window, sample_project: Project, qtbot) -> None:
    highlight(sample_project, "a balking GVN", "ada")
    highlight(sample_project, "balking GVN", "bo")
    window = open_window(sample_project)
    compare = AuthorsWindow(window)
    qtbot.addWidget(compare)
    assert (compare.first.currentText(), compare.second.currentText()) == ("ada", "bo")
    cells = [compare.table.item(0, c).text() for c in range(compare.table.columnCount())]
    assert cells[:4] == ["Troops", "11", "2", "0"] and cells[5] == "84.6 %"
    compare.table.setCurrentCell(0, 0)
    assert [compare.passages.item(i).text().split()[:2] for i in range(compare.passages.count())] == [
        ["only", "ada"],
        ["both", "“balking"],
    ]
    compare.passages.itemClicked.emit(compare.passages.item(1))
    assert window.reading.selected_range() == compare.results[0].passages[1][2:4]


@pytest.fixture
def empty_project(tmp_path: Path) -> Project:
    """A second project, closed after the windows (it is set up before them)."""
    with Project.open(tmp_path / "colleague.wbproj", create=True) as opened:
        yield opened


def test_exchange_files_out_of_one_window_and_into_another(
    empty_project: Project, open_window, sample_project: Project, tmp_path: Path
) -> None:
    highlight(sample_project, "a balking GVN", "ada")
    window = open_window(sample_project)
    for kind in Exchange:
        window.transfers.export_for_other_tools(kind, str(tmp_path / f"out{EXCHANGES[kind].suffix}"))
    assert zipfile.is_zipfile(tmp_path / "out.qdpx")
    assert b"Troops" in (tmp_path / "out.qdc").read_bytes()
    other = empty_project
    theirs = open_window(other)
    theirs.transfers.import_files([str(SAMPLE), str(tmp_path / "out.jsonld")])  # the annotations after their document
    assert other.db.execute("SELECT quote, author FROM spans").fetchall() == [("a balking GVN", "ada")]
    assert theirs.statusBar().currentMessage() == "Imported out.jsonld: 1 annotations."


def test_the_author_name_set_in_settings_goes_on_new_highlights(
    open_window, sample_project: Project, monkeypatch
) -> None:
    from PySide6.QtCore import QSettings

    from workbench.ops import author
    from workbench.ui.dialogs.settings import SettingsDialog

    monkeypatch.setattr(author, "_name", "")  # restored after the test, as is the setting below
    window = open_window(sample_project)
    dialog = window.settings_dialog()
    dialog.author.setText("  Ada Lovelace ")
    dialog.accept()
    try:
        assert QSettings().value("author") == "Ada Lovelace"
        assert SettingsDialog(window).author.text() == "Ada Lovelace"  # read back
        highlight(sample_project, "a balking GVN", "")  # no author given: the one from the settings
        assert sample_project.db.execute("SELECT author, modified_by FROM spans").fetchall() == [
            ("Ada Lovelace", "Ada Lovelace")
        ]
    finally:
        QSettings().remove("author")


def test_new_project_and_save_a_copy(open_window, sample_project: Project, tmp_path: Path, qtbot) -> None:
    highlight(sample_project, "a balking GVN", "ada")
    window = open_window(sample_project)
    window.files.save_copy(str(tmp_path / "copy"))
    with Project.open(tmp_path / "copy.wbproj") as copy:
        assert copy.db.execute("SELECT quote FROM spans").fetchall() == [("a balking GVN",)]
    window.files.open_project(str(tmp_path / "fresh"), create=True)
    assert window.project.path == tmp_path / "fresh.wbproj"
    assert window.documents.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.highlights.model.rowCount() == 0)  # the list follows, a moment later
