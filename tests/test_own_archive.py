"""The historian's own archive: a transcribed letter imported, described, cited, fixed, and removed,
from the command line and through the operations the window uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.importers import read_documents
from workbench.model import BlockKind, Metadata
from workbench.model.fields import FieldError, apply
from workbench.ops.details import contents, delete_documents, set_details
from workbench.ops.documents import import_files
from workbench.ops.history import history
from workbench.ops.spans import create_span
from workbench.storage import list_documents, load_document
from workbench.storage.annotations import load_spans

LETTER = """Dulles to Alsop, 14 March 1954

[f. 1r]

Department of State
Washington

Dear Joe:

I have read your column of the 12th with
the care it deserves, and on the question
of Indochina you have been less than fair.

[f. 1v]

We shall have more to say at Geneva.

Sincerely yours,
John Foster Dulles
"""

DETAILS = [
    "--set", "kind=letter", "--set", "author=Dulles, John Foster", "--set", "recipient=Alsop, Joseph",
    "--set", "issued=1954-03-14", "--set", "archive=Seeley G. Mudd Manuscript Library, Princeton University",
    "--set", "archive-place=Princeton, NJ", "--set", "archive_collection=John Foster Dulles Papers",
    "--set", "box=80", "--set", "folder=Alsop",
]  # fmt: skip


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "dulles-to-alsop-1954.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_letter_keeps_its_heading_lines_and_folios(letter: Path) -> None:
    doc = read_documents(letter).documents[0]
    assert doc.title == "Dulles to Alsop, 14 March 1954" and not doc.metadata.title_from_file
    kinds = [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]
    assert kinds[:3] == [(BlockKind.HEADING, "Dulles to Alsop, 14 March 1954"),
                         (BlockKind.LINE, "Department of State"), (BlockKind.LINE, "Washington")]  # fmt: skip
    assert (BlockKind.LINE, "Sincerely yours,") in kinds and (BlockKind.LINE, "John Foster Dulles") in kinds
    assert "[f. 1r]" not in doc.text
    assert doc.pages.page_at(doc.text.index("Dear Joe")) == "1r"
    assert doc.pages.page_at(doc.text.index("Geneva")) == "1v"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_notepad_encodings_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "letter.txt"
    data = LETTER.encode(encoding)
    path.write_bytes(data if encoding != "utf-16-be" else b"\xfe\xff" + data)
    assert read_documents(path).documents[0].text == read_documents(_utf8(tmp_path, LETTER)).documents[0].text


def _utf8(folder: Path, text: str) -> Path:
    path = folder / "plain.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_name_title_is_kept_as_written(tmp_path: Path) -> None:
    path = tmp_path / "dulles-to-Alsop_1954.txt"
    path.write_text("I have read your column.\n", encoding="utf-8")
    meta = read_documents(path).documents[0].metadata
    assert meta.title == "dulles to Alsop 1954" and meta.title_from_file


def test_details_set_from_the_command_line_and_cited(capsys, tmp_path: Path, letter: Path) -> None:
    project = str(tmp_path / "p.wbproj")
    run(capsys, "import", str(letter), "--project", project)
    doc_id = json.loads(run(capsys, "list", "--json", "--project", project)[1])[0]["id"]
    code, out, _ = run(capsys, "details", doc_id, *DETAILS, "--project", project)
    assert code == 0
    assert "John Foster Dulles to Joseph Alsop, March 14, 1954, box 80, Alsop folder, John Foster Dulles Papers" in out
    csl = json.loads(run(capsys, "details", doc_id, "--json", "--project", project)[1])
    assert csl["archive_collection"] == "John Foster Dulles Papers" and csl["archive-place"] == "Princeton, NJ"
    assert csl["author"] == [{"family": "Dulles", "given": "John Foster"}]
    # Two authors by repeating the field.
    run(capsys, "details", doc_id, "--set", "author=Dulles, John Foster", "--set", "author=US Department of State",
        "--project", project)  # fmt: skip
    csl = json.loads(run(capsys, "details", doc_id, "--json", "--project", project)[1])
    assert csl["author"] == [{"family": "Dulles", "given": "John Foster"}, {"family": "US Department of State"}]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("issued=yesterday", "is not a date"),
        ("author=, ,", "is not a name"),
        ("colour=red", "no field 'colour'; the fields are: kind, title"),
        ("box", "write FIELD=VALUE"),
        ("kind=poem", "is not a kind of source"),
    ],
)
def test_bad_details_change_nothing(capsys, tmp_path: Path, letter: Path, setting: str, message: str) -> None:
    project = str(tmp_path / "p.wbproj")
    run(capsys, "import", str(letter), "--project", project)
    before = run(capsys, "details", "--json", _first_id(capsys, project), "--project", project)[1]
    code, _, err = run(capsys, "details", _first_id(capsys, project), "--set", setting, "--project", project)
    assert code == 1 and message in err and err.count("\n") == 1
    assert run(capsys, "details", "--json", _first_id(capsys, project), "--project", project)[1] == before


def _first_id(capsys, project: str) -> str:
    return json.loads(run(capsys, "list", "--json", "--project", project)[1])[0]["id"]


BIBTEX = """@letter{dulles1954alsop,
  author = {Dulles, John Foster},
  title = {Letter to Joseph Alsop},
  date = {1954-03-14},
  archive = {Seeley G. Mudd Manuscript Library},
}
"""
RIS = "TY  - LETT\nAU  - Dulles, John Foster\nTI  - Letter to Joseph Alsop\nDA  - 1954/03/14/\nDP  - Mudd Library\nER  - \n"
CSL = json.dumps([{"type": "personal_communication", "title": "Letter to Joseph Alsop",
                   "author": [{"family": "Dulles", "given": "John Foster"}],
                   "issued": {"date-parts": [[1954, 3, 14]]}}])  # fmt: skip


@pytest.mark.parametrize(("name", "text"), [("z.bib", BIBTEX), ("z.ris", RIS), ("z.json", CSL)])
def test_details_from_a_zotero_record(capsys, tmp_path: Path, letter: Path, name: str, text: str) -> None:
    project = str(tmp_path / "p.wbproj")
    record = tmp_path / name
    record.write_text(text, encoding="utf-8")
    run(capsys, "import", str(letter), "--project", project)
    code, _, err = run(capsys, "details", _first_id(capsys, project), "--from", str(record), "--project", project)
    assert code == 0, err
    csl = json.loads(run(capsys, "details", "--json", _first_id(capsys, project), "--project", project)[1])
    assert csl["author"] == [{"family": "Dulles", "given": "John Foster"}]
    assert csl["issued"] == {"date-parts": [[1954, 3, 14]]}
    assert csl["title"] == "Letter to Joseph Alsop"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "holds no record"),
        (CSL[:-1] + ", " + CSL[1:], "holds 2 records"),
        ("hello", "not a CSL-JSON, BibTeX or RIS file"),
        ("[" * 100_000, "nested too deeply"),
        (BIBTEX + BIBTEX.replace("dulles1954alsop", "other"), "holds 2 records"),
    ],
)
def test_a_record_file_with_no_item_or_several_is_refused(capsys, tmp_path: Path, letter: Path, text, message) -> None:
    project = str(tmp_path / "p.wbproj")
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    run(capsys, "import", str(letter), "--project", project)
    before = run(capsys, "details", "--json", _first_id(capsys, project), "--project", project)[1]
    code, _, err = run(capsys, "details", _first_id(capsys, project), "--from", str(record), "--project", project)
    assert code == 1 and message in err
    assert run(capsys, "details", "--json", _first_id(capsys, project), "--project", project)[1] == before


def test_a_text_already_here_is_skipped_unless_asked_again(capsys, tmp_path: Path, letter: Path) -> None:
    project = str(tmp_path / "p.wbproj")
    run(capsys, "import", str(letter), "--project", project)
    code, out, _ = run(capsys, "import", str(letter), "--project", project)
    assert code == 0 and "skipped Dulles to Alsop, 14 March 1954: its text is already in the project" in out
    assert len(json.loads(run(capsys, "list", "--json", "--project", project)[1])) == 1
    run(capsys, "import", str(letter), "--again", "--project", project)
    assert len(json.loads(run(capsys, "list", "--json", "--project", project)[1])) == 2


def test_replace_names_the_document_whose_text_is_corrected(capsys, tmp_path: Path, letter: Path) -> None:
    project = str(tmp_path / "p.wbproj")
    run(capsys, "import", str(letter), "--project", project)
    doc_id = _first_id(capsys, project)
    run(capsys, "annotate", doc_id, "--quote", "less than fair", "--tag", "Tone", "--project", project)
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(LETTER.replace("Dear Joe:", "My dear Joe:"), encoding="utf-8")
    code, out, _ = run(capsys, "import", str(corrected), "--replace", doc_id[:8], "--project", project)
    assert code == 0 and "replaced the text of" in out
    listed = json.loads(run(capsys, "list", "--json", "--project", project)[1])
    assert [d["id"] for d in listed] == [doc_id]
    shown = json.loads(run(capsys, "annotations", doc_id, "--json", "--project", project)[1])
    assert [row["quote"] for row in shown] == ["less than fair"]
    again = run(capsys, "import", str(corrected), "--replace", doc_id[:8], "--project", project)  # idempotent
    assert again[0] == 0 and len(json.loads(run(capsys, "list", "--json", "--project", project)[1])) == 1


def test_delete_with_its_highlights_and_notes_then_undo(project, letter: Path) -> None:
    import_files(project, [letter])
    (summary,) = list_documents(project.db)
    document = load_document(project.db, summary.id)
    start = document.text.index("less than fair")
    create_span(project, summary.id, start, start + 14, tag_paths=["Tone"], note="sharp")
    assert contents(project.db, summary.id).describe() == "1 highlight and 1 note"
    changes = delete_documents(project, [summary.id])
    assert changes.document_list and list_documents(project.db) == []
    assert project.db.execute("SELECT count(*) FROM spans").fetchone()[0] == 0
    assert history(project).undo_label == "Delete Document"
    history(project).undo()
    assert [d.id for d in list_documents(project.db)] == [summary.id]
    assert [s.note for s in load_spans(project.db, summary.id)] == ["sharp"]


def test_delete_from_the_command_line(capsys, tmp_path: Path, letter: Path) -> None:
    project = str(tmp_path / "p.wbproj")
    run(capsys, "import", str(letter), "--project", project)
    code, out, _ = run(capsys, "delete", _first_id(capsys, project), "--project", project)
    assert code == 0 and out.startswith("deleted Dulles to Alsop, 14 March 1954 with nothing of yours")
    assert json.loads(run(capsys, "list", "--json", "--project", project)[1]) == []
    code, _, err = run(capsys, "delete", "nonexistent", "--project", project)
    assert code == 1 and "no document 'nonexistent'" in err


def test_editing_details_is_one_undo_step(project, letter: Path) -> None:
    import_files(project, [letter])
    (summary,) = list_documents(project.db)
    before = load_document(project.db, summary.id).metadata
    after = apply(before, [("archive_collection", "John Foster Dulles Papers"), ("issued", "circa 1954")])
    set_details(project, summary.id, after)
    stored = load_document(project.db, summary.id).metadata
    assert stored == after and stored.circa and stored.issued == "1954"
    assert list_documents(project.db)[0].issued == "1954"  # the list's column follows
    history(project).undo()
    assert load_document(project.db, summary.id).metadata == before


def test_apply_refuses_before_changing_anything() -> None:
    with pytest.raises(FieldError, match="kind: 'poem'"):
        apply(Metadata(title="x"), [("title", "new"), ("kind", "poem")])


def test_an_archival_letter_as_biblatex_and_ris(capsys, tmp_path: Path, letter: Path) -> None:
    import bibtexparser
    import rispy

    project = str(tmp_path / "p.wbproj")
    run(capsys, "import", str(letter), "--project", project)
    doc_id = _first_id(capsys, project)
    run(capsys, "details", doc_id, *DETAILS, "--project", project)
    run(capsys, "annotate", doc_id, "--quote", "less than fair", "--tag", "Tone", "--project", project)
    bib = run(capsys, "export", "--format", "bibtex", "-o", "-", "--project", project)[1]
    (entry,) = bibtexparser.parse_string(bib).entries
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "misc" and fields["date"] == "1954-03-14" and "year" not in fields
    assert fields["howpublished"] == ("box 80, Alsop folder, John Foster Dulles Papers, "
                                      "Seeley G. Mudd Manuscript Library, Princeton University, Princeton, NJ")  # fmt: skip
    (record,) = rispy.loads(run(capsys, "export", "--format", "ris", "-o", "-", "--project", project)[1])
    assert record["authors"] == ["Dulles, John Foster"]
