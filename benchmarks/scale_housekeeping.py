"""Housekeeping at the scale of the whole FRUS series: people across volumes, check, backups.

    python benchmarks/scale_housekeeping.py [--documents 2000,20000] [--keep FOLDER]

Prints, for each project size: the project file's size, ``workbench check``'s time and peak
memory (a child process's own VmHWM), a backup's time, the longest pause of a writer (as the
window writes) while the backup is copied on its thread against the longest pause without one,
and the time to see that nothing changed since the last backup. Then the grouping of persons
glossaries into people, from 20 to 550 volumes of 300 persons. Projects are made fast by copying
rows (``big_project``), not by importing.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from big_project import glossaries, replicate

from workbench.model import GlossaryEntry
from workbench.model.people import group_people
from workbench.ops.documents import import_files
from workbench.ops.memos import create_memo
from workbench.storage import Project, backups

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"

_CHECK = """
import re, sys, time
from workbench.storage import Project
from workbench.storage.check import check
with Project.open(sys.argv[1]) as project:
    started = time.perf_counter()
    problems = check(project.db)
    took = time.perf_counter() - started
print(len(problems), took, int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024)
"""


def make_project(folder: Path, documents: int) -> Path:
    path = folder / f"p{documents}.wbproj"
    if path.exists():
        return path
    with Project.open(path, create=True) as project:
        import_files(project, sorted(CORPUS.glob("*/d*.xml")))
        replicate(project, documents - project.db["documents"].count)
    return path


def measure_check(path: Path) -> tuple[int, float, int]:
    run = subprocess.run([sys.executable, "-c", _CHECK, str(path)], capture_output=True, text=True, check=True)
    problems, took, peak = run.stdout.split()
    return int(problems), float(took), int(peak)


def longest_pause(project: Project, until: threading.Event | None, seconds: float = 2.0) -> tuple[float, int]:
    """A writer like the window: a note saved every 5 ms (an undoable operation); the longest an
    operation took, and how many ran, until ``until`` is set (or for ``seconds``)."""
    longest, count, ends = 0.0, 0, time.perf_counter() + seconds
    while (until is not None and not until.is_set()) or (until is None and time.perf_counter() < ends):
        started = time.perf_counter()
        create_memo(project, f"note {count}", "written while a backup is copied")
        longest = max(longest, time.perf_counter() - started)
        count += 1
        time.sleep(0.005)
    return longest, count


def backup_on_a_thread(path: Path) -> tuple[threading.Thread, threading.Event, list[float]]:
    """A backup of ``path`` copied on a thread and a connection of its own, as the window's is:
    the thread (started), an event set when it is done, and (then) its seconds."""
    done, took = threading.Event(), [0.0]

    def copy() -> None:
        source = sqlite3.connect(path)
        started = time.perf_counter()
        try:
            backups.take(source, path, "in-use")
        finally:
            source.close()
            took[0] = time.perf_counter() - started
            done.set()

    thread = threading.Thread(target=copy)
    thread.start()
    return thread, done, took


def measure_backup(path: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    with Project.open(path) as project:
        figures["quiet pause ms"] = longest_pause(project, None)[0] * 1000
        thread, done, took = backup_on_a_thread(path)
        pause, writes = longest_pause(project, done)
        thread.join()
        figures["backup s"] = took[0]
        figures["pause during backup ms"] = pause * 1000
        figures["writes during backup"] = writes
        assert backups.take(project.db.conn, path, "in-use", only_if_changed=True) is not None  # the writes above
        assert backups.take(project.db.conn, path, "in-use", only_if_changed=True) is None
        started = time.perf_counter()
        backups.take(project.db.conn, path, "in-use", only_if_changed=True)
        figures["unchanged check ms"] = (time.perf_counter() - started) * 1000
    return figures


def event_loop_stall(path: Path) -> tuple[float, float]:
    """The longest a Qt event loop waited past a 10 ms timer while a backup was copied on a thread,
    as the window's is (``ui``'s backup thread calls ``backups.take`` the same way), and the copy's time."""
    from PySide6.QtCore import QCoreApplication, QTimer

    app = QCoreApplication.instance() or QCoreApplication([])
    last, longest = [time.perf_counter()], [0.0]

    def tick() -> None:
        now = time.perf_counter()
        longest[0] = max(longest[0], now - last[0] - 0.010)
        last[0] = now
        if done.is_set():
            app.quit()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    thread, done, took = backup_on_a_thread(path)  # ticks come only once the loop runs, below
    app.exec()
    timer.stop()
    thread.join()
    return longest[0] * 1000, took[0]


def measure_people(volumes: int, persons: int = 300) -> tuple[int, int, float, float]:
    entries = [GlossaryEntry(*row) for row in glossaries(volumes, persons)]
    started = time.perf_counter()
    people = group_people(entries)
    took = time.perf_counter() - started
    tracemalloc.start()  # measured apart: tracing makes every allocation several times slower
    group_people(entries)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return len(entries), len(people), took, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", default="2000,20000", help="project sizes, comma-separated")
    parser.add_argument("--keep", type=Path, help="make (or reuse) the projects in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for documents in (int(n) for n in args.documents.split(",")):
            started = time.perf_counter()
            path = make_project(folder, documents)
            made = time.perf_counter() - started
            size = path.stat().st_size / 2**20
            text = sqlite3.connect(path).execute("SELECT sum(length(text)) FROM documents").fetchone()[0] / 2**20
            problems, took, peak = measure_check(path)
            print(f"{documents:>7,} documents: file {size:,.0f} MB ({text:,.0f} MB of text; made in {made:.0f} s)")
            print(f"         check: {took:.1f} s, peak memory {peak} MB, {problems} problems")
            figures = measure_backup(path)
            print("         backup: " + ", ".join(f"{name} {value:,.1f}" for name, value in figures.items()))
            stall, took = event_loop_stall(path)
            print(f"         backup on a thread beside a Qt event loop: {took:.1f} s, longest stall {stall:.0f} ms")
    for volumes in (20, 200, 550):
        entries, people, took, peak = measure_people(volumes)
        print(f"people: {volumes} volumes, {entries:,} entries -> {people:,} people in {took * 1000:.0f} ms "
              f"(peak {peak:.0f} MB of Python objects)")  # fmt: skip


if __name__ == "__main__":
    main()
