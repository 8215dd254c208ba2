"""Fonts and colours of the window, in one place: a light and a dark theme.

The reading view is typeset like a page: a bundled serif (Noto Serif) on warm paper, so the text
looks the same on every machine whatever fonts it has; the interface uses Inter. The reader may
choose another reading font and size (Edit › Settings): those are fields of the same ``Theme``.

Highlights stay readable in both themes by construction, and tests hold them to it
(``tests/ui/test_theme.py``): on light paper a tag's tint is *multiplied* in (a highlighter pen,
black ink stays black); on dark paper it is *lightened* in (the brighter of paper and tint shows,
so light ink stays light and overlapping tints never wash it out). Underlines and coding stripes
use the tag's colour nudged to at least 3:1 against the paper (``mark``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from workbench.paths import resource
from workbench.ui.look import contrast


class Appearance(StrEnum):
    """What the reader chose in Settings: follow the desktop, or always light or dark."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {Appearance.SYSTEM: "Same as the desktop", Appearance.LIGHT: "Light", Appearance.DARK: "Dark"}[self]


@dataclass(frozen=True, slots=True)
class Theme:
    dark: bool = False
    reading_family: str = "Noto Serif"
    reading_size: float = 12.0
    ui_family: str = "Inter"
    ui_size: float = 9.5
    paper: str = "#fbfaf6"  # the reading view
    ink: str = "#1f1d1a"
    muted: str = "#6f695f"
    accent: str = "#a23b22"
    rule: str = "#ddd6c8"
    chrome: str = "#f1efea"  # panels and the window around the text
    base: str = "#ffffff"  # fields and lists
    selection: str = "#d3d6db"  # a neutral grey: no tag tint can be mistaken for it
    popup: str = "#fffdf7"
    popup_border: str = "#d9d1c0"
    current_note: str = "#f3e7c9"
    toolbar: str = "#2f2b26"  # the bar over a selection: dark in both themes
    toolbar_hover: str = "#4a443c"
    tint_amount: float = 0.30  # how much of a tag's colour shows through behind the text
    code_style: str = "default"  # Pygments' colours for the export preview (all at AA on ``base``)

    # -- fonts --------------------------------------------------------------------------------

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

    # -- highlight colours --------------------------------------------------------------------

    def tint(self, color: str) -> str:
        """The layer a tag of ``color`` paints behind its text (with ``composition_mode``)."""
        if self.dark:
            return contrast.mix(self.paper, color, self.tint_amount)
        return contrast.mix("#ffffff", color, self.tint_amount)

    def composition_mode(self) -> QPainter.CompositionMode:
        mode = QPainter.CompositionMode
        return mode.CompositionMode_Lighten if self.dark else mode.CompositionMode_Multiply

    def highlighted(self, colors: Iterable[str], background: str | None = None) -> str:
        """What shows behind text covered by spans of ``colors`` (on the paper, or ``background``)."""
        blend = contrast.lighten if self.dark else contrast.multiply
        return contrast.composite(background or self.paper, (self.tint(c) for c in colors), blend)

    def mark(self, color: str) -> str:
        """A tag's colour for underlines and stripes: its own, or nudged until it stands out."""
        return contrast.with_contrast(color, self.paper, contrast.MARK_CONTRAST)


LIGHT = Theme()
DARK = Theme(
    dark=True,
    paper="#1d1b18",
    ink="#e6e1d8",
    muted="#a39b8e",
    accent="#e8876b",
    rule="#3b3730",
    chrome="#25231f",
    base="#1a1916",
    selection="#474a51",
    popup="#2b2824",
    popup_border="#4d463c",
    current_note="#41382a",
    toolbar="#3d3831",
    toolbar_hover="#59524a",
    tint_amount=0.40,
    code_style="github-dark",
)

_current = LIGHT


def current() -> Theme:
    """The theme the application is styled with now (what ``apply`` set last)."""
    return _current


def for_appearance(appearance: Appearance, *, reading_family: str, reading_size: float) -> Theme:
    """The theme to show for the reader's choice; "system" asks the desktop for its colour scheme."""
    dark = desktop_prefers_dark() if appearance == Appearance.SYSTEM else appearance == Appearance.DARK
    return replace(DARK if dark else LIGHT, reading_family=reading_family, reading_size=reading_size)


def desktop_prefers_dark() -> bool:
    """Whether the desktop asks for dark colours (Qt reads GNOME, KDE, Windows and macOS settings)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def load_bundled_fonts() -> None:
    """Register the fonts in ``resources/fonts`` with Qt (once per process)."""
    for path in sorted(resource("fonts").glob("*.[ot]tf")):
        QFontDatabase.addApplicationFont(str(path))


def palette(theme: Theme) -> QPalette:
    """Every colour role set, so a dark desktop cannot leak into the light theme or the reverse."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    result = QPalette()
    for name, color in (
        (role.Window, theme.chrome), (role.WindowText, theme.ink), (role.Base, theme.base),
        (role.AlternateBase, theme.chrome), (role.Text, theme.ink), (role.Button, theme.chrome),
        (role.ButtonText, theme.ink), (role.ToolTipBase, theme.popup), (role.ToolTipText, theme.ink),
        (role.Highlight, theme.selection), (role.HighlightedText, theme.ink), (role.Link, theme.accent),
        (role.LinkVisited, theme.accent), (role.PlaceholderText, theme.muted), (role.BrightText, theme.accent),
        (role.Light, contrast.mix(theme.chrome, "#ffffff", 0.5)), (role.Midlight, theme.rule),
        (role.Mid, theme.rule), (role.Dark, contrast.mix(theme.chrome, "#000000", 0.35)),
        (role.Shadow, "#000000"),
    ):  # fmt: skip
        result.setColor(name, QColor(color))
    for name in (role.WindowText, role.Text, role.ButtonText):
        result.setColor(group.Disabled, name, QColor(theme.muted))
    return result


def apply(app: QApplication, theme: Theme) -> None:
    """Style the whole application: Fusion, the theme's palette and font, the stylesheet."""
    global _current
    _current = theme
    app.setStyle("Fusion")
    app.setPalette(palette(theme))
    app.setFont(theme.ui_font())
    stylesheet = resource("styles", "app.qss").read_text(encoding="utf-8")
    for name in ("paper", "rule", "muted", "chrome", "base", "ink", "selection"):
        stylesheet = stylesheet.replace(f"@{name}", getattr(theme, name))
    app.setStyleSheet(stylesheet)
