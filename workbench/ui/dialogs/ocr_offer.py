"""Scanned PDFs in an import: offer to recognise their text (OCRmyPDF), in the background.

Asked once per import, naming the scans and the language to read them in (those Tesseract has
installed). Recognition runs on a thread of its own under a progress dialog with Cancel; what
is recognised joins the import, what is cancelled or fails stays reported as before.
"""

from __future__ import annotations

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QProgressDialog, QVBoxLayout, QWidget

from workbench.importers import ocr
from workbench.importers.errors import Cancelled
from workbench.ops.documents import ImportReport, recognise_scans, scans
from workbench.ui.dialogs.modal import run_dialog


class _Recognise(QThread):
    progressed = Signal(int, str)
    finished_ok = Signal(bool)  # False: cancelled

    def __init__(self, report: ImportReport, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.report, self.language = report, language

    def run(self) -> None:
        try:
            recognise_scans(self.report, self.language, cancelled=self.isInterruptionRequested,
                            progress=self.progressed.emit)  # fmt: skip
        except Cancelled:
            self.finished_ok.emit(False)
            return
        self.finished_ok.emit(True)


def ask_language(parent: QWidget, names: list[str], languages: list[str]) -> str | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Recognise Text")
    text = QLabel(f"{len(names)} PDF file(s) are scans without text: {', '.join(names[:3])}"
                  f"{'…' if len(names) > 3 else ''}.\nRecognise their text (OCR) so that they can be read, "
                  "searched and quoted? The text will be marked as machine-read.", dialog)  # fmt: skip
    text.setWordWrap(True)
    language = QComboBox(dialog)
    language.setAccessibleName("Language of the scans")
    language.addItems(languages)
    if "eng" in languages:
        language.setCurrentText("eng")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Recognise")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(language)
    layout.addWidget(buttons)
    language.setFocus()
    return language.currentText() if run_dialog(dialog) == QDialog.DialogCode.Accepted else None


def offer_ocr(window: QWidget, report: ImportReport) -> None:
    """If the import met scans and OCRmyPDF is installed, offer to recognise them (in place)."""
    found = scans(report)
    languages = ocr.languages() if found and ocr.available() else []
    if not found or not languages:
        return
    language = ask_language(window, [failure.path.name for failure in found], languages)
    if language is None:
        return
    dialog = QProgressDialog("Recognising text…", "Cancel", 0, 0, window)  # a busy bar: pages come one by one
    dialog.setWindowTitle("Recognise Text")
    dialog.setMinimumDuration(0)
    job = _Recognise(report, language, window)
    job.progressed.connect(
        lambda n, name: dialog.setLabelText(f"Recognising the text of {name} ({n} of {len(found)})…")
    )
    job.finished_ok.connect(lambda _ok: dialog.close())
    dialog.canceled.connect(job.requestInterruption)
    job.start()
    run_dialog(dialog)
    job.requestInterruption()
    job.wait()
    job.deleteLater()
