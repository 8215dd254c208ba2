"""QualCoder measured beside Workbench, on this machine, with the same inputs (``make bench-qualcoder``).

The issue asks that each speed figure stand "beside QualCoder's where the benchmark can run it". This runs
QualCoder's own code, unmodified, headless, in a venv of its own (``qualcoder_runner.py`` drives it), on the
inputs of ``benchmarks/run.py``: the 1 MB text of ``generate(1_000_000)`` (the ``large-import.txt`` of
``bench_import_large``), and 10,000 codings over 50 codes placed as ``annotated_project`` places Workbench's
highlights (same seed, same draws, on QualCoder's own text of that file). One table: import, open with the
codings until every panel is painted, add one coding until painted, memory.

QualCoder is not on PyPI. Its source goes in ~/.cache/workbench-bench/qualcoder (a git export, with the commit
in a file COMMIT beside it), for instance:

    git clone https://github.com/ccbogel/QualCoder /tmp/qc.git --bare
    mkdir -p ~/.cache/workbench-bench/qualcoder
    git --git-dir=/tmp/qc.git archive HEAD | tar -x -C ~/.cache/workbench-bench/qualcoder
    git --git-dir=/tmp/qc.git rev-parse HEAD > ~/.cache/workbench-bench/qualcoder/COMMIT
    python benchmarks/qualcoder_side_by_side.py --setup     # its venv, from its requirements.txt

Without the source or its venv this says so and exits 0, so ``make bench`` never fails on a fresh machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CACHE = Path(os.environ.get("WORKBENCH_BENCH_CACHE", Path.home() / ".cache" / "workbench-bench"))
HERE = Path(__file__).resolve().parent
# QualCoder's requirements.txt also lists its AI embeddings (PyTorch, gigabytes, from PyTorch's own index, which
# is not a registry we use) and its packager: none of them is needed to import or code a text.
LEFT_OUT = ("transformers", "sentence-transformers", "pyinstaller", "pefile")
ALSO = ("huggingface_hub",)  # imported at start-up by its AI module; sentence-transformers brought it


def requirements(source: Path) -> list[str]:
    """QualCoder's own requirements.txt, less the packages in ``LEFT_OUT`` and the index options."""
    wanted = []
    for line in (source / "requirements.txt").read_text(encoding="utf-8").splitlines():
        spec = line.split("#")[0].strip()
        name = re.split(r"[<>=!~ \[;]", spec)[0].lower()
        if spec and not spec.startswith("-") and name not in LEFT_OUT:
            wanted.append(spec)
    return [*wanted, *ALSO]


def setup(source: Path, venv: Path) -> int:
    """The download-free part: QualCoder's venv, its packages from PyPI, and a check that Qt starts."""
    if not (source / "src" / "qualcoder").is_dir():
        print(f"No QualCoder source in {source} (see this file's docstring)")
        return 1
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *requirements(source)], check=True)
    check = subprocess.run([str(python), "-c", "import PyQt6.QtMultimedia"], capture_output=True, text=True)
    if check.returncode:  # QualCoder's media player: Qt Multimedia needs PulseAudio's client library
        print(f"Qt Multimedia does not load ({check.stderr.strip().splitlines()[-1]});"
              " on Debian: sudo apt-get install -y libpulse0")  # fmt: skip
        return 1
    print(f"QualCoder's venv is ready: {venv}")
    return 0


def spread(samples: list[float], unit: str = "ms") -> str:
    if not samples:
        return "—"
    if len(samples) == 1:
        return f"{samples[0]:,.0f} {unit} (n=1)" if samples[0] >= 100 else f"{samples[0]:.1f} {unit} (n=1)"
    median = statistics.median(samples)
    text = f"{median:,.0f}" if median >= 100 else f"{median:.1f}"
    return f"{text} {unit} ({min(samples):,.0f}–{max(samples):,.0f}, n={len(samples)})"


def run_qualcoder(source: Path, venv: Path, text: Path, spans: int, args: argparse.Namespace) -> dict | str:
    """QualCoder's figures (see qualcoder_runner.py), or the one-line reason there are none."""
    work = Path(tempfile.mkdtemp(prefix=f"qualcoder-{spans}-"))
    command = [str(venv / "bin" / "python"), str(HERE / "qualcoder_runner.py"), str(source), str(text), str(work),
               "--spans", str(spans), "--codes", "50", "--imports", str(args.imports), "--opens", str(args.opens),
               "--adds", str(args.adds), "--clicks", str(args.clicks)]  # fmt: skip
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return f"QualCoder did not finish within {args.timeout} s"
    finally:
        shutil.rmtree(work, ignore_errors=True)  # a dozen projects of 1 MB each
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        errors = [line for line in done.stderr.splitlines() if line.strip()]
        return f"QualCoder's run failed: {errors[-1] if errors else f'exit {done.returncode}'}"
    return json.loads(lines[-1])


