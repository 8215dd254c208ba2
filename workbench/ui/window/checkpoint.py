"""Keeping the project one file: the write-ahead log is copied into the main file when editing pauses.

SQLite's WAL mode writes changes first to ``NAME.wbproj-wal``; until a checkpoint copies them into
``NAME.wbproj``, a copy of that file alone (to a USB stick, an e-mail, a sync folder) misses them.
SQLite checkpoints by itself only every thousand pages, so after each burst of edits, when the
user pauses, and when the window loses focus or closes, the log is copied in. The checkpoint is
PASSIVE: it never waits for another reader (a command running at the same time), it copies what
it can, and the next pause copies the rest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from workbench.storage import Project
from workbench.ui.running import running_application

#: How long editing must pause before the log is copied into the project file.
IDLE_MS = 2000


class Checkpoints(QObject):
    """Copies the WAL into the project file after a pause in editing, on focus loss and on close."""

    #: A checkpoint ran: ``(frames in the log, frames copied into the file)``.
    done = Signal(int, int)

    def __init__(self, project: Callable[[], Project], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_MS)
        self.timer.timeout.connect(self.now)
        self.paused = False  # a worker thread is using the window's connection
        running_application().applicationStateChanged.connect(self._on_state)

    def after_edit(self, *_: object) -> None:
        """An edit was made: checkpoint once editing has paused for ``IDLE_MS``."""
        self.timer.start()

    def _on_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.now()

    def pause(self, busy: bool) -> None:
        """While a worker thread writes on the window's connection, checkpoints wait for it."""
        self.paused = busy
        if not busy and not self.timer.isActive():
            self.timer.start()  # what was written meanwhile goes into the file after the pause

    def now(self) -> None:
        if self.paused:
            self.timer.start()  # after the worker: the connection is its until then
            return
        self.timer.stop()
        try:
            _, logged, copied = self.project().db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:  # closed, or busy: the next pause tries again
            return
        if copied < logged:  # a reader (a worker's own connection) still needs older pages: again soon
            self.timer.start()
        self.done.emit(logged, copied)
