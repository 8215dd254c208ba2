"""How a tag is marked: its colour dot, and (for readers who cannot rely on colour) a line pattern.

With "Underline patterns" on (Edit › Settings), each tag's underline and coding stripe is drawn
in a pattern of its own (solid, dashed, dotted…), chosen by the tag's place in the tree, and the
tag tree shows the same pattern beside the tag's name: two tags are told apart without colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QTextCharFormat

from workbench.model.annotation import TagId, TagTree

_Underline = QTextCharFormat.UnderlineStyle


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    dashes: tuple[float, ...]  # dash, gap, dash, gap… in pen widths; empty for a solid line
    underline: _Underline  # the nearest underline a text format has (the footnotes pane uses formats)
    wave: bool = False


PATTERNS = (
    Pattern("solid", (), _Underline.SingleUnderline),
    Pattern("dashed", (3.0, 1.5), _Underline.DashUnderline),
    Pattern("dotted", (0.8, 1.2), _Underline.DotLine),
    Pattern("wavy", (), _Underline.WaveUnderline, wave=True),
    Pattern("dash-dot", (4.0, 1.5, 0.8, 1.5), _Underline.DashDotLine),
    Pattern("dash-dot-dot", (4.0, 1.2, 0.8, 1.2, 0.8, 1.2), _Underline.DashDotDotLine),
)
_WAVE_STEP, _WAVE_HEIGHT = 2.0, 1.0


def pattern_of(tree: TagTree, tag_id: TagId) -> Pattern:
    """The pattern of a tag: by its place in the tree, so neighbours in the tree differ."""
    return PATTERNS[tree.rank(tag_id) % len(PATTERNS)]


def pen(color: str | QColor, width: float, pattern: Pattern | None = None) -> QPen:
    """A pen in ``color``; with ``pattern``, dashed the pattern's way (flat ends keep dots crisp)."""
    result = QPen(QColor(color))
    result.setWidthF(width)
    if pattern is not None and pattern.dashes:
        result.setCapStyle(Qt.PenCapStyle.FlatCap)
        result.setDashPattern(list(pattern.dashes))
    return result


def draw_line(painter: QPainter, start: QPointF, end: QPointF, pattern: Pattern | None = None) -> None:
    """A straight (horizontal or vertical) line from ``start`` to ``end``, wavy if the pattern is."""
    if pattern is None or not pattern.wave:
        painter.drawLine(start, end)
        return
    vertical = abs(end.x() - start.x()) < abs(end.y() - start.y())
    length = abs(end.y() - start.y()) if vertical else abs(end.x() - start.x())
    path = QPainterPath(start)
    steps = max(int(length / _WAVE_STEP), 1)
    for i in range(1, steps + 1):
        along = length * i / steps
        across = _WAVE_HEIGHT if i % 2 else -_WAVE_HEIGHT
        point = (
            QPointF(start.x() + across, start.y() + along)
            if vertical
            else QPointF(start.x() + along, start.y() + across)
        )
        path.lineTo(point)
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.drawPath(path)
    painter.restore()


def tag_icon(color: str, pattern: Pattern | None = None, size: int = 12) -> QIcon:
    """A dot in the tag's colour; with a pattern, a short line of it beside the dot."""
    width = size + (22 if pattern is not None else 0)
    pixmap = QPixmap(width, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(QColor(color).darker(130))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    if pattern is not None:
        painter.setPen(pen(color, 1.6, pattern))
        draw_line(painter, QPointF(size + 3, size / 2), QPointF(width - 1, size / 2), pattern)
    painter.end()
    return QIcon(pixmap)
