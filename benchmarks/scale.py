"""All of FRUS on one laptop: figures at 500, 10,000 and 100,000 documents (``make bench-scale``).

    python benchmarks/scale.py [--sizes 500,10000,100000] [--cache DIR]

The corpus is a generated series (``generate_volume.write_series``: volumes of 500 documents, the
200 of them about 1 GB of TEI), written once into the cache folder and reused. For each size a new
project imports the first volumes in a child process (``workbench import FOLDER``'s own code:
one volume per transaction), which reports its time, its peak memory (VmHWM, its own) and each
volume's milliseconds per document. Then every registered measurement runs on that project.

To add a figure, write a function of a ``Context`` that returns a ``Figure`` and decorate it with
``@measurement("what it measures", target="< 1 s")``; it is printed for every size, in the order
registered, and how it grows from the first size to the last is printed after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import scale_exports
from generate_volume import rare_name, series_paths, write_series

from workbench.storage import Project

PER_VOLUME = 500
DEFAULT_SIZES = (500, 10_000, 100_000)
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "workbench-bench" / "series"


@dataclass(slots=True)
class Context:
    """One size: its project (imported), the files it came from, and what the import reported."""

    documents: int
    project: Path
    files: list[Path]
    imported: dict = field(default_factory=dict)  # the child import's report (seconds, peak_mb, per_volume)

    @property
    def tei_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.files)


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    unit: str
    note: str = ""

    def __str__(self) -> str:
        number = f"{self.value:,.2f}" if self.value < 10 else f"{self.value:,.0f}"
        return f"{number} {self.unit}" + (f"  ({self.note})" if self.note else "")


@dataclass(frozen=True, slots=True)
class Measurement:
    name: str
    target: str
    run: Callable[[Context], Figure]


MEASUREMENTS: list[Measurement] = []


def measurement(name: str, *, target: str = "") -> Callable[[Callable[[Context], Figure]], Callable[[Context], Figure]]:
    """Register a figure to take at every size (printed in the order registered)."""

    def register(run: Callable[[Context], Figure]) -> Callable[[Context], Figure]:
        MEASUREMENTS.append(Measurement(name, target, run))
        return run

    return register


# -- running the command line as the user does ---------------------------------------------------


def cli(context: Context, *args: str) -> tuple[float, str]:
    """Seconds for ``workbench ARGS`` on the project, started cold (a new interpreter), and its output."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "workbench", "--project", str(context.project), *args],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return time.perf_counter() - start, done.stdout


def best_of(runs: int, take: Callable[[], float]) -> float:
    """The median of ``runs`` after a warm-up (the machine is shared; the OS cache is warm)."""
    take()
    return statistics.median(take() for _ in range(runs))


# -- the figures ---------------------------------------------------------------------------------


@measurement("import: the whole of it", target="< 10 min for 100,000")
def import_time(context: Context) -> Figure:
    seconds = context.imported["seconds"]
    return Figure(seconds, "s", f"{seconds * 1000 / context.documents:.1f} ms a document")


@measurement("import: ms a document, first volume → last", target="flat")
def import_growth(context: Context) -> Figure:
    per_volume = context.imported["per_volume"]
    first, last = per_volume[0], per_volume[-1]
    tail = statistics.median(per_volume[-5:])
    return Figure(last, "ms", f"first {first:.1f}, median of the last 5 {tail:.1f}")


@measurement("import: peak memory (VmHWM of the importing process)", target="< 300 MB")
def import_memory(context: Context) -> Figure:
    return Figure(context.imported["peak_mb"], "MB")


@measurement("project file ÷ TEI it came from", target="< 2.5 ×")
def file_ratio(context: Context) -> Figure:
    size = context.project.stat().st_size
    return Figure(size / context.tei_bytes, "×", f"{size / 1e6:,.0f} MB for {context.tei_bytes / 1e6:,.0f} MB of TEI")


