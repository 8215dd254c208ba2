"""An import is one transaction that checks for texts already present inside it: killed and run
again, or run twice at once, it converges to the same project (never 422 documents for 300)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.storage import Project, list_documents

COUNT = 120


@pytest.fixture
def letters(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "letters"
    folder.mkdir()
    paths = []
    for n in range(COUNT):
        path = folder / f"letter-{n:03d}.txt"
        path.write_text(f"Letter {n}\n\nDear colleague,\n\nThis is letter number {n} of the series.\n" * 3)
        paths.append(path)
    return paths


def workbench(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "workbench", "--project", str(project), "import", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def documents(project: Path) -> int:
    with Project.open(project) as opened:
        return len(list_documents(opened.db))


def test_two_imports_of_the_same_files_at_once_add_each_text_once(tmp_path: Path, letters: list[Path]) -> None:
    project = tmp_path / "p.wbproj"
    Project.open(project, create=True).close()
    runs = [workbench(project, *map(str, letters)) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert documents(project) == COUNT
    skipped = sum(out.count("its text is already in the project") for out, _ in outputs)
    assert skipped == COUNT  # the second to write saw every text of the first, inside its transaction


def test_an_import_killed_at_any_moment_then_run_again_gives_the_same_project(tmp_path: Path, letters) -> None:
    project = tmp_path / "p.wbproj"
    Project.open(project, create=True).close()
    rng = random.Random(12)
    kills = 0
    while kills < 3:
        run = workbench(project, *map(str, letters))
        try:
            run.wait(timeout=rng.uniform(0.2, 0.8))  # the interpreter starts in ~0.3 s
        except subprocess.TimeoutExpired:
            os.kill(run.pid, signal.SIGKILL)
            kills += 1
        run.communicate()
        assert documents(project) in (0, COUNT)  # all of it or none of it
    again = workbench(project, *map(str, letters))
    again.communicate(timeout=120)
    assert again.returncode == 0 and documents(project) == COUNT


def test_replace_run_twice_at_once_converges(tmp_path: Path, letters: list[Path]) -> None:
    project = tmp_path / "p.wbproj"
    first = workbench(project, str(letters[0]))
    first.communicate(timeout=60)
    with Project.open(project) as opened:
        (summary,) = list_documents(opened.db)
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(letters[0].read_text().replace("Dear colleague", "Dear friend"))
    runs = [workbench(project, str(corrected), "--replace", summary.id) for _ in range(2)]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    with Project.open(project) as opened:
        (after,) = list_documents(opened.db)
        text = opened.db.execute("SELECT text FROM documents").fetchone()[0]
    assert after.id == summary.id and "Dear friend" in text
