"""A popup or dialog takes the keyboard when it appears, on the widget the user types into first.

Showing a window does not make it the active one everywhere (window managers differ, a popup
opened from a key press may leave the keyboard with the window below), and ``setFocus`` on a
widget of a window that is not yet shown does nothing. So once the window is shown, it asks to
be activated and gives focus to its first field: what is typed right after Ctrl+T goes there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget


class _TakeKeyboard(QObject):
    def __init__(self, window: QWidget, field: QWidget) -> None:
        super().__init__(window)
        self.target, self.field = window, field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is getattr(self, "target", None):
            self.take()
            QTimer.singleShot(0, self.take)  # again once the window system has mapped the window
        return False

    def take(self) -> None:
        if not self.target.isVisible():
            return
        self.target.activateWindow()
        self.target.raise_()
        self.field.setFocus(Qt.FocusReason.PopupFocusReason)


def focus_when_shown(window: QWidget, field: QWidget) -> None:
    """Each time ``window`` is shown, activate it and put the keyboard focus on ``field``."""
    window.installEventFilter(_TakeKeyboard(window, field))
