"""The running application, typed as what it is.

PySide6 types ``QApplication.instance()`` as ``QCoreApplication | None``; the window and its parts
only ever run inside a ``QApplication`` (``workbench.ui.app.create_application``), so anything else
is a programming error, said plainly rather than as an ``AttributeError`` later.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def running_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("the window needs a running QApplication")
    return app
