"""Lists, search and theme queries on a large generated project: what a historian with all of FRUS waits for.

    python benchmarks/scale_queries.py [DOCUMENTS] [--project FILE] [--highlights N] [--tags N]

Builds (or reuses, with ``--project``) a project of DOCUMENTS documents in volumes of 500, each with
two footnotes and page breaks, words drawn so that search selectivity is realistic: "the" in every
document, a few hundred common words, thousands of rare surnames (each in a handful of documents),
and one very rare name in five. Highlights and tags (default 200,000 and 200) are spread over the
documents, some overlapping, some with a note. Rows are written with ``executemany`` on the project
file itself (its triggers keep the search indexes), not through the operations layer: 100,000
imports would take the benchmark's whole budget, and the import is measured by ``benchmarks/scale.py``.

Prints one line per measurement: the median of several runs, in milliseconds, and the target.
With ``--window``, also the window's side (offscreen): the documents list shown, a filter typed
key by key, and the first page of hits shown after a query (searched off the window's thread).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from workbench.analysis.themes import Query, Relation, cooccurrence, run
from workbench.storage import Project
from workbench.storage.listing import count_documents, page_documents, volume_counts
from workbench.storage.search import Filters, search_page

COMMON = (
    "the of and to in a that is was for on with as by at from this be have it not are which his an were "
    "agreement troops negotiations ceasefire political prisoners president message meeting October changes "
    "position package week break talks chapter language obligations respect military aid government embassy "
    "secretary minister ambassador policy question problem situation meeting discussion proposal support "
    "economic forces security council treaty conference delegation memorandum telegram report letter"
).split()
GENRES = ("memorandum", "telegram", "letter", "minutes", "report")
RARE_NAME = "Quetzalcoatlan"  # in five documents
SYLLABLES = "ka lo mi tra vel sen dor bri gan hol fu ze pa run ost wil mar ne cho ber".split()


def _surnames(rng: random.Random, count: int) -> list[str]:
    return sorted({"".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(count)})


def _text(rng: random.Random, names: list[str], words: int) -> str:
    body = rng.choices(COMMON, k=words)
    for _ in range(3):
        body[rng.randrange(words)] = rng.choice(names)
    body[rng.randrange(words)] = "Huế" if rng.random() < 0.01 else body[0]
    lines = [" ".join(body[i : i + 60]).capitalize() + "." for i in range(0, words, 60)]
    return "\n\n".join(lines)


def build(path: Path, documents: int, *, highlights: int, tags: int, words: int = 500, seed: int = 1972) -> None:
    """Write the generated project to ``path`` (a new file)."""
    Project.open(path, create=True).close()  # the schema, by the migrations
    rng = random.Random(seed)
    names = _surnames(rng, 4000)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    rare = set(rng.sample(range(documents), min(5, documents)))
    for first in range(0, documents, 1000):
        docs, notes, pages = [], [], []
        for i in range(first, min(documents, first + 1000)):
            volume, number = divmod(i, 500)
            text = _text(rng, names, words)
            if i in rare:
                text += f" {RARE_NAME} said so."
            genre = GENRES[i % len(GENRES)]
            title = f"{genre.capitalize()} From {rng.choice(names)} to {rng.choice(names)}"
            issued = f"{1950 + volume % 30}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            metadata = {"type": "document", "title": title, "number": str(number + 1), "genre": genre,
                        "container-title": f"Foreign Relations of the United States, Volume {volume + 1}",
                        "custom": {"volume-id": f"frus-gen-v{volume + 1:03d}"}}  # fmt: skip
            doc_id = f"{i:08x}-0000-4000-8000-{i:012x}"
            digest = hashlib.sha256(text.encode()).hexdigest()
            docs.append((doc_id, i + 1, str(number + 1), title, issued, json.dumps(metadata), text, digest,
                         "generated", "", str(100 + number), "2026"))  # fmt: skip
            notes += [(doc_id, n, n * 40, f"Source: {rng.choice(names)} Papers, Box {n}. {rng.choice(COMMON)}.")
                      for n in (1, 2)]  # fmt: skip
            pages += [(doc_id, 0, str(101 + number), len(text) // 2)]
        conn.executemany("INSERT INTO documents (id, position, number, title, issued, metadata, text, text_sha256, "
                         "source_format, source_name, first_page, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                         docs)  # fmt: skip
        conn.executemany("INSERT INTO notes (doc_id, n, anchor, text) VALUES (?,?,?,?)", notes)
        conn.executemany("INSERT INTO pages (doc_id, seq, n, start) VALUES (?,?,?,?)", pages)
    conn.execute("COMMIT")
    _add_highlights(conn, rng, names, highlights=highlights, tags=tags)
    conn.close()


def add_highlights(path: Path, *, highlights: int, tags: int, seed: int = 1972) -> None:
    """Add ``tags`` tags and ``highlights`` highlights over them to the project at ``path`` (an
    imported one, or any): spread over its documents, as ``build`` spreads them over its own."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    _add_highlights(conn, rng, _surnames(rng, 4000), highlights=highlights, tags=tags)
    conn.close()


