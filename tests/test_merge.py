"""Merging a colleague's project file: preview, additions, conflicts, idempotence, one undo step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.ops.history import undo
from workbench.ops.memos import create_memo
from workbench.ops.merge import merge_project, preview_merge
from workbench.ops.spans import create_span, set_span_note
from workbench.ops.tags import rename_tag
from workbench.sample import import_sample
from workbench.storage import Project, list_documents
from workbench.storage.backups import copy_database
from workbench.storage.documents import load_document

QUOTE = "a balking GVN"
FIXTURES = Path(__file__).parent / "fixtures"


def highlight(project: Project, tag: str, author: str, note: str = "", quote: str = QUOTE) -> int:
    doc = load_document(project.db, list_documents(project.db)[0].id)
    start = doc.text.index(quote)
    return create_span(project, doc.id, start, start + len(quote), tag_paths=[tag], note=note, author=author).value


def count(project: Project, table: str) -> int:
    return project.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def colleague(tmp_path: Path) -> Path:
    """Their own project: the same document imported separately, coded by "bo"."""
    path = tmp_path / "bo.wbproj"
    with Project.open(path, create=True) as theirs:
        import_sample(theirs)
        highlight(theirs, "Troops", "bo", note="bo’s reading 😀")
        highlight(theirs, "Thieu/Resignation", "bo", quote="Thieu’s resignation")
        create_memo(theirs, "Questions", "Who drafted Hakto 25?", author="bo")
    return path


def test_preview_lists_additions_and_writes_nothing(sample_project: Project, colleague: Path) -> None:
    highlight(sample_project, "Troops", "ada")
    before = [count(sample_project, t) for t in ("documents", "spans", "tags", "memos")]
    plan = preview_merge(sample_project, colleague)
    assert [count(sample_project, t) for t in ("documents", "spans", "tags", "memos")] == before
    assert plan.existing == {"documents": 1, "tags": 1}  # the document by its text, "Troops" by its path
    assert "tag “Thieu”" in plan.added and "tag “Thieu/Resignation”" in plan.added
    assert sum(line.startswith("highlight") for line in plan.added) == 2
    assert "the note “Questions”" in plan.added and plan.conflicts == []


def test_merge_keeps_both_authors_is_one_step_and_idempotent(sample_project: Project, colleague: Path) -> None:
    highlight(sample_project, "Troops", "ada")
    merge_project(sample_project, colleague)
    rows = sample_project.db.execute(
        "SELECT s.author, s.note, group_concat(t.name) FROM spans s JOIN span_tags st ON st.span_id = s.id "
        "JOIN tags t ON t.id = st.tag_id GROUP BY s.id ORDER BY s.author, s.quote"
    ).fetchall()
    assert rows == [("ada", "", "Troops"), ("bo", "", "Resignation"), ("bo", "bo’s reading 😀", "Troops")]
    assert count(sample_project, "tags") == 3 and count(sample_project, "memos") == 1
    again = merge_project(sample_project, colleague).value
    assert again.empty and count(sample_project, "spans") == 3
    assert again.existing == {"documents": 1, "tags": 3, "highlights": 2, "notes": 1}
    undo(sample_project)  # the one merge step (the second merge recorded none)
    assert count(sample_project, "spans") == 1 and count(sample_project, "tags") == 1
    assert count(sample_project, "memos") == 0


def test_conflicts_are_reported_and_this_side_kept(sample_project: Project, tmp_path: Path) -> None:
    span = highlight(sample_project, "Troops", "ada", note="first reading")
    other = copy_database(sample_project.db.conn, tmp_path / "copy.wbproj")
    with Project.open(other) as theirs:
        tag_id = theirs.db.execute("SELECT id FROM tags").fetchone()[0]
        rename_tag(theirs, tag_id, "Troop withdrawal")
        set_span_note(theirs, span, "their reading")
        highlight(theirs, "GVN", "bo")
    set_span_note(sample_project, span, "my reading")
    plan = merge_project(sample_project, other).value
    assert plan.conflicts == [
        "tag “Troops” is “Troop withdrawal” in the other project; kept “Troops”",
        "the note on “a balking GVN” was edited on both sides; kept this one",
    ]
    names = {row[0] for row in sample_project.db.execute("SELECT name FROM tags")}
    assert names == {"Troops", "GVN"}
    assert sample_project.db.execute("SELECT note FROM spans WHERE id = ?", [span]).fetchone()[0] == "my reading"


def test_highlights_on_another_version_of_the_text_are_placed_by_their_words(
    sample_project: Project, tmp_path: Path
) -> None:
    other = copy_database(sample_project.db.conn, tmp_path / "copy.wbproj")
    with Project.open(other) as theirs:
        theirs.db.execute("UPDATE documents SET text = 'Transcribed anew. ' || text, text_sha256 = 'other'")
        highlight(theirs, "Troops", "bo")
        highlight(theirs, "GVN", "bo", quote="Transcribed anew")
    plan = merge_project(sample_project, other).value
    assert "has another version of its text there" in plan.conflicts[0]
    assert plan.added[-2:] == [
        "highlight “a balking GVN” by bo (moved in this version)",
        "highlight “Transcribed anew” by bo (not found in this version: kept aside to be placed by hand)",
    ]
    doc = load_document(sample_project.db, list_documents(sample_project.db)[0].id)
    rows = sample_project.db.execute('SELECT start, "end", quote, orphaned FROM spans ORDER BY id').fetchall()
    start = doc.text.index(QUOTE)
    assert rows[0] == (start, start + len(QUOTE), QUOTE, 0)
    assert rows[1][2:] == ("Transcribed anew", 1)


def test_the_command(sample_project: Project, colleague: Path, capsys) -> None:
    path = str(sample_project.path)
    assert main(["merge", str(colleague), "--dry-run", "--project", path]) == 0
    out = capsys.readouterr().out
    assert "would add: highlight “a balking GVN” by bo" in out and count(sample_project, "spans") == 0
    assert main(["merge", str(colleague), "--project", path]) == 0
    assert "bo.wbproj: 6 added" in capsys.readouterr().out
    assert main(["merge", str(colleague), "--project", path]) == 0
    assert "bo.wbproj: 0 added, already here: 1 document, 3 tags, 2 highlights, 1 note" in capsys.readouterr().out


def test_merging_something_that_is_not_a_project_says_so(sample_project: Project, tmp_path: Path, capsys) -> None:
    bogus = tmp_path / "notes.wbproj"
    bogus.write_text("not a database", encoding="utf-8")
    assert main(["merge", str(bogus), "--project", str(sample_project.path)]) == 1
    assert (
        capsys.readouterr().err
        == f"workbench: {bogus}: this is not a Workbench project (it is not an SQLite database)\n"
    )


def test_their_file_is_never_written_even_when_older_or_read_only(sample_project: Project, tmp_path: Path) -> None:
    (tmp_path / "theirs").mkdir()
    fixture = tmp_path / "theirs" / "old.wbproj"
    shutil.copy(FIXTURES / "schema-1.wbproj", fixture)
    fixture.chmod(0o444)
    before = fixture.read_bytes()
    plan = merge_project(sample_project, fixture).value
    assert plan.added or plan.existing  # it was read, upgraded in a private copy, and merged
    assert fixture.read_bytes() == before and sorted(p.name for p in fixture.parent.iterdir()) == ["old.wbproj"]


def test_a_merged_document_brings_its_volumes_people_and_terms(tmp_path: Path, colleague: Path) -> None:
    """A FRUS document merged into a project without its volume keeps the names its text links to;
    entries of other volumes stay behind, and a row that is not a name and description is named."""
    with Project.open(colleague) as theirs, theirs.transaction() as db:
        db.conn.executemany(
            "INSERT INTO glossary (volume, key, kind, name, description) VALUES (?, ?, ?, ?, ?)",
            [("frus1969-76v09", "p_KHA_1", "person", "Kissinger, Henry A.", "Assistant to the President"),
             ("frus1969-76v09", "t_GVN_1", "term", "GVN", "Government of Vietnam"),
             ("frus1969-76v09", "p_BAD_1", "<script>", "Bad", ""),
             ("frus1969-76v10", "p_ELSE_1", "person", "Someone, Else", "")],
        )  # fmt: skip
    with Project.open(tmp_path / "mine.wbproj", create=True) as mine:
        plan = merge_project(mine, colleague).value
        rows = mine.db.execute("SELECT volume, key, name FROM glossary ORDER BY key").fetchall()
        assert rows == [("frus1969-76v09", "p_KHA_1", "Kissinger, Henry A."), ("frus1969-76v09", "t_GVN_1", "GVN")]
        assert "2 people and terms of their volumes" in plan.added
        assert any("p_BAD_1" in line for line in plan.refused)
        assert merge_project(mine, colleague).value.empty  # again: nothing more
        undo(mine)
        assert count(mine, "glossary") == 0 and count(mine, "documents") == 0  # one step took it all back
