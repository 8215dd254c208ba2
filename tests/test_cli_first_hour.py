"""The command line in a new user's first hour: notes written and found, one's own work claimed,
reads that write nothing, output piped to ``head``, help that reads as text."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import build_parser, main
from workbench.ops import author
from workbench.ops import history as hist
from workbench.ops.authors import rename_author
from workbench.ops.memos import create_memo
from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents


def run(project: Project, *args: str) -> int:
    return main([*args, "--project", str(project.path)])


def test_notes_written_on_the_command_line_are_listed_and_found(sample_project: Project, capsys) -> None:
    assert run(sample_project, "note", "124", "Compare with the Huế cable.") == 0
    assert run(sample_project, "note", "--free", "Ask the archive about Thieu’s letter.") == 0
    capsys.readouterr()
    assert run(sample_project, "notes", "--json") == 0
    notes = json.loads(capsys.readouterr().out)
    doc_id = list_documents(sample_project.db)[0].id
    assert [(n["doc"], n["text"]) for n in notes] == [
        (doc_id, "Compare with the Huế cable."),
        (None, "Ask the archive about Thieu’s letter."),
    ]
    assert run(sample_project, "search", "hue", "--json") == 0  # the index folds ế as it folds case
    (hit,) = json.loads(capsys.readouterr().out)
    assert (hit["in"], hit["doc"], hit["context"][hit["start"] : hit["end"]]) == ("memo", doc_id, "Huế")
    assert run(sample_project, "search", "archive") == 0
    assert capsys.readouterr().out.split()[:2] == ["free", "note"]
    assert run(sample_project, "note", "124", "") == 0  # an empty text removes the document's note
    assert "removed the note on No. 124" in capsys.readouterr().out
    assert run(sample_project, "note", "--free", "a", "b") == 1  # a free note names no document


def test_a_search_hit_in_a_note_says_where_it_is_not_p_dash(sample_project: Project, capsys) -> None:
    doc_id = list_documents(sample_project.db)[0].id
    create_span(sample_project, doc_id, 100, 120, note="A quixotic reading")
    create_memo(sample_project, "Plans", "Quixotic plans")
    assert run(sample_project, "search", "quixotic") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and not any("p. –" in line for line in lines)
    assert "highlight note" in lines[0] and "p. " in lines[0] and "free" in lines[1]


def test_claiming_the_work_made_under_the_login_name(sample_project: Project, monkeypatch, capsys) -> None:
    doc_id = list_documents(sample_project.db)[0].id
    monkeypatch.setattr(author, "_name", "root")
    create_span(sample_project, doc_id, 100, 120, tag_paths=["Troops"])
    create_memo(sample_project, "Questions", "Who drafted it?")
    monkeypatch.setattr(author, "_name", "Ada Lovelace")
    create_span(sample_project, doc_id, 200, 220, tag_paths=["Troops"])
    assert run(sample_project, "authors") == 0
    assert capsys.readouterr().out.split("\n")[:2] == ["Ada Lovelace", "root"]
    assert rename_author(sample_project, "root", "Ada Lovelace").value == 3  # a highlight, its tag, a note
    credited = "SELECT DISTINCT author FROM {0} UNION SELECT modified_by FROM {0}"
    assert {row[0] for t in ("spans", "memos", "tags") for row in sample_project.db.execute(credited.format(t))} == {
        "Ada Lovelace"
    }
    hist.undo(sample_project)  # one step gives it all back
    assert sample_project.db.execute("SELECT count(*) FROM spans WHERE author = 'root'").fetchone()[0] == 1
    assert sample_project.db.execute("SELECT author FROM memos").fetchone()[0] == "root"
    assert run(sample_project, "authors", "--rename", "nobody", "Ada") == 1


def test_read_only_commands_write_nothing(sample_project: Project, capsys) -> None:
    """A window open on the project (here, ``sample_project``'s own connection) sees no change."""
    db = sample_project.db
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    version = db.execute("PRAGMA data_version").fetchone()[0]
    before = (sample_project.path.stat().st_mtime_ns, hashlib.sha256(sample_project.path.read_bytes()).digest())
    for command in (["list"], ["list", "--json"], ["search", "GVN"], ["notes"], ["authors"], ["tags"], ["check"]):
        assert run(sample_project, *command) == 0
    after = (sample_project.path.stat().st_mtime_ns, hashlib.sha256(sample_project.path.read_bytes()).digest())
    assert after == before
    assert db.execute("PRAGMA data_version").fetchone()[0] == version
    wal = sample_project.path.with_name(sample_project.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_new_file_still_gets_its_application_id(tmp_path: Path) -> None:
    with Project.open(tmp_path / "new.wbproj", create=True):
        pass
    conn = sqlite3.connect(tmp_path / "new.wbproj")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x57424E43
    conn.close()


def test_search_piped_into_head_ends_quietly(sample_project: Project) -> None:
    sample_project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    command = [sys.executable, "-m", "workbench", "search", "the", "--project", str(sample_project.path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0) as process:
        process.stdout.read(10)
        process.stdout.close()  # what `head -c 10` does
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


@pytest.mark.parametrize("command", [None, "list", "export", "note", "authors"])
def test_help_reads_as_text(command: str | None, capsys) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args([command, "--help"] if command else ["--help"])
    text = capsys.readouterr().out
    assert "``" not in text and ":func:" not in text
