"""What the user feels: from a key press to the last repaint of every panel, and event-loop stalls.

A figure taken before ``processEvents()`` hides the work that the side panels do on the next
turn of the event loop; these helpers stop the clock only once the application is idle again,
after the last paint event of every panel, and watch the event loop for its longest turn.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

_IDLE_TURNS = 3  # this many turns of the event loop in a row with nothing painted: idle
_PATIENCE = 5.0  # seconds: a figure this long is a failure, not a wait


def turn() -> None:
    """One turn of the event loop, as a running one takes it: processEvents() alone does not delete
    the objects let go of with deleteLater() (a replaced text, a closed dialog), which then pile up."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class PaintWatch(QObject):
    """Counts paint events per watched widget, and when the last of them was delivered."""

    def __init__(self, widgets: Iterable[QWidget]) -> None:
        super().__init__()
        self.widgets = {id(w): w for w in widgets}
        self.painted: set[int] = set()
        self.events = 0  # paint and update requests seen, for idle detection
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self.events += 1
            if id(watched) in self.widgets:
                self.painted.add(id(watched))
        elif kind in (QEvent.Type.UpdateRequest, QEvent.Type.LayoutRequest, QEvent.Type.MetaCall):
            self.events += 1
        return False

    def close(self) -> None:
        QApplication.instance().removeEventFilter(self)

    def until_all_repainted(self, start: float) -> float:
        """Spin the event loop until every watched widget painted and nothing more is painted;
        the milliseconds from ``start`` to the end of the turn that delivered the last paint."""
        self.painted.clear()
        last = time.perf_counter()
        quiet = 0
        while quiet < _IDLE_TURNS or len(self.painted) < len(self.widgets):
            seen = self.events
            turn()
            now = time.perf_counter()
            if self.events != seen:
                last, quiet = now, 0
            else:
                quiet += 1
            if now - start > _PATIENCE:
                missing = [type(w).__name__ for k, w in self.widgets.items() if k not in self.painted]
                raise RuntimeError(f"not repainted within {_PATIENCE} s: {missing}")
        return (last - start) * 1000


class LoopWatch(QObject):
    """The longest gap between two turns of the event loop while it runs: what the user feels
    as a frozen window. A zero-interval timer fires once per turn."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = 0.0
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self._last) * 1000)
        self._last = now

    def run(self, action: Callable[[], object], done: Callable[[], bool] = lambda: True) -> float:
        """Start ``action`` from the event loop, spin until ``done()``; the longest turn in ms."""
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer.start()
        QTimer.singleShot(0, action)
        QApplication.processEvents()
        deadline = time.perf_counter() + 600
        while not done() and time.perf_counter() < deadline:
            QApplication.processEvents()
            time.sleep(0.0005)  # another thread's turn on a busy machine; not counted against the loop
            self._tick()
        for _ in range(_IDLE_TURNS):
            QApplication.processEvents()
        self._timer.stop()
        return self.longest
