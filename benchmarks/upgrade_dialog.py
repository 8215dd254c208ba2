"""Opening a large project that needs an upgrade, as the window does at start-up: how long it
takes, and whether the upgrade dialog painted meanwhile.

    QT_QPA_PLATFORM=offscreen python benchmarks/upgrade_dialog.py OLD.wbproj [--folder DIR]

``OLD.wbproj`` is never touched: it is copied into ``DIR`` (a temporary folder by default), that
copy is opened through ``workbench.ui.dialogs.upgrade.open_project`` with no window (the start-up
path, an application-modal dialog), and the copy and its ``.schema-N.bak`` are removed afterwards.
Prints the time to open, when the dialog showed, how often it painted and with how many different
bar values, and the longest gap between two turns of the event loop (a 10 ms timer's ticks).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from workbench.storage import pending_upgrade
from workbench.ui.app import create_application
from workbench.ui.dialogs.upgrade import open_project


class Watch(QObject):
    """The dialog's show and paints, and the gaps between the ticks of a 10 ms timer."""

    def __init__(self) -> None:
        super().__init__()
        self.began = time.perf_counter()
        self.shown_at: float | None = None
        self.paints = 0
        self.values: set[int] = set()
        self.last_tick = self.began
        self.longest_gap = 0.0
        self.ticker = QTimer(self)
        self.ticker.setInterval(10)
        self.ticker.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest_gap = max(self.longest_gap, now - self.last_tick)
        self.last_tick = now

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QProgressDialog):
            if event.type() == QEvent.Type.Show and self.shown_at is None:
                self.shown_at = time.perf_counter() - self.began
            elif event.type() == QEvent.Type.Paint:
                self.paints += 1
                self.values.add(watched.value())
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    app = create_application()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        path = Path(folder) / args.project.name
        shutil.copyfile(args.project, path)
        upgrade = pending_upgrade(path)
        print(f"{path.name}: {path.stat().st_size / 2**30:.2f} GB; upgrade: {upgrade}")
        watch = Watch()
        app.installEventFilter(watch)
        watch.ticker.start()
        watch.began = watch.last_tick = time.perf_counter()
        project = open_project(path, None)
        took = time.perf_counter() - watch.began
        watch.ticker.stop()
        app.removeEventFilter(watch)
        print(f"opened (schema {project.schema_version}) in {took:.1f} s")
        shown = f"{watch.shown_at:.2f} s" if watch.shown_at is not None else "never"
        print(f"dialog shown after {shown}; painted {watch.paints} times, {len(watch.values)} bar values")
        print(f"longest gap between turns of the event loop: {watch.longest_gap * 1000:.0f} ms")
        project.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
