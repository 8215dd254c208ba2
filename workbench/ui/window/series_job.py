"""File › Import a Folder…: a series of volumes imported in the background, with progress and Cancel.

The core does the work (``ops.series.import_series``: one volume per transaction, the whole import
one step of undo). It writes through the window's connection, whose undo history it extends, on a
worker thread; the window stays painted, and a window-modal progress dialog keeps the historian's
hands off the project meanwhile (as ``Operations.in_background`` does). Cancel stops between two
documents: the volume being read is not stored, those before it are, and importing the same folder
again continues where it stopped.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from workbench.ops.series import SeriesProgress, SeriesReport, import_series
from workbench.storage import Project
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.operations import SWITCH_INTERVAL

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

_STEPS = 1000  # the progress bar's resolution


class ImportSeries(QThread):
    progressed = Signal(object)  # SeriesProgress
    done = Signal(object)  # SeriesReport, or the exception that stopped it

    def __init__(self, project: Project, folder: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.project, self.folder = project, folder

    def run(self) -> None:
        try:
            result: object = import_series(self.project, [self.folder], progress=self.progressed.emit,
                                           cancelled=self.isInterruptionRequested)  # fmt: skip
        except Exception as error:  # handed to the window's thread, which reports it
            result = error
        self.done.emit(result)


def progress_text(at: SeriesProgress) -> str:
    """ "Volume 3 of 200: frus1969-76v03.xml / Document 120 of about 500 · about 12 minutes left"."""
    of = f" of about {at.documents}" if at.documents else ""
    left = ""
    if at.seconds_left is not None:
        minutes = round(at.seconds_left / 60)
        left = f" · about {minutes} minute{'s' if minutes != 1 else ''} left" if minutes else " · under a minute left"
    return f"Volume {at.volume} of {at.volumes}: {at.name}\nDocument {at.document}{of}{left}"


def run_import_folder(window: MainWindow, folder: Path) -> SeriesReport | None:
    """Import every volume file of ``folder``; tell the views what changed, and the user what failed."""
    dialog = QProgressDialog("Reading…", "Cancel", 0, _STEPS, window)
    dialog.setWindowTitle("Import a Folder")
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = ImportSeries(window.project, folder, window)
    received: list[object] = []

    def progressed(at: SeriesProgress) -> None:
        dialog.setValue(round(at.fraction * _STEPS))
        dialog.setLabelText(progress_text(at))

    def done(result: object) -> None:
        received.append(result)
        dialog.close()

    job.progressed.connect(progressed)
    job.done.connect(done)
    dialog.canceled.connect(job.requestInterruption)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    window.operations.busyChanged.emit(True)  # pollers wait: the worker writes on the window's connection
    job.start()
    run_dialog(dialog)
    job.requestInterruption()  # closed without Cancel (Escape): stop too
    job.wait()
    sys.setswitchinterval(interval)
    window.operations.busyChanged.emit(False)
    job.deleteLater()
    result = received[0] if received else None
    if isinstance(result, Exception):
        message = f"The import stopped: {result}.\nThe volumes before it are kept."
        QMessageBox.critical(window, "Import a Folder", message)
        return None
    if not isinstance(result, SeriesReport):
        return None
    if not result.changes.empty:
        window.operations.changed.emit(result.changes, None)
    window.operations.historyChanged.emit()
    _tell(window, result)
    return result


def _tell(window: MainWindow, report: SeriesReport) -> None:
    volumes = sum(1 for volume in report.volumes if volume.stored)
    summary = f"Imported {report.stored:,} documents from {volumes} file{'s' if volumes != 1 else ''}."
    skipped = sum(1 for volume in report.volumes if volume.skipped)
    if skipped:
        summary += f" {skipped} already in the project, passed over."
    lines = [f"{volume.path.name}: {volume.problem}" for volume in report.failed]
    if report.not_reached:
        why = "Cancelled" if report.cancelled else "Stopped"
        lines.append(f"{why} before {len(report.not_reached)} file(s); import the folder again to continue.")
    if lines:
        QMessageBox.warning(window, "Import a Folder", summary + "\n\n" + "\n".join(lines))
    else:
        window.statusBar().showMessage(summary, 10000)