def _add_highlights(conn: sqlite3.Connection, rng: random.Random, names: list[str], *, highlights: int,
                    tags: int) -> None:  # fmt: skip
    """Highlights on random documents, one in three with a second tag, one in twenty with a note;
    tags 1 to 20 at the top, the others under them. Ids follow the project's own."""
    documents = conn.execute("SELECT id, length(text) FROM documents ORDER BY rowid").fetchall()
    first_tag, first_span = (conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
                             for table in ("tags", "spans"))  # fmt: skip
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO tags (id, uuid, parent_id, name, color, position, created, modified) VALUES (?,?,?,?,?,?,?,?)",
        [(first_tag + t, str(uuid.uuid4()), None if t <= 20 else first_tag + 1 + t % 20, f"Theme {t}", "#336699", t,
          "2026", "2026") for t in range(1, tags + 1)],
    )  # fmt: skip
    spans, span_tags = [], []
    for s in range(first_span + 1, first_span + highlights + 1):
        doc_id, length = documents[rng.randrange(len(documents))]
        start = rng.randrange(max(1, length - 200))
        end = start + rng.randint(20, 200)
        note = f"Compare {rng.choice(names)}" if s % 20 == 0 else ""
        spans.append((s, str(uuid.UUID(int=s)), doc_id, start, min(end, length), "quote", note, "bench", "2026",
                      "2026"))  # fmt: skip
        chosen = {rng.randint(1, tags)} | ({rng.randint(1, tags)} if s % 3 == 0 else set())
        span_tags += [(s, first_tag + t) for t in chosen]
    conn.executemany('INSERT INTO spans (id, uuid, doc_id, start, "end", quote, note, author, created, modified) '
                     "VALUES (?,?,?,?,?,?,?,?,?,?)", spans)  # fmt: skip
    conn.executemany("INSERT INTO span_tags (span_id, tag_id) VALUES (?,?)", span_tags)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def timed(label: str, target_ms: float, action: Callable[[], object], *, runs: int = 5) -> float:
    """Median wall time of ``action`` over ``runs`` (after one warm-up), printed against its target."""
    action()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    median = statistics.median(times)
    verdict = "ok" if median <= target_ms else "SLOW"
    print(f"{label:<52} {median:9.1f} ms   (target < {target_ms:g} ms) {verdict}", flush=True)
    return median


