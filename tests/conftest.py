"""Shared fixtures. Qt runs offscreen, and nothing a test does touches the user's real data or settings."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports Qt: without a display, Qt would otherwise abort the whole run.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = Path(tempfile.mkdtemp(prefix="workbench-tests-"))
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")

import pytest  # noqa: E402

from workbench.model import Document  # noqa: E402
from workbench.sample import SAMPLE, import_sample  # noqa: E402
from workbench.storage import Project  # noqa: E402

DATA = Path(__file__).parent / "data"
#: The FRUS TEI and web-text documents the tests read (a copy of shared/corpus, so CI runs them).
CORPUS = DATA / "corpus"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A new, empty project file in a temporary folder."""
    with Project.open(tmp_path / "test.wbproj", create=True) as opened:
        yield opened


@pytest.fixture
def sample_project(project: Project) -> Project:
    import_sample(project)
    return project


@pytest.fixture(scope="session")
def sample() -> Document:
    from workbench.importers import read_documents

    return read_documents(SAMPLE).documents[0]


@pytest.fixture
def open_window(qtbot):
    """A function that opens the main window on a project, shown and exposed."""
    from workbench.ui.app import create_application
    from workbench.ui.look.theme import LIGHT
    from workbench.ui.window.main_window import MainWindow

    def open_on(project: Project):
        create_application()
        window = MainWindow(project, LIGHT)
        qtbot.addWidget(window)
        window.resize(1300, 850)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_on
