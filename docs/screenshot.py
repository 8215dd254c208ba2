"""Render the main window to ``docs/screenshot.png`` (offscreen; no display needed).

    python docs/screenshot.py [OUTPUT.png]

A throwaway project and settings: the sample memo as a first run opens it, then tagged the way
a historian would tag it (the troop issue, GVN resistance, a passage with both, notes).
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
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from workbench.ops.spans import create_span  # noqa: E402
from workbench.ui.app import create_application, open_window  # noqa: E402

PASSAGES = [  # (quote, tags, note)
    ("the de facto removal of some troops from the northern part of South Vietnam. How, he asked, could they now "
     "be expected to leave thousands of their people languishing in South Vietnamese jails",
     ["Troops/North Vietnamese forces", "Prisoners"], "Le Duc Tho links **troops** to *political prisoners*."),
    ("specific language with respect to North Vietnamese troops in the South", ["Troops/North Vietnamese forces"], ""),
    ("On the other hand, we face the problem of a balking GVN.", ["GVN resistance"], "Kissinger's framing for Nixon."),
    ("Their resistance has centered on two issues, the political structure and the issue of North Vietnamese "
     "troops in South Vietnam.", ["GVN resistance", "Troops"], ""),
]  # fmt: skip


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("screenshot.png")
    app = create_application()
    window = open_window(None)
    document = window.document
    for quote, tags, note in PASSAGES:
        start = document.text.index(quote)
        window.operations.run("", lambda s=start, q=quote, t=tags, n=note: create_span(
            window.project, document.id, s, s + len(q), tag_paths=t, note=n))  # fmt: skip
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    view = window.reading
    # Show the tagged passages, and rest the pointer on the first one so its tags and note show.
    view.select_range(document.text.index(PASSAGES[0][0]), document.text.index(PASSAGES[0][0]))
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 120)
    window.side.setCurrentWidget(window.highlights)
    app.processEvents()
    span = next(iter(view.span_index.by_id.values()))
    view.set_current_span(span.id)
    from workbench.ui.reading.highlights import span_rects

    rect = span_rects(view, span)[1].translated(0, -view.verticalScrollBar().value())
    QTest.mouseMove(view.viewport(), rect.center().toPoint() + QPoint(0, 1))
    app.processEvents()
    picture = window.grab()
    if view.note_popup.isVisible():  # a tool-tip window is not part of the grab: paint it in
        painter = QPainter(picture)
        painter.drawPixmap(window.mapFromGlobal(view.note_popup.pos()), view.note_popup.grab())
        painter.end()
    picture.save(str(output))
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