@measurement("project file ÷ its reading text and notes (UTF-8)", target="< 2.5 ×")
def text_ratio(context: Context) -> Figure:
    """What takes the room, by table and index (SQLite's ``dbstat``), in the note."""
    with sqlite3.connect(context.project) as conn:
        text = conn.execute(
            "SELECT (SELECT sum(length(CAST(text AS BLOB))) FROM documents) + "
            "(SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM notes)"
        ).fetchone()[0]
        parts = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 6").fetchall()
    size = context.project.stat().st_size
    largest = ", ".join(f"{name} {pages / size:.0%}" for name, pages in parts)
    return Figure(size / text, "×", largest)


@measurement("cold `workbench list --json`", target="")
def list_json(context: Context) -> Figure:
    return Figure(best_of(3, lambda: cli(context, "list", "--json")[0]) * 1000, "ms")


def _search(context: Context, query: str) -> Figure:
    hits = len(json.loads(cli(context, "search", query, "--json")[1]))
    return Figure(best_of(3, lambda: cli(context, "search", query, "--json")[0]) * 1000, "ms", f"{hits} hits shown")


@measurement("cold `workbench search` a rare name", target="")
def search_rare(context: Context) -> Figure:
    return _search(context, rare_name(1))


@measurement("cold `workbench search the`", target="")
def search_common(context: Context) -> Figure:
    return _search(context, "the")


# -- exports and tagging every hit, on a copy with two highlights a document (``scale_exports``) ---------

_COPIES: dict[Path, Path] = {}


def _highlighted(context: Context) -> Path:
    """The size's project copied, with highlights and 200 tags added (made once, for the figures below)."""
    if context.project not in _COPIES:
        _COPIES[context.project] = scale_exports.copy_with_highlights(context.project, context.project.parent)
    return _COPIES[context.project]


def _exported(context: Context, *args: str) -> Figure:
    path = _highlighted(context)
    figures = scale_exports.export_figures(path, path.with_suffix(".out"), *args)
    path.with_suffix(".out").unlink()
    note = f"{figures['cpu']:.1f} s CPU, {figures['peak_mb']:.0f} MB peak, {figures['output_mb']:.0f} MB written"
    return Figure(figures["seconds"], "s", note)


@measurement("export all highlights (2 a document) to Markdown", target="streams: memory flat")
def export_markdown(context: Context) -> Figure:
    return _exported(context, "--format", "md")


@measurement("export all highlights to Word (.docx)", target="streams: memory flat")
def export_word(context: Context) -> Figure:
    return _exported(context, "--format", "docx")


@measurement("export one tag and its sub-tags, across volumes, to CSV", target="")
def export_tag(context: Context) -> Figure:
    return _exported(context, "--format", "csv", "--tag", "Theme 1")


@measurement('export the sentences of a search ("the", ≤ 50,000 hits) to Markdown', target="")
def export_search(context: Context) -> Figure:
    return _exported(context, "--format", "md", "--search", "the")


@measurement("tag all results of a common word (≤ 50,000): counted, then tagged", target="")
def tag_all(context: Context) -> Figure:
    """The last figure on the copy: it is deleted after."""
    path = _highlighted(context)
    figures = scale_exports.tag_all_figures(path, "negotiations")
    for suffix in ("", "-wal", "-shm", "-walid"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    note = (
        f"{figures['hits']:,} hits in {figures['documents']:,} documents counted in {figures['count_s']:.1f} s, "
        f"tagged in {figures['tag_s']:.1f} s ({figures['tag_cpu']:.1f} s CPU), {figures['peak_mb']:.0f} MB peak"
    )
    return Figure(figures["count_s"] + figures["tag_s"], "s", note)  # fmt: skip


@measurement("interpreter start alone (`workbench --version`)", target="")
def startup(context: Context) -> Figure:
    def once() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "workbench", "--version"], capture_output=True, check=True)
        return time.perf_counter() - start

    return Figure(best_of(3, once) * 1000, "ms", "to subtract from the cold figures above")


# -- the window's lists, offscreen -----------------------------------------------------------------


