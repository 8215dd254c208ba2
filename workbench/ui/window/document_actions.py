"""The document's own commands as the window runs them: edit its details, delete it.

Each asks what it needs (the details form, a confirmation that says what goes with the
document), then runs one operation; the views follow from its ``OpChanges``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from workbench.model import DocumentId
from workbench.ops.changes import OpResult
from workbench.ops.details import contents, delete_documents, set_details
from workbench.storage import load_document
from workbench.ui.dialogs.details import DetailsDialog
from workbench.ui.dialogs.modal import run_dialog

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow


class DocumentActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _target(self, doc_id: DocumentId | None) -> DocumentId | None:
        if doc_id is not None:
            return doc_id
        if self.window.document is not None:
            return self.window.document.id
        return self.window.documents.current_id()

    def edit_details(self, doc_id: DocumentId | None = None) -> None:
        """Document › Details…: the form, then one step "Edit Details" if anything changed."""
        target = self._target(doc_id)
        if target is None:
            self.window.statusBar().showMessage("Open a document first.", 4000)
            return
        project = self.window.project
        dialog = DetailsDialog(load_document(project.db, target), self.window)
        if run_dialog(dialog) != DetailsDialog.DialogCode.Accepted or not dialog.changed:
            return
        metadata = dialog.metadata
        self.window.operations.run("Details", lambda: OpResult(set_details(project, target, metadata), None))

    def delete(self, doc_id: DocumentId | None = None) -> None:
        """Delete the document after saying what goes with it; Undo brings it all back."""
        target = self._target(doc_id)
        if target is None:
            return
        project = self.window.project
        what = contents(project.db, target)
        box = QMessageBox(QMessageBox.Icon.Question, "Delete Document", f"Delete “{what.title[:80]}”?",
                          QMessageBox.StandardButton.Cancel, self.window)  # fmt: skip
        box.setInformativeText(f"Its {what.describe()} go with it. Edit › Undo brings them back."
                               if what.highlights or what.notes else "Edit › Undo brings it back.")  # fmt: skip
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        run_dialog(box)
        if box.clickedButton() is delete:
            self.window.operations.run("Delete Document", lambda: OpResult(delete_documents(project, [target]), None))
