"""An import that meets a scan offers to recognise its text, in the language chosen, off the window's thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog

from workbench.importers import ocr
from workbench.ops.documents import read_files
from workbench.ui.dialogs.ocr_offer import offer_ocr

pytest.importorskip("fpdf")
from tests.test_pdf_import import _scan


def test_a_scan_is_recognised_after_the_offer(qtbot, tmp_path: Path) -> None:
    if not ocr.available():
        pytest.skip("OCRmyPDF and Tesseract are not installed")
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    report = read_files([_scan(tmp_path / "scan.pdf")])
    asked: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.findChild(QComboBox) is None:
            QTimer.singleShot(20, answer)
            return
        asked.append(dialog.findChild(QComboBox).currentText())
        dialog.accept()

    QTimer.singleShot(0, answer)
    offer_ocr(window, report)
    assert asked == ["eng"]
    assert not report.failed and "treaty was signed" in report.documents[0].text
