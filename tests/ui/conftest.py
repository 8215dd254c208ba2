"""Window tests: each starts from empty settings and an empty screen, as a first run does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def fresh_start():
    """What a test leaves (a theme, a dismissed welcome, recent projects, a guide window still open
    over the place where the next test moves the mouse) does not reach the next one."""
    yield
    QSettings().clear()
    QSettings().sync()
    app = QApplication.instance()
    for widget in app.topLevelWidgets() if app else []:
        if widget.isVisible():
            widget.close()
