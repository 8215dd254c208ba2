"""Room for the text: when the window narrows, the side panels give way before the text does.

A ``QSplitter`` gives every pixel a window loses to its stretching child, here the text: at
1024 pixels the reading column fell to a few dozen characters while the documents list and the
side panels kept their width. So on each resize of the window the panels are narrowed first,
down to their minimum widths, until the text has room for ``TEXT_CHARACTERS`` a line. When
there is room to spare, the side panel gets the width its tab bar needs, so that every tab
("People" too) shows without scroll arrows. Widths the user set by dragging stay as they are
unless they squeeze the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFontMetrics

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

#: Characters a line the text keeps before the panels give way (a comfortable minimum measure).
TEXT_CHARACTERS = 58
#: The documents panel's width when there is room: dates, pages and the tags' keys all show.
LEFT_COMFORTABLE = 250
#: The margins either side of the column and the scroll bar, when room is short.
_TEXT_CHROME = 100


class TextRoom(QObject):
    def __init__(self, window: MainWindow) -> None:  # the MainWindow: its splitter, text and side panels
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)  # after the splitter has shared the new width its own way
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.share)
        self.given_way: tuple[int, int] | None = None  # the panels' widths before they narrowed
        window.splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.window.splitter:
            self.timer.start()
        return False

    def text_needs(self) -> int:
        """The width of the middle column that holds ``TEXT_CHARACTERS`` a line."""
        reading = self.window.reading
        return QFontMetrics(reading.theme.reading_font()).averageCharWidth() * TEXT_CHARACTERS + _TEXT_CHROME

    def share(self) -> None:
        splitter, window = self.window.splitter, self.window
        sizes = splitter.sizes()
        places = [
            splitter.indexOf(w) for w in (window.left, window.reading.parentWidget() or window.reading, window.side)
        ]
        if min(places) < 0 or not all(sizes[i] for i in places):
            return  # a panel hidden, or not laid out yet (other panes, the page image, keep their width)
        left, middle, side = (sizes[i] for i in places)
        total = left + middle + side
        left_min = max(window.left.minimumSizeHint().width(), 175)  # tag names still readable
        side_min = max(window.side.minimumSizeHint().width(), 160)
        side_wants = window.side.tabBar().sizeHint().width() + 4  # every tab, without scroll arrows
        need = min(self.text_needs(), total - left_min - side_min)
        if middle < need:  # the panels give way, the wider first; their widths are kept to give back
            self.given_way = self.given_way or (left, side)
            deficit = need - middle
            for _ in range(2):
                give_side = min(max(side - side_min, 0), deficit * side // max(left + side, 1) + 1)
                give_left = min(max(left - left_min, 0), deficit - give_side)
                side, left, deficit = side - give_side, left - give_left, deficit - give_side - give_left
                if deficit <= 0:
                    break
        else:  # room to spare: the panels' widths back (when they gave way), all the side panel's tabs
            spare = middle - need
            left_back, side_back = self.given_way or (left, side)
            left_back = max(left_back, LEFT_COMFORTABLE)  # the documents' dates and the tag keys show
            for wanted in ("left", "side"):
                if wanted == "left" and left < left_back:
                    grow = min(left_back - left, spare)
                    left, spare = left + grow, spare - grow
                elif wanted == "side" and side < max(side_back, side_wants):
                    grow = min(max(side_back, side_wants) - side, spare)
                    side, spare = side + grow, spare - grow
            if self.given_way and left >= left_back and side >= side_back:
                self.given_way = None
        middle = total - left - side
        shared = list(sizes)
        for i, size in zip(places, (left, middle, side), strict=True):
            shared[i] = size
        if shared != sizes:
            splitter.setSizes(shared)
