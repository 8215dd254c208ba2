"""Backups of a project file, taken with SQLite's backup API (consistent even while the file is in use).

- Before a migration, a copy named for the schema it had is written next to the file
  (``Project.wbproj.schema-2.bak``): an upgrade can always be undone by hand.
- A rotating set in ``Project.wbproj.backups/``: one when the project is opened and one every
  so often while it is in use; the newest ``KEEP`` are kept. ``restore`` puts one back, after
  backing up the present state, so a restore can itself be undone.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

KEEP = 12


def backup_folder(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".backups")


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Write ``source`` whole to ``target`` (a new file), with the backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)
        # A copy is one file that stays one file: in WAL mode, merely reading it would make
        # -wal and -shm files beside it.
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()
    partial.replace(target)  # a backup is either whole or absent
    return target


def take(connection: sqlite3.Connection, project_path: Path, reason: str) -> Path:
    """A backup into the rotating set; the oldest beyond ``KEEP`` are removed."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = copy_database(connection, backup_folder(project_path) / f"{stamp}-{reason}.wbproj")
    for old in sorted(backup_folder(project_path).glob("*.wbproj"))[:-KEEP]:
        old.unlink(missing_ok=True)
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
            taken = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
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

    The chosen backup is read into memory first: the backup of the present state rotates the set,
    and may remove the very file being restored.
    """
    chosen = sqlite3.connect(":memory:")
    source = sqlite3.connect(_unchanging(backup), uri=True)
    try:
        source.backup(chosen)
    finally:
        source.close()
    present = sqlite3.connect(project_path)
    try:
        take(present, project_path, "before-restore")
        chosen.backup(present)
    finally:
        present.close()
        chosen.close()
