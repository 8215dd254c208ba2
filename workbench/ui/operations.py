"""Running core operations from the GUI: one place that reports failures and broadcasts changes.

Actions never refresh views themselves. They hand an operation (a function returning something
with ``changes``) to ``Operations.run``; it shows any failure as one message, then emits
``changed(OpChanges, initiator)`` and each view redraws what concerns it (Anki's
``CollectionOp`` and ``operation_did_execute``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.importers import ImportFailed
from workbench.ops import OpChanges
from workbench.ops.errors import OperationError
from workbench.ops.history import history
from workbench.storage import Project, ProjectError


class HasChanges(Protocol):
    changes: OpChanges


Result = TypeVar("Result", bound=HasChanges)


class Operations(QObject):
    changed = Signal(object, object)  # OpChanges, initiator (the object that asked, or None)
    historyChanged = Signal()  # the Undo and Redo steps changed: menus re-read their names

    def __init__(self, parent: QWidget, project: Callable[[], Project]) -> None:
        super().__init__(parent)
        self._window = parent
        self._project = project

    def run(self, title: str, operation: Callable[[], Result], *, initiator: Any = None) -> Result | None:
        """Run ``operation``; on failure show ``title`` and the reason, and return ``None``."""
        try:
            result = operation()
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
