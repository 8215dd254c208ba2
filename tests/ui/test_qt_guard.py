"""Guard against the PySide6 6.12.0 regression: every void Qt call leaked a reference to None,
and after some thousands of calls the interpreter aborted (``none_dealloc``). Only a long loop shows it."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_a_long_loop_of_void_qt_calls_does_not_exhaust_none() -> None:
    document = QTextDocument("x" * 100)
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for i in range(100_000):
        cursor.setPosition(i % 100)
    assert cursor.position() == 99
    assert sys.getrefcount(None) - before < 1000  # 6.12.0 loses one per call
