"""Edit › Settings (Ctrl+,): for now, the name every highlight, note and change records.

Stored with ``QSettings`` under ``author``; an empty name means the login name.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from workbench.ops.author import login_name, set_author


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.author = QLineEdit(str(QSettings().value("author", "") or ""), self)
        self.author.setPlaceholderText(login_name())
        self.author.setAccessibleName("Your name, as author of highlights and notes")
        self.author.setToolTip("Recorded on every highlight, note and change; shown to colleagues after a merge.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Your &name:", self.author)
        form.addRow(buttons)

    def accept(self) -> None:
        name = self.author.text().strip()
        QSettings().setValue("author", name)
        set_author(name)
        super().accept()
