"""The window's side of the crash log: any unexpected exception in a slot is logged and the user
sees a dialog that says so and where the log is, instead of an action that silently did nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench import crash_log


class SafetyNet(QObject):
    """Shows one dialog at a time (an error in a paint event would otherwise open one per frame).
    The dialog is not modal and does not wait (``show()``): the window stays usable, and a test can
    read it without a nested event loop."""

    errored = Signal(str, str)  # summary, log path; from any thread, shown on the window's

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialog: QMessageBox | None = None
        self.errored.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.crash = crash_log.install(lambda summary, path: self.errored.emit(summary, str(path)))

    def _show(self, summary: str, path: str) -> None:
        if self.dialog is None:  # one dialog, made once and shown again
            owner = self.parent()
            parent = owner if isinstance(owner, QWidget) else None
            self.dialog = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong", "", parent=parent)
            self.dialog.setText("Workbench met an error it did not expect; what you just did may not have finished.")
            self.dialog.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        elif self.dialog.isVisible():
            return
        self.dialog.setInformativeText(
            f"{summary}\n\nThe details are in the log, to send with a report:\n{Path(path)}\n\n"
            "Your project is saved up to the last step that completed."
        )
        self.dialog.setModal(False)
        self.dialog.show()

    def uninstall(self) -> None:
        self.crash.uninstall()
