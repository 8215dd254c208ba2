"""File › Details from Zotero…: a library export matched to the documents, shown before anything changes.

Each match is a checked line ("document ← record, by URL"); unchecking one leaves that document as
it is. Apply is one step of undo.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from workbench.importers import ImportFailed
from workbench.importers.references import read_records
from workbench.model.text import shorten
from workbench.ops.changes import OpResult
from workbench.ops.records import Match, Matched, apply_records, match_records
from workbench.ui.dialogs.modal import run_dialog

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow


class ZoteroDialog(QDialog):
    def __init__(self, name: str, matched: Matched, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Details from Zotero")
        self.resize(720, 440)
        self._matches = matched.matches
        summary = QLabel(f"{name}: {len(matched.matches)} of the records describe documents here "
                         f"({len(matched.unmatched)} describe none). Their details will be laid over the "
                         "documents' own; a field a record leaves empty keeps its value.", self)  # fmt: skip
        summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Matched documents")
        for match in matched.matches:
            item = QListWidgetItem(f"{shorten(match.title)}  ←  “{shorten(match.record.title)}”  (same {match.by})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(bool(matched.matches))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.setFocus()

    @property
    def chosen(self) -> list[Match]:
        return [m for i, m in enumerate(self._matches) if self.list.item(i).checkState() == Qt.CheckState.Checked]


def details_from_zotero(window: MainWindow, path: str | None = None) -> None:
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "A Zotero export", str(Path.home()),
                                              "Zotero exports (*.json *.bib *.ris);;All files (*)")  # fmt: skip
        if not path:
            return
    try:
        matched = match_records(window.project.db, read_records(Path(path)))
    except ImportFailed as error:
        QMessageBox.warning(window, "Details from Zotero", str(error))
        return
    dialog = ZoteroDialog(Path(path).name, matched, window)
    if run_dialog(dialog) != QDialog.DialogCode.Accepted or not dialog.chosen:
        return
    chosen = dialog.chosen
    project = window.project
    window.operations.run("Details from Zotero", lambda: OpResult(apply_records(project, chosen), None))
