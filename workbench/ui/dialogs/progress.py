"""Long work on a worker thread with a progress bar and Cancel: an export to a file, tagging every
hit of a search. (``Operations.in_background`` is for work that cannot stop half-way; this is for
work that checks, between steps, whether the user asked it to.)

The work is given two callables: ``progress(done, total)``, which moves the bar from the worker's
thread (a queued signal), and ``cancelled()``, true once Cancel (or Escape) was pressed. It stops by
raising; whatever it raised, or returned, comes back here as if it had been called on this thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.ui.operations import Worker

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (done, total); a total of 0: not known yet
Cancel = Callable[[], bool]
Work = Callable[[Progress, Cancel], T]
_STEPS = 1000  # the bar's resolution
_SHOWN_AFTER_MS = 300


class _Job(Worker):
    """A ``Worker`` whose work is told how to report progress and whether to stop."""

    progressed = Signal(int, int)

    def __init__(self, work: Work, parent: QWidget) -> None:
        super().__init__(lambda: work(self.progressed.emit, self.isInterruptionRequested), parent)


def run_cancellable(parent: QWidget, title: str, label: str, work: Work[T]) -> T:
    """``work(progress, cancelled)`` on a worker thread behind a window-modal progress dialog with
    Cancel (shown after a moment: short work shows nothing); returns its result or raises its error."""
    dialog = QProgressDialog(label, "Cancel", 0, _STEPS, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(_SHOWN_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(title)
    job = _Job(work, parent)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(_STEPS if total else 0)  # 0: a busy bar, the total not known yet
        dialog.setValue(round(done / total * _STEPS) if total else 0)
        dialog.setLabelText(f"{label}\n{done:,} of {total:,}" if total else f"{label}\n{done:,} so far")

    job.progressed.connect(progressed)
    dialog.canceled.connect(job.requestInterruption)
    dialog.rejected.connect(job.requestInterruption)  # Escape
    dialog.setValue(0)
    return job.wait_behind(dialog)
