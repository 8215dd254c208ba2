"""Typed access to a project's tables.

sqlite-utils types ``db[name]`` as ``Table | View`` (the name might be a view), so every
``db["spans"].insert(...)`` would be a type error; the project only ever writes to tables, so the
operations ask for ``db.table(name)``, which is typed ``Table``. ``Table.last_rowid`` is typed
``int | None`` (None before the first insert): :func:`insert_row` returns the id the insert made.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils.db import Table


def insert_row(table: Table, row: dict[str, Any]) -> int:
    """Insert ``row`` into ``table`` and return its rowid (the new row's integer primary key)."""
    table.insert(row)
    rowid = table.last_rowid
    if rowid is None:  # cannot happen after an insert: sqlite-utils sets it from the cursor
        raise RuntimeError(f"inserting into {table.name} gave no rowid")
    return rowid
