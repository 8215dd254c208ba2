"""Drawing spans over the text: tints, stacked underlines, the current span, coding stripes.

Highlights are painted, not stored as character formats: adding or undoing one is a repaint
of the lines it touches, opening a document costs no formatting pass, and overlapping spans
can each keep their own mark. Each span tints its text with its first tag's colour, multiplied
onto the paper like a highlighter pen (black text stays black; overlaps blend darker), and each
(span, tag) pair draws an underline in the line's leading space, on its own lane, so a reader
can tell overlapping passages apart. The coding stripes beside the text show, line by line,
which tags cover it (NVivo's "coding stripes"). How the tints blend, and the colour of the marks,
is the theme's (``Theme.tint``, ``Theme.mark``); with underline patterns on, each tag's underline
and stripe also has a pattern of its own (``marks.py``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QTextDocument, QTextLine
from PySide6.QtWidgets import QToolTip, QWidget

from workbench.model.annotation import Span, SpanPlace, TagTree
from workbench.model.span_index import SpanIndex
from workbench.ui.look import theme as themes
from workbench.ui.look.markdown import markdown_to_html
from workbench.ui.look.safe_text import tooltip
from workbench.ui.reading.marks import draw_line, pattern_of, pen

if TYPE_CHECKING:
    from workbench.ui.reading.view import ReadingView

UNTAGGED = "#8a8a8a"
_LANE = 3.0  # pixels between stacked underlines
_STRIPE_WIDTH, _STRIPE_GAP = 4.0, 4.0


def span_color(span: Span | SpanPlace, tree: TagTree) -> str:
    """The colour a span shows: that of its first tag in tree order (by the tree's cached ranks:
    painting asks this of every visible span in every frame)."""
    tags = tree.in_order(span.tag_ids)
    return tags[0].color if tags else UNTAGGED


def line_x(line: QTextLine, position: int) -> float:
    """Where ``position`` stands on ``line``: PySide6 returns Qt's ``cursorToX`` as an (x, position)
    pair, which its stubs type as ``object``."""
    x, _ = cast("tuple[float, int]", line.cursorToX(position))
    return x


def span_rects(view: ReadingView, span: SpanPlace | _Range) -> list[QRectF]:
    """One rectangle per line fragment the span covers, in document coordinates.

    Walking the lines of a layout is the costliest part of a frame; the rectangles stay true until
    the text is laid out again, so the view keeps them (``ReadingView.kept_rects``) until then."""
    positions = view.positions
    if positions is None:
        return []
    kept = view.kept_rects()
    key = (span.start, span.end)
    rects = kept.get(key)
    if rects is None:
        rects = kept[key] = _measure_rects(view, positions.to_view(span.start), positions.to_view(span.end, end=True))
    return rects


def _measure_rects(view: ReadingView, start: int, end: int) -> list[QRectF]:
    document = view.document()
    layout = document.documentLayout()
    rects: list[QRectF] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() <= end:
        text_layout = block.layout()
        origin = layout.blockBoundingRect(block).topLeft()
        first = max(start, block.position()) - block.position()
        last = min(end, block.position() + block.length() - 1) - block.position()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            a = max(first, line.textStart())
            b = min(last, line.textStart() + line.textLength())
            if a >= b:
                continue
            x1, x2 = line_x(line, a), line_x(line, b)
            rects.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
        block = block.next()
    release_layouts(document, start, end)  # the rectangles are kept; the shaping need not be
    return rects


_CANVAS: list[QImage] = []  # one pixel, to draw nothing on
_NOWHERE = QRectF(0, -1e6, 1, 1)  # above any line, within Qt's fixed-point range (±33 million)


def release_layouts(document: QTextDocument, first: int, last: int) -> None:
    """Give back the shaped glyphs Qt keeps for the blocks holding view positions ``first``…``last``.

    Asking a block where a character stands (``cursorToX``, ``cursorForPosition``) shapes its text,
    and Qt keeps the result, about 50 bytes a character, until the block is next drawn. The view
    asks after the text is drawn (highlights, page numbers, stripes) and keeps the answers, so every
    block that was ever asked about kept it: 80 MB for a 500-page volume read through. Drawing a
    layout frees it; drawn with a clip above all its lines it draws nothing (~15 µs a block).
    """
    if not _CANVAS:
        _CANVAS.append(QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied))
    painter = QPainter(_CANVAS[0])
    try:
        block, end = document.findBlock(first), document.findBlock(last).blockNumber()
        while block.isValid() and block.blockNumber() <= end:
            layout = block.layout()
            if layout is not None and layout.lineCount():
                layout.draw(painter, QPointF(0, 0), [], _NOWHERE)
            block = block.next()
    finally:
        painter.end()


def describe_spans(spans: Iterable[Span], tree: TagTree) -> tuple[str, str]:
    """What hovering shows: each span's tags (with their colours) and its note, rich and plain."""
    rich: list[str] = []
    plain: list[str] = []
    for span in spans:
        paths = sorted(tree.path(t) for t in span.tag_ids if t in tree.by_id) or ["(no tag)"]
        for tag_id in span.tag_ids or (None,):
            color = html.escape(tree.by_id[tag_id].color if tag_id in tree.by_id else UNTAGGED, quote=True)
            path = tree.path(tag_id) if tag_id in tree.by_id else "(no tag)"
            rich.append(
                f"<div><span style='color:{color}; font-size:14pt'>●</span>&nbsp;<b>{html.escape(path)}</b></div>"
            )
        plain.extend(paths)
        if span.note.strip():
            rich.append(f"<div style='margin:2px 0 6px 18px'>{markdown_to_html(span.note)}</div>")
            plain.extend(span.note.splitlines()[:12])
        byline = " · ".join(part for part in (span.author, span.created[:10]) if part)
        if byline:
            muted = themes.current().muted
            rich.append(f"<div style='color:{muted}; margin:0 0 6px 18px; font-size:8pt'>{html.escape(byline)}</div>")
    return "".join(rich), "\n".join(plain)


