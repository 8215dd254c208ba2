"""Hostile project files: a colleague's project, a foreign ``-wal``, rows that lie, colours and notes
that try to reach out, and undo against another writer.

Each test asserts the one line the user sees, that it ends (commands that could hang run in a
subprocess with a generous timeout), and that the project is unchanged (its bytes, or its dump).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.model.annotation import PALETTE, Tag, TagId, TagTree
from workbench.ops.errors import OperationError
from workbench.ops.history import redo, undo
from workbench.ops.memos import create_memo
from workbench.ops.merge import merge_project, preview_merge
from workbench.ops.spans import create_span, resize_span, set_span_note
from workbench.ops.tags import create_tag, delete_tag, set_tag_color
from workbench.sample import import_sample
from workbench.storage import Project, ProjectError, list_documents
from workbench.storage.annotations import load_tags
from workbench.storage.check import check
from workbench.storage.documents import load_document
from workbench.storage.project import COPY_PREFIX
from workbench.storage.schema_check import ForeignSchema
from workbench.storage.wal import ForeignWal

QUOTE = "a balking GVN"
#: Long enough for a slow machine; a hang (the audit saw endless views and loops) takes forever.
TIMEOUT_S = 120


# -- helpers ----------------------------------------------------------------------------------


def digest(path: Path) -> str:
    """The file's bytes, with its ``-wal`` if any: "unchanged" means exactly this."""
    wal = path.with_name(path.name + "-wal")
    data = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    return hashlib.sha256(data).hexdigest()


def content(path: Path) -> str:
    """What a project holds, row by row (opening a project may rewrite its header, never its rows)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def tamper(path: Path, *statements: str, writable_schema: bool = False) -> None:
    """Change a closed project behind Workbench's back, as a crafted file would be."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        if writable_schema:
            conn.execute("PRAGMA writable_schema = ON")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def run_cli(*args: str, timeout: float = TIMEOUT_S) -> tuple[int, str, str, float]:
    """``workbench ARGS`` in its own process: (exit code, stdout, stderr, seconds)."""
    began = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True,
                            timeout=timeout, env=os.environ | {"PYTHONFAULTHANDLER": "1"})  # fmt: skip
    return result.returncode, result.stdout, result.stderr, time.monotonic() - began


