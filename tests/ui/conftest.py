"""The main window on a project, as the GUI tests open it."""

from __future__ import annotations

import pytest

from workbench.storage import Project
from workbench.ui.app import create_application
from workbench.ui.main_window import MainWindow
from workbench.ui.theme import LIGHT


@pytest.fixture
def open_window(qtbot):
    """A function that opens the main window on a project, shown and exposed."""

    def open_on(project: Project) -> MainWindow:
        create_application()
        window = MainWindow(project, LIGHT)
        qtbot.addWidget(window)
        window.resize(1300, 850)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_on
