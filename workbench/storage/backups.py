"""Backups of a project file, taken with SQLite's backup API (consistent even while the file is in use).

- Before a migration, a copy named for the schema it had is written next to the file
  (``Project.wbproj.schema-2.bak``): an upgrade can always be undone by hand.
- A rotating set in ``Project.wbproj.backups/``: one when the project is opened and one every
  so often while it is in use. ``restore`` puts one back, after backing up the present state,
  so a restore can itself be undone.

The policy of the rotating set, so that backups neither freeze the window nor fill the disk:

- **Only when something changed.** Every transaction that changes the project counts itself in
  the file (``edit_count``, see ``Project.transaction``); a backup holds the count it copied. A
  backup is skipped when the project's count equals the newest backup's: opening an unchanged
  100,000-document project, or leaving it open over lunch, writes nothing. (File times would
  change on a mere checkpoint and say nothing of content.)
- **In the background, not blocking writers.** The copy is made with SQLite's online backup API
  on a connection (and, in the window, a thread) of its own: it reads one consistent snapshot
  while the window goes on writing (WAL mode), Python lets other threads run while SQLite
  copies, and it is written to disk in steps, so that the window's commits do not wait behind a
  gigabyte of unflushed copy (``copy_database``). A copy is written to ``.partial`` and renamed
  when whole.
- **Thinned.** Kept: the newest ``KEEP`` whatever their age; then the newest of each hour for
  the last day, of each day for the last week, of each week for the last eight weeks. Older
  ones go.
- **Bounded.** The whole set takes at most ``DISK_SHARE`` (a fifth) of the space it could have
  (the disk's free space plus the set itself) and at most ``MAX_TOTAL_BYTES``: the oldest go
  first, but the newest is always kept. A backup that would leave less than ``RESERVE_BYTES``
  free is not written (``NoRoomForBackup``), after the old ones the bound allows to go have gone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

#: The newest backups kept whatever their age.
KEEP = 3
#: (for backups younger than this, keep the newest of each such period)
TIERS = (
    (timedelta(days=1), timedelta(hours=1)),
    (timedelta(days=7), timedelta(days=1)),
    (timedelta(weeks=8), timedelta(weeks=1)),
)
DISK_SHARE = 0.2
MAX_TOTAL_BYTES = 20 * 2**30
RESERVE_BYTES = 512 * 2**20

_STAMP = "%Y%m%dT%H%M%S%fZ"


class NoRoomForBackup(OSError):
    """The disk has too little free space for another copy of the project; nothing was written."""


def backup_folder(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".backups")


#: Pages copied in one step of the backup (16 MB of 4 KB pages); each step's writes are flushed.
STEP_PAGES = 4096

#: Told after each step of a copy: ``(pages copied, pages in all)``; the last call has them equal.
Copied = Callable[[int, int], None]


def copy_database(source: sqlite3.Connection, target: Path, *, copied: Copied | None = None) -> Path:
    """Write ``source`` whole to ``target`` (a new file), with the backup API.

    The copy reads one snapshot: a read transaction is held on ``source`` from the first step to
    the last, so writes by other connections meanwhile (the window, on its own connection) neither
    reach the copy nor make it start over. It goes in steps of ``STEP_PAGES``, each written to
    disk before the next (``fsync``): a gigabyte left for the system to flush at once made every
    commit meanwhile wait behind it (measured on a 1.7 GB project: a note took up to 430 ms to
    save during a backup copied in one step, 65–210 ms in flushed steps). ``copied`` is told
    after each step, once it is on disk (a progress bar; the copy before an upgrade).

    The copy is written to ``.partial`` and renamed when whole; a copy that fails (a full disk,
    or ``copied`` raised) removes its ``.partial``: a half-made copy is never left behind.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    destination = sqlite3.connect(partial)
    snapshot = not source.in_transaction
    try:
        if snapshot:
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read starts here
        written = os.open(partial, os.O_RDONLY)

        def step(_status: int, remaining: int, total: int) -> None:
            os.fsync(written)
            if copied is not None:
                copied(total - remaining, total)

        try:
            source.backup(destination, pages=STEP_PAGES, progress=step)
        finally:
            os.close(written)
        # A copy is one file that stays one file: in WAL mode, merely reading it would make
        # -wal and -shm files beside it.
        destination.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        destination.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        destination.close()
        if snapshot and source.in_transaction:
            source.execute("COMMIT")
    partial.replace(target)  # a backup is either whole or absent
    return target


def edits(connection: sqlite3.Connection) -> int | None:
    """How many changing transactions the project (or backup) has seen; None before schema 12."""
    try:
        row = connection.execute("SELECT edits FROM edit_count").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


@dataclass(frozen=True, slots=True)
class Stored:
    """A backup file of the set, as the policy sees it."""

    path: Path
    taken: datetime
    size: int


def _stored(project_path: Path) -> list[Stored]:
    found = []
    for path in backup_folder(project_path).glob("*.wbproj"):
        try:
            taken = datetime.strptime(path.stem.partition("-")[0], _STAMP).replace(tzinfo=UTC)
            found.append(Stored(path, taken, path.stat().st_size))
        except (ValueError, OSError):
            continue  # not one of ours: never removed
    return sorted(found, key=lambda s: s.taken, reverse=True)


