"""The one error every importer raises, so callers can show one clear line and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


class ImportFailed(Exception):
    """``path`` could not be imported because of ``problem`` (a sentence for a historian)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


class Cancelled(Exception):
    """The user stopped a long task part-way (an import, an export, tagging every hit): nothing was
    written (the transaction rolled back, the file not put in place)."""


#: Asked now and then while a long document is read: True when the user has pressed Cancel.
CancelCheck = Callable[[], bool] | None


def stop_if(cancelled: CancelCheck) -> None:
    """Raise ``Cancelled`` if the user asked to stop (importers call this every few thousand lines)."""
    if cancelled is not None and cancelled():
        raise Cancelled
