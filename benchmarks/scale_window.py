"""The window at the scale of all of FRUS: cold start, open any document, and an hour of use.

    python benchmarks/scale_window.py PROJECT [--opens 40] [--rounds 60] [--trace] [--json]

PROJECT is copied first (the copy is what the window opens and changes; the file given is never
written). Three figures, each in the way the user meets it:

- cold start to first paint: ``workbench --project COPY --measure-startup`` in a fresh process
  (the application's own clock, from the kernel's start of the process), median of five, with the
  child's CPU seconds beside the wall clock (the machine is shared);
- open any document: random documents across the volumes, each from the one before, until the
  window is idle (no widget painted for three turns of the event loop) and the text repainted
  (``PaintWatch``);
- an hour of use (``hour_of_use.py``): 60 rounds of 22 actions a historian does, driven through
  the real window's keys, about four hours' worth; the RSS at the end and its slope per 100
  actions, so that a leak shows as growth.

Prints one line a figure; ``--json`` prints them as one JSON object (``benchmarks/scale.py`` runs
this in a child process of its own, so that the memory is the window's alone).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp(prefix="workbench-window-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_DATA_HOME"] = str(SCRATCH / "data")  # backups and settings of this run only
os.environ["XDG_CONFIG_HOME"] = str(SCRATCH / "config")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hour_of_use import ROUND, hour_of_use, random_documents, rss_mb  # noqa: E402


def copy_project(source: Path, folder: Path) -> Path:
    """A copy of ``source`` (and of its write-ahead log, which may hold the last commits)."""
    target = folder / source.name
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return target


# -- cold start -------------------------------------------------------------------------------------


def cold_start(project: Path, runs: int = 5) -> dict[str, float]:
    """First paint of a fresh process on ``project`` (ms, the app's own clock), and the child's CPU.

    The first start is apart: it backs the project up (a copy of the whole file, on a thread) and
    writes Python's compiled modules (this machine sets PYTHONDONTWRITEBYTECODE; an installed
    application has them), so that the starts measured are those of every day."""
    walls, cpus = [], []
    first = float("nan")
    for i in range(runs + 1):
        env = dict(os.environ, XDG_DATA_HOME=str(SCRATCH / f"start-{i}"), XDG_CONFIG_HOME=str(SCRATCH / f"cf-{i}"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([sys.executable, "-m", "workbench", "--project", str(project), "--measure-startup"],
                              capture_output=True, text=True, env=env, check=bool(i))  # fmt: skip
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        painted = [float(line.split()[2]) for line in done.stdout.splitlines() if line.startswith("first paint:")]
        if not i:
            first = painted[0] if painted else float("inf")  # none within the app's 20 s
            continue
        walls.append(painted[0])
        cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    return {"start median": statistics.median(walls), "start worst": max(walls), "start cpu": statistics.median(cpus),
            "start first": first}  # fmt: skip


# -- the window ---------------------------------------------------------------------------------------


def open_window(project_path: Path):
    from PySide6.QtCore import QSettings, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from workbench.collector import settle_collector
    from workbench.ops.tags import insert_tag
    from workbench.storage import Project
    from workbench.ui.app import create_application
    from workbench.ui.look.theme import LIGHT
    from workbench.ui.window.main_window import MainWindow
    from workbench.ui.window.welcome import DISMISSED_KEY

    project = Project.open(project_path)
    if not project.db.execute("SELECT count(*) FROM tags WHERE key IN (1, 2, 3)").fetchone()[0]:  # keys 1-3 tag
        with project.transaction() as db:
            for name in ("Negotiations", "Military aid", "Domestic politics"):
                insert_tag(db, name)
    qInstallMessageHandler(_quiet)
    create_application()
    QSettings().setValue(DISMISSED_KEY, True)  # a historian an hour in has closed the welcome
    window = MainWindow(project, LIGHT)
    window.resize(1400, 900)
    window.show()
    window.show_side(window.highlights)  # its cards repaint with every document
    QApplication.processEvents()
    settle_collector()
    return window


def _quiet(kind, context, message: str) -> None:
    """Qt's messages, but the offscreen platform's "does not support raise()" and the like."""
    if "This plugin does not support" not in message:
        print(message, file=sys.stderr)


def open_any(window, doc_ids: list[str]) -> dict[str, float]:
    """Each document opened from the one before, until idle and every panel repainted: ms. The text
    must repaint; the side panels may have nothing new to show (documents without highlights), so
    they count through ``PaintWatch``'s idleness, which waits for any widget's last paint."""
    from responsiveness import PaintWatch

    watch = PaintWatch([window.reading.viewport()])
    times, cpu = [], []
    window.open_document(doc_ids[0])
    watch.until_all_repainted(time.perf_counter())
    for doc_id in doc_ids[1:]:
        start, thread = time.perf_counter(), time.thread_time()
        window.open_document(doc_id)
        times.append(watch.until_all_repainted(start))
        cpu.append((time.thread_time() - thread) * 1000)
    watch.close()
    return {"open median": statistics.median(times), "open worst": max(times), "open cpu": statistics.median(cpu)}


def measure(source: Path, *, opens: int, rounds: int, trace: bool, start_runs: int = 5) -> dict[str, object]:
    project = copy_project(source, SCRATCH)
    figures: dict[str, object] = dict(cold_start(project, start_runs))
    rng = random.Random(1972)
    window = open_window(project)
    figures["rss shown"] = rss_mb()
    figures.update(open_any(window, random_documents(window, opens + 1, rng)))
    figures.update(hour_of_use(window, rounds, trace=trace, rng=rng))
    window.close()
    return figures


def report(figures: dict[str, object]) -> None:
    f = figures
    print(
        f"cold start to first paint           {f['start median']:7.0f} ms  (worst {f['start worst']:.0f}, "
        f"child CPU {f['start cpu']:.0f} ms)   target < 1000 ms"
    )
    print(f"  the first start, which backs the project up and compiles the modules: {f['start first']:.0f} ms")
    print(
        f"open any document, until idle       {f['open median']:7.1f} ms  (worst {f['open worst']:.1f}, "
        f"CPU {f['open cpu']:.1f} ms)   target < 100 ms"
    )
    print(f"window shown (RSS)                  {f['rss shown']:7.0f} MB")
    print(f"after {f['hour actions']:,} actions (~{f['hours']:.1f} h)         {f['hour rss end']:7.0f} MB  "
          f"(max {f['hour rss max']:.0f}, {f['hour slope']:+.2f} MB per 100 actions over the second half)"
          "   target < 400 MB")  # fmt: skip
    print(f"  the session took {f['hour wall s']:.0f} s ({f['hour cpu s']:.0f} s CPU on the window's thread)")
    print(f"  live before {f['live before']}\n  live after  {f['live after']}")
    for kind, (median, worst) in f["hour steps"].items():  # type: ignore[attr-defined]
        print(f"    {kind:<32} median {median:7.0f} ms, worst {worst:7.0f} ms")
    print("  RSS by actions: " + ", ".join(f"{n}: {mb:.0f}" for n, mb in f["hour samples"]))  # type: ignore[attr-defined]
    for line in f.get("trace", []):  # type: ignore[attr-defined]
        print(f"  {line}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--opens", type=int, default=40, help="random documents opened for the open figure")
    parser.add_argument("--rounds", type=int, default=60, help=f"rounds of {ROUND} actions")
    parser.add_argument("--starts", type=int, default=5, help="cold starts measured")
    parser.add_argument("--trace", action="store_true", help="tracemalloc's largest growths")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    print(f"machine: {os.getloadavg()[0]:.2f} load over 1 min, {os.cpu_count()} cores", file=sys.stderr)
    figures = measure(args.project, opens=args.opens, rounds=args.rounds, trace=args.trace, start_runs=args.starts)
    print(json.dumps(figures) if args.json else "", end="\n" if args.json else "")
    if not args.json:
        report(figures)
    shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
