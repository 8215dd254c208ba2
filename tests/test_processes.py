"""The project file against killed processes and a second process writing at the same time."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from workbench.sample import import_sample
from workbench.storage import Project

WRITER = Path(__file__).parent / "processes" / "writer.py"


def start_writer(path: Path, name: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), str(path), name, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def check(path: Path, reported: set[str]) -> None:
    with Project.open(path) as project:
        db = project.db
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in db.execute("SELECT uuid FROM spans")}
        assert reported <= stored  # every change reported as done is there
        # No half-change: each highlight has its tag, and its note is in the search index.
        assert (
            db.execute("SELECT count(*) FROM spans WHERE id NOT IN (SELECT span_id FROM span_tags)").fetchone()[0] == 0
        )
        # (FTS5 compares the index with the notes themselves; it raises if any note is missing.)
        db.execute("INSERT INTO search_spans (search_spans, rank) VALUES ('integrity-check', 1)")


def test_killing_the_writer_at_random_moments_loses_nothing_reported(tmp_path: Path) -> None:
    path = tmp_path / "crash.wbproj"
    with Project.open(path, create=True) as project:
        import_sample(project)
    rng = random.Random(6)
    reported: set[str] = set()
    rounds = 20
    for _ in range(rounds):
        writer = start_writer(path, "k", 0)
        # Driven by the writer's own reports, not the clock: kill it after a random number of
        # committed writes, at once or a random sliver later, so the kill lands in the middle of
        # the next write (whatever the speed of the machine) rather than before the first.
        wanted = rng.randint(1, 8)
        lines = []
        while len(lines) < wanted and (line := writer.stdout.readline()):
            lines.append(line)
        assert len(lines) == wanted, writer.stderr.read()
        spin = rng.randint(0, 20_000)
        while spin:
            spin -= 1
        os.kill(writer.pid, signal.SIGKILL)
        out, _ = writer.communicate()
        lines += out.splitlines()
        done = [line.split()[1] for line in lines if line.startswith("done ")]
        assert len(done) >= wanted
        reported |= set(done)
        check(path, reported)


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.wbproj"
    with Project.open(path, create=True) as project:
        import_sample(project)
    writers = [start_writer(path, name, 40) for name in ("a", "b")]
    reported: set[str] = set()
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        reported |= {line.split()[1] for line in out.splitlines() if line.startswith("done ")}
    assert len(reported) == 80
    check(path, reported)


def test_an_open_window_shows_what_another_process_wrote(open_window, sample_project: Project) -> None:
    window = open_window(sample_project)
    done = subprocess.run([sys.executable, str(WRITER), str(sample_project.path), "cli", "3"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    window.session.check_outside_changes()
    assert len(window.reading.span_index) == 3
    assert window.tags.find("Writer cli") is not None
