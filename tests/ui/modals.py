"""Answering the next modal box with a key, as the user would: for tests of what a box leads to."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from shiboken6 import isValid


def press_in_next(kind: type[QDialog], key: Qt.Key, read: Callable[[QDialog], str]) -> list[str]:
    """Press ``key`` in the next visible modal ``kind`` (in the widget that has the focus in it), once
    it shows; return the list that ``read(box)`` is added to then. A box the key did not close is
    rejected a few seconds later, so that a test fails rather than waits for ever."""
    texts: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, kind) or not box.isVisible():
            QTimer.singleShot(10, press)
            return
        texts.append(read(box))
        focused = QApplication.focusWidget()
        QTest.keyClick(focused if focused is not None and focused.window() is box else box.focusWidget() or box, key)
        QTimer.singleShot(3000, lambda: isValid(box) and box.isVisible() and box.reject())

    QTimer.singleShot(0, press)
    return texts
