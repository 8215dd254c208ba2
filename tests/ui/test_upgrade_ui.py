"""Opening a project written by an older version, in the window and at start-up: a dialog names the
upgrade and the copy kept, its bar moves and it paints while the copy is made, then the project
opens with its documents."""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog

from workbench.storage import Project, backups
from workbench.storage.schema import SCHEMA_VERSION
from workbench.ui.dialogs import upgrade

FIXTURES = Path(__file__).parent.parent / "fixtures"


@dataclass
class Seen:
    """What the user saw of progress dialogs: their texts and modality when shown, their bars' values
    as painted, and how many times they painted."""

    shown: list[tuple[str, str, Qt.WindowModality]] = field(default_factory=list)
    values: list[int] = field(default_factory=list)
    paints: int = 0


class Watch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = Seen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QProgressDialog):
            if event.type() == QEvent.Type.Show:
                self.seen.shown.append((watched.windowTitle(), watched.labelText(), watched.windowModality()))
            elif event.type() == QEvent.Type.Paint:
                self.seen.paints += 1
                self.seen.values.append(watched.value())
        return False


@pytest.fixture
def watch(qtbot):
    watcher = Watch()
    app = QApplication.instance()
    app.installEventFilter(watcher)
    yield watcher.seen
    app.removeEventFilter(watcher)


@pytest.fixture
def old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real schema-11 project, copied in steps of one page (62 steps), its dialog shown at once."""
    path = tmp_path / "old.wbproj"
    shutil.copyfile(FIXTURES / "schema-11.wbproj", path)
    monkeypatch.setattr(backups, "STEP_PAGES", 1)
    monkeypatch.setattr(upgrade, "SHOWN_AFTER_MS", 0)
    return path


TEXT = (
    "Upgrading old.wbproj to this version of Workbench —\n"
    "a copy of the file as it was is kept as old.wbproj.schema-11.bak."
)


def assert_upgraded_behind_the_dialog(seen: Seen, modality: Qt.WindowModality, old: Path) -> None:
    assert seen.shown == [("Upgrading the project", TEXT, modality)]
    # The bar painted as it moved (each step's value is set while the copy goes on), up to the whole.
    assert len(set(seen.values)) > 10 and seen.values == sorted(seen.values) and seen.values[-1] == 1000
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    assert old.with_name("old.wbproj.schema-11.bak").is_file()


def test_opening_an_old_project_from_the_window_shows_the_upgrade_then_its_documents(
    open_window, project: Project, old: Path, watch: Seen
) -> None:
    window = open_window(project)
    window.files.open_project(str(old))
    assert_upgraded_behind_the_dialog(watch, Qt.WindowModality.WindowModal, old)
    assert window.project.path == old and window.project.schema_version == SCHEMA_VERSION
    assert window.session.document_count() == 4
    assert "old" in window.windowTitle()


def test_starting_on_an_old_project_shows_the_upgrade_before_the_window(qtbot, old: Path, watch: Seen) -> None:
    from workbench.ui.app import create_application, open_window

    create_application()
    window = open_window(old)
    qtbot.addWidget(window)
    try:
        assert_upgraded_behind_the_dialog(watch, Qt.WindowModality.ApplicationModal, old)
        assert window.project.schema_version == SCHEMA_VERSION and window.session.document_count() == 4
    finally:
        window.project.close()


def test_a_project_of_todays_schema_opens_without_a_dialog(open_window, project: Project, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch, watch: Seen) -> None:  # fmt: skip
    monkeypatch.setattr(upgrade, "SHOWN_AFTER_MS", 0)
    Project.open(tmp_path / "today.wbproj", create=True).close()
    window = open_window(project)
    window.files.open_project(str(tmp_path / "today.wbproj"))
    assert window.project.path.name == "today.wbproj" and watch.shown == []


def escape_when_shown(pressed: threading.Event, visible_after: list[bool]) -> None:
    """Once a progress dialog is up, press Escape in it (as the user does, to the focused widget),
    note whether it is still shown, and let the held work go on."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QProgressDialog):
        QTimer.singleShot(10, lambda: escape_when_shown(pressed, visible_after))
        return
    QTest.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Escape)
    QApplication.processEvents()
    visible_after.append(box.isVisible())
    pressed.set()


def test_escape_does_not_hide_the_upgrade_while_it_goes_on(
    open_window, project: Project, old: Path, watch: Seen, monkeypatch: pytest.MonkeyPatch
) -> None:
    pressed = threading.Event()
    opening = Project.open

    def open_held(_cls, path, *, create=False, upgrading=None):  # the copy waits at its first step for Escape
        def copied(done: int, total: int) -> None:
            upgrading(done, total)
            pressed.wait(10)

        return opening(path, create=create, upgrading=copied)

    monkeypatch.setattr(Project, "open", classmethod(open_held))
    visible_after: list[bool] = []

    window = open_window(project)
    QTimer.singleShot(0, lambda: escape_when_shown(pressed, visible_after))
    window.files.open_project(str(old))
    assert visible_after == [True]
    assert window.project.path == old and window.session.document_count() == 4


def test_escape_does_not_hide_a_write_in_the_background_either(open_window, project: Project) -> None:
    """``Operations.in_background`` shows the same dialog: the write goes on whatever is pressed."""
    pressed = threading.Event()
    visible_after: list[bool] = []

    window = open_window(project)
    QTimer.singleShot(0, lambda: escape_when_shown(pressed, visible_after))
    assert window.session.operations.in_background("Writing", lambda: pressed.wait(10) and "done") == "done"
    assert visible_after == [True]