def visible_spans(view: ReadingView, index: SpanIndex) -> list[SpanPlace]:
    if view.positions is None or not len(index):
        return []
    top, bottom = view.visible_range()
    return index.overlapping(max(0, top - 1), bottom + 1)


def paint_highlights(
    painter: QPainter,
    view: ReadingView,
    spans: Iterable[SpanPlace],
    index: SpanIndex,
    tree: TagTree,
    *,
    current: int | None = None,
    flash: float = 0.0,
) -> None:
    """Tints and underlines for ``spans``; painted after the text, on the viewport."""
    theme = view.theme
    scroll = QPointF(-view.horizontalScrollBar().value(), -view.verticalScrollBar().value())
    geometry = [(span, [r.translated(scroll) for r in span_rects(view, span)]) for span in spans]
    painter.save()
    painter.setCompositionMode(theme.composition_mode())
    painter.setPen(Qt.PenStyle.NoPen)
    for span, rects in geometry:
        painter.setBrush(QColor(theme.tint(span_color(span, tree))))
        for rect in rects:
            painter.drawRect(rect)
    painter.restore()
    painter.save()
    for span, rects in geometry:
        for mark in SpanIndex.marks(span):
            tag = tree.by_id.get(mark[1]) if mark[1] is not None else None
            pattern = pattern_of(tree, tag.id) if tag and view.patterns else None
            painter.setPen(pen(theme.mark(tag.color if tag else UNTAGGED), 2.0, pattern))
            lane = index.lanes.get(mark, 0)
            for rect in rects:
                y = rect.bottom() + 1.5 + lane * _LANE
                draw_line(painter, QPointF(rect.left(), y), QPointF(rect.right(), y), pattern)
        if span.id == current:
            color = QColor(theme.accent)
            color.setAlphaF(0.45 + 0.55 * flash)
            painter.setPen(pen(color, 1.0 + 2.0 * flash))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in rects:
                painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
    painter.restore()


class StripeMargin(QWidget):
    """The strip right of the text: one coloured bar per tag beside the lines it covers."""

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self._view = view
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.bars: list[tuple[QRectF, str]] = []  # (rectangle, tag path), as last painted

    def paintEvent(self, event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(view.theme.paper))
        self.bars = []
        spans = visible_spans(view, view.span_index)
        if not spans:
            return
        tree = view.tags
        shown_tags = sorted({t for s in spans for t in s.tag_ids if t in tree.by_id}, key=tree.rank)
        lane_of = {tag_id: i for i, tag_id in enumerate(shown_tags)}
        scroll = view.verticalScrollBar().value()
        painter.setPen(Qt.PenStyle.NoPen)
        for span in spans:
            rects = span_rects(view, span)
            if not rects:
                continue
            top, bottom = rects[0].top() - scroll, rects[-1].bottom() - scroll
            for tag_id in span.tag_ids:
                if tag_id not in lane_of:
                    continue
                x = 10 + lane_of[tag_id] * (_STRIPE_WIDTH + _STRIPE_GAP)
                bar = QRectF(x, top, _STRIPE_WIDTH, bottom - top)
                color = view.theme.mark(tree.by_id[tag_id].color)
                if view.patterns:  # the tag's pattern, running down the bar
                    pattern = pattern_of(tree, tag_id)
                    painter.setPen(pen(color, _STRIPE_WIDTH / (2 if pattern.wave else 1), pattern))
                    x = bar.center().x()
                    draw_line(painter, QPointF(x, bar.top()), QPointF(x, bar.bottom()), pattern)
                    painter.setPen(Qt.PenStyle.NoPen)
                else:
                    painter.setBrush(QColor(color))
                    painter.drawRoundedRect(bar, 2, 2)
                self.bars.append((bar, tree.path(tag_id)))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        names = sorted({path for rect, path in self.bars if rect.adjusted(-2, 0, 2, 0).contains(point)})
        if names:
            QToolTip.showText(event.globalPosition().toPoint(), tooltip("\n".join(names)), self)
        else:
            QToolTip.hideText()


def paint_selection_frame(painter: QPainter, view: ReadingView, start: int, end: int) -> None:
    """A frame and a light veil in the ink's colour around a selection lying over highlights.

    The selection's own grey is painted under the text, and the tints over it (multiplied), so
    over a blue or green highlight it all but disappears; the frame keeps it seen in any tint.
    """
    scroll = QPointF(-view.horizontalScrollBar().value(), -view.verticalScrollBar().value())
    ink = QColor(view.theme.ink)
    veil = QColor(ink)
    veil.setAlpha(36)
    painter.save()
    painter.setPen(pen(view.theme.ink, 1.5, None))
    painter.setBrush(veil)
    for rect in span_rects(view, _Range(start, end)):
        painter.drawRoundedRect(rect.translated(scroll).adjusted(-0.5, -0.5, 0.5, 0.5), 2, 2)
    painter.restore()


@dataclass(frozen=True, slots=True)
class _Range:
    """What ``span_rects`` needs of a span: where it starts and ends."""

    start: int
    end: int
