"""SQLite settings that keep a project file from acting on its own: defensive mode and untrusted schemas.

A project file may come from someone else (File › Open, ``workbench merge``), and SQLite runs
whatever triggers and views a file holds. Two settings narrow what a crafted file can do:

- **Defensive mode** (``SQLITE_DBCONFIG_DEFENSIVE``): no ``writable_schema`` edits of
  ``sqlite_master``, no direct writes to the search index's shadow tables, no ``journal_mode=OFF``.
  Python 3.12 offers ``Connection.setconfig``; on 3.11 the same call is made through ctypes on
  the connection's own ``sqlite3*`` (CPython's ``pysqlite_Connection`` holds it right after the
  object header), and only where the extension module resolves the library's symbols (not Windows).
- **``trusted_schema = OFF``**: a trigger or view may not call functions or virtual tables that
  SQLite does not mark harmless. Workbench's own schema needs two such things: a
  ``CHECK (json_valid(metadata))`` and triggers that feed the FTS5 search table. SQLite 3.40 (Debian
  12's, and this Python's) marks neither harmless, and then refuses even to *load* the schema with
  the setting off. So the setting is turned off wherever this SQLite can load and write our own
  schema with it off (probed once, in memory), and left on otherwise; either way the real guard
  is ``schema_check``, which refuses any file whose triggers and views are not exactly ours before
  anything of it runs (reading ``sqlite_master`` runs nothing).
"""

from __future__ import annotations

import ctypes
import functools
import sqlite3
import sys

_SQLITE_DBCONFIG_DEFENSIVE = 1010


def _defensive_by_ctypes(conn: sqlite3.Connection) -> bool:
    if sys.implementation.name != "cpython" or sys.platform == "win32":
        return False
    try:
        import _sqlite3

        library = ctypes.CDLL(_sqlite3.__file__)  # its dlsym also finds the libsqlite3 it is linked to
        handle = ctypes.c_void_p.from_address(id(conn) + object.__basicsize__).value
        if not handle:
            return False
        configure = library.sqlite3_db_config
        configure.restype = ctypes.c_int
        result = ctypes.c_int(-1)
        done = configure(ctypes.c_void_p(handle), ctypes.c_int(_SQLITE_DBCONFIG_DEFENSIVE), ctypes.c_int(1),
                         ctypes.byref(result))  # fmt: skip
    except (OSError, AttributeError, ImportError):
        return False
    return done == 0 and result.value == 1


@functools.cache
def untrusted_schema_works() -> bool:
    """Whether this SQLite loads and writes a schema like ours with ``trusted_schema`` off."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("CREATE TABLE t (a TEXT CHECK (json_valid(a)))")
        conn.execute("CREATE VIRTUAL TABLE s USING fts5(b)")
        conn.execute("CREATE TRIGGER t_s AFTER INSERT ON t BEGIN INSERT INTO s (b) VALUES (new.a); END")
        conn.execute("INSERT INTO t VALUES ('{}')")
        return conn.execute("SELECT count(*) FROM s").fetchone()[0] == 1
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def harden(conn: sqlite3.Connection) -> bool:
    """Defensive mode, and ``trusted_schema`` off where SQLite allows it; True when defensive mode is on."""
    conn.execute(f"PRAGMA trusted_schema = {'OFF' if untrusted_schema_works() else 'ON'}")
    setconfig = getattr(conn, "setconfig", None)
    if setconfig is not None:  # Python 3.12+
        setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # type: ignore[attr-defined]
        return True
    return _defensive_by_ctypes(conn)


def read_only(uri_path: str) -> sqlite3.Connection:
    """A hardened read-only connection (``uri_path`` as from ``Path.as_uri()``)."""
    conn = sqlite3.connect(f"{uri_path}?mode=ro", uri=True)
    harden(conn)
    return conn
