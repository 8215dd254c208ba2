"""Print the figures the foundation promises (``make bench``):

- importing the sample (parse + store), target < 50 ms;
- cold start of the GUI to first paint with the sample, measured by the app (``--measure-startup``), < 1.5 s;
- opening a generated 1 MB document in the reading view (load from the project + typeset + lay out), < 500 ms.

Each figure is the median of several runs; the first run of each is a warm-up where noted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SCRATCH = Path(tempfile.mkdtemp(prefix="workbench-bench-"))
os.environ["XDG_DATA_HOME"] = str(SCRATCH / "data")
os.environ["XDG_CONFIG_HOME"] = str(SCRATCH / "config")
sys.path.insert(0, str(Path(__file__).parent))

from generate import generate  # noqa: E402

from workbench.ops.documents import import_files  # noqa: E402
from workbench.sample import SAMPLE  # noqa: E402
from workbench.storage import Project, load_document  # noqa: E402


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples):7.1f} ms  (min {min(samples):.1f}, max {max(samples):.1f}, n={len(samples)})"


def bench_import(runs: int = 15) -> list[float]:
    times = []
    for i in range(runs + 1):
        with Project.open(SCRATCH / f"import-{i}.wbproj", create=True) as project:
            start = time.perf_counter()
            import_files(project, [SAMPLE])
            times.append((time.perf_counter() - start) * 1000)
    return times[1:]  # the first run pays for imports and caches


def bench_startup(runs: int = 5) -> list[float]:
    times = []
    for i in range(runs):
        env = dict(os.environ, XDG_DATA_HOME=str(SCRATCH / f"startup-{i}"))  # a first run every time
        done = subprocess.run([sys.executable, "-m", "workbench", "--measure-startup"],
                              capture_output=True, text=True, env=env, check=True)  # fmt: skip
        line = next(line for line in done.stdout.splitlines() if line.startswith("first paint:"))
        times.append(float(line.split()[2]))
    return times


def bench_open_large(runs: int = 5) -> tuple[list[float], int, int]:
    from PySide6.QtWidgets import QApplication

    from workbench.ui.app import create_application
    from workbench.ui.reading.view import ReadingView
    from workbench.ui.theme import LIGHT

    source = SCRATCH / "large.txt"
    source.write_text(generate(1_000_000), encoding="utf-8")
    with Project.open(SCRATCH / "large.wbproj", create=True) as project:
        doc_id = import_files(project, [source]).imported[0].documents[0].id
        create_application()
        view = ReadingView(LIGHT)
        view.resize(1000, 800)
        view.show()
        times = []
        for _ in range(runs + 1):
            view.show_document(None)
            QApplication.processEvents()
            start = time.perf_counter()
            document = load_document(project.db, doc_id)
            view.show_document(document)
            view.viewport().repaint()  # lays out what is shown and paints it
            QApplication.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        return times[1:], len(document.text), len(view.page_marks())


def main() -> None:
    print("Workbench benchmarks")
    print(f"  import sample (parse + store)          {median_ms(bench_import())}   target < 50 ms")
    print(f"  cold start to first paint (sample)     {median_ms(bench_startup())}   target < 1500 ms")
    times, chars, pages = bench_open_large()
    print(f"  open 1 MB document ({chars:,} chars, {pages} pages)")
    print(f"    load + typeset + first paint         {median_ms(times)}   target < 500 ms")


if __name__ == "__main__":
    main()
