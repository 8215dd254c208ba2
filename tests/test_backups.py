"""The rotating backups: only when something changed, thinned and bounded, consistent while written to."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workbench.ops.memos import create_memo
from workbench.sample import import_sample
from workbench.storage import Project, backups
from workbench.storage.backups import KEEP, Stored, to_remove


def test_no_backup_when_nothing_changed_even_in_another_session(project: Project) -> None:
    import_sample(project)
    first = backups.take(project.db.conn, project.path, "opened", only_if_changed=True)
    assert first is not None
    assert backups.take(project.db.conn, project.path, "in-use", only_if_changed=True) is None
    project.db.execute("SELECT count(*) FROM documents").fetchone()  # a read is no change
    assert backups.take(project.db.conn, project.path, "in-use", only_if_changed=True) is None
    create_memo(project, "Questions", "Who drafted it?")
    assert backups.take(project.db.conn, project.path, "in-use", only_if_changed=True) is not None
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert backups.take(again.db.conn, again.path, "opened", only_if_changed=True) is None
    assert len(backups.list_backups(path)) == 2


def test_a_restored_project_that_changes_is_backed_up_again(project: Project) -> None:
    import_sample(project)
    old = backups.take(project.db.conn, project.path, "opened")
    create_memo(project, "One", "")
    path = project.path
    project.close()
    backups.restore(old, path)
    with Project.open(path) as restored:
        assert restored.db["memos"].count == 0
        create_memo(restored, "Another", "")  # the same number of changes as the state before the restore
        assert backups.take(restored.db.conn, path, "in-use", only_if_changed=True) is not None


def stored(hours_ago: float, size: int = 10, now: datetime = datetime(2026, 1, 31, 12, tzinfo=UTC)) -> Stored:
    taken = now - timedelta(hours=hours_ago)
    return Stored(Path(f"{taken:%Y%m%dT%H%M%S}.wbproj"), taken, size)


def test_old_backups_are_thinned_hourly_for_a_day_daily_for_a_week_weekly_for_eight() -> None:
    now = datetime(2026, 1, 31, 12, tzinfo=UTC)
    every_ten_minutes_for_ten_weeks = [stored(h / 6) for h in range(6 * 24 * 70)]
    removed = set(to_remove(every_ten_minutes_for_ten_weeks, now, budget=10**12))
    kept = [s for s in every_ten_minutes_for_ten_weeks if s.path not in removed]
    assert kept[:KEEP] == every_ten_minutes_for_ten_weeks[:KEEP]  # the newest, whatever their age
    ages = [(now - s.taken) for s in kept]
    assert sum(age <= timedelta(days=1) for age in ages) <= KEEP + 25
    assert sum(timedelta(days=1) < age <= timedelta(days=7) for age in ages) <= 7
    assert sum(timedelta(days=7) < age <= timedelta(weeks=8) for age in ages) <= 8
    assert max(ages) <= timedelta(weeks=8) and len(kept) < 50


def test_the_set_never_takes_more_than_its_budget_but_keeps_the_newest() -> None:
    now = datetime(2026, 1, 31, 12, tzinfo=UTC)
    recent = [stored(h, size=100) for h in range(5)]
    assert len(to_remove(recent, now, budget=250)) == 3  # two fit
    assert to_remove(recent, now, budget=10) == [s.path for s in recent[1:]]  # not even one fits: the newest stays


def test_taking_a_backup_keeps_the_set_within_its_bound(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import_sample(project)
    size = backups.take(project.db.conn, project.path, "opened").stat().st_size
    monkeypatch.setattr(backups, "MAX_TOTAL_BYTES", int(2.5 * size))
    for n in range(4):
        create_memo(project, f"Note {n}", "")
        backups.take(project.db.conn, project.path, "in-use", only_if_changed=True)
    listed = backups.list_backups(project.path)
    assert len(listed) == 2 and sum(b.path.stat().st_size for b in listed) <= 2.5 * size
    assert backups.edits(sqlite3.connect(listed[0].path)) == backups.edits(project.db.conn)  # the newest is kept


def test_no_backup_is_written_where_it_would_fill_the_disk(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import_sample(project)
    monkeypatch.setattr(backups, "RESERVE_BYTES", 2**62)
    with pytest.raises(backups.NoRoomForBackup) as refused:
        backups.take(project.db.conn, project.path, "opened")
    assert str(refused.value).startswith("not enough free disk space for a backup (")
    assert list(backups.backup_folder(project.path).iterdir()) == []


def test_a_backup_taken_while_another_connection_writes_is_one_consistent_state(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer adds pairs of notes, each pair in one transaction; every backup holds whole pairs,
    though copied two pages at a time while the writer goes on."""
    monkeypatch.setattr(backups, "STEP_PAGES", 2)
    import_sample(project)
    path, stop = project.path, threading.Event()
    written = []

    def write() -> None:
        with Project.open(path) as writer:
            n = 0
            while (not stop.is_set() or n < 20) and n < 3000:  # (a copy that starts over would never end)
                with writer.transaction() as db:
                    for half in ("a", "b"):
                        db.execute("INSERT INTO memos (uuid, title, created, modified) VALUES (?, ?, '', '')",
                                   [f"{n}{half}", f"pair {n}"])  # fmt: skip
                n += 1
            written.append(n)

    thread = threading.Thread(target=write)
    thread.start()
    taken = []
    try:
        for _ in range(5):
            source = sqlite3.connect(path)
            try:
                taken.append(backups.take(source, path, "in-use"))
            finally:
                source.close()
    finally:
        stop.set()
        thread.join()
    assert written and 20 <= written[0] < 3000  # the copies were made while the writer wrote
    for backup in {p for p in taken if p is not None and p.exists()}:
        conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro&immutable=1", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        pairs = conn.execute("SELECT title, count(*) FROM memos GROUP BY title").fetchall()
        assert all(count == 2 for _, count in pairs), pairs
        conn.close()