def window_on(context: Context):
    """The main window on the project (Qt offscreen, no backup copy of the file), shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from workbench.storage import Project
    from workbench.ui.look.theme import LIGHT
    from workbench.ui.window.main_window import MainWindow
    from workbench.ui.window.project_files import ProjectFiles

    ProjectFiles.take_backup = lambda *args, **kwargs: None  # type: ignore[method-assign]  # a copy of the file
    app = QApplication.instance() or QApplication([])
    window = MainWindow(Project.open(context.project), LIGHT)
    window.resize(1300, 850)
    window.show()
    app.processEvents()
    return app, window


def shown(app, runs: int, act: Callable[[int], object], setup: Callable[[int], object] = lambda _run: None) -> Figure:
    """``act`` and the events it posts (layout, paint), ``runs`` times after a warm-up: the median
    wall time, and the median CPU time of this thread (the machine is shared: other programs'
    work shows in the wall time, not in the CPU time)."""
    walls, cpus = [], []
    for run in range(runs + 1):
        setup(run)
        app.processEvents()
        wall, cpu = time.perf_counter(), time.thread_time()
        act(run)
        app.processEvents()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.thread_time() - cpu) * 1000)
    return Figure(statistics.median(walls[1:]), "ms", f"CPU {statistics.median(cpus[1:]):.1f} ms, worst "
                  f"{max(walls[1:]):.0f} ms wall")  # fmt: skip


@measurement("documents list shown (grouped)", target="< 200 ms")
def list_shown(context: Context) -> Figure:
    """The list read again and painted, as after an import: the volumes' headings (or a plain page)."""
    app, window = window_on(context)
    figure = shown(app, 5, lambda _run: window.reload_documents())
    grouped = getattr(window.documents, "by_volume", False)
    window.close()
    return Figure(figure.value, figure.unit, f"{figure.note}; {'by volume' if grouped else 'a plain list'}")


@measurement("expand a volume", target="< 50 ms")
def volume_expanded(context: Context) -> Figure:
    """A volume not yet read, opened: its first page read, laid out, painted."""
    app, window = window_on(context)
    panel = window.documents
    if not getattr(panel, "by_volume", False):
        window.close()
        return Figure(0, "ms", "a plain list: no volumes to open")
    count = len(panel.groups.groups)
    heading = lambda run: panel.groups.index((run * 7 + 3) % count, 0)  # noqa: E731 - a new volume each run
    figure = shown(app, 7, lambda run: panel.view.expand(heading(run)), lambda run: panel.view.scrollTo(heading(run)))
    window.close()
    return figure


@measurement("filter as you type", target="< 50 ms a key")
def filter_typed(context: Context) -> Figure:
    """ "telegram from" typed into the documents filter key by key, from an empty field, then
    cleared: each key's list read and painted (the median key; the worst in the note)."""
    app, window = window_on(context)
    field = window.documents.filter
    text = "telegram from"
    keys = [text[: n + 1] for n in range(len(text))] + [""]
    figure = shown(app, 3 * len(keys), lambda run: field.setText(keys[run % len(keys)]))
    window.close()
    return figure


@measurement("people panel shown", target="< 200 ms")
def people_shown(context: Context) -> Figure:
    """The People tab chosen after a change elsewhere: the tab painted (the value), and its list
    of people grouped anew from the glossaries and painted (in the note, with the CPU time of the
    window's thread meanwhile); then chosen again with nothing changed."""
    app, window = window_on(context)
    listing = window.people.entries.model()
    listed: list[tuple[float, float]] = []

    def away(_run: int, changed: bool = True) -> None:
        window.show_side(window.memos)
        window.people.reload()  # as a change of the documents does: read again when next shown
        if changed:
            getattr(window.session, "_people", {}).clear()  # what the session kept is of another version
            window.people.set_people([])

    def show(_run: int) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        window.show_side(window.people)
        app.processEvents()
        while not listing.rowCount():  # read on a thread: the window's loop turns meanwhile
            time.sleep(0.002)
            app.processEvents()
        listed.append(((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000))

    tab = shown(app, 3, lambda _run: window.show_side(window.people), away)
    shown(app, 3, show, away)
    again = shown(app, 3, lambda _run: window.show_side(window.people), lambda run: away(run, changed=False))
    window.close()
    wall, cpu = (statistics.median(times) for times in zip(*listed[1:], strict=True))
    return Figure(tab.value, "ms", f"{tab.note}; listed after {wall:.0f} ms (CPU of the window's thread "
                  f"{cpu:.0f} ms); shown again, nothing changed: {again.value:.0f} ms")  # fmt: skip


# -- the window and the analyses (each in a child process, or on a copy of the project) ----------


@cache
def _window(project: Path) -> dict:
    """``scale_window.py``'s figures for ``project``: cold start, open any document, an hour of use."""
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("scale_window.py")), str(project), "--json"],
                          stdout=subprocess.PIPE, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout.splitlines()[-1])


