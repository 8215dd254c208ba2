"""Exports at the scale of the series: 200,000 highlights, or every hit of "the", written to a file.

    python benchmarks/scale_exports.py PROJECT [--highlights-per-document 2] [--formats md,csv,docx]

Copies PROJECT (never written), adds highlights and 200 tags to the copy (``add_highlights``: rows
written with SQL, each quote the words of its document where it points, as ``scale_queries`` does),
then runs ``workbench export`` in a child process for each figure and reports its wall time, its CPU
time (user + system, of the child alone: the machine is shared) and its peak memory (the child's own
VmHWM). A one-document export gives the floor (the interpreter, Qt-free imports, python-docx): an
export that streams stays near it however many highlights it writes.
``benchmarks/scale.py`` registers the same figures (``@measurement``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_volume import rare_name

TAGS = 200
_CHILD = """
import re, sys
from workbench.cli import main
code = main(sys.argv[1:])
print(int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024, file=sys.stderr)
sys.exit(code)
"""


def add_highlights(path: Path, per_document: int = 2, tags: int = TAGS, seed: int = 1972) -> int:
    """Add ``per_document`` highlights to each document on average (at random places, a third with two
    tags, one in twenty with a note) and ``tags`` tags, twenty of them top-level with the rest beneath;
    return how many highlights the project now holds."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    first_tag = conn.execute("SELECT coalesce(max(id), 0) FROM tags").fetchone()[0] + 1
    ids = range(first_tag, first_tag + tags)
    conn.executemany(
        "INSERT INTO tags (id, uuid, parent_id, name, color, position, created, modified) VALUES (?,?,?,?,?,?,?,?)",
        [(t, str(uuid.uuid4()), None if t - first_tag < 20 else first_tag + t % 20, f"Theme {t - first_tag + 1}",
          "#336699", t, "2026", "2026") for t in ids],
    )  # fmt: skip
    documents = conn.execute("SELECT id, length(text) FROM documents").fetchall()
    next_id = conn.execute("SELECT coalesce(max(id), 0) FROM spans").fetchone()[0] + 1
    for batch in range(0, len(documents) * per_document, 20_000):
        spans, span_tags = [], []
        for s in range(next_id + batch, next_id + min(batch + 20_000, len(documents) * per_document)):
            doc_id, length = rng.choice(documents)
            start = rng.randrange(max(1, length - 200))
            end = min(length, start + rng.randint(20, 200))
            spans.append((s, str(uuid.uuid4()), doc_id, start, end, f"Compare entry {s}" if s % 20 == 0 else ""))
            chosen = {rng.choice(ids)} | ({rng.choice(ids)} if s % 3 == 0 else set())
            span_tags += [(s, t) for t in chosen]
        conn.executemany(
            'INSERT INTO spans (id, uuid, doc_id, start, "end", quote, note, author, created, modified) '
            "SELECT ?, ?, ?, ?, ?, substr(text, ? + 1, ? - ?), ?, 'bench', '2026', '2026' FROM documents WHERE id = ?",
            [(s, u, d, a, b, a, b, a, note, d) for s, u, d, a, b, note in spans],
        )
        conn.executemany("INSERT INTO span_tags (span_id, tag_id) VALUES (?,?)", span_tags)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (count,) = conn.execute("SELECT count(*) FROM spans").fetchone()
    conn.close()
    return count


def copy_with_highlights(project: Path, folder: Path, per_document: int = 2) -> Path:
    """A copy of ``project`` in ``folder`` with highlights added (the original is never written)."""
    copy = folder / f"{project.stem}-highlights.wbproj"
    shutil.copyfile(project, copy)
    add_highlights(copy, per_document)
    return copy


