"""Opening a project file: check it is ours and not from the future, migrate it, configure SQLite.

Everything a historian has done lives in this one SQLite file, so opening it is careful: a file
that is not a Workbench project or was written by a newer Workbench is refused *before* any
write (no migration, no WAL switch, not even the application id), and the message says which.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from workbench.storage import hardening, schema_check, undo_log, wal
from workbench.storage.backups import Copied, copy_database
from workbench.storage.errors import NewerProject, NotAProject, ProjectBusy, ProjectError
from workbench.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

#: The file extension of project files.
PROJECT_SUFFIX = ".wbproj"

_SQLITE_HEADER = b"SQLite format 3\x00"
_BUSY_TIMEOUT_MS = 5000


def _check_header(path: Path) -> None:
    if path.is_dir():
        raise NotAProject(path, "this is a folder, not a project file")
    with path.open("rb") as file:
        head = file.read(len(_SQLITE_HEADER))
    if head and head != _SQLITE_HEADER:
        raise NotAProject(path, "this is not a Workbench project (it is not an SQLite database)")


def _inspect(path: Path) -> tuple[int, int, bool]:
    """``(application_id, user_version, has_tables)`` read without writing anything; a schema that is
    not the one Workbench writes for that version is refused here, before anything of the file runs."""
    try:
        conn = hardening.read_only(path.resolve().as_uri())
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables and app_id == APPLICATION_ID and version <= SCHEMA_VERSION:
                schema_check.verify(conn, path, version)
        finally:
            conn.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise ProjectBusy(path, "another program holds the project locked; try again") from None
        raise NotAProject(path, f"the file cannot be read as a project ({error})") from None
    except sqlite3.DatabaseError as error:
        raise NotAProject(path, f"the file is damaged or not a database ({error})") from None
    return app_id, version, bool(tables)


def _refuse_foreign(path: Path) -> None:
    """Raise unless ``path`` is a Workbench project this version can read (or an empty file), with
    exactly the schema Workbench writes and no ``-wal`` from elsewhere beside it."""
    _check_header(path)
    wal.verify(path)
    app_id, version, has_tables = _inspect(path)
    if has_tables and app_id != APPLICATION_ID:
        raise NotAProject(path, "this SQLite database belongs to another program, not Workbench")
    if version > SCHEMA_VERSION:
        raise NewerProject(
            path,
            f"this project was saved by a newer version of Workbench (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION}). It was not changed.",
        )


@dataclass(frozen=True, slots=True)
class Upgrade:
    """What opening a project written by an older version will do: copy it aside as it was
    (``kept_as``), then migrate it. Known before opening (``pending_upgrade``), so that a window
    or the command line can say so before a large file takes seconds to copy."""

    path: Path
    version: int  # the schema the file has now
    size: int  # bytes to copy

    @property
    def kept_as(self) -> Path:
        return upgrade_copy(self.path, self.version)


def upgrade_copy(path: Path, version: int) -> Path:
    """Where the copy of a file as it was before an upgrade from ``version`` is kept."""
    return path.with_name(f"{path.name}.schema-{version}.bak")


def pending_upgrade(path: Path | str) -> Upgrade | None:
    """The upgrade ``Project.open(path)`` would make, or None (no file, today's schema, or not a
    project: ``open`` says which). Cheap, and it writes nothing, not even a ``-shm`` beside the
    file: the main file is read as it stands (``immutable``), its ``user_version`` and size. A
    ``-wal`` a crash left could only hold a later version, so at worst an upgrade is expected
    that ``open`` finds already done (the checks are ``open``'s)."""
    path = Path(path).expanduser()
    try:
        if not path.is_file():
            return None
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        hardening.harden(conn)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
    return Upgrade(path, version, pages * page_size) if 0 < version < SCHEMA_VERSION else None


#: Private copies of colleagues' files are made in folders named so; stale ones are removed.
COPY_PREFIX = "workbench-merge-"
_STALE_AFTER_S = 3600


def _remove_stale_copies() -> None:
    """Remove copies left by a merge that was killed (a ``finally`` cannot run after SIGKILL)."""
    now = time.time()
    for folder in Path(tempfile.gettempdir()).glob(f"{COPY_PREFIX}*"):
        try:
            if folder.is_dir() and not folder.is_symlink() and now - folder.stat().st_mtime > _STALE_AFTER_S:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _not_opened(path: Path, error: sqlite3.Error | OSError) -> ProjectError:
    """Why opening failed, in words: a full disk (the copy kept before an upgrade, or the upgrade
    itself), a lock, a damaged file, or the system's refusal (a folder not writable)."""
    if isinstance(error, OSError):
        return ProjectError(path, f"it could not be opened ({error.strerror or error}); it was not changed")
    if "full" in str(error):
        return ProjectError(path, f"there is no room left on the disk to open it ({error}); it was not changed")
    if isinstance(error, sqlite3.OperationalError):
        return ProjectBusy(path, f"the project cannot be opened for writing ({error})")
    return NotAProject(path, f"the file is damaged or not a database ({error})")


class Project:
    """An open project file. ``db`` is the sqlite-utils database the storage modules work on."""

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db
        self._wal_salts: str | None = None

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, upgrading: Copied | None = None) -> Project:
        """Open the project at ``path`` (creating it if ``create``), migrated to today's schema.

        A file from an older version is first copied aside as it was (``upgrade_copy``), which
        takes seconds for a large one: ``upgrading(pages copied, pages in all)`` is told after
        each step of that copy (``pending_upgrade`` says beforehand whether there will be one).
        It is called on the thread that opens, after the file has passed every check.

        Raises ``ProjectError`` (with a message for the user) and leaves the file untouched when
        it is not a project, is damaged, or comes from a newer version.
        """
        path = Path(path).expanduser()
        if path.exists():
            _refuse_foreign(path)
        elif not create:
            raise ProjectError(path, "no project file here")
        elif not path.parent.is_dir():
            raise ProjectError(path, f"the folder {path.parent} does not exist")
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            hardening.harden(conn)
            db = Database(conn)
            db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            schema_check.verify(conn, path, version)  # again on this connection: the file may have changed
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.enable_wal()
            # Written only when missing: a write, even of the same value, is a change every other
            # window sees (``PRAGMA data_version``), and `workbench list` must look like a read.
            if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            if 0 < version < SCHEMA_VERSION:  # an upgrade: first a copy of the file as it was
                copy_database(conn, upgrade_copy(path, version), copied=upgrading)
            if version < SCHEMA_VERSION:
                # Foreign keys are off while migrating (set outside the transaction, as SQLite requires):
                # a migration that rebuilds a table must not cascade its old rows' deletion.
                db.execute("PRAGMA foreign_keys = OFF")
                try:
                    with db.atomic():  # every pending migration in one transaction: all of them, or none
                        MIGRATIONS.apply(db)
                except sqlite3.DatabaseError as error:
                    if "locked" in str(error) or "busy" in str(error) or "full" in str(error):
                        raise
                    problem = f"it could not be upgraded to this version ({error}); it was not changed"
                    raise NotAProject(path, problem) from None
            db.execute("PRAGMA foreign_keys = ON")
            undo_log.install(db)
        except (ProjectError, sqlite3.Error, OSError) as error:
            if conn is not None:
                conn.close()
            if isinstance(error, ProjectError):
                raise
            raise _not_opened(path, error) from None
        project = cls(path, db)
        project._record_wal()
        return project

    @classmethod
    @contextmanager
    def open_copy(cls, path: Path | str) -> Iterator[Project]:
        """Someone else's project, read through a private copy (upgraded there if it is older).

        Only their main file is copied, byte for byte: SQLite never opens their file, so nothing
        of it runs, no ``-wal`` beside it is read (Workbench checkpoints a project when it closes,
        so a closed project is whole in its main file), nothing is written next to it (it may sit
        in a read-only folder, or still be open in their Workbench). The copy is checked like any
        project before it is opened, read hardened (``hardening``), and removed afterwards; a
        copy left by a killed merge is removed the next time.
        """
        path = Path(path).expanduser()
        if not path.is_file():
            raise ProjectError(path, "no project file here")
        _check_header(path)
        _remove_stale_copies()
        with tempfile.TemporaryDirectory(prefix=COPY_PREFIX) as folder:
            copy = Path(folder) / "project.wbproj"
            try:
                shutil.copyfile(path, copy)
            except OSError as error:
                raise ProjectError(path, f"the file cannot be read ({error.strerror})") from None
            try:
                _refuse_foreign(copy)
                project = cls.open(copy)
            except ProjectError as error:
                raise type(error)(path, error.problem) from None
            with project:
                yield project

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic change: all of it is on disk when the block ends, or none of it.

        It takes the write lock at once (``BEGIN IMMEDIATE``), waiting up to the busy timeout for
        another process to finish. A deferred ``BEGIN`` would read first and fail at its first
        write, without waiting, if another process had written meanwhile (WAL keeps snapshots).
        Inside a transaction, a nested one is a savepoint. One that changed anything also counts
        itself in ``edit_count``: what a backup compares to know whether there is anything new.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            before = conn.total_changes
            yield self.db
            if conn.total_changes != before:
                conn.execute("UPDATE edit_count SET edits = edits + 1")
            conn.execute("COMMIT")  # may fail (the disk is full): SQLite then keeps the transaction open
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self._record_wal()

    def _record_wal(self) -> None:
        """Note which ``-wal`` this commit went into, so a reopen after a crash trusts it (``wal``)."""
        self._wal_salts = wal.record(self.path, self._wal_salts)

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        """Close, with the log checkpointed into the main file first: a project at rest is that one file."""
        with contextlib.suppress(sqlite3.Error):  # another process is writing: the last to close checkpoints
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        self.db.close()
        wal.forget(self.path)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
