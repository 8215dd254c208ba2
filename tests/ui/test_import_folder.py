"""File › Import a Folder…: the volumes come in the background, what failed is named, one Undo takes it back."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.ops.history import history
from workbench.ops.series import SeriesProgress
from workbench.storage import Project
from workbench.ui.window.series_job import progress_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate_volume import CORPUS, compose_volume, volume_id

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")


def test_a_folder_of_volumes_imports_and_one_undo_takes_it_back(
    open_window, qtbot, sample_project: Project, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "volumes"
    folder.mkdir()
    for number in (1, 2):
        (folder / f"{volume_id(number)}.xml").write_bytes(compose_volume(number, 6))
    (folder / "torn.xml").write_bytes(compose_volume(3, 6)[:5000])
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *rest: warned.append(text))
    window = open_window(sample_project)
    report = window.transfers.import_folder(str(folder))
    assert report is not None and report.stored == 12
    groups = window.documents.groups.groups  # two volumes: the list shows them, and the sample apart
    assert window.documents.by_volume and [group.count for group in groups] == [1, 6, 6]
    assert len(warned) == 1 and "torn.xml: the XML is malformed" in warned[0]
    assert history(sample_project).undo_label == "Import 2 Volumes"
    window.activateWindow()  # the progress dialog had it
    window.reading.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.documents.by_volume and window.documents.model.rowCount() == 1)


def test_progress_says_the_volume_the_document_and_the_time_left() -> None:
    text = progress_text(SeriesProgress(3, 200, "frus-v03.xml", 120, 500, 725.0))
    assert text == "Volume 3 of 200: frus-v03.xml\nDocument 120 of about 500 · about 12 minutes left"
    assert progress_text(SeriesProgress(1, 2, "a.xml", 0, 0, None)) == "Volume 1 of 2: a.xml\nDocument 0"
