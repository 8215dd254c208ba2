"""Figures for PDF sources (``make bench``): a generated 500-page PDF with 40 lines a page and a
footnote on each page.

- import (read every page, rebuild the text, store it with its page boxes and the PDF), < 10 s;
- a page image at screen width, rendered with two highlights drawn, < 100 ms;
- the window with the page-image pane open, scrolling the text from top to bottom: the longest
  frame, from the scroll to the last repaint of every panel (the page turns as the text moves), < 33 ms;
- the window's memory with that document and the pane open, < 300 MB.
"""

from __future__ import annotations

import atexit
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SCRATCH = Path(tempfile.mkdtemp(prefix="workbench-bench-pdf-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)  # 110 MB a run were left in /tmp
os.environ["XDG_DATA_HOME"] = str(SCRATCH / "data")
os.environ["XDG_CONFIG_HOME"] = str(SCRATCH / "config")

from workbench.facsimile import render_page, tints  # noqa: E402
from workbench.model.annotation import TagTree  # noqa: E402
from workbench.ops.spans import create_span  # noqa: E402
from workbench.storage import Project, list_documents, load_document  # noqa: E402
from workbench.storage.annotations import load_spans, load_tags  # noqa: E402
from workbench.storage.documents import load_facsimile  # noqa: E402

WORDS = ("the delegation negotiations ambassador cease-fire memorandum Saigon Hanoi treaty settlement "
         "withdrawal prisoners political structure question Secretary President Kissinger Nixon Thieu Tho "
         "agreement proposal conference discussion position government forces military").split()  # fmt: skip


def generate(path: Path, pages: int = 500) -> Path:
    from fpdf import FPDF

    rng = random.Random(7)
    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(25, 10)
        pdf.cell(0, 4, "FOREIGN RELATIONS, 1969-1976, VOLUME XCIX")
        pdf.set_font("Helvetica", size=10)
        for line in range(40):
            pdf.set_xy(25 if line % 9 else 32, 20 + line * 5.6)
            pdf.cell(0, 5, " ".join(rng.choice(WORDS) for _ in range(13)) + ("." if line % 9 == 8 else ""))
        pdf.set_font("Helvetica", size=7)
        pdf.set_xy(25, 252)
        pdf.cell(0, 4, f"1 Source: National Archives, RG 59, Box {number}.")
        pdf.set_xy(105, 262)
        pdf.cell(0, 4, str(number + 1))
    pdf.output(str(path))
    return path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    source = generate(SCRATCH / "volume.pdf")
    print(f"generated {source.stat().st_size / 1e6:.1f} MB, 500 pages")
    path = SCRATCH / "bench.wbproj"
    # The child's own peak (VmHWM): ru_maxrss after fork and exec would count this process's size.
    code = ("import re, sys, time; from workbench.ops.documents import import_files; "
            "from workbench.storage import Project; p = Project.open(sys.argv[1], create=True); "
            "t = time.perf_counter(); import_files(p, [sys.argv[2]]); "
            "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
            "print(time.perf_counter() - t, int(hwm) / 1024)")  # fmt: skip
    seconds, memory = subprocess.run([sys.executable, "-c", code, str(path), str(source)], capture_output=True,
                                     text=True, check=True).stdout.split()  # fmt: skip
    print(f"import 500-page PDF:        {float(seconds):7.2f} s   (target < 10 s), peak {float(memory):.0f} MB")
    project = Project.open(path)
    (summary,) = list_documents(project.db)
    document = load_document(project.db, summary.id)
    for quote in (" the ", " treaty "):
        start = document.text.index(quote, len(document.text) // 3)
        create_span(project, summary.id, start, start + 400, tag_paths=["Bench"])
    facsimile = load_facsimile(project.db, summary.id)
    spans, tree = load_spans(project.db, summary.id), TagTree(load_tags(project.db))
    page = facsimile.page_of(spans[0].start)
    samples = []
    for _ in range(7):
        started = time.perf_counter()
        render_page(facsimile, page, fit_width=900, tints=tints(facsimile, spans, tree, page))
        samples.append((time.perf_counter() - started) * 1000)
    figure = f"{statistics.median(samples):7.1f} ms  (max {max(samples):.1f}; target < 100 ms)"
    print(f"page image at 900 px:       {figure}")
    window_figures(project)
    print(f"the window's peak memory:   {peak_mb():7.0f} MB  (target < 300 MB with the document and pane open)")


def window_figures(project: Project) -> None:
    from PySide6.QtWidgets import QApplication

    from workbench.ui.app import create_application
    from workbench.ui.look.theme import LIGHT
    from workbench.ui.window.main_window import MainWindow

    create_application()
    window = MainWindow(project, LIGHT)
    window.resize(1600, 1000)
    window.show()
    QApplication.processEvents()
    print(f"the window's memory before the pane: {peak_mb():4.0f} MB")
    window.page_images.set_visible(True)
    pane = window.page_images.pane
    deadline = time.perf_counter() + 10
    while not pane.settled and time.perf_counter() < deadline:
        QApplication.processEvents()
    bar = window.reading.verticalScrollBar()
    for value in (bar.maximum(), 0):  # warm up: the first paint of each end lays the text out
        bar.setValue(value)
        window.repaint()
        QApplication.processEvents()
    frames = []
    for value in range(0, bar.maximum(), max(bar.pageStep() // 2, 1)):
        started = time.perf_counter()
        bar.setValue(value)
        window.repaint()
        QApplication.processEvents()
        frames.append((time.perf_counter() - started) * 1000)
    frames.sort()
    turns = []  # a page the pane has not drawn yet: the clock stops when its image is on screen
    for offset in range(len(window.document.text) // 7, len(window.document.text), len(window.document.text) // 7):
        started = time.perf_counter()
        window.reading.select_range(offset, offset)
        wanted = pane.facsimile.page_of(offset) if pane.facsimile else None
        while not (pane.page == wanted and pane.settled) and time.perf_counter() - started < 5:
            QApplication.processEvents()
        pane.repaint()
        turns.append((time.perf_counter() - started) * 1000)
    print(f"a page turn until its image shows: median {statistics.median(turns):.1f} ms, worst {max(turns):.1f} ms "
          f"({len(turns)} turns to pages not drawn before)")  # fmt: skip
    print(f"scrolling with the page pane: worst frame {frames[-1]:6.1f} ms, median {statistics.median(frames):.1f} ms, "
          f"{len(frames)} frames  (target < 33 ms)")  # fmt: skip
    window.close()


if __name__ == "__main__":
    sys.exit(main())
