"""The window at the scale of all of FRUS: cold start, open any document, and an hour of use.

    python benchmarks/scale_window.py PROJECT [--opens 40] [--rounds 60] [--trace] [--json]

PROJECT is copied first (the copy is what the window opens and changes; the file given is never
written). Three figures, each in the way the user meets it:

- cold start to first paint: ``workbench --project COPY --measure-startup`` in a fresh process
  (the application's own clock, from the kernel's start of the process), median of five, with the
  child's CPU seconds beside the wall clock (the machine is shared);
- open any document: random documents across the volumes, each from the one before, until the
  window is idle and the text, the highlights list and the tag tree have repainted (``PaintWatch``);
- an hour of use: rounds of what a historian does, driven through the real window, keys sent to
  ``QApplication.focusWidget()``. One round is 22 actions: open four documents (the next in the
  list, a search hit, one found by filtering the list, any one), tag three passages with the keys
  1–3 and untag one with its key again, write a note (Ctrl+M, typed, Ctrl+Enter), undo twice and
  redo twice, search as you type and page through the hits, filter the documents list, switch
  the highlights to the whole project and back, open the export preview and close it, open
  the themes window and close it. A historian does about 300 such actions in an hour (one every
  12 s), so 60 rounds (1,320 actions) stand for about four hours. RSS is sampled every round:
  the figure is the RSS at the end, and its slope per 100 actions over the second half (a leak
  shows as growth once the caches are full); with ``--trace``, tracemalloc's largest growths
  from the first quarter to the end.

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
import tracemalloc
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp(prefix="workbench-window-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_DATA_HOME"] = str(SCRATCH / "data")  # backups and settings of this run only
os.environ["XDG_CONFIG_HOME"] = str(SCRATCH / "config")
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROUND = 22  # actions in one round of ``use_round``
ACTIONS_AN_HOUR = 300
QUERIES = ("treaty", "Kissinger", "the", "negotiat*", '"military aid"', "Hanoi", "embassy")
FILTERS = ("tele", "memorandum", "Saigon", "12")


def copy_project(source: Path, folder: Path) -> Path:
    """A copy of ``source`` (and of its write-ahead log, which may hold the last commits)."""
    target = folder / source.name
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return target


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


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
    if project.db["tags"].count < 3:  # the keys 1 to 3 tag
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


def random_documents(window, count: int, rng: random.Random) -> list[str]:
    rows = window.project.db.execute("SELECT id FROM documents ORDER BY rowid").fetchall()
    return [rows[i][0] for i in rng.sample(range(len(rows)), min(count, len(rows)))]


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


# -- an hour of use ----------------------------------------------------------------------------------


class Session:
    """What a historian does, through the keys and fields of the real window."""

    def __init__(self, window, rng: random.Random) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        self.window, self.rng, self.Qt, self.QTest, self.app = window, rng, Qt, QTest, QApplication
        self.doc_ids = random_documents(window, 2000, rng)

    def settle(self) -> None:
        """Turn the event loop until nothing is pending: no search under way, three quiet turns."""
        from responsiveness import turn

        searches = self.window.session._searches
        quiet = 0
        deadline = time.perf_counter() + 30
        while quiet < 3 and time.perf_counter() < deadline:
            turn()
            busy = searches is not None and searches.busy()
            quiet = 0 if busy else quiet + 1
            if busy:
                time.sleep(0.002)
            searches = self.window.session._searches

    def key(self, key, modifiers=None) -> None:
        focused = self.app.focusWidget() or self.window.reading
        self.QTest.keyClick(focused, key, modifiers or self.Qt.KeyboardModifier.NoModifier)
        self.settle()

    def type(self, text: str) -> None:
        self.QTest.keyClicks(self.app.focusWidget(), text)
        self.settle()

    def select_passage(self) -> None:
        length = len(self.window.document.text) if self.window.document else 0
        start = self.rng.randrange(max(1, length - 120))
        self.focus_text()
        self.window.reading.select_range(start, min(length, start + self.rng.randint(20, 100)))
        self.settle()

    def tag(self, number: int) -> None:
        self.select_passage()
        self.key(getattr(self.Qt.Key, f"Key_{number}"))

    def untag(self, number: int) -> None:
        """The current highlight (the one just made) has the key's tag: the same key takes it off."""
        self.focus_text()
        self.key(getattr(self.Qt.Key, f"Key_{number}"))

    def note(self, text: str) -> None:
        from PySide6.QtCore import QTimer

        from workbench.ui.dialogs.note_editor import NoteEditor

        def write() -> None:
            editor, focused = self.app.activeModalWidget(), self.app.focusWidget()
            if not isinstance(editor, NoteEditor) or focused is None or not editor.isAncestorOf(focused):
                if isinstance(editor, NoteEditor):
                    editor.activateWindow()
                QTimer.singleShot(5, write)
                return
            self.QTest.keyClicks(focused, text)
            self.QTest.keyClick(
                self.app.focusWidget(), self.Qt.Key.Key_Return, self.Qt.KeyboardModifier.ControlModifier
            )

        self.select_passage()
        QTimer.singleShot(0, write)
        self.key(self.Qt.Key.Key_M, self.Qt.KeyboardModifier.ControlModifier)
        self.focus_text()

    def focus_text(self) -> None:
        """The text has the keys, in the active window (a closed dialog gives the window its focus
        back on a later turn; until then the window's shortcuts do not fire)."""
        self.window.activateWindow()
        self.window.reading.setFocus()
        deadline = time.perf_counter() + 5
        while self.app.focusWidget() is not self.window.reading and time.perf_counter() < deadline:
            self.settle()
            self.window.reading.setFocus()

    def search(self, query: str, pages: int) -> None:
        """Ctrl+F, the query typed, the hits scrolled to their end ``pages`` times, the last hit shown."""
        window = self.window
        self.key(self.Qt.Key.Key_F, self.Qt.KeyboardModifier.ControlModifier)
        self.type(query)
        self.key(self.Qt.Key.Key_Return)
        bar = window.search.results.verticalScrollBar()
        for _ in range(pages):
            bar.setValue(bar.maximum())
            self.settle()
        text_hits = window.search.text_hits()
        if text_hits:
            window.search.hitActivated.emit(self.rng.choice(text_hits))
            self.settle()

    def filter_list(self, text: str) -> None:
        """Ctrl+L, a few letters typed, the first document found opened, the filter cleared."""
        window = self.window
        self.key(self.Qt.Key.Key_L, self.Qt.KeyboardModifier.ControlModifier)
        self.type(text)
        view = window.documents.view
        if view.model().rowCount():
            view.setCurrentIndex(view.model().index(self.rng.randrange(min(20, view.model().rowCount())), 0))
            self.settle()
        window.documents.filter.setFocus()
        window.documents.filter.clear()
        self.settle()

    def export_preview(self) -> None:
        """Ctrl+E: the export dialog makes its preview; Escape closes it."""
        from PySide6.QtCore import QTimer

        def close() -> None:
            dialog = self.app.activeModalWidget()
            if dialog is None or getattr(dialog, "_rendering", False):
                QTimer.singleShot(20, close)
                return
            self.QTest.keyClick(dialog, self.Qt.Key.Key_Escape)

        QTimer.singleShot(50, close)
        self.key(self.Qt.Key.Key_E, self.Qt.KeyboardModifier.ControlModifier)

    def themes(self) -> None:
        """Ctrl+Shift+T: the themes window (its query, matrix and chart) shown, then closed."""
        from workbench.ui.dialogs.themes import ThemesWindow

        self.key(self.Qt.Key.Key_T, self.Qt.KeyboardModifier.ControlModifier | self.Qt.KeyboardModifier.ShiftModifier)
        shown = [w for w in self.app.topLevelWidgets() if isinstance(w, ThemesWindow) and w.isVisible()]
        for window in shown:
            window.close()
        self.settle()

    def round(self, n: int) -> None:
        """Twenty-two actions (see the module's docstring)."""
        window, rng, Qt = self.window, self.rng, self.Qt
        self.focus_text()
        self.key(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # 1: the next document
        for number in (1, 2, 3):  # 2-4
            self.tag(number)
        self.untag(3)  # 5
        self.note(f"Compare with round {n}: {rng.choice(QUERIES)}.")  # 6
        undo, redo = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
        for modifiers in (undo, undo, undo | redo, undo | redo):  # 7-10: the note and the untag, undone, redone
            self.key(Qt.Key.Key_Z, modifiers)
        self.search(QUERIES[n % len(QUERIES)], pages=3)  # 11-15: search, three pages, a hit opened
        self.filter_list(FILTERS[n % len(FILTERS)])  # 16-17: a document found in the list
        window.open_document(self.doc_ids[n % len(self.doc_ids)])  # 18: any document (a cross-reference)
        self.settle()
        window.highlights.scope.setCurrentIndex(1)  # 19-20: the whole project's highlights, and back
        self.settle()
        window.highlights.scope.setCurrentIndex(0)
        self.settle()
        self.focus_text()
        self.export_preview()  # 21
        self.focus_text()
        self.themes()  # 22


def live_counts(window) -> dict[str, int]:
    """What the window holds: Qt objects under it, widgets anywhere, and Python objects of note."""
    import gc

    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from workbench.model import Document
    from workbench.model.annotation import Span

    gc.collect()
    counts = {"qobjects under the window": len(window.findChildren(QObject)), "widgets": len(QApplication.allWidgets())}
    for kind in (Document, Span):
        counts[kind.__name__] = sum(1 for o in gc.get_objects() if type(o) is kind)
    return counts


def hour_of_use(window, rounds: int, *, trace: bool, rng: random.Random) -> dict[str, object]:
    session = Session(window, rng)
    session.round(0)  # a warm-up round: caches filled, modules imported
    samples = [(0, rss_mb())]
    before = live_counts(window)
    snapshot = None
    start, thread = time.perf_counter(), time.thread_time()
    for n in range(1, rounds + 1):
        session.round(n)
        samples.append((n * ROUND, rss_mb()))
        if trace and n == max(1, rounds // 4):
            tracemalloc.start(10) if not tracemalloc.is_tracing() else None
            snapshot = tracemalloc.take_snapshot()
    wall, cpu = time.perf_counter() - start, time.thread_time() - thread
    half = samples[len(samples) // 2 :]
    slope = _slope(half) * 100
    result: dict[str, object] = {
        "hour actions": rounds * ROUND, "hours": rounds * ROUND / ACTIONS_AN_HOUR, "hour rss end": samples[-1][1],
        "hour rss start": samples[0][1], "hour rss max": max(mb for _, mb in samples), "hour slope": slope,
        "hour wall s": wall, "hour cpu s": cpu, "live before": before, "live after": live_counts(window),
        "hour samples": samples[:: max(1, len(samples) // 12)],
    }  # fmt: skip
    if snapshot is not None:
        growth = tracemalloc.take_snapshot().compare_to(snapshot, "lineno")[:8]
        result["trace"] = [
            f"{stat.size_diff / 1024:+.0f} KiB {stat.count_diff:+d}  {stat.traceback[0]}" for stat in growth
        ]
        tracemalloc.stop()
    return result


def _slope(points: list[tuple[int, float]]) -> float:
    """Least squares: MB per action."""
    if len(points) < 2:
        return 0.0
    xs, ys = [x for x, _ in points], [y for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in points) / (sum((x - mx) ** 2 for x in xs) or 1)


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
