"""What the reader set in Edit › Settings, as one typed value, stored with ``QSettings``.

Each field has its key; reading is forgiving (a value from an older version, or one edited by
hand into nonsense, falls back to the default rather than stopping the window from opening).
The citation fields share their keys with the export dialog: a style chosen there becomes the
default, and the default set here is where the dialog starts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

from PySide6.QtCore import QSettings

from workbench.citations import Style
from workbench.export import Marks, Paragraphs, QuoteOptions
from workbench.ui.look.theme import Appearance, Theme, for_appearance

#: How often a backup is taken while the project is open; 0: only when it opens.
BACKUP_CHOICES = (0, 5, 10, 15, 30, 60)


@dataclass(frozen=True, slots=True)
class Preferences:
    author: str = ""  # empty: the login name
    appearance: Appearance = Appearance.SYSTEM
    reading_family: str = "Noto Serif"
    reading_size: float = 12.0
    underline_patterns: bool = False
    citation_style: Style = Style.CHICAGO_NOTE
    paragraphs: Paragraphs = Paragraphs.KEEP
    marks: Marks = Marks.TYPOGRAPHIC
    backup_minutes: int = 10

    def quote_options(self) -> QuoteOptions:
        return QuoteOptions(self.paragraphs, self.marks)

    def theme(self) -> Theme:
        """The theme these choices show ("the desktop's" asks the desktop now)."""
        return for_appearance(self.appearance, reading_family=self.reading_family, reading_size=self.reading_size)


_KEYS = {
    "author": "author",
    "appearance": "appearance/theme",
    "reading_family": "reading/font",
    "reading_size": "reading/size",
    "underline_patterns": "reading/underline-patterns",
    "citation_style": "export/style",
    "paragraphs": "export/paragraphs",
    "marks": "export/marks",
    "backup_minutes": "backups/minutes",
}
_DEFAULTS = Preferences()


def _read(raw: Any, default: object) -> Any:
    """``raw`` (as QSettings hands it back: often a string, untyped) as the type of ``default`` (hence
    ``Any``: each field's type is made here, at run time, from its default's)."""
    if raw is None:
        return default
    try:
        if isinstance(default, Enum):
            return type(default)(str(raw))
        if isinstance(default, bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        return default
    return str(raw)


def load(settings: QSettings | None = None) -> Preferences:
    settings = settings or QSettings()
    values = {f.name: _read(settings.value(_KEYS[f.name]), getattr(_DEFAULTS, f.name)) for f in fields(Preferences)}
    if values["backup_minutes"] not in BACKUP_CHOICES:
        values["backup_minutes"] = _DEFAULTS.backup_minutes
    values["reading_size"] = min(max(values["reading_size"], 8.0), 32.0)
    return Preferences(**values)


def save(preferences: Preferences, settings: QSettings | None = None) -> None:
    settings = settings or QSettings()
    for field in fields(Preferences):
        value = getattr(preferences, field.name)
        settings.setValue(_KEYS[field.name], value.value if isinstance(value, Enum) else value)
    settings.sync()
