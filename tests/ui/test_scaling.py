"""At 200 % the window still fits and the text keeps its room (a laptop's 1920 × 1080 screen: 960 × 540 points).

Scaling is fixed when Qt starts, so the window is opened in a child process with
``QT_SCALE_FACTOR=2`` and an offscreen screen of that size; it reports what it measured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys
from workbench.ui.app import create_application, open_window
app = create_application()
window = open_window(None)
window.show()
app.processEvents()
screen = app.primaryScreen()
picture = window.grab()
print(json.dumps({
    "screen": [screen.geometry().width(), screen.geometry().height()],
    "ratio": screen.devicePixelRatio(),
    "window": [window.frameGeometry().width(), window.frameGeometry().height()],
    "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
    "text": window.reading.width(),
    "welcome": window.welcome.height(),
    "pixels": [picture.toImage().width(), window.width()],
}))
window.project.close()
"""


def test_the_window_fits_a_small_screen_at_200_percent(tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": "2",
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["screen"] == [960, 540] and seen["ratio"] == 2.0
    assert seen["window"][0] <= 960 and seen["window"][1] <= 540  # a first run never opens larger than the screen
    assert seen["minimum"][0] <= 960 and seen["minimum"][1] <= 540
    assert seen["text"] >= 0.5 * seen["window"][0]  # the panels give way to the text
    assert seen["welcome"] <= 0.25 * seen["window"][1]  # the welcome shrinks to its buttons
    assert seen["pixels"][0] == 2 * seen["pixels"][1]  # drawn at twice the density: sharp, not blown up
