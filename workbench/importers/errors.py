"""The one error every importer raises, so callers can show one clear line and change nothing."""

from __future__ import annotations

from pathlib import Path


class ImportFailed(Exception):
    """``path`` could not be imported because of ``problem`` (a sentence for a historian)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")
