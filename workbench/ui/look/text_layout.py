"""Breaking a string into at most a few lines of a width, for list cards that show long text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption


def wrapped_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """``text`` wrapped at word boundaries to ``width``; the last line elided if text remains.

    Qt counts positions in UTF-16 code units and Python in code points: after an emoji or an
    astral letter the two differ, so each line is cut from the UTF-16 form of the text."""
    units = text.encode("utf-16-le")
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        first, size = 2 * line.textStart(), 2 * line.textLength()
        lines.append(units[first : first + size].decode("utf-16-le").rstrip())
    layout.endLayout()
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines or [""]
