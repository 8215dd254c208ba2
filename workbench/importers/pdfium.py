"""The one door to pdfium, which is not thread-safe: the importer (on the import thread) and the
page images (on their render thread) take this lock for every call into it."""

from __future__ import annotations

import threading

LOCK = threading.RLock()
