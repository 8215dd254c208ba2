"""Putting rich text on the clipboard without crashing on the way out.

A ``QMimeData`` made in Python and given to the clipboard crashes PySide6 6.11 when the
application is torn down. So rich copies are swapped for their plain text (which Qt stores in
an object of its own) when the application quits, and at the latest when Python exits: the
words stay on the clipboard for a clipboard manager to keep.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

_holding = False


def copy_rich(plain: str, rich_html: str) -> None:
    global _holding
    data = QMimeData()
    data.setText(plain)
    data.setHtml(rich_html)
    QGuiApplication.clipboard().setMimeData(data)
    if not _holding:
        atexit.register(release)
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(release)
    _holding = True


def release() -> None:
    """Replace the rich copy, if it is still on the clipboard, by its plain text."""
    global _holding
    app = QGuiApplication.instance()
    if not _holding or app is None:
        return
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasHtml():
        clipboard.setText(clipboard.text())
    _holding = False
