"""A first run needs nothing configured: the default project appears, with the sample in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.paths import default_project_path
from workbench.sample import open_default_project
from workbench.storage import list_documents


def test_first_run_creates_the_default_project_with_the_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_project_path() == tmp_path / "Workbench" / "Workbench.wbproj"
    with open_default_project() as project:
        rows = list_documents(project.db)
        assert [(r.number, r.issued, r.pages) for r in rows] == [("124", "1972-11-24", "444–448")]
        project.db.execute("DELETE FROM documents")
    with open_default_project() as project:  # a user who removed the sample does not get it back
        assert list_documents(project.db) == []
