"""Why a project file could not be opened, in words for the person who chose it."""

from __future__ import annotations

from pathlib import Path


class ProjectError(Exception):
    """``path`` cannot be used as a project; ``problem`` says why. Nothing was written to it."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NotAProject(ProjectError):
    pass


class NewerProject(ProjectError):
    pass


class ProjectBusy(ProjectError):
    pass
