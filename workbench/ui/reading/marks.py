"""How a tag is marked: its colour dot, and (for readers who cannot rely on colour) a line pattern.

With "Underline patterns" on (Edit › Settings), each tag's underline and coding stripe is drawn
in a pattern of its own (solid, dashed, dotted…), chosen by the tag's place in the tree, and the
tag tree shows the same pattern beside the tag's name: two tags are told apart without colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPixmapCache, QTextCharFormat

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
_WAVE_STEP, _WAVE_HEIGHT = 3.5, 1.5  # half a period, and the crest: a wave the eye reads as one


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
    """A straight (horizontal or vertical) line from ``start`` to ``end`` in the painter's pen, wavy if
    the pattern is. A wave is one small tile repeated (a path of hundreds of segments per line would
    cost a millisecond each; the tile costs microseconds)."""
    if pattern is None or not pattern.wave:
        painter.drawLine(start, end)
        return
    vertical = abs(end.x() - start.x()) < abs(end.y() - start.y())
    width = min(painter.pen().widthF(), 1.5)  # a thick wave blurs into a band
    tile = _wave_tile(painter.pen().color(), width, painter.device().devicePixelRatioF(), vertical)
    thickness = 2 * _WAVE_HEIGHT + width
    if vertical:
        area = QRectF(start.x() - thickness / 2, min(start.y(), end.y()), thickness, abs(end.y() - start.y()))
    else:
        area = QRectF(min(start.x(), end.x()), start.y() - thickness / 2, abs(end.x() - start.x()), thickness)
    painter.drawTiledPixmap(area, tile)


def _wave_tile(color: QColor, width: float, ratio: float, vertical: bool) -> QPixmap:
    """One period of the wave, drawn at the screen's pixel density (kept in Qt's pixmap cache)."""
    key = f"workbench-wave-{color.name()}-{width:.2f}-{ratio:.2f}-{int(vertical)}"
    tile = QPixmap()
    if QPixmapCache.find(key, tile):
        return tile
    period, thickness = 2 * _WAVE_STEP, 2 * _WAVE_HEIGHT + width
    size = QSizeF(thickness, period) if vertical else QSizeF(period, thickness)
    tile = QPixmap((size * ratio).toSize())
    tile.setDevicePixelRatio(ratio)
    tile.fill(QColor(0, 0, 0, 0))
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen(color, width))
    middle, crest = thickness / 2, _WAVE_HEIGHT
    points = [(0.0, middle + crest), (period / 2, middle - crest), (period, middle + crest)]
    painter.drawPolyline([QPointF(b, a) if vertical else QPointF(a, b) for a, b in points])
    painter.end()
    QPixmapCache.insert(key, tile)
    return tile


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
