"""The welcome panel a first run shows above the text: the three things Workbench is for, each a button.

Read (page numbers in the margin, footnotes at a hover), tag (select, press a number key), and
cite (export quotations with citations to the printed page). Each button does the thing on the
open document, so the first minute is spent working, not reading about it. Closing the panel is
remembered; Help › Welcome brings it back.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.look import theme as themes

DISMISSED_KEY = "welcome/dismissed"
_SIDE_BY_SIDE_WIDTH = 560
_BUTTONS_IN_A_ROW_WIDTH = 420

_STEPS = (
    ("1  Read", "Printed page numbers stand in the margin. Hover a small raised number to read its "
     "footnote; click it to open the notes.", "Show a &footnote"),
    ("2  Tag", "Select words, even across paragraphs and pages, and press 1–9 for a tag, or Ctrl+T "
     "to choose or create one. Ctrl+M adds a note.", "&Tag a passage"),
    ("3  Cite", "Ctrl+E exports your quotations to Word or Markdown with footnotes that cite the "
     "printed page: “… doc. 124, 446.”", "&Export quotations…"),
)  # fmt: skip


def was_dismissed() -> bool:
    return str(QSettings().value(DISMISSED_KEY, "false")).lower() == "true"


class WelcomePanel(QFrame):
    footnoteRequested = Signal()
    tagRequested = Signal()
    exportRequested = Signal()
    guideRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        self.setAccessibleName("Welcome")
        title = QLabel("<b>Welcome to Workbench.</b> Three things to try on the open document:", self)
        title.setWordWrap(True)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Close the welcome (Help › Welcome shows it again)")
        close.setAccessibleName("Close the welcome")
        close.clicked.connect(self.dismiss)
        guide = QPushButton("Open the &guide", self)
        guide.setFlat(True)
        guide.clicked.connect(self.guideRequested.emit)
        header = QHBoxLayout()
        header.addWidget(title, 1)
        header.addWidget(guide)
        header.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.steps = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.steps.setSpacing(18)
        self.buttons: list[QPushButton] = []
        self.bodies: list[QLabel] = []
        self.headings: list[QLabel] = []
        for (heading, text, button_text), signal in zip(
            _STEPS, (self.footnoteRequested, self.tagRequested, self.exportRequested), strict=True
        ):
            step = QVBoxLayout()
            name = QLabel(f"<b>{heading}</b>", self)
            body = QLabel(text, self)
            body.setWordWrap(True)
            body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.bodies.append(body)
            self.headings.append(name)
            button = QPushButton(button_text, self)
            button.setToolTip(text)
            button.clicked.connect(signal.emit)
            self.buttons.append(button)
            step.addWidget(name)
            step.addWidget(body, 1)
            step.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.steps.addLayout(step, 1)
        # The panel takes the width the text column has (it never widens the window); when that is
        # narrow (a small screen, or 200 % scaling) the steps become three buttons (their
        # explanations, tool tips), in a row or one above the other, leaving the text its room.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 12, 14)
        layout.addLayout(header)
        layout.addLayout(self.steps)
        self.restyle()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        full = width >= _SIDE_BY_SIDE_WIDTH  # else the buttons alone, their explanations as tool tips
        direction = QBoxLayout.Direction.LeftToRight if width >= _BUTTONS_IN_A_ROW_WIDTH else (
            QBoxLayout.Direction.TopToBottom)  # fmt: skip
        if self.steps.direction() != direction or self.bodies[0].isVisibleTo(self) != full:
            self.steps.setDirection(direction)
            for label in (*self.bodies, *self.headings):
                label.setVisible(full)
            self.updateGeometry()

    def restyle(self) -> None:
        theme = themes.current()
        self.setStyleSheet(
            f"#welcomePanel {{ background: {theme.popup}; border-bottom: 1px solid {theme.rule}; }}"
            f"#welcomePanel QLabel {{ color: {theme.ink}; }}"
        )

    def dismiss(self) -> None:
        QSettings().setValue(DISMISSED_KEY, True)
        self.hide()

    def reopen(self) -> None:
        QSettings().setValue(DISMISSED_KEY, False)
        self.show()
