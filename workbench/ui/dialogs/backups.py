"""File › Restore from Backup: the rotating backups with their dates and what they hold."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from workbench.model.text import counted
from workbench.storage.backups import Backup, list_backups

_REASONS = {"opened": "when the project was opened", "in-use": "while in use", "before-restore": "before a restore"}


class BackupsDialog(QDialog):
    def __init__(self, project_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.resize(560, 380)
        self.chosen: Backup | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName("Backups")
        for backup in list_backups(project_path):
            when = backup.taken.astimezone().strftime("%B %-d, %Y, %H:%M:%S")
            held = ", ".join(counted(n, noun) for n, noun in ((backup.documents, "document"),
                             (backup.highlights, "highlight"), (backup.tags, "tag")))  # fmt: skip
            item = QListWidgetItem(f"{when} — {_REASONS.get(backup.reason, backup.reason)}\n    {held}")
            item.setData(Qt.ItemDataRole.UserRole, backup)
            self.list.addItem(item)
        note = QLabel("Restoring replaces the project with the backup. What is there now is kept as a backup "
                      "first, so this too can be undone.", self)  # fmt: skip
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.list.currentItemChanged.connect(lambda item, _: self.restore_button.setEnabled(item is not None))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        if not self.list.count():
            note.setText("There are no backups of this project yet.")

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.accept()