def measure(path: Path) -> dict[str, float]:
    with Project.open(path) as project:
        db = project.db
        documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        highlights = db.execute("SELECT count(*) FROM spans").fetchone()[0]
        tags = db.execute("SELECT count(*) FROM tags").fetchone()[0]
        print(f"{path.name}: {documents:,} documents, {highlights:,} highlights, {tags} tags, "
              f"{path.stat().st_size / 1e6:,.0f} MB")  # fmt: skip
        first_volume = volume_counts(db)[0].volume
        surname = db.execute("SELECT title FROM documents ORDER BY position LIMIT 1").fetchone()[0].split()[-1]
        return {
            "search rare name, first page": timed("search a rare name, first page of 50", 50,
                                                  lambda: search_page(db, RARE_NAME)),
            "search surname, first page": timed(f"search a surname ({surname}), first page", 50,
                                                lambda: search_page(db, surname)),
            "search the, first page": timed('search "the", first page of 50', 50, lambda: search_page(db, "the")),
            "search the, page 10": timed('search "the", hits 450-500', 100,
                                         lambda: search_page(db, "the", offset=450)),
            "search filtered": timed("search a common word in one volume, 1960s", 50, lambda: search_page(
                db, "treaty", filters=Filters(volume=first_volume, date_from="1950", date_to="1969"))),
            "list shown": timed("documents list shown (volumes + first page)", 200,
                                lambda: (volume_counts(db), page_documents(db, limit=100))),
            "list page deep": timed("documents list, a page at the end", 200,
                                    lambda: page_documents(db, offset=max(0, documents - 100), limit=100)),
            "volume expanded": timed("one volume expanded (its first 100)", 50,
                                     lambda: page_documents(db, volume=first_volume, limit=100)),
            "filter as you type": timed('filter titles "telegram fro" (counts per volume)', 50,
                                        lambda: (volume_counts(db, filter_text="telegram fro"),
                                                 page_documents(db, filter_text="telegram fro", limit=100))),
            "filter rare": timed("filter titles, a surname (count + page)", 50,
                                 lambda: (count_documents(db, filter_text=surname),
                                          page_documents(db, filter_text=surname, limit=100))),
            "theme query": timed("theme query: passages of Theme 1 (and sub-tags)", 1000,
                                 lambda: run(db, Query("Theme 1")), runs=3),
            "theme and": timed("theme query: Theme 1 overlapping Theme 2", 1000,
                               lambda: run(db, Query("Theme 1", Relation.OVERLAPS, "Theme 2")), runs=3),
            "co-occurrence": timed(f"co-occurrence of {tags} tags", 1000, lambda: cooccurrence(db), runs=3),
        }  # fmt: skip


def measure_window(path: Path) -> None:
    """The documents list and search as the window shows them (Qt offscreen; no backup taken)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from workbench.ui.look.theme import LIGHT
    from workbench.ui.window.main_window import MainWindow
    from workbench.ui.window.project_files import ProjectFiles

    ProjectFiles.take_backup = lambda *args, **kwargs: None  # type: ignore[method-assign]  # a copy of the file
    app = QApplication.instance() or QApplication([])
    began = time.perf_counter()
    window = MainWindow(Project.open(path), LIGHT)
    window.show()
    app.processEvents()
    print(f"{'window shown':<52} {(time.perf_counter() - began) * 1000:9.1f} ms", flush=True)
    panel, search = window.documents, window.search
    timed("documents list read again (first page)", 200, window.reload_documents)
    keys = ("t", "te", "tel", "tele", "teleg", "telegram from")
    typed: dict[str, list[float]] = {text: [] for text in keys}
    for _ in range(5):  # typed key by key, from an empty field
        panel.filter.setText("")
        for text in keys:
            began = time.perf_counter()
            panel.filter.setText(text)
            app.processEvents()
            typed[text].append((time.perf_counter() - began) * 1000)
    for text, times in typed.items():
        median = statistics.median(times)
        print(f"{f'filter typed: {text!r}':<52} {median:9.1f} ms   (target < 50 ms) {'ok' if median <= 50 else 'SLOW'}")
    panel.filter.setText("")
    window.show_side(search)
    loop = QEventLoop()
    search.show_hits = _then(search.show_hits, loop.quit)  # type: ignore[method-assign]
    for query in (RARE_NAME, "the", "treaty"):

        def first_page(query: str = query) -> None:
            search.field.setText(query)
            search.searched.emit(query)
            QTimer.singleShot(20_000, loop.quit)
            loop.exec()

        timed(f"search {query!r}: first page shown", 50, first_page)
    window.close()


def _then(first: Callable, second: Callable[[], object]) -> Callable:
    def both(*args: object, **kwargs: object) -> None:
        first(*args, **kwargs)
        second()

    return both


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", type=int, nargs="?", default=10_000)
    parser.add_argument("--project", type=Path, help="reuse (or build here) this project file")
    parser.add_argument("--highlights", type=int, default=200_000)
    parser.add_argument("--tags", type=int, default=200)
    parser.add_argument("--window", action="store_true", help="also the window's list and search (Qt offscreen)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        path = args.project or Path(scratch) / f"scale-{args.documents}.wbproj"
        if not path.exists():
            began = time.perf_counter()
            build(path, args.documents, highlights=args.highlights, tags=args.tags)
            print(f"built {path} in {time.perf_counter() - began:.0f} s", flush=True)
        measure(path)
        if args.window:
            measure_window(path)


if __name__ == "__main__":
    main(sys.argv[1:])
