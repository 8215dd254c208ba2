"""Where things live: bundled resources and the default project."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from workbench.storage import PROJECT_SUFFIX

APP_NAME = "Workbench"

#: Bundled files (sample, icons, styles). In a source checkout or editable install this is the
#: repository's ``resources/``; the PyInstaller spec (``packaging/workbench.spec``) copies it, and the
#: user guide in ``docs/guide``, to the same places beside the package.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def guide_path() -> Path:
    """The user guide (Markdown, with its pictures beside it); the package bundles it at the same place."""
    return RESOURCES.parent / "docs" / "guide" / "README.md"


def data_dir() -> Path:
    """The user's data directory for Workbench (``$XDG_DATA_HOME/Workbench`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_project_path() -> Path:
    return data_dir() / f"{APP_NAME}{PROJECT_SUFFIX}"
