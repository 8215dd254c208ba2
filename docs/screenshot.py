"""Render the main window with the sample to ``docs/screenshot.png`` (offscreen; no display needed).

    python docs/screenshot.py [OUTPUT.png]

Uses a throwaway project and settings, so it shows exactly what a first run shows.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_scratch = Path(tempfile.mkdtemp(prefix="workbench-shot-"))
os.environ["XDG_DATA_HOME"] = str(_scratch / "data")
os.environ["XDG_CONFIG_HOME"] = str(_scratch / "config")

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from workbench.ui.app import create_application, open_window  # noqa: E402


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("screenshot.png")
    app = create_application()
    window = open_window(None)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    # Rest the pointer on footnote 2 so the picture shows a note popup, and open it in the notes pane.
    view = window.reading
    view.verticalScrollBar().setValue(0)
    app.processEvents()
    QTest.mouseMove(view.viewport(), view.note_mark_rect(2).center() + QPoint(1, 1))
    window.notes.focus_note(2)
    app.processEvents()
    picture = window.grab()
    if view.note_popup.isVisible():  # a tool-tip window is not part of the grab: paint it in
        from PySide6.QtGui import QPainter

        painter = QPainter(picture)
        painter.drawPixmap(window.mapFromGlobal(view.note_popup.pos()), view.note_popup.grab())
        painter.end()
    picture.save(str(output))
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
