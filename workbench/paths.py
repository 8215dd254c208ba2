"""Where things live: bundled resources and the default project."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from workbench.storage import PROJECT_SUFFIX

APP_NAME = "Workbench"

#: Bundled files (sample, icons, styles). In a source checkout or editable install this is the
#: repository's ``resources/``; the PyInstaller spec copies it to the same place beside the package.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def data_dir() -> Path:
    """The user's data directory for Workbench (``$XDG_DATA_HOME/Workbench`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_project_path() -> Path:
    return data_dir() / f"{APP_NAME}{PROJECT_SUFFIX}"
