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
from workbench.storage import ProjectError


class HasChanges(Protocol):
    changes: OpChanges


Result = TypeVar("Result", bound=HasChanges)


class Operations(QObject):
    changed = Signal(object, object)  # OpChanges, initiator (the object that asked, or None)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent

    def run(self, title: str, operation: Callable[[], Result], *, initiator: Any = None) -> Result | None:
        """Run ``operation``; on failure show ``title`` and the reason, and return ``None``."""
        try:
            result = operation()
        except (ProjectError, ImportFailed) as error:
            QMessageBox.warning(self._window, title, str(error))
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
        return result
