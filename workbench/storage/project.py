"""Opening a project file: check it is ours and not from the future, migrate it, configure SQLite.

Everything a historian has done lives in this one SQLite file, so opening it is careful: a file
that is not a Workbench project or was written by a newer Workbench is refused *before* any
write (no migration, no WAL switch, not even the application id), and the message says which.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from workbench.storage import undo_log
from workbench.storage.backups import copy_database
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
    """``(application_id, user_version, has_tables)`` read without writing anything."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
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
    """Raise unless ``path`` is a Workbench project this version can read (or an empty file)."""
    _check_header(path)
    app_id, version, has_tables = _inspect(path)
    if has_tables and app_id != APPLICATION_ID:
        raise NotAProject(path, "this SQLite database belongs to another program, not Workbench")
    if version > SCHEMA_VERSION:
        raise NewerProject(
            path,
            f"this project was saved by a newer version of Workbench (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION}). It was not changed.",
        )


class Project:
    """An open project file. ``db`` is the sqlite-utils database the storage modules work on."""

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False) -> Project:
        """Open the project at ``path`` (creating it if ``create``), migrated to today's schema.

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
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db = Database(conn)
            db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys = ON")
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.enable_wal()
            # Written only when missing: a write, even of the same value, is a change every other
            # window sees (``PRAGMA data_version``), and `workbench list` must look like a read.
            if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if 0 < version < SCHEMA_VERSION:  # an upgrade: first a copy of the file as it was
                copy_database(conn, path.with_name(f"{path.name}.schema-{version}.bak"))
            if version < SCHEMA_VERSION:
                with db.atomic():  # every pending migration in one transaction: all of them, or none
                    MIGRATIONS.apply(db)
            undo_log.install(db)
        except sqlite3.OperationalError as error:
            raise ProjectBusy(path, f"the project cannot be opened for writing ({error})") from None
        except sqlite3.DatabaseError as error:
            raise NotAProject(path, f"the file is damaged or not a database ({error})") from None
        return cls(path, db)

    @classmethod
    @contextmanager
    def open_copy(cls, path: Path | str) -> Iterator[Project]:
        """Someone else's project, read through a private copy (upgraded there if it is older).

        Their file is never written, not even to switch it to WAL: it may sit on a read-only
        share, or still be open in their Workbench.
        """
        path = Path(path).expanduser()
        if not path.is_file():
            raise ProjectError(path, "no project file here")
        _refuse_foreign(path)
        with tempfile.TemporaryDirectory(prefix="workbench-") as folder:
            copy = Path(folder) / path.name
            try:
                source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
                try:
                    copy_database(source, copy)
                finally:
                    source.close()
            except sqlite3.DatabaseError as error:
                raise NotAProject(path, f"the file cannot be read as a project ({error})") from None
            with cls.open(copy) as project:
                yield project

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic change: all of it is on disk when the block ends, or none of it.

        It takes the write lock at once (``BEGIN IMMEDIATE``), waiting up to the busy timeout for
        another process to finish. A deferred ``BEGIN`` would read first and fail at its first
        write, without waiting, if another process had written meanwhile (WAL keeps snapshots).
        Inside a transaction, a nested one is a savepoint.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