def one_line_refusal(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def highlight(project: Project, tag: str, author: str, note: str = "", quote: str = QUOTE) -> int:
    doc = load_document(project.db, list_documents(project.db)[0].id)
    start = doc.text.index(quote)
    return create_span(project, doc.id, start, start + len(quote), tag_paths=[tag], note=note, author=author).value


def make_project(path: Path) -> Path:
    with Project.open(path, create=True) as project:
        import_sample(project)
        highlight(project, "Troops", "bo", note="bo’s reading")
        create_memo(project, "Questions", "Who drafted it?", author="bo")
    return path


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    return make_project(tmp_path / "mine.wbproj")


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    folder = tmp_path / "colleague"
    folder.mkdir()
    return make_project(folder / "bo.wbproj")


# -- the schema: only what Workbench wrote ---------------------------------------------------

SCHEMA_ATTACKS: dict[str, tuple[list[str], str]] = {
    "a trigger that deletes highlights": (
        ["CREATE TRIGGER evil AFTER INSERT ON spans BEGIN DELETE FROM spans; UPDATE documents SET title = 'x'; END"],
        "a trigger “evil” on spans that Workbench did not write",
    ),
    "a view": (["CREATE VIEW v AS SELECT 1"], "a view “v”"),
    "an endless documents view": (
        [
            "ALTER TABLE documents RENAME TO documents_old",
            "CREATE VIEW documents AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
            "SELECT n AS id FROM r",
        ],
        "documents",
    ),
    "an extra table": (["CREATE TABLE extra (x)"], "a table “extra”"),
    "an extra index": (["CREATE INDEX sneaky ON spans (note)"], "an index “sneaky”"),
    "a missing index": (["DROP INDEX spans_position"], "its index “spans_position” is missing"),
    "a changed trigger": (
        [
            "DROP TRIGGER search_tags_insert",
            "CREATE TRIGGER search_tags_insert AFTER INSERT ON tags BEGIN DELETE FROM spans; END",
        ],
        "its trigger “search_tags_insert” has been changed",
    ),
    "a forged migration record": (
        ["DELETE FROM _sqlite_migrations WHERE name = 'm011_ids_never_reused'"],
        "record of applied migrations",
    ),
}


@pytest.mark.parametrize("attack", list(SCHEMA_ATTACKS))
def test_a_project_with_a_schema_workbench_did_not_write_is_refused_untouched(mine: Path, attack: str) -> None:
    statements, named = SCHEMA_ATTACKS[attack]
    tamper(mine, *statements)
    before = digest(mine)
    with pytest.raises(ForeignSchema) as refused:
        Project.open(mine)
    assert named in str(refused.value) and "it was not opened or changed" in str(refused.value)
    code, _, stderr, _ = run_cli("list", "--project", str(mine))
    assert code == 1 and "structure was changed outside Workbench" in one_line_refusal(stderr)
    assert digest(mine) == before


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("attack", ["a trigger that deletes highlights", "an endless documents view"])
def test_merge_refuses_a_colleague_file_with_foreign_schema_and_runs_none_of_it(
    mine: Path, theirs: Path, attack: str, dry_run: bool
) -> None:
    tamper(theirs, *SCHEMA_ATTACKS[attack][0])
    ours, their_bytes = content(mine), digest(theirs)
    code, out, stderr, _ = run_cli("merge", *(["--dry-run"] if dry_run else []), "--project", str(mine), str(theirs))
    assert code == 1 and out == ""
    assert one_line_refusal(stderr).startswith(f"workbench: {theirs}: this project's structure was changed")
    assert content(mine) == ours and digest(theirs) == their_bytes


def test_a_looping_trigger_in_an_old_project_never_reaches_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.wbproj"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "schema-6.wbproj", path)
    tamper(path, "CREATE TRIGGER loop AFTER UPDATE ON spans BEGIN UPDATE spans SET note = note || 'x'; END")
    before = digest(path)
    code, _, stderr, _ = run_cli("list", "--project", str(path))
    assert code == 1 and "a trigger “loop” on spans" in one_line_refusal(stderr)
    assert digest(path) == before and not path.with_name("old.wbproj.schema-6.bak").exists()


def test_connections_are_defensive(mine: Path) -> None:
    from workbench.storage import hardening

    with Project.open(mine) as project:
        project.db.execute("PRAGMA writable_schema = ON")
        with pytest.raises(sqlite3.DatabaseError):  # defensive mode: the schema cannot be edited
            project.db.execute("UPDATE sqlite_master SET sql = 'x' WHERE name = 'spans'")
        expected = 0 if hardening.untrusted_schema_works() else 1
        assert project.db.execute("PRAGMA trusted_schema").fetchone()[0] == expected


# -- the -wal: only the one Workbench wrote for this file -----------------------------------


def _live_wal(path: Path) -> tuple[Project, Path]:
    """A project open with committed changes still in its ``-wal`` (as after a crash)."""
    project = Project.open(path)
    project.db.execute("PRAGMA wal_autocheckpoint = 0")
    create_tag(project, "Written after the last checkpoint")
    return project, path.with_name(path.name + "-wal")


def test_a_wal_from_another_database_is_not_applied(mine: Path, theirs: Path) -> None:
    other, their_wal = _live_wal(theirs)
    try:
        shutil.copyfile(their_wal, mine.with_name(mine.name + "-wal"))
    finally:
        other.close()
    before = mine.read_bytes()
    with pytest.raises(ForeignWal, match=r"mine.wbproj-wal beside it was not written by Workbench for this project"):
        Project.open(mine)
    code, _, stderr, _ = run_cli("list", "--project", str(mine))
    assert code == 1 and "was not applied" in one_line_refusal(stderr)
    assert mine.read_bytes() == before
    mine.with_name(mine.name + "-wal").unlink()  # moved away, as the message says: the project opens as it was
    with Project.open(mine) as project:
        assert "Written after the last checkpoint" not in {t.name for t in load_tags(project.db)}


def test_our_own_wal_after_a_crash_is_applied(mine: Path, tmp_path: Path) -> None:
    project, _ = _live_wal(mine)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    try:
        for suffix in ("", "-wal", "-walid"):  # the files as a power cut leaves them
            shutil.copyfile(mine.with_name(mine.name + suffix), crashed / f"mine.wbproj{suffix}")
    finally:
        project.close()
    with Project.open(crashed / "mine.wbproj") as reopened:
        assert "Written after the last checkpoint" in {t.name for t in load_tags(reopened.db)}


def test_a_closed_project_is_one_file(mine: Path) -> None:
    with Project.open(mine) as project:
        create_tag(project, "Checkpointed")
    assert not mine.with_name(mine.name + "-wal").exists() and not mine.with_name(mine.name + "-walid").exists()


def test_merge_reads_only_the_colleagues_main_file_and_writes_nothing_beside_it(mine: Path, theirs: Path) -> None:
    shutil.copyfile(Path(__file__).parent / "fixtures" / "schema-5.wbproj", theirs.with_name("bo.wbproj-wal"))
    before = sorted(p.name for p in theirs.parent.iterdir())
    with Project.open(mine) as project:
        plan = preview_merge(project, theirs)  # a -wal that is not even a WAL: never looked at
        assert plan.refused == []
    assert sorted(p.name for p in theirs.parent.iterdir()) == before  # no -shm, no -wal, no copy


def test_a_merge_leaves_no_copy_and_clears_stale_ones(mine: Path, theirs: Path, tmp_path: Path, monkeypatch) -> None:
    private = tmp_path / "tmp"  # not the machine's: other programs' merges come and go there
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    stale = Path(tempfile.mkdtemp(prefix=COPY_PREFIX))
    (stale / "project.wbproj").write_bytes(theirs.read_bytes())
    os.utime(stale, (time.time() - 2 * 3600, time.time() - 2 * 3600))  # left by a merge killed two hours ago
    fresh = Path(tempfile.mkdtemp(prefix=COPY_PREFIX))  # another merge, running now: left alone
    ours = set(Path(tempfile.gettempdir()).glob(f"{COPY_PREFIX}*")) - {stale}
    try:
        code, out, _, _ = run_cli("merge", "--project", str(mine), str(theirs))
        assert code == 0 and "bo.wbproj:" in out
        assert not stale.exists() and fresh.exists()
        assert set(Path(tempfile.gettempdir()).glob(f"{COPY_PREFIX}*")) == ours
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


# -- rows that cross from another file ------------------------------------------------------


def _force_null(table: str, column: str) -> Callable[[Path], None]:
    """A NULL in a NOT NULL column: the schema is edited, the row written, the schema put back."""

    def spoil(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()
        conn.close()
        loose = sql.replace(f"{column} TEXT NOT NULL", f"{column} TEXT", 1)
        edit = "UPDATE sqlite_master SET sql = {} WHERE name = " + _quote(table)
        tamper(path, edit.format(_quote(loose)), writable_schema=True)
        tamper(path, f"UPDATE {table} SET {column} = NULL")
        tamper(path, edit.format(_quote(sql)), writable_schema=True)

    return spoil


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _deep_json(levels: int) -> str:
    return "[" * levels + "]" * levels


ROW_ATTACKS: dict[str, tuple[Callable[[Path], None], str]] = {
    "highlight before the text": (lambda p: tamper(p, "UPDATE spans SET start = -5"), "outside the text"),
    "highlight beyond the text": (lambda p: tamper(p, 'UPDATE spans SET "end" = 1000000'), "outside the text"),
    "highlight whose quote is elsewhere": (
        lambda p: tamper(p, 'UPDATE spans SET start = start + 3, "end" = "end" + 3'),
        "its quote does not stand where it points",
    ),
    "highlight in a missing footnote": (lambda p: tamper(p, "UPDATE spans SET note_n = 99"), "footnote 99"),
    "highlight of a missing document": (
        lambda p: tamper(p, "UPDATE spans SET doc_id = 'nowhere'"),
        "its document does not exist",
    ),
    "dangling tag id": (
        lambda p: tamper(p, "UPDATE span_tags SET tag_id = 424242"),
        "a tag it carries does not exist",
    ),
    "NULL note text": (_force_null("spans", "note"), "its note is missing"),
    "tag that is its own parent": (lambda p: tamper(p, "UPDATE tags SET parent_id = id"), "its own parent"),
    "tag parent cycle": (
        lambda p: tamper(
            p,
            "INSERT INTO tags (id, uuid, parent_id, name, color, created, modified) "
            "VALUES (100, 'u100', 101, 'A', '#112233', '', ''), (101, 'u101', 100, 'B', '#112233', '', '')",
        ),
        "parents form a circle",
    ),
    "tag with a missing parent": (lambda p: tamper(p, "UPDATE tags SET parent_id = 5000"), "its parent tag does not"),
    "tag name with a slash": (lambda p: tamper(p, "UPDATE tags SET name = 'a/b'"), "its name has a “/”"),
    "unknown block kind": (lambda p: tamper(p, "UPDATE blocks SET kind = 'script' WHERE seq = 0"), "unknown kind"),
    "block beyond the text": (lambda p: tamper(p, 'UPDATE blocks SET "end" = 10000000 WHERE seq = 0'), "block"),
    "page beyond the text": (lambda p: tamper(p, "UPDATE pages SET start = 10000000"), "its page"),
    "footnote mark beyond the text": (lambda p: tamper(p, "UPDATE notes SET anchor = 10000000"), "footnote mark"),
    "metadata nested 100 levels": (
        lambda p: tamper(p, f"UPDATE documents SET metadata = '{_deep_json(100)}'"),
        "nested deeper than 64 levels",
    ),
    "metadata that is an array": (lambda p: tamper(p, "UPDATE documents SET metadata = '[]'"), "not a JSON object"),
    "text that is a blob": (lambda p: tamper(p, "UPDATE documents SET text = x'00ff'"), "its text is not text"),
    "NULL text": (_force_null("documents", "text"), "its text is missing"),
    "note (memo) without text": (_force_null("memos", "text"), "a note: its text is missing"),
}


@pytest.mark.parametrize("attack", list(ROW_ATTACKS))
def test_a_bad_row_from_a_colleague_is_refused_and_listed_never_written(
    tmp_path: Path, theirs: Path, attack: str
) -> None:
    mine = tmp_path / "mine.wbproj"
    with Project.open(mine, create=True) as project:
        import_sample(project)  # the same document, nothing else: all theirs would be new
    spoil, named = ROW_ATTACKS[attack]
    spoil(theirs)
    their_bytes = digest(theirs)
    code, out, stderr, _ = run_cli("merge", "--dry-run", "--project", str(mine), str(theirs))
    assert code == 0 and stderr == "", stderr
    assert any(line.startswith("refused: ") and named in line for line in out.splitlines()), out
    code, out, stderr, _ = run_cli("merge", "--project", str(mine), str(theirs))
    assert code == 0 and stderr == "" and named in out
    with Project.open(mine) as project:
        assert check(project.db) == []  # nothing unsound came in
        assert all(t.color.startswith("#") for t in load_tags(project.db))
    assert digest(theirs) == their_bytes


@pytest.mark.parametrize("metadata", ["{not json", _deep_json(100_000)])
def test_metadata_that_is_not_json_refuses_the_whole_file_in_one_line(mine: Path, metadata: str) -> None:
    """SQLite's index on the source URL cannot hold such a row: a file has it only from an older
    version (whose upgrade then fails) or with that index gone (which the schema check sees)."""
    old = mine.with_name("old.wbproj")
    shutil.copyfile(Path(__file__).parent / "fixtures" / "schema-6.wbproj", old)
    tamper(old, f"UPDATE documents SET metadata = {_quote(metadata)}")
    without_index = mine.with_name("no-index.wbproj")
    make_project(without_index)
    tamper(without_index, "DROP INDEX documents_url", "DROP INDEX documents_volume", "DROP TRIGGER document_titles_update",
           f"UPDATE documents SET metadata = {_quote(metadata)}")  # fmt: skip
    ours = content(mine)
    for theirs, said in ((old, "could not be upgraded to this version"), (without_index, "“documents_url” is missing")):
        before = digest(theirs)
        code, out, stderr, _ = run_cli("merge", "--dry-run", "--project", str(mine), str(theirs))
        assert code == 1 and out == "" and said in one_line_refusal(stderr)
        assert digest(theirs) == before
    assert content(mine) == ours


def test_a_forged_text_hash_does_not_place_their_highlights_in_our_text(tmp_path: Path, theirs: Path) -> None:
    mine = tmp_path / "mine.wbproj"
    with Project.open(mine, create=True) as project:
        import_sample(project)
        (ours_sha,) = project.db.execute("SELECT text_sha256 FROM documents").fetchone()
    # Their text is another one, with our hash and id forged: their offsets mean nothing here.
    tamper(theirs, "UPDATE documents SET text = 'Another text entirely: ' || text, text_sha256 = " + _quote(ours_sha))
    tamper(theirs, 'UPDATE spans SET start = start + 23, "end" = "end" + 23')
    with Project.open(mine) as project:
        plan = merge_project(project, theirs).value
        assert plan.existing.get("documents") is None  # not taken for ours: its hash is recomputed
        # Same source (URL): their highlight is found again by its words, not put at their offsets.
        assert any("another version of its text" in line for line in plan.conflicts)
        assert project.db.execute("SELECT quote FROM spans").fetchall() == [(QUOTE,)]
        assert check(project.db) == []  # its quote stands where it points, in our text


@pytest.mark.parametrize("color", ["red", "#abc", "red'><img src='/tmp/x.png'>"])
def test_a_colleagues_tag_colour_that_is_not_rrggbb_is_replaced(tmp_path: Path, theirs: Path, color: str) -> None:
    mine = tmp_path / "mine.wbproj"
    with Project.open(mine, create=True) as project:
        import_sample(project)
    tamper(theirs, f"UPDATE tags SET color = {_quote(color)}")
    with Project.open(mine) as project:
        plan = merge_project(project, theirs).value
        assert any("is not #rrggbb; it gets a colour here" in line for line in plan.refused)
        stored = [row[0] for row in project.db.execute("SELECT color FROM tags")]
        assert stored and all(c in PALETTE for c in stored)


def test_own_project_with_bad_colours_reads_palette_colours_and_refuses_new_ones(mine: Path) -> None:
    tamper(mine, "UPDATE tags SET color = 'red''><img src=''/tmp/x.png''>'")
    with Project.open(mine) as project:
        (tag,) = load_tags(project.db)
        assert tag.color in PALETTE
        with pytest.raises(OperationError, match="a tag colour is written #rrggbb"):
            set_tag_color(project, tag.id, "#abc")


# -- workbench check ------------------------------------------------------------------------


def test_check_finds_and_repairs_a_tag_circle(mine: Path) -> None:
    tamper(
        mine,
        "INSERT INTO tags (id, uuid, parent_id, name, color, created, modified) "
        "VALUES (100, 'u100', 101, 'A', '#112233', '', ''), (101, 'u101', 100, 'B', '#112233', '', '')",
    )
    code, out, _, _ = run_cli("check", "--project", str(mine))
    assert code == 1 and "tag: tag “A” is its own ancestor" in out and "tag “B”" in out
    code, out, _, _ = run_cli("check", "--repair", "--project", str(mine))
    assert "repaired: moved tag “A” to the top level" in out and code == 0, out
    with Project.open(mine) as project:
        tree = TagTree(load_tags(project.db))
        assert tree.path(TagId(101)) == "A/B"


def test_check_finds_a_damaged_search_table_and_repairs_it(mine: Path) -> None:
    tamper(mine, "UPDATE search_text_data SET block = x'0102030405' WHERE id > 10")
    code, out, _, _ = run_cli("check", "--project", str(mine))
    assert code == 1 and "index: the search index of documents does not match" in out
    code, out, _, _ = run_cli("check", "--repair", "--project", str(mine))
    assert code == 0 and "repaired: rebuilt the search indexes" in out
    code, out, _, _ = run_cli("search", "--project", str(mine), "balking")
    assert code == 0 and "balking" in out


@pytest.mark.parametrize(
    ("spoil", "found"),
    [
        ('UPDATE blocks SET "end" = 10000000 WHERE seq = 0', "a block at"),
        ("UPDATE pages SET start = 10000000", "a page at 10000000"),
        ("UPDATE notes SET anchor = 10000000", "a footnote mark at 10000000"),
        ('UPDATE spans SET "end" = 10000000', "a highlight at"),
    ],
)
def test_check_finds_parts_beyond_the_text(mine: Path, spoil: str, found: str) -> None:
    tamper(mine, spoil)
    code, out, _, _ = run_cli("check", "--project", str(mine))
    assert code == 1 and found in out and "lies outside its text" in out


def test_a_tag_circle_in_ones_own_project_does_not_hang_the_tree(mine: Path) -> None:
    tamper(mine, "UPDATE tags SET parent_id = id")
    with Project.open(mine) as project:
        tree = TagTree(load_tags(project.db))
        (tag,) = list(tree)
        assert tree.path(tag.id) == "Troops" and tree.subtree(tag.id) == {tag.id}
    code, out, _, _ = run_cli("tags", "--project", str(mine))
    assert code == 0 and "Troops" in out


# -- undo and other writers -----------------------------------------------------------------


def test_undo_keeps_another_windows_resize(mine: Path) -> None:
    with Project.open(mine) as a, Project.open(mine) as b:
        (span_id,) = (row[0] for row in a.db.execute("SELECT id FROM spans"))
        set_span_note(a, span_id, "A's second thought")
        (start, end) = b.db.execute('SELECT start, "end" FROM spans').fetchone()
        resize_span(b, span_id, start, end + 4)
        before = b.db.execute("SELECT * FROM spans").fetchall()
        with pytest.raises(OperationError, match=r"cannot be undone: another window or the command line has changed "
                                                 r"the same highlight since. Nothing was changed"):  # fmt: skip
            undo(a)
        assert a.db.execute("SELECT * FROM spans").fetchall() == before  # B's resize kept, A's note kept
        undo(b)  # B's own step still undoes
        assert b.db.execute('SELECT "end" FROM spans').fetchone()[0] == end


def test_undo_never_deletes_a_tag_another_window_made(mine: Path) -> None:
    with Project.open(mine) as a, Project.open(mine) as b:
        alpha = create_tag(a, "Alpha").value
        delete_tag(b, alpha)
        beta = create_tag(b, "Beta").value
        assert beta != alpha  # ids are never reused
        span = highlight(b, "Beta", "bo", quote="Thieu’s resignation")
        with pytest.raises(OperationError, match="cannot be undone"):
            undo(a)
        names = {t.name for t in load_tags(a.db)}
        assert "Beta" in names and "Alpha" not in names
        assert a.db.execute("SELECT count(*) FROM span_tags WHERE span_id = ?", [span]).fetchone()[0] == 1


def test_undo_and_redo_still_work_alone(mine: Path) -> None:
    with Project.open(mine) as project:
        tag = create_tag(project, "Alpha").value
        set_tag_color(project, tag, "#123456")
        undo(project)
        undo(project)
        assert "Alpha" not in {t.name for t in load_tags(project.db)}
        redo(project)
        assert "Alpha" in {t.name for t in load_tags(project.db)}


# -- figures ------------------------------------------------------------------------------


def test_every_hostile_project_ends_in_bounded_time(tmp_path: Path) -> None:
    """The slowest refusal of the lot, measured through the command line (where a hang would show)."""
    path = make_project(tmp_path / "p.wbproj")
    tamper(path, *SCHEMA_ATTACKS["an endless documents view"][0])
    code, _, stderr, seconds = run_cli("show", "--project", str(path), "1")
    assert code == 1 and "structure was changed" in one_line_refusal(stderr)
    assert seconds < TIMEOUT_S
    json.dumps({"seconds": seconds})  # (reported in the closing note)


def test_refusals_name_the_file(mine: Path) -> None:
    tamper(mine, "CREATE VIEW v AS SELECT 1")
    with pytest.raises(ProjectError) as refused:
        Project.open(mine)
    assert str(refused.value).startswith(str(mine))


def test_a_hostile_tag_is_harmless_in_the_model() -> None:
    tree = TagTree([Tag(TagId(1), "u", "A", "#ffffff", TagId(1)), Tag(TagId(2), "v", "B", "#ffffff", TagId(1))])
    assert [t.name for t in tree] == ["A", "B"] and tree.path(TagId(2)) == "A/B"
