"""Making sure a project's ``-wal`` file is the one Workbench wrote for it.

SQLite cannot tell: a ``-wal`` file beside a database is applied to it if its own checksums hold,
whatever database wrote it. A ``-wal`` copied from another project (or placed there on purpose)
would show that database's pages in this one; the audit saw another file's document titles.

What does identify a WAL is the pair of salts in its header: SQLite draws new ones each time it
starts the log afresh, and every frame repeats them. So after each commit Workbench records the
salts of the log it wrote into (``Project.wbproj-walid``, next to SQLite's own ``-wal`` and
``-shm``), and on opening compares: a ``-wal`` holding frames under salts not recorded is refused
with one line and left unread, the project untouched. A ``-wal`` that *was* recorded (a crash
before the last checkpoint) is applied as usual, so no committed work is lost. On a clean close
the log is checkpointed into the file (and SQLite removes it), so a project at rest is its main
file alone, and that is all a colleague's merge reads.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from workbench.storage.errors import ProjectError

_MAGIC = (0x377F0682, 0x377F0683)
_HEADER = 32
_FRAME_HEADER = 24


class ForeignWal(ProjectError):
    """The ``-wal`` beside the project was not written by Workbench for it; it was not applied."""


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def record_path(path: Path) -> Path:
    return path.with_name(path.name + "-walid")


def salts(path: Path) -> str | None:
    """The salts of the project's ``-wal`` (hex), or None when it holds no committed frame.

    Frames of a transaction that never committed (a process killed in the middle of a large one)
    are ignored by SQLite, so a log holding only those is harmless whoever wrote it. The frames
    that count are the run at the start of the log that repeats the header's salts.
    """
    try:
        with wal_path(path).open("rb") as file:
            header = file.read(_HEADER)
            if len(header) < _HEADER or int.from_bytes(header[:4], "big") not in _MAGIC:
                return None
            page_size = int.from_bytes(header[8:12], "big") or 65536
            while len(frame := file.read(_FRAME_HEADER)) == _FRAME_HEADER and frame[8:16] == header[16:24]:
                if int.from_bytes(frame[4:8], "big"):  # the database's size after a commit: a commit frame
                    return header[16:24].hex()
                file.seek(page_size, 1)
    except OSError:
        return None
    return None


def record(path: Path, known: str | None) -> str | None:
    """Note the salts of the log just written (if they changed since ``known``); return them."""
    current = salts(path)
    if current is not None and current != known:
        partial = record_path(path).with_name(record_path(path).name + ".partial")
        try:
            partial.write_text(current, encoding="ascii")
            os.replace(partial, record_path(path))
        except OSError:
            return known  # a read-only folder: nothing was written to the log either
    return current


def forget(path: Path) -> None:
    """Remove the record once the log is gone (the last connection closed and checkpointed)."""
    if salts(path) is None:
        record_path(path).unlink(missing_ok=True)


def verify(path: Path) -> None:
    """Raise ``ForeignWal`` if ``path``'s ``-wal`` holds frames under salts Workbench did not record.

    Another Workbench may have just started a fresh log and not yet recorded it: one short wait
    and a second look tell that apart from a foreign file.
    """
    for attempt in range(2):
        current = salts(path)
        try:
            recorded = record_path(path).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            recorded = None
        if current is None or current == recorded:
            return
        if not attempt:
            time.sleep(0.3)
    raise ForeignWal(
        path,
        f"the file {wal_path(path).name} beside it was not written by Workbench for this project, so it was "
        "not applied; move it away to open the project (the project was not changed)",
    )
