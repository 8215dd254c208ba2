"""What goes into the project and out of it from the File menu: documents and other tools' work in,
quotations and exchange formats (REFI-QDA, a codebook, W3C annotations) out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from workbench.exchange.formats import EXCHANGES, IMPORTABLE_SUFFIXES, Exchange, export_exchange
from workbench.ops.documents import ImportReport
from workbench.ops.exchange import import_exchange
from workbench.ops.series import SeriesReport
from workbench.ui.dialogs.export import ExportDialog
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.window.import_job import run_import
from workbench.ui.window.series_job import run_import_folder

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

_KINDS = ("Documents and work from other tools (*.xml *.txt *.pdf *.docx *.odt *.qdpx *.qdc *.jsonld);;"
          "FRUS TEI and text files (*.xml *.txt);;PDF, Word and OpenDocument (*.pdf *.docx *.odt);;"
          "All files (*)")  # fmt: skip


class Transfers:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def import_files(self, paths: list[str] | None = None) -> ImportReport | None:
        window = self.window
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(window, "Import documents", str(Path.home()), _KINDS)
        if not paths:
            return None
        exchange = [p for p in paths if Path(p).suffix.lower() in IMPORTABLE_SUFFIXES]
        paths = [p for p in paths if p not in exchange]
        report = run_import(window, list(paths)) if paths else None
        for path in exchange:  # after the documents: annotations may be on documents of this same import
            self._import_exchange(Path(path))
        if report is None:
            return None
        problems = [str(failure) for failure in report.failed] + [w for item in report.imported for w in item.warnings]
        if problems:
            summary = f"Imported {report.document_count} document(s).\n\n"
            QMessageBox.warning(window, "Import", summary + "\n".join(problems))
        last = next((item.documents[-1] for item in reversed(report.imported) if item.documents), None)
        if last is not None:
            window.documents.select(last.id)
        return report

    def import_folder(self, folder: str | None = None) -> SeriesReport | None:
        """Every volume file of a folder (a series), one volume at a time (``series_job``)."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of volumes", str(Path.home()))
        return run_import_folder(self.window, Path(folder)) if folder else None

    def _import_exchange(self, path: Path) -> None:
        session = self.window.session
        done = session.run("Import", lambda: import_exchange(session.project, path), background=True)
        if done is None:
            return
        if done.value.warnings:
            QMessageBox.warning(
                self.window, "Import", f"{path.name}: {done.value.summary}.\n\n" + "\n".join(done.value.warnings)
            )
        else:
            self.window.statusBar().showMessage(f"Imported {path.name}: {done.value.summary}.", 8000)

    def export_for_other_tools(self, kind: Exchange, path: str | None = None) -> None:
        """The project as REFI-QDA, its codebook, or its highlights as W3C annotations, to a file."""
        window, project = self.window, self.window.session.project
        info = EXCHANGES[kind]
        if path is None:
            suggested = str(project.path.with_suffix(info.suffix))
            path, _ = QFileDialog.getSaveFileName(window, info.label, suggested, f"{info.label} (*{info.suffix})")
        if not path:
            return
        try:
            exported = export_exchange(project.db, kind, project.path.stem)
            Path(path).write_bytes(exported.data)
        except OSError as error:
            QMessageBox.warning(window, "Export", f"{Path(path).name} could not be written: {error}.")
            return
        if exported.warnings:
            QMessageBox.information(window, "Export", "\n".join(exported.warnings))
        window.statusBar().showMessage(f"Exported {Path(path).name}.", 8000)

    def export_quotations(self) -> None:
        highlights = self.window.highlights
        picked = [highlights.model.rows[i.row()].place.id for i in highlights.view.selectionModel().selectedIndexes()]
        run_dialog(ExportDialog(self.window, picked))
