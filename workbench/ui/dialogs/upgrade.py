"""Opening a project from the window (or at start-up): an upgrade shows a dialog, never a freeze.

A project written by an older version is copied aside as it was before it is migrated
(``Project.open``): for a 2 GB project that copy takes 15 s, and the window (at start-up: no
window at all) used to say nothing meanwhile. ``pending_upgrade`` tells beforehand, without
writing, whether there will be an upgrade; only then is the opening moved behind a progress
dialog that names the copy being kept, with a bar moved by each step of the copy.

The opening runs on a worker thread (``Worker.wait_behind``) while this thread turns the event
loop, rather than the copy turning the loop between its steps here (Anki's and calibre's way):
one step (16 MB, flushed to disk) takes up to 0.4 s on a busy disk, and the migrations after it
have no steps at all, so the dialog would stall; on a thread, SQLite and ``fsync`` let go of the
interpreter while they work and the loop turns all along. Nothing of the project is shared
meanwhile: the connection is the worker's until it hands the opened project back.

The dialog waits half a second before it shows: a small project is upgraded before then, and
nothing flashes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from workbench.paths import default_project_path
from workbench.sample import open_default_project
from workbench.storage import Project, Upgrade, pending_upgrade
from workbench.storage.backups import Copied
from workbench.ui.operations import StaysOpen, Worker

#: Shown only if the upgrade is still going after this long (QProgressDialog's minimumDuration).
SHOWN_AFTER_MS = 500
_STEPS = 1000  # the bar's resolution
TITLE = "Upgrading the project"

Opener = Callable[[Copied | None], Project]


def open_project(path: Path | str, parent: QWidget | None, *, create: bool = False) -> Project:
    """``Project.open(path)``, behind an upgrade dialog over ``parent`` if the file needs one."""
    return opening(Path(path), parent, lambda copied: Project.open(path, create=create, upgrading=copied))


def open_default(parent: QWidget | None = None) -> Project:
    """The default project (``open_default_project``), behind an upgrade dialog if it needs one."""
    return opening(default_project_path(), parent, lambda copied: open_default_project(upgrading=copied))


def opening(path: Path, parent: QWidget | None, open_with: Opener) -> Project:
    """``open_with(copied)`` here and now, or, if ``path`` needs an upgrade, on a worker thread
    behind the dialog; raises what it raised (a ``ProjectError``) as if it had run here."""
    upgrade = pending_upgrade(path)
    if upgrade is None:
        return open_with(None)
    dialog = upgrade_dialog(upgrade, parent)
    worker = _Opening(open_with)

    def copied(done: int, total: int) -> None:
        dialog.setValue(round(done / total * _STEPS) if total else 0)

    worker.copied.connect(copied, Qt.ConnectionType.QueuedConnection)
    dialog.setValue(0)  # the clock of SHOWN_AFTER_MS starts
    return worker.wait_behind(dialog)


def message(upgrade: Upgrade) -> str:
    return (
        f"Upgrading {upgrade.path.name} to this version of Workbench —\n"
        f"a copy of the file as it was is kept as {upgrade.kept_as.name}."
    )


def _label(text: str) -> QLabel:
    """The message read like a sentence (left-aligned), with room."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    label.setContentsMargins(0, 10, 0, 4)  # the text starts where the bar does
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the copy's name, to find it
    return label


def upgrade_dialog(upgrade: Upgrade, parent: QWidget | None) -> QProgressDialog:
    """The dialog, without Cancel (the copy and the migration complete, or fail whole): modal to
    ``parent``'s window, or to the whole application at start-up, when there is no window yet."""
    dialog = StaysOpen(parent)
    dialog.setLabel(_label(message(upgrade)))
    dialog.setRange(0, _STEPS)
    dialog.setWindowTitle(TITLE)
    dialog.setAccessibleName(TITLE)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(SHOWN_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(520)
    return dialog


class _Opening(Worker):
    """The opening on a worker thread; each step of the copy is a (queued) ``copied`` signal."""

    copied = Signal(int, int)

    def __init__(self, open_with: Opener) -> None:
        super().__init__(lambda: open_with(self.copied.emit))
