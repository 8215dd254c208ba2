"""Fonts and colours of the window, in one place.

The reading view is typeset like a page: a bundled serif (Noto Serif) on warm paper, so the text
looks the same on every machine whatever fonts it has; the interface uses Inter. Dark mode and
user-chosen fonts come with the settings dialog; they will be other ``Theme`` values.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from workbench.paths import resource


@dataclass(frozen=True, slots=True)
class Theme:
    reading_family: str = "Noto Serif"
    reading_size: float = 12.0
    ui_family: str = "Inter"
    ui_size: float = 9.5
    paper: str = "#fbfaf6"
    ink: str = "#1f1d1a"
    muted: str = "#6f695f"
    accent: str = "#a23b22"
    rule: str = "#ddd6c8"
    chrome: str = "#f1efea"
    selection: str = "#d3d6db"  # a neutral grey: no tag tint can be mistaken for it

    def reading_font(self) -> QFont:
        font = QFont(self.reading_family)
        font.setPointSizeF(self.reading_size)
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def ui_font(self, size: float | None = None) -> QFont:
        font = QFont(self.ui_family)
        font.setPointSizeF(size or self.ui_size)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        return font


LIGHT = Theme()


def load_bundled_fonts() -> None:
    """Register the fonts in ``resources/fonts`` with Qt (once per process)."""
    for path in sorted(resource("fonts").glob("*.[ot]tf")):
        QFontDatabase.addApplicationFont(str(path))


def apply(app: QApplication, theme: Theme) -> None:
    """Style the whole application: Fusion, the theme's palette and font, the stylesheet."""
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(theme.chrome))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(theme.selection))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(theme.ink))
    palette.setColor(QPalette.ColorRole.Link, QColor(theme.accent))
    app.setPalette(palette)
    app.setFont(theme.ui_font())
    stylesheet = resource("styles", "app.qss").read_text(encoding="utf-8")
    app.setStyleSheet(
        stylesheet.replace("@paper", theme.paper)
        .replace("@rule", theme.rule)
        .replace("@muted", theme.muted)
        .replace("@chrome", theme.chrome)
    )
