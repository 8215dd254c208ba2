"""Comparing a project file's schema with the one Workbench writes for its version, before anything runs.

SQLite keeps a file's triggers and views and runs them on its own: a crafted project carrying
``AFTER INSERT ON spans … DELETE FROM spans`` would do that on the next highlight, and a
``documents`` view over an endless query would hang the first list. So before a file is used
(opened, migrated, merged), every table, index, trigger and view in its ``sqlite_master`` is
compared with what the migrations make for the file's ``user_version`` (built once per version in
memory, by the same migrations), and anything extra, missing or different is refused in one line.
Reading ``sqlite_master`` runs nothing of the file's.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from workbench.storage.errors import ProjectError
from workbench.storage.schema import migrations_up_to, step_names

#: Statistics tables SQLite itself may add (``ANALYZE``, ``PRAGMA optimize``): they hold no code.
_TOLERATED = {"sqlite_stat1", "sqlite_stat4"}

_SPACE = re.compile(r"\s+")

Schema = dict[tuple[str, str], tuple[str, str]]  # (type, name) → (table, SQL with spaces folded)


class ForeignSchema(ProjectError):
    """The file's structure is not the one Workbench wrote; nothing was run or written."""


def _schema(conn: sqlite3.Connection) -> Schema:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(kind, name): (table, _SPACE.sub(" ", sql or "").strip()) for kind, name, table, sql in rows
            if name not in _TOLERATED}  # fmt: skip


@functools.cache
def expected_schema(version: int) -> Schema:
    """What the first ``version`` migrations make, in an empty database (nothing at all for 0)."""
    if not version:
        return {}
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(conn)
        with db.atomic():
            migrations_up_to(version).apply(db)
        return _schema(conn)
    finally:
        conn.close()


def _difference(found: Schema, expected: Schema) -> str | None:
    for key in sorted(found.keys() - expected.keys()):
        article = "an" if key[0][0] in "aeiou" else "a"
        return f"{article} {key[0]} “{key[1]}” on {found[key][0]} that Workbench did not write"
    for key in sorted(expected.keys() - found.keys()):
        return f"its {key[0]} “{key[1]}” is missing"
    for key in sorted(found.keys() & expected.keys()):
        if found[key] != expected[key]:
            return f"its {key[0]} “{key[1]}” has been changed"
    return None


def verify(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Raise ``ForeignSchema`` unless ``conn``'s schema is exactly what Workbench writes at ``version``."""
    problem = _difference(_schema(conn), expected_schema(version))
    if problem is None and version:
        applied = conn.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
        if sorted(applied) != sorted(("workbench", name) for name in step_names(version)):
            problem = "its record of applied migrations does not match its version"
    if problem:
        raise ForeignSchema(
            path, f"this project's structure was changed outside Workbench ({problem}); it was not opened or changed"
        )
