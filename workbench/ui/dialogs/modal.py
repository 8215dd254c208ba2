"""Modal dialogs that go away: a dialog has the window as its parent (to sit over it), so without
this each one opened (a note edited, a tag chosen, a progress shown) lives as long as the window."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog


def run_dialog(dialog: QDialog) -> int:
    """``dialog.exec()``, then the dialog is deleted once the event loop is back: what the caller
    reads from it right after (the text, the button clicked) is still there."""
    try:
        return dialog.exec()
    finally:
        if isinstance(dialog, QObject):  # (a stand-in without a Qt object has nothing to free)
            dialog.deleteLater()
