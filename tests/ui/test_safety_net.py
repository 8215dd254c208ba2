"""An unexpected exception in a slot is logged (rotating file, user log directory) and shown."""

from __future__ import annotations

import faulthandler
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from workbench import crash_log
from workbench.ui.safety_net import SafetyNet


@pytest.fixture
def net(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # where user_log_dir is on Linux
    monkeypatch.setattr(crash_log, "log_dir", lambda: tmp_path / "log")
    button = QPushButton("Do it")
    qtbot.addWidget(button)
    safety = SafetyNet(button)
    yield safety
    safety.uninstall()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_shown_with_the_log_path(net: SafetyNet, qtbot) -> None:
    button = net.parent()

    def broken() -> None:
        raise ValueError("the slot broke")

    button.clicked.connect(broken)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: net.dialog is not None and net.dialog.isVisible())
    log = net.crash.path.read_text(encoding="utf-8")
    assert "Unexpected error" in log and "ValueError: the slot broke" in log and "in broken" in log
    assert str(net.crash.path) in net.dialog.informativeText()
    assert "ValueError: the slot broke" in net.dialog.informativeText()
    assert not net.dialog.isModal()  # the window stays usable; the dialog does not wait
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second error while it is shown: one dialog
    assert net.crash.path.read_text(encoding="utf-8").count("ValueError: the slot broke") == 2
    assert len(button.findChildren(type(net.dialog))) == 1


def test_an_error_on_another_thread_is_logged_and_shown(net: SafetyNet, qtbot) -> None:
    worker = threading.Thread(target=lambda: 1 / 0, name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: net.dialog is not None and net.dialog.isVisible())
    assert "ZeroDivisionError" in net.crash.path.read_text(encoding="utf-8")
    assert "worker" in net.crash.path.read_text(encoding="utf-8")


def test_hard_crashes_are_written_beside_the_log(net: SafetyNet) -> None:
    assert faulthandler.is_enabled()
    assert (net.crash.path.parent / "faults.log").exists()
    assert sys.excepthook == net.crash._excepthook


def test_the_log_lives_in_the_user_log_directory(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert crash_log.log_path().is_relative_to(tmp_path)