def export_figures(project: Path, out: Path, *args: str) -> dict[str, float]:
    """``workbench export ARGS -o OUT`` in a child process: wall and CPU seconds, peak MB, output MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, "export", "--project", str(project), *args, "-o", str(out)],
                          capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - began
    if done.returncode:
        raise SystemExit(f"the export {args} failed: {done.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = float(done.stderr.strip().splitlines()[-1])
    return {"seconds": wall, "cpu": cpu, "peak_mb": peak, "output_mb": out.stat().st_size / 1e6}


def child_tag_all(path: Path, query: str) -> None:
    """Count the text hits of ``query`` and tag them (the first ``TAG_ALL_CAP`` if there are more, which
    the window refuses: the figure is the cap's cost), then undo; print the figures as JSON."""
    from workbench.ops.history import undo
    from workbench.ops.search_tags import find_text_hits, tag_text_hits
    from workbench.storage import Project

    with Project.open(path) as project:
        began, cpu = time.perf_counter(), time.thread_time()
        found = find_text_hits(project.db, query)
        counted, counted_cpu = time.perf_counter() - began, time.thread_time() - cpu
        began, cpu = time.perf_counter(), time.thread_time()
        tag_text_hits(project, dataclasses.replace(found, over_cap=False), tag_path=f"Bench/{query}")
        tagged, tagged_cpu = time.perf_counter() - began, time.thread_time() - cpu
        undo(project)
    peak = int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024  # type: ignore[union-attr]
    print(json.dumps({"hits": len(found.ranges), "documents": found.documents, "over_cap": found.over_cap,
                      "count_s": counted, "count_cpu": counted_cpu, "tag_s": tagged, "tag_cpu": tagged_cpu,
                      "peak_mb": peak}))  # fmt: skip


def tag_all_figures(project: Path, query: str) -> dict:
    """``child_tag_all`` in a process of its own (its peak memory its own)."""
    done = subprocess.run([sys.executable, __file__, "--child-tag-all", str(project), query],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout.splitlines()[-1])


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child-tag-all"]:
        child_tag_all(Path(argv[1]), argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--highlights-per-document", type=int, default=2)
    parser.add_argument("--formats", default="md,csv,html,docx,bibtex")
    parser.add_argument("--folder", type=Path, help="where the copy is made (a temporary folder otherwise)")
    args = parser.parse_args(argv)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="workbench-exports-"))
    began = time.perf_counter()
    copy = folder / f"{args.project.stem}-highlights.wbproj"
    if not copy.exists():
        copy = copy_with_highlights(args.project, folder, args.highlights_per_document)
    with sqlite3.connect(copy) as conn:
        spans = conn.execute("SELECT count(*) FROM spans").fetchone()[0]
        first = conn.execute("SELECT id FROM documents ORDER BY position LIMIT 1").fetchone()[0]
    print(f"{copy.name}: {spans:,} highlights (ready in {time.perf_counter() - began:.0f} s)", flush=True)
    runs = [("one document's highlights, md", ["--format", "md", "--doc", first])]
    runs += [(f"all {spans:,} highlights, {fmt}", ["--format", fmt]) for fmt in args.formats.split(",")]
    runs += [("tag Theme 1 with sub-tags, across volumes, md", ["--format", "md", "--tag", "Theme 1"]),
             ('search "the", md (up to 50,000 hits)', ["--format", "md", "--search", "the"])]  # fmt: skip
    for label, export_args in runs:
        figures = export_figures(copy, folder / "out", *export_args)
        print(f"{label:<48} {figures['seconds']:7.1f} s wall {figures['cpu']:7.1f} s CPU "
              f"{figures['peak_mb']:6.0f} MB peak  {figures['output_mb']:7.1f} MB written", flush=True)  # fmt: skip
    for query in (rare_name(1), "negotiations", "the"):
        tag = tag_all_figures(copy, query)
        print(f"tag all {query!r}: {tag['hits']:,} hits in {tag['documents']:,} documents"
              f"{' (over the cap: the first 50,000)' if tag['over_cap'] else ''}: counted {tag['count_s']:.1f} s "
              f"({tag['count_cpu']:.1f} s CPU), tagged {tag['tag_s']:.1f} s ({tag['tag_cpu']:.1f} s CPU), "
              f"{tag['peak_mb']:.0f} MB peak", flush=True)  # fmt: skip
    if not args.folder:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main(sys.argv[1:])
