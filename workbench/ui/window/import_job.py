"""Importing in the background: files are read on a worker thread with progress and Cancel;
what was read is then stored on the window's thread, in one transaction and one step of undo.

A volume of hundreds of documents takes seconds to parse; the window stays responsive and the
historian can stop it. Reading writes nothing, so a cancelled or failed import changes nothing.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from workbench.importers.errors import ImportFailed
from workbench.importers.limits import MAX_TEI_BYTES, require_regular_file
from workbench.model.anchoring import summary
from workbench.ops.documents import (
    Cancelled,
    ImportReport,
    duplicates,
    read_files,
    same_source,
    store,
)
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.dialogs.ocr_offer import offer_ocr
from workbench.ui.operations import SWITCH_INTERVAL

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

_DOCUMENT_DIV = re.compile(rb"<div\b[^>]{0,2000}?\btype=[\"']document[\"']")
_CHUNK = 1024 * 1024


def count_documents(paths: list[str]) -> int:
    """How many documents the files hold, for the progress bar (a quick scan, not a parse).

    Bounded like the reading itself: only ordinary files within the TEI limit are scanned, a
    megabyte at a time (a 3 GB file, ``/dev/zero`` or a pipe counts as one and is refused by the
    worker with its reason).
    """
    total = 0
    for path in paths:
        try:
            status = require_regular_file(Path(path))
        except ImportFailed:
            status = None
        found = _count_in(Path(path)) if status is not None and status.st_size <= MAX_TEI_BYTES else 0
        total += max(found, 1)
    return total


def _count_in(path: Path) -> int:
    found, carry, first = 0, b"", True
    try:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                if first and chunk.lstrip()[:1] != b"<":
                    return 0  # not XML: one document
                first = False
                data = carry + chunk
                cut = data.rfind(b"<")  # a tag is never split between two scans
                cut = cut if cut > 0 else len(data)
                found += len(_DOCUMENT_DIV.findall(data, 0, cut))
                carry = data[cut:][:_CHUNK]
    except OSError:
        return 0
    return found + len(_DOCUMENT_DIV.findall(carry))


class ReadFiles(QThread):
    progressed = Signal(int, str)  # documents read so far, the latest one's title
    paged = Signal(int, int)  # pages of a PDF read so far, of how many
    done = Signal(object)  # ImportReport, or None when cancelled

    def __init__(self, paths: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.paths = paths

    def run(self) -> None:
        try:
            report = read_files(self.paths, progress=self.progressed.emit, cancelled=self.isInterruptionRequested,
                                pages=self.paged.emit)  # fmt: skip
        except Cancelled:
            report = None
        self.done.emit(report)


def run_import(window: MainWindow, paths: list[str]) -> ImportReport | None:
    """Read ``paths`` in the background under a progress dialog, ask about duplicates, store."""
    total = count_documents(paths)
    dialog = QProgressDialog("Reading…", "Cancel", 0, total, window)
    dialog.setWindowTitle("Import")
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = ReadFiles(paths, window)
    received: list[ImportReport | None] = []

    def progressed(count: int, title: str) -> None:
        dialog.setMaximum(max(total, count))
        dialog.setValue(count)
        dialog.setLabelText(f"Reading document {count} of {max(total, count)}\n{title[:80]}")

    def paged(read: int, of: int) -> None:
        dialog.setMaximum(of)
        dialog.setValue(read)
        dialog.setLabelText(f"Reading page {read} of {of}")

    job.progressed.connect(progressed)
    job.paged.connect(paged)

    def done(report: ImportReport | None) -> None:
        received.append(report)
        dialog.close()

    job.done.connect(done)
    dialog.canceled.connect(job.requestInterruption)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)  # the window gets the interpreter back promptly (operations.py)
    job.start()
    run_dialog(dialog)
    job.requestInterruption()
    job.wait()
    sys.setswitchinterval(interval)
    job.deleteLater()  # the thread object, like the dialog, would otherwise stay with the window
    report = received[0] if received else None
    if report is None:
        window.statusBar().showMessage("Import cancelled; nothing was added.", 5000)
        return None
    offer_ocr(window, report)
    checks = window.operations  # the look-ups grow with the project: on a thread and connection of their own
    corrected = checks.query("Import", lambda project: same_source(project.db, report.documents), label="Checking…")
    choice = _ask_replace(window, len(corrected)) if corrected else ""
    replace = corrected if choice == "replace" else {}
    skip = set(corrected) if choice == "skip" else set()
    found = checks.query("Import", lambda project: duplicates(project.db, report.documents), label="Checking…")
    again = {k: v for k, v in found.items() if k not in corrected}
    update: dict[str, str] = {}
    if again:
        answer = _ask_again(window, len(again))
        if answer == "update":
            update = again
        elif answer == "skip":
            skip |= set(again)
    result = window.operations.run(
        "Import",
        lambda: store(window.project, report, skip=skip, replace=replace, update=update, again=bool(again)),
        background=True,
    )
    if result is not None and result.replaced:
        counts: Counter[str] = sum(result.replaced.values(), Counter())
        window.statusBar().showMessage(f"Highlights: {summary(counts)}", 10000)
    return result


def _ask_again(window: MainWindow, count: int) -> str:
    """Texts already in the project: skip them, take only their new details, or import them again."""
    box = QMessageBox(window)
    box.setWindowTitle("Import")
    box.setText(f"{count} of these documents are already in the project, with the very same text.")
    box.setInformativeText("Their details (a metadata file beside the text) can still update the ones here.")
    choices = {box.addButton("Skip them", QMessageBox.ButtonRole.RejectRole): "skip",
               box.addButton("Update their details", QMessageBox.ButtonRole.AcceptRole): "update",
               box.addButton("Import as new documents", QMessageBox.ButtonRole.ActionRole): "new"}  # fmt: skip
    run_dialog(box)
    return _chosen(box, choices)


def _ask_replace(window: MainWindow, count: int) -> str | None:
    """A corrected text of documents already here: replace it (highlights follow), add it, or skip it."""
    box = QMessageBox(window)
    box.setWindowTitle("Import")
    box.setText(f"{count} of these documents are already in the project, with a different text.")
    box.setInformativeText("Replace their text? Their highlights are found again in the new text; any that "
                           "cannot be are kept and listed, to be placed by hand.")  # fmt: skip
    choices = {box.addButton("Replace, keeping highlights", QMessageBox.ButtonRole.AcceptRole): "replace",
               box.addButton("Import as new documents", QMessageBox.ButtonRole.ActionRole): "new",
               box.addButton("Skip them", QMessageBox.ButtonRole.RejectRole): "skip"}  # fmt: skip
    run_dialog(box)
    return _chosen(box, choices)


def _chosen(box: QMessageBox, choices: dict[QPushButton, str]) -> str:
    """The answer of the button clicked; "skip" if the box was closed without one."""
    clicked = box.clickedButton()
    return choices.get(clicked, "skip") if isinstance(clicked, QPushButton) else "skip"
