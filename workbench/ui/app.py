"""Starting the GUI: the application object, the theme, the project, the window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.collector import settle_collector
from workbench.ops.author import set_author
from workbench.paths import APP_NAME, resource
from workbench.storage import ProjectError
from workbench.ui import preferences
from workbench.ui.dialogs.upgrade import open_default, open_project
from workbench.ui.look import theme as themes
from workbench.ui.safety_net import SafetyNet
from workbench.ui.window.main_window import MainWindow


def process_age_ms() -> float:
    """Milliseconds since this process started (from the kernel's record, so imports count too)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            seconds_up = float(uptime.read().split()[0])
        return (seconds_up - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError):
        return (time.perf_counter() - _IMPORTED_AT) * 1000


_IMPORTED_AT = time.perf_counter()


_NO_PAINT_MS = 20_000  # --measure-startup gives up (exit 1) rather than wait for ever


class _FirstPaint(QObject):
    """Prints the time to the first paint of the reading view, then quits (``--measure-startup``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(
                0, lambda: (print(f"first paint: {process_age_ms():.0f} ms", flush=True), QApplication.quit())
            )
        return False


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("org.workbench.Workbench")
    app.setWindowIcon(QIcon(str(resource("icons", "workbench.svg"))))
    themes.load_bundled_fonts()
    chosen = preferences.load()
    themes.apply(app, chosen.theme())
    set_author(chosen.author)  # the settings' name, on every change made here
    return app


def open_window(project_path: Path | None) -> MainWindow:
    """The window on the project (an old one is upgraded behind a dialog first: there is no window yet)."""
    project = open_default() if project_path is None else open_project(project_path, None, create=True)
    return MainWindow(project, themes.current())


def has_display() -> bool:
    """Whether Qt can open a window here; without one it aborts with a misleading xcb message."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(*, project: Path | None = None, measure_startup: bool = False) -> int:
    if not has_display():
        print(
            "workbench: there is no display to open the window on (DISPLAY is not set). "
            "Start it from a desktop session, or see `workbench --help` for the command line.",
            file=sys.stderr,
        )
        return 1
    app = create_application()
    try:
        window = open_window(project)
    except ProjectError as error:
        QMessageBox.critical(None, "Workbench cannot open the project", str(error))
        print(f"workbench: {error}", file=sys.stderr)
        return 1
    SafetyNet(window)  # from here on an unexpected error is logged and shown, never silent (kept by the window)
    if measure_startup:
        probe = _FirstPaint(window)
        window.reading.viewport().installEventFilter(probe)
        QTimer.singleShot(_NO_PAINT_MS, lambda: (print("no first paint", file=sys.stderr), app.exit(1)))
    window.show()
    QTimer.singleShot(0, settle_collector)  # what the window is made of, set aside once it stands
    code = app.exec()
    window.project.close()
    return code