def to_remove(stored: Iterable[Stored], now: datetime, budget: int) -> list[Path]:
    """The backups the policy lets go (thinned by age, then the oldest until the set fits ``budget``)."""
    newest_first = sorted(stored, key=lambda s: s.taken, reverse=True)
    keep = set(newest_first[:KEEP])
    periods_seen: set[tuple[timedelta, int]] = set()
    for backup in newest_first:
        age = now - backup.taken
        for within, period in TIERS:
            if age <= within:
                bucket = (period, int(backup.taken.timestamp() // period.total_seconds()))
                if bucket not in periods_seen:
                    periods_seen.add(bucket)
                    keep.add(backup)
                break
    kept = [b for b in newest_first if b in keep]
    total = sum(b.size for b in kept)
    while len(kept) > 1 and total > budget:
        total -= kept.pop().size
    return [b.path for b in newest_first if b not in kept]


def budget(project_path: Path, stored: list[Stored]) -> int:
    """The bytes the whole set may take: a share of the space it could have, and no more than the cap."""
    free = shutil.disk_usage(backup_folder(project_path)).free
    return min(MAX_TOTAL_BYTES, int(DISK_SHARE * (free + sum(s.size for s in stored))))


def _thin(project_path: Path, now: datetime) -> None:
    stored = _stored(project_path)
    for path in to_remove(stored, now, budget(project_path, stored)):
        path.unlink(missing_ok=True)


def _database_bytes(connection: sqlite3.Connection) -> int:
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    return pages * connection.execute("PRAGMA page_size").fetchone()[0]


def _unchanged_since_newest(connection: sqlite3.Connection, project_path: Path) -> bool:
    stored = _stored(project_path)
    if not stored:
        return False
    count = edits(connection)
    try:
        newest = sqlite3.connect(_unchanging(stored[0].path), uri=True)
        try:
            return count is not None and edits(newest) == count
        finally:
            newest.close()
    except sqlite3.Error:
        return False  # the newest is damaged: take a good one


def take(
    connection: sqlite3.Connection, project_path: Path, reason: str, *, only_if_changed: bool = False
) -> Path | None:
    """A backup into the rotating set, thinned and bounded afterwards (see the module's policy).

    ``only_if_changed``: nothing is written (None) when the project has not changed since the
    newest backup. Raises ``NoRoomForBackup`` rather than fill the disk.
    """
    folder = backup_folder(project_path)
    folder.mkdir(parents=True, exist_ok=True)
    if only_if_changed and _unchanged_since_newest(connection, project_path):
        return None
    for partial in folder.glob("*.partial"):  # a copy a crash left half-written
        partial.unlink(missing_ok=True)
    now = datetime.now(UTC)
    needed = _database_bytes(connection) + RESERVE_BYTES
    if shutil.disk_usage(folder).free < needed:
        _thin(project_path, now)
        free = shutil.disk_usage(folder).free
        if free < needed:
            raise NoRoomForBackup(  # (no errno: its "[Errno 28]" would lead the window's message)
                f"not enough free disk space for a backup ({free // 2**20} MB free, {needed // 2**20} MB needed)"
            )
    path = copy_database(connection, folder / f"{now.strftime(_STAMP)}-{reason}.wbproj")
    _thin(project_path, now)
    return path


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken: datetime
    reason: str
    documents: int
    highlights: int
    tags: int


def _unchanging(backup: Path) -> str:
    """The URI that reads a backup as the file it is (nothing changes a backup): no lock, and
    no -wal or -shm file left beside it, even for a backup written in WAL mode by an older version."""
    return f"{backup.resolve().as_uri()}?mode=ro&immutable=1"


def list_backups(project_path: Path) -> list[Backup]:
    """The rotating set, newest first, each with what it holds."""
    found = []
    for path in sorted(backup_folder(project_path).glob("*.wbproj"), reverse=True):
        stamp, _, reason = path.stem.partition("-")
        try:
            taken = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
            conn = sqlite3.connect(_unchanging(path), uri=True)
            try:
                counts = [conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                          for table in ("documents", "spans", "tags")]  # fmt: skip
            finally:
                conn.close()
        except (ValueError, sqlite3.Error):
            continue  # not one of ours, or damaged: not offered
        found.append(Backup(path, taken, reason, *counts))
    return found


def restore(backup: Path, project_path: Path) -> None:
    """Put ``backup`` in place of the project (close the project first); the present state is kept
    as a backup of its own, taken before.

    The chosen backup is linked (or copied) aside first, not read into memory (a project may be
    a gigabyte): the backup of the present state thins the set, and may remove the very file
    being restored. The restored project's edit count goes on from the present one's, so that it
    never equals a backup's count while holding other content.
    """
    aside = backup_folder(project_path) / "restoring.tmp"
    aside.unlink(missing_ok=True)
    try:
        os.link(backup, aside)
    except OSError:
        shutil.copyfile(backup, aside)
    try:
        present = sqlite3.connect(project_path)
        try:
            take(present, project_path, "before-restore")
            count = edits(present)
            chosen = sqlite3.connect(_unchanging(aside), uri=True)
            try:
                chosen.backup(present)
            finally:
                chosen.close()
            if count is not None and edits(present) is not None:
                with present:
                    present.execute("UPDATE edit_count SET edits = ?", [count + 1])
        finally:
            present.close()
    finally:
        aside.unlink(missing_ok=True)
