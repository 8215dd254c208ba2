"""A single-shot timer that restarts on each call: the way the UI waits for a burst (typing,
scrolling, resizing) to settle before doing the work once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def settle_timer(parent: QObject, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    """A timer owned by ``parent`` that calls ``slot`` once, ``interval_ms`` after its last ``start()``."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