@measurement("window: cold start to first paint", target="< 1 s")
def window_start(context: Context) -> Figure:
    figures = _window(context.project)
    return Figure(figures["start median"], "ms", f"worst {figures['start worst']:.0f}, CPU {figures['start cpu']:.0f}")


@measurement("window: open any document, until idle", target="< 100 ms")
def window_open(context: Context) -> Figure:
    figures = _window(context.project)
    return Figure(figures["open median"], "ms", f"worst {figures['open worst']:.0f}, CPU {figures['open cpu']:.0f}")


@measurement("window: memory after an hour of use (RSS)", target="< 400 MB")
def window_hour(context: Context) -> Figure:
    f = _window(context.project)
    return Figure(f["hour rss end"], "MB", f"{f['hour actions']:,} actions, ~{f['hours']:.1f} h; "
                  f"{f['hour slope']:+.2f} MB per 100 actions at the end; {f['rss shown']:.0f} MB shown")  # fmt: skip


@cache
def _analyses(project: Path, highlights: int = 200_000, tags: int = 200) -> dict[str, float]:
    """Theme queries and co-occurrence (ms) on a copy of ``project`` given ``highlights`` over ``tags``."""
    from scale_queries import add_highlights

    from workbench.analysis.themes import Query, cooccurrence, run

    with tempfile.TemporaryDirectory(prefix="workbench-highlighted-") as folder:  # never beside the project given
        copy = Path(folder) / project.name
        shutil.copyfile(project, copy)
        add_highlights(copy, highlights=highlights, tags=tags)
        with Project.open(copy) as opened:
            return {name: best_of(3, lambda action=action: _seconds(action, opened.db)) * 1000
                    for name, action in (("theme", lambda db: run(db, Query("Theme 1"))),
                                         ("cooccurrence", cooccurrence))}  # fmt: skip


def _seconds(action: Callable, *args: object) -> float:
    start = time.perf_counter()
    action(*args)
    return time.perf_counter() - start


@measurement("theme query, 200,000 highlights (Theme 1 and below)", target="< 1 s")
def theme_query(context: Context) -> Figure:
    return Figure(_analyses(context.project)["theme"], "ms")


@measurement("co-occurrence of 200 tags, 200,000 highlights", target="< 1 s")
def cooccurrence_matrix(context: Context) -> Figure:
    return Figure(_analyses(context.project)["cooccurrence"], "ms")


# -- the import, in a child process ---------------------------------------------------------------


def child_import(project: Path, files: list[Path]) -> None:
    """Import ``files`` into ``project`` and print the figures as JSON (run in a process of its own)."""
    from workbench.ops.series import VolumeResult, import_series
    from workbench.storage import Project

    per_volume: list[float] = []
    mark = [time.perf_counter()]

    def stored(volume: VolumeResult) -> None:
        now = time.perf_counter()
        per_volume.append((now - mark[0]) * 1000 / max(volume.stored + volume.already, 1))
        mark[0] = now
        if len(per_volume) % 10 == 0:  # a long import shows how it goes (on stderr, which the parent passes on)
            print(f"    … {len(per_volume)} volumes, {per_volume[-1]:.1f} ms a document, {peak_mb():.0f} MB peak",
                  file=sys.stderr, flush=True)  # fmt: skip

    start = time.perf_counter()
    with Project.open(project, create=True) as opened:
        report = import_series(opened, files, stored=stored)
    seconds = time.perf_counter() - start
    if report.failed or report.not_reached:
        raise SystemExit(f"the import failed: {[(v.path.name, v.problem) for v in report.failed]}")
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "per_volume": per_volume}))


