"""The File menu's work on whole project files: new, open, recent, save a copy, merge, backups.

One controller (like ``Annotator`` for the text) so the window only shows projects; this is where
the open project changes. Recent projects are a list of paths in ``QSettings`` (newest first);
one that has gone missing is dropped with a message, not left to fail again.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from workbench.ops.errors import OperationError
from workbench.ops.merge import merge_project as merge
from workbench.ops.merge import preview_merge
from workbench.storage import PROJECT_SUFFIX, Project, ProjectError, backups
from workbench.ui.dialogs.backups import BackupsDialog
from workbench.ui.dialogs.merge import MergeDialog
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.dialogs.upgrade import open_project

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

RECENT_KEY = "recent/projects"
RECENT_LIMIT = 10
_PROJECTS = f"Workbench projects (*{PROJECT_SUFFIX})"


def remember(recent: list[str], path: Path, limit: int = RECENT_LIMIT) -> list[str]:
    """``recent`` with ``path`` first (once), at most ``limit`` long."""
    key = str(path.expanduser().resolve())
    return [key, *(p for p in recent if p != key)][:limit]


def recent_projects() -> list[str]:
    value = QSettings().value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings gives a one-item list back as a string
        value = [value]
    return [str(p) for p in value] if isinstance(value, list) else []


class Backup(QObject):
    """One backup being copied. A daemon thread, not a ``QThread``: a process that ends while it
    copies loses only that copy (written to a ``.partial`` file, renamed when whole), and does not
    abort on a thread still running."""

    done = Signal()

    def __init__(self, path: Path, reason: str, state: tuple[int, int]) -> None:
        super().__init__()
        self.path, self.reason, self.state = path, reason, state
        self.error: Exception | None = None
        self.copier = threading.Thread(target=self._copy, name="backup", daemon=True)

    def _copy(self) -> None:
        try:
            source = sqlite3.connect(self.path)
            try:
                backups.take(source, self.path, self.reason, only_if_changed=True)
            finally:
                source.close()
        except (OSError, sqlite3.Error) as error:
            self.error = error
        self.done.emit()


class ProjectFiles:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._backup_timer = QTimer(window)
        self._backup_timer.timeout.connect(lambda: self.take_backup("in-use"))
        self._backed_up: tuple[int, int] | None = None
        self._backup: Backup | None = None  # the backup being copied, if one is

    @property
    def project(self) -> Project:
        return self.window.project

    # -- opening ----------------------------------------------------------------------------

    def opened(self) -> None:
        """The window shows a project (the first, or another): remember it and back it up."""
        QSettings().setValue(RECENT_KEY, remember(recent_projects(), self.project.path))
        self._backed_up = None
        self.take_backup("opened")

    def open_project(self, path: str | None = None, *, create: bool = False) -> None:
        """Switch to another project file (``create``: a new, empty one)."""
        window = self.window
        title = "New project" if create else "Open project"
        if path is None:
            ask = QFileDialog.getSaveFileName if create else QFileDialog.getOpenFileName
            path, _ = ask(window, title, str(self.project.path.parent), f"{_PROJECTS};;All files (*)")
        if not path:
            return
        if create:
            path = str(Path(path).with_suffix(PROJECT_SUFFIX))
            if Path(path).exists():
                QMessageBox.warning(window, title, f"{Path(path).name} exists already: open it instead.")
                return
        if not create and not Path(path).exists():
            QMessageBox.warning(window, title, f"{Path(path).name} is no longer there ({Path(path).parent}).")
            QSettings().setValue(RECENT_KEY, [p for p in recent_projects() if p != str(path)])
            return
        try:
            project = open_project(path, window, create=create)
        except ProjectError as error:
            QMessageBox.warning(window, title, str(error))
            return
        window.memos.save_document_note()
        self.wait_for_backup()
        self.project.close()
        window.use_project(project)
        self.opened()

    def fill_recent_menu(self, menu: QMenu) -> None:
        """File › Open Recent, as it is when the menu opens."""
        menu.clear()
        here = str(self.project.path.resolve())
        shown = [p for p in recent_projects() if p != here]
        for number, path in enumerate(shown, start=1):
            label = f"&{number % 10} {Path(path).stem}" if number <= 10 else Path(path).stem
            action = menu.addAction(f"{label}  —  {Path(path).parent}")
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not shown:
            menu.addAction("No other projects yet").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear Menu", lambda: QSettings().setValue(RECENT_KEY, [here]))
        clear.setEnabled(bool(shown))

    def save_copy(self, path: str | None = None) -> None:
        """Write the whole project, as it is now, to another file (the open one stays open)."""
        window = self.window
        if path is None:
            suggested = str(self.project.path.with_name(f"{self.project.path.stem} copy{PROJECT_SUFFIX}"))
            path, _ = QFileDialog.getSaveFileName(window, "Save a copy", suggested, _PROJECTS)
        if not path:
            return
        target = Path(path).with_suffix(PROJECT_SUFFIX)
        if target.resolve() == self.project.path.resolve():
            QMessageBox.warning(window, "Save a copy", "A copy cannot replace the project it is made from.")
            return
        window.memos.save_document_note()
        try:
            backups.copy_database(self.project.db.conn, target)
        except (OSError, sqlite3.Error) as error:
            QMessageBox.warning(window, "Save a copy", f"{target.name} could not be written: {error}.")
            return
        window.statusBar().showMessage(f"Saved a copy as {target.name}.", 8000)

    def merge_project(self, path: str | None = None) -> None:
        """Preview a colleague's project, then (if the user agrees) merge it as one undo step."""
        window = self.window
        if path is None:
            path, _ = QFileDialog.getOpenFileName(window, "Merge a project", str(self.project.path.parent),
                                                  f"{_PROJECTS};;All files (*)")  # fmt: skip
        if not path:
            return
        other = Path(path)
        if other.resolve() == self.project.path.resolve():
            QMessageBox.information(window, "Merge", "That is the project already open.")
            return
        try:
            plan = window.operations.query("Merge", lambda ours: preview_merge(ours, other), label="Comparing…")
        except (ProjectError, OperationError) as error:
            QMessageBox.warning(window, "Merge", str(error))
            return
        if run_dialog(MergeDialog(plan, window)):
            done = window.operations.run("Merge", lambda: merge(self.project, other), background=True)
            if done is not None:
                window.statusBar().showMessage(f"Merged {other.name}: {len(plan.added)} added.", 8000)

    # -- backups ----------------------------------------------------------------------------

    def set_backup_minutes(self, minutes: int) -> None:
        """Back up every ``minutes`` while the project is open (0: only when it opens)."""
        if minutes:
            self._backup_timer.start(minutes * 60 * 1000)
        else:
            self._backup_timer.stop()

    def stop(self) -> None:
        self._backup_timer.stop()
        self.wait_for_backup()  # a copy under way finishes before the project closes

    def take_backup(self, reason: str) -> None:
        """A backup into the rotating set, copied on a thread of its own from a connection of its own
        (the backup API gives a consistent copy while the window goes on writing): a copy of a large
        project every ten minutes is no longer a pause in the window. Only when something changed."""
        state = (self.project.db.conn.total_changes, self.window.session.data_version())
        if (reason == "in-use" and state == self._backed_up) or self._backup is not None:
            return  # nothing changed since the last one, or one is being taken
        self._backup = Backup(self.project.path, reason, state)
        self._backup.done.connect(self._backup_done, Qt.ConnectionType.QueuedConnection)
        self._backup.copier.start()

    def _backup_done(self) -> None:
        backup, self._backup = self._backup, None
        if backup is None:
            return
        if backup.error is not None:
            self.window.statusBar().showMessage(f"Could not write a backup: {backup.error}", 8000)
        else:
            self._backed_up = backup.state

    def wait_for_backup(self) -> None:
        """Until the backup under way is written (before a restore or a close; tests)."""
        if self._backup is not None:
            self._backup.copier.join()
            self._backup_done()

    def restore_backup(self) -> None:
        window = self.window
        dialog = BackupsDialog(self.project.path, window)
        if not run_dialog(dialog) or dialog.chosen is None:
            return
        window.memos.save_document_note()
        self.wait_for_backup()
        path = self.project.path
        self.project.close()
        # The window has no open project until the restored one is opened, which may be behind an
        # upgrade dialog (a backup from before an upgrade) while the event loop turns: pollers wait.
        window.operations.busyChanged.emit(True)
        try:
            backups.restore(dialog.chosen.path, path)
        finally:
            try:
                window.use_project(open_project(path, window))
            finally:
                window.operations.busyChanged.emit(False)
        window.statusBar().showMessage("Restored. The state before is kept as a backup.", 8000)
