"""Reading the screen: what a test sees where a highlight is painted."""

from __future__ import annotations

from PySide6.QtGui import QColor

from workbench.model.annotation import Span
from workbench.ui.reading.highlights import span_rects
from workbench.ui.window.main_window import MainWindow


def close(a: QColor, b: QColor, tolerance: int = 12) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < tolerance


def tinted_share(window: MainWindow, span: Span) -> float:
    """The share of the span's area that shows its tag's tint, as the theme promises it (the rest is ink)."""
    view = window.reading
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    want = QColor(view.theme.highlighted([next(t.color for t in window.tags if t.id in span.tag_ids)]))
    scroll = view.verticalScrollBar().value()
    hits = total = 0
    for rect in span_rects(view, span):
        for x in range(int(rect.left()) + 1, int(rect.right()) - 1, 2):
            for y in range(int(rect.top() - scroll) + 1, int(rect.bottom() - scroll) - 1, 2):
                total += 1
                hits += close(image.pixelColor(x, y), want)
    return hits / max(total, 1)
