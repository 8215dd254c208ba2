"""Opening a project written by an older version: the copy kept as it was reports its progress,
is known beforehand (``pending_upgrade``), never stays half-made, and the command line says so."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench import cli
from workbench.storage import Project, ProjectError, backups, list_documents, pending_upgrade
from workbench.storage.schema import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """A real schema-11 project (four documents), copied to a temp folder."""
    path = tmp_path / "old.wbproj"
    shutil.copyfile(FIXTURES / "schema-11.wbproj", path)
    return path


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 250 KB fixture copied in steps of 8 pages, as a large file is in steps of 16 MB."""
    monkeypatch.setattr(backups, "STEP_PAGES", 8)


def _pragma(path: Path, name: str) -> int:
    """A number the file holds, read without writing anything beside it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def pages(path: Path) -> int:
    return _pragma(path, "page_count")


def schema_of(path: Path) -> int:
    return _pragma(path, "user_version")


def test_the_upgrade_is_known_before_opening_without_writing(old: Path) -> None:
    before = old.read_bytes()
    upgrade = pending_upgrade(old)
    assert upgrade is not None and (upgrade.version, upgrade.size) == (11, old.stat().st_size)
    assert upgrade.kept_as == old.with_name("old.wbproj.schema-11.bak")
    assert old.read_bytes() == before and sorted(p.name for p in old.parent.iterdir()) == ["old.wbproj"]
    Project.open(old).close()
    assert pending_upgrade(old) is None  # upgraded: nothing more to do


def test_nothing_to_upgrade_in_a_new_project_a_foreign_file_or_no_file(tmp_path: Path) -> None:
    Project.open(tmp_path / "new.wbproj", create=True).close()
    (tmp_path / "notes.txt").write_text("not a database")
    assert [pending_upgrade(tmp_path / name) for name in ("new.wbproj", "notes.txt", "gone.wbproj")] == [None] * 3
    assert pending_upgrade(tmp_path) is None  # a folder


def test_the_copy_before_an_upgrade_reports_each_step_up_to_the_whole(old: Path, small_steps: None) -> None:
    reported: list[tuple[int, int]] = []
    with Project.open(old, upgrading=lambda done, total: reported.append((done, total))) as project:
        assert project.schema_version == SCHEMA_VERSION
        assert len(list_documents(project.db)) == 4
    kept = old.with_name("old.wbproj.schema-11.bak")
    total = pages(kept)
    done = [d for d, _ in reported]
    assert len(reported) == -(-total // 8)  # one report per step of 8 pages
    assert done == sorted(set(done)) and done[0] == 8 and done[-1] == total  # rising, to the whole
    assert {t for _, t in reported} == {total}
    assert schema_of(kept) == 11


def test_a_project_of_todays_schema_reports_nothing(tmp_path: Path) -> None:
    Project.open(tmp_path / "p.wbproj", create=True).close()
    reported: list[tuple[int, int]] = []
    Project.open(tmp_path / "p.wbproj", upgrading=lambda *step: reported.append(step)).close()
    assert reported == [] and not list(tmp_path.glob("*.bak"))


def test_a_copy_that_fails_half_way_leaves_neither_a_partial_copy_nor_an_upgrade(old: Path, small_steps: None) -> None:
    def disk_full(done: int, total: int) -> None:
        if done >= 24:
            raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(ProjectError, match="disk is full"):
        Project.open(old, upgrading=disk_full)
    assert sorted(p.name for p in old.parent.glob("old.wbproj*") if not p.name.endswith(("-wal", "-shm"))) == [
        "old.wbproj"
    ]  # no .partial, no .bak
    assert schema_of(old) == 11
    with Project.open(old) as project:  # the next opening upgrades it whole
        assert project.schema_version == SCHEMA_VERSION and len(list_documents(project.db)) == 4
    assert schema_of(old.with_name("old.wbproj.schema-11.bak")) == 11


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_says_in_one_line_that_a_large_file_is_upgraded_and_where_the_copy_is(
    old: Path, small_steps: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "ANNOUNCED_UPGRADE_BYTES", 100_000)  # the 250 KB fixture counts as large
    code, out, err = run(capsys, "list", "--project", str(old))
    kept = old.with_name("old.wbproj.schema-11.bak")
    assert code == 0 and len(out.splitlines()) == 4  # the four documents
    assert err.splitlines() == [
        "workbench: upgrading old.wbproj (0 MB) to this version of Workbench; "
        f"a copy of the file as it was is kept as {kept}"
    ]
    assert schema_of(kept) == 11
    assert run(capsys, "list", "--project", str(old))[2] == ""  # upgraded once: nothing more to say


def test_the_command_line_says_nothing_of_a_small_upgrade(old: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--project", str(old))
    assert code == 0 and len(out.splitlines()) == 4 and err == ""
    assert schema_of(old) == SCHEMA_VERSION


def test_the_command_line_says_nothing_of_an_upgrade_it_refuses(
    old: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(old)
    conn.execute("CREATE TRIGGER loop AFTER UPDATE ON spans BEGIN UPDATE spans SET note = note || 'x'; END")
    conn.commit()
    conn.close()
    monkeypatch.setattr(cli, "ANNOUNCED_UPGRADE_BYTES", 0)
    code, _, err = run(capsys, "list", "--project", str(old))
    assert code == 1 and len(err.splitlines()) == 1 and "upgrading" not in err
    assert not old.with_name("old.wbproj.schema-11.bak").exists()


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (sqlite3.OperationalError("database or disk is full"), "no room left on the disk"),
        (OSError(28, "No space left on device"), r"could not be opened \(No space left on device\)"),
    ],
)
def test_a_full_disk_during_the_upgrade_copy_is_said_in_words_and_changes_nothing(
    old: Path, small_steps: None, monkeypatch: pytest.MonkeyPatch, failure: Exception, said: str
) -> None:
    """Not "cannot be opened for writing" (a lock), nor a traceback for the system's own error."""
    closed: list[bool] = []
    connect = sqlite3.connect

    class Watched(sqlite3.Connection):
        def close(self) -> None:
            closed.append(True)
            super().close()

    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, **k, factory=Watched))

    def fails(done: int, total: int) -> None:
        raise failure

    with pytest.raises(ProjectError, match=said):
        Project.open(old, upgrading=fails)
    assert closed and schema_of(old) == 11
