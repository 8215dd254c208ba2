"""Details from a Zotero library: records matched to documents by URL, title or file name, shown
first, applied as one undo step; thousands of records, none matching, or a broken file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.importers import ImportFailed
from workbench.importers.references import read_records
from workbench.ops.documents import import_files
from workbench.ops.history import history
from workbench.ops.records import apply_records, match_records
from workbench.sample import SAMPLE
from workbench.storage import Project, list_documents, load_document

URL = "https://history.state.gov/historicaldocuments/frus1969-76v09/d124"


@pytest.fixture
def library(project: Project, tmp_path: Path) -> Path:
    letter = tmp_path / "dulles-alsop.txt"
    letter.write_text("Dear Joe,\n\nI have read your column.\n", encoding="utf-8")
    import_files(project, [SAMPLE, letter])
    records = [{"id": f"noise{n}", "type": "book", "title": f"Unrelated Book {n}"} for n in range(3000)]
    records += [
        {"id": "frus", "type": "document", "URL": URL + "/", "title": "Another title in Zotero",
         "citation-key": "kissingerHakto25"},
        {"id": "letter", "type": "personal_communication", "title": "Letter to Alsop",
         "author": [{"family": "Dulles", "given": "John Foster"}], "issued": {"date-parts": [[1954, 3, 14]]},
         "archive": "Seeley G. Mudd Manuscript Library", "archive_collection": "John Foster Dulles Papers"},
    ]  # fmt: skip
    path = tmp_path / "My Library.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    bib = tmp_path / "My Library.bib"
    bib.write_text("@letter{dulles1954, author = {Dulles, John Foster}, title = {Letter to Alsop},\n"
                   "  file = {Full Text:files/12/dulles-alsop.txt:text/plain}}\n", encoding="utf-8")  # fmt: skip
    return path


def test_records_are_matched_by_url_and_by_file_name(project: Project, library: Path) -> None:
    matched = match_records(project.db, read_records(library))
    assert [(m.by, m.record.title) for m in matched.matches] == [("URL", "Another title in Zotero")]
    assert len(matched.unmatched) == 3001  # the letter's record matches nothing by URL, title or file
    by_file = match_records(project.db, read_records(library.with_suffix(".bib")))
    assert [(m.by, m.title) for m in by_file.matches] == [("file name", "dulles alsop")]


def test_applying_is_one_step_and_keeps_what_the_record_lacks(project: Project, library: Path) -> None:
    before = {s.id: load_document(project.db, s.id).metadata for s in list_documents(project.db)}
    matched = match_records(project.db, read_records(library.with_suffix(".bib")))
    apply_records(project, matched.matches)
    (letter_id,) = [m.doc_id for m in matched.matches]
    after = load_document(project.db, letter_id).metadata
    assert after.authors[0].family == "Dulles" and after.title == "Letter to Alsop"
    assert after.extra.get("citation-key") == "dulles1954" and "file" not in after.extra
    assert history(project).undo_label == "Details from Zotero Record"
    history(project).undo()
    assert load_document(project.db, letter_id).metadata == before[letter_id]


def test_the_command_line_shows_then_applies(capsys, project: Project, library: Path) -> None:
    path = str(project.path)
    assert main(["zotero", str(library), "--project", path]) == 0
    out = capsys.readouterr().out
    assert "would update: Message From the President’s Assistant" in out and "(same URL)" in out
    assert "3002 records, 1 matched, 3001 for no document here; --apply to update" in out
    assert main(["zotero", str(library), "--apply", "--project", path]) == 0
    frus = next(s for s in list_documents(project.db) if s.number == "124")
    assert load_document(project.db, frus.id).metadata.extra["citation-key"] == "kissingerHakto25"


@pytest.mark.parametrize(("text", "message"), [("[]", "holds no record"), ("{{{", "not valid JSON"),
                                               ("plain words", "not a CSL-JSON, BibTeX or RIS")])  # fmt: skip
def test_a_library_that_cannot_be_read_changes_nothing(project: Project, tmp_path: Path, text, message) -> None:
    path = tmp_path / "lib.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed, match=message):
        read_records(path)
