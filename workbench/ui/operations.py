"""Running core operations from the GUI: one place that reports failures and broadcasts changes.

Actions never refresh views themselves. They hand an operation (a function returning something
with ``changes``) to ``Operations.run``; it shows any failure as one message, then emits
``changed(OpChanges, initiator)`` and each view redraws what concerns it (Anki's
``CollectionOp`` and ``operation_did_execute``).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from workbench.importers import ImportFailed
from workbench.ops import OpChanges
from workbench.ops.errors import OperationError
from workbench.ops.history import history
from workbench.storage import Project, ProjectError


class HasChanges(Protocol):
    """What an operation returns (an ``OpResult``, frozen): read-only ``changes``."""

    @property
    def changes(self) -> OpChanges: ...


Result = TypeVar("Result", bound=HasChanges)
T = TypeVar("T")
_PROGRESS_AFTER_MS = 400  # work shorter than this shows no dialog at all
SWITCH_INTERVAL = 0.0005  # seconds: how often the worker's thread hands the interpreter over


class Worker(QThread):
    """Runs one function on a thread of its own; keeps its result, or the exception it raised."""

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work()
        except BaseException as error:  # handed to the GUI thread, which reports it
            self.error = error

    def wait_behind(self, dialog: QProgressDialog) -> Any:
        """Start, and turn the event loop until done (the window repaints; ``dialog``, window-modal,
        keeps the user's hands off the project); then let both go. Returns what the work returned,
        or raises what it raised, as if it had been called on this thread."""
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        interval = sys.getswitchinterval()
        # The window's thread wants the interpreter back after every call into Qt (which lets it
        # go); at the usual 5 ms a turn of the event loop that calls Qt a few dozen times waits
        # a few dozen switches for the worker to hand it over.
        sys.setswitchinterval(SWITCH_INTERVAL)
        try:
            self.start()
            if not self.isFinished():
                loop.exec()
            self.wait()
        finally:
            sys.setswitchinterval(interval)
            dialog.close()
            dialog.deleteLater()
            self.deleteLater()
        if self.error is not None:
            raise self.error
        return self.result


def with_own_connection(path: Path, query: Callable[[Project], T]) -> Callable[[], T]:
    """``query`` as work for a worker thread: on a connection of its own to the project file, so
    the window's connection stays the window's (reads only: a write belongs to the undo history,
    which is the window's connection's)."""

    def work() -> T:
        with Project.open(path) as project:
            return query(project)

    return work


class StaysOpen(QProgressDialog):
    """A progress dialog for work that cannot stop half-way (a write, an upgrade): neither Escape nor
    the window's close button hides it, since the work goes on whatever the user presses and
    without the dialog the wait would be silent again. The work's end closes it."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous():  # the user's (the window system's), not the opening's
            event.ignore()
        else:
            super().closeEvent(event)


class Operations(QObject):
    changed = Signal(object, object)  # OpChanges, initiator (the object that asked, or None)
    historyChanged = Signal()  # the Undo and Redo steps changed: menus re-read their names
    #: Work on the window's connection runs on a worker thread (True), or has ended (False): what
    #: polls the project on a timer waits, or it would wait for the worker's statement to end.
    busyChanged = Signal(bool)

    def __init__(self, parent: QWidget, project: Callable[[], Project]) -> None:
        super().__init__(parent)
        self._window = parent
        self._project = project

    def in_background(self, title: str, work: Callable[[], T], *, label: str = "Working…") -> T:
        """``work()`` on a worker thread, while the event loop keeps turning: the window repaints,
        and after a moment a window-modal progress dialog (Anki's ``CollectionOp``, Picard's
        ``run_task``) keeps the user's hands off the project until it is done. Returns what
        ``work`` returned, or raises what it raised, as if it had been called here."""
        dialog = StaysOpen(label, "", 0, 0, self._window)
        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)  # a write is one transaction: it completes or fails whole
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(_PROGRESS_AFTER_MS)
        dialog.setValue(0)
        self.busyChanged.emit(True)
        try:
            return Worker(work).wait_behind(dialog)
        finally:
            self.busyChanged.emit(False)

    def query(self, title: str, query: Callable[[Project], T], *, label: str = "Reading…") -> T:
        """A read of the project in the background, on a connection of its own."""
        return self.in_background(title, with_own_connection(self._project().path, query), label=label)

    def run(
        self, title: str, operation: Callable[[], Result], *, initiator: Any = None, background: bool = False
    ) -> Result | None:
        """Run ``operation``; on failure show ``title`` and the reason, and return ``None``.

        ``background``: on a worker thread (``in_background``), for operations that grow with the
        project (a merge, storing an import): the window keeps repainting meanwhile."""
        try:
            result = self.in_background(title, operation) if background else operation()
        except (ProjectError, ImportFailed, OperationError) as error:
            QMessageBox.warning(self._window, title, _sentence(str(error)))
            return None
        except sqlite3.Error as error:
            QMessageBox.critical(
                self._window,
                title,
                f"The project file could not be written: {error}.\n"
                "Nothing of this change was saved; everything before it is safe.",
            )
            return None
        if not result.changes.empty:
            self.changed.emit(result.changes, initiator)
        self.historyChanged.emit()
        return result

    def undo(self) -> None:
        self._replay(history(self._project()).undo, "Undo")

    def redo(self) -> None:
        self._replay(history(self._project()).redo, "Redo")

    def _replay(self, step: Callable[[], OpChanges | None], title: str) -> None:
        try:
            changes = step()
        except sqlite3.Error as error:
            QMessageBox.critical(self._window, title, f"{title} failed and changed nothing: {error}.")
            return
        if changes is not None and not changes.empty:
            self.changed.emit(changes, None)
        self.historyChanged.emit()


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith((".", "?", "!")) else ".")