def peak_mb() -> float:
    """This process's own peak resident memory (VmHWM; ru_maxrss after fork counts the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def prepare(documents: int, cache: Path, scratch: Path) -> Context:
    volumes = max(1, documents // PER_VOLUME)
    files = series_paths(cache, volumes)
    project = scratch / f"scale-{documents}.wbproj"
    done = subprocess.run([sys.executable, __file__, "--child-import", str(project), *map(str, files)],
                          stdout=subprocess.PIPE, text=True)  # fmt: skip
    if done.returncode:
        raise SystemExit(f"the import of {documents:,} documents failed: {done.stdout}")
    return Context(documents, project, files, json.loads(done.stdout.splitlines()[-1]))


def measure_project(path: Path, only: str) -> None:
    """The figures that need no import (``--only`` of them) on a project made elsewhere."""
    with sqlite3.connect(path) as conn:
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    context = Context(documents, path, [])
    print(f"{path}: {documents:,} documents")
    for item in MEASUREMENTS:
        if only in item.name and item.run not in (import_time, import_growth, import_memory, file_ratio):
            print(f"  {item.name:<52} {item.run(context)}   target {item.target}", flush=True)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child-import"]:
        child_import(Path(argv[1]), [Path(p) for p in argv[2:]])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="documents, comma-separated")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the generated series is kept")
    parser.add_argument("--keep", action="store_true", help="keep the projects (their folder is printed)")
    parser.add_argument("--project", type=Path, help="measure this project (no corpus, no import)")
    parser.add_argument("--only", default="", help="the measurements whose name holds this")
    args = parser.parse_args(argv)
    if args.project:
        measure_project(args.project, args.only)
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    volumes = max(1, max(sizes) // PER_VOLUME)
    start = time.perf_counter()
    total = write_series(args.cache, volumes, PER_VOLUME, processes=min(2, os.cpu_count() or 1))
    print(f"Corpus: {volumes} volumes of {PER_VOLUME} documents, {total / 1e6:,.0f} MB of TEI in {args.cache} "
          f"(ready in {time.perf_counter() - start:.0f} s)")  # fmt: skip
    scratch = Path(tempfile.mkdtemp(prefix="workbench-scale-"))
    os.environ.setdefault("XDG_DATA_HOME", str(scratch / "data"))
    figures: dict[str, list[tuple[int, Figure]]] = {m.name: [] for m in MEASUREMENTS}
    for documents in sizes:
        context = prepare(documents, args.cache, scratch)
        print(f"\n{documents:,} documents ({len(context.files)} volumes)")
        for item in MEASUREMENTS:
            figure = item.run(context)
            figures[item.name].append((documents, figure))
            target = f"   target {item.target}" if item.target else ""
            print(f"  {item.name:<52} {figure}{target}", flush=True)
        if not args.keep:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{context.project}{suffix}").unlink(missing_ok=True)
    if len(sizes) > 1:
        times = f"{sizes[-1] / sizes[0]:,.0f}× the documents"
        print(f"\nHow each grows from {sizes[0]:,} to {sizes[-1]:,} documents ({times})")
        for name, taken in figures.items():
            first, last = taken[0][1], taken[-1][1]
            growth = f"{last.value / first.value:,.1f}×" if first.value else "—"
            print(f"  {name:<52} {first.value:,.1f} → {last.value:,.1f} {last.unit}   ({growth})")
    if args.keep:
        print(f"\nprojects kept in {scratch}")


if __name__ == "__main__":
    main(sys.argv[1:])