WORKBENCH_WINDOW = """
import json, statistics, sys
sys.path.insert(0, {here!r})
import run
figures = run.bench_annotated({spans})
peak = next(int(line.split()[1]) / 1024 for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({{**{{k: figures[k] for k in ("open idle", "key", "rss")}}, "peak": peak}}))
"""


def run_workbench_window(spans: int, timeout: int) -> dict | str:
    """``run.bench_annotated`` in a process of its own (as ``run.py annotated`` runs it), for its memory."""
    code = WORKBENCH_WINDOW.format(here=str(HERE), spans=spans)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"Workbench did not finish within {timeout} s"
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        errors = [line for line in done.stderr.splitlines() if line.strip()]
        return f"Workbench's run failed: {errors[-1] if errors else f'exit {done.returncode}'}"
    return json.loads(lines[-1])


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def row(label: str, ours: str, theirs: str) -> None:
    print(f"  {label:<52}{theirs:<34}{ours}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=CACHE / "qualcoder", help="QualCoder's source tree")
    parser.add_argument("--venv", type=Path, default=CACHE / "qualcoder-venv", help="QualCoder's venv")
    parser.add_argument("--setup", action="store_true", help="create QualCoder's venv from its requirements")
    parser.add_argument("--spans", default="10000", help="codings on the text, comma-separated (e.g. 1000,10000)")
    parser.add_argument("--imports", type=int, default=5)
    parser.add_argument("--opens", type=int, default=3)
    parser.add_argument("--adds", type=int, default=20)
    parser.add_argument("--clicks", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=3600, help="seconds for each QualCoder run")
    args = parser.parse_args()
    if args.setup:
        return setup(args.source, args.venv)

    print("QualCoder beside Workbench (same machine, same inputs)")
    if not (args.source / "src" / "qualcoder").is_dir():
        print(f"  skipped: no QualCoder source in {args.source} (see {Path(__file__).name}'s docstring)")
        return 0
    if not (args.venv / "bin" / "python").exists():
        print(f"  skipped: no QualCoder venv in {args.venv} (run {Path(__file__).name} --setup)")
        return 0
    commit = args.source / "COMMIT"
    print(f"  QualCoder {commit.read_text().strip() if commit.exists() else '(commit unknown)'} from {args.source}")
    print(f"  load before: {load()} on {os.cpu_count()} cores (the machine is shared; figures are medians)")

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE))
    import run  # our benchmarks: sets up its scratch folder and settings

    ours_import = run.bench_import_large()
    text = run.SCRATCH / "large-import.txt"  # what bench_import_large just imported
    print(f"  input: {text.name}, {text.stat().st_size:,} bytes")
    print()
    row("", "Workbench", "QualCoder")
    for spans in (int(n) for n in args.spans.split(",")):
        theirs = run_qualcoder(args.source, args.venv, text, spans, args)
        ours = run_workbench_window(spans, args.timeout)
        if isinstance(theirs, str):
            print(f"  with {spans:,} codings: QualCoder skipped: {theirs}")
            theirs = {}
        if isinstance(ours, str):
            print(f"  with {spans:,} codings: Workbench skipped: {ours}")
            ours = {}
        if spans == int(args.spans.split(",")[0]):
            row("import the 1 MB text (read, decode, store)", spread(ours_import), spread(theirs.get("import", [])))
            row("  QualCoder's load_file_text alone (no file copy)", "", spread(theirs.get("load_file_text", [])))
        print(f"  {spans:,} codings over 50 codes ({theirs.get('codings', '?')} stored in QualCoder)")
        row("  open the text until every panel painted", spread(ours.get("open idle", [])),
            spread(theirs.get("open", [])))  # fmt: skip
        row("  add one coding by key until every panel painted", spread(ours.get("key", [])),
            spread(theirs.get("add_key", [])))  # fmt: skip
        row("  add one coding by clicking a code (QualCoder)", "", spread(theirs.get("add_click", [])))
        rss = ours.get("rss", [])
        row("  memory with the text open (RSS)", f"{rss[0]:.0f} MB" if rss else "—",
            f"{theirs['rss_open']:.0f} MB" if "rss_open" in theirs else "—")  # fmt: skip
        row("  peak memory of the process (VmHWM)", f"{ours['peak']:.0f} MB" if "peak" in ours else "—",
            f"{theirs['rss_peak']:.0f} MB" if "rss_peak" in theirs else "—")  # fmt: skip
        if theirs.get("dismissed"):
            print(f"  QualCoder's message boxes closed unanswered: {theirs['dismissed']}")
    print(f"  load after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
