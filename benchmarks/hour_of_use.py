"""An hour of use, compressed: what a historian does in the window, driven through its keys.

One round is 22 actions: open four documents (the next in the list, a search hit, one found by
filtering the list, any one), tag three passages with the keys 1–3 and untag one with its key
again, write a note (Ctrl+M, typed, Ctrl+Enter), undo twice and redo twice, search as you type
and page through the hits, filter the documents list, switch the highlights to the whole project
and back, open the export preview and close it, open the themes window and close it. Keys go to
``QApplication.focusWidget()``, as the user's do. A historian does about 300 such actions in an
hour (one every 12 s), so 60 rounds (1,320 actions) stand for about four hours.

RSS is sampled every round: the figures are the RSS at the end and its slope per 100 actions over
the second half (a leak shows as growth once the caches are full), each kind of action's time
until idle, and the live Qt and Python objects of note before and after; with ``trace``,
tracemalloc's largest growths from the first quarter to the end. (``scale_window.py`` runs it.)
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

ROUND = 22  # actions in one round of ``use_round``
ACTIONS_AN_HOUR = 300
QUERIES = ("treaty", "Kissinger", "the", "negotiat*", '"military aid"', "Hanoi", "embassy")
FILTERS = ("tele", "memorandum", "Saigon", "12")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def random_documents(window, count: int, rng: random.Random) -> list[str]:
    rows = window.project.db.execute("SELECT id FROM documents ORDER BY rowid").fetchall()
    return [rows[i][0] for i in rng.sample(range(len(rows)), min(count, len(rows)))]


class Session:
    """What a historian does, through the keys and fields of the real window."""

    def __init__(self, window, rng: random.Random) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        self.window, self.rng, self.Qt, self.QTest, self.app = window, rng, Qt, QTest, QApplication
        self.doc_ids = random_documents(window, 2000, rng)
        self.times: dict[str, list[float]] = {}

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
        """Ctrl+F, the query typed, the hits scrolled to their end ``pages`` times."""
        window = self.window
        self.key(self.Qt.Key.Key_F, self.Qt.KeyboardModifier.ControlModifier)
        self.type(query)
        self.key(self.Qt.Key.Key_Return)
        bar = window.search.results.verticalScrollBar()
        for _ in range(pages):
            bar.setValue(bar.maximum())
            self.settle()

    def open_hit(self) -> None:
        """One of the hits shown, clicked (its document opened, the words selected)."""
        text_hits = self.window.search.text_hits()
        if text_hits:
            self.window.search.hitActivated.emit(self.rng.choice(text_hits))

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
        """Twenty-two actions (see the module's docstring), each kind timed (ms, until idle)."""
        window, rng, Qt = self.window, self.rng, self.Qt
        undo, redo = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
        steps: list[tuple[str, Callable[[], object]]] = [
            ("next document (Ctrl+PgDown)", lambda: self.key(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)),
            *((f"tag key {k}", lambda k=k: self.tag(k)) for k in (1, 2, 3)),
            ("untag key 3", lambda: self.untag(3)),
            ("note (Ctrl+M, typed)", lambda: self.note(f"Compare with round {n}: {rng.choice(QUERIES)}.")),
            *(("undo / redo", lambda m=m: self.key(Qt.Key.Key_Z, m)) for m in (undo, undo, undo | redo, undo | redo)),
            ("search typed, 3 pages", lambda: self.search(QUERIES[n % len(QUERIES)], pages=3)),
            ("search hit opened", self.open_hit),
            ("filter the list, open one", lambda: self.filter_list(FILTERS[n % len(FILTERS)])),
            ("open any document", lambda: window.open_document(self.doc_ids[n % len(self.doc_ids)])),
            ("highlights: whole project", lambda: window.highlights.scope.setCurrentIndex(1)),
            ("highlights: this document", lambda: window.highlights.scope.setCurrentIndex(0)),
            ("export preview (Ctrl+E)", self.export_preview),
            ("themes window (Ctrl+Shift+T)", self.themes),
        ]
        for kind, step in steps:
            self.focus_text()
            start = time.perf_counter()
            step()
            self.settle()
            self.times.setdefault(kind, []).append((time.perf_counter() - start) * 1000)


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
        if n % 10 == 0:  # a long session shows how it goes (on stderr: --json's output stays one line)
            print(f"    … {n * ROUND} actions, {samples[-1][1]:.0f} MB, {time.perf_counter() - start:.0f} s",
                  file=sys.stderr, flush=True)  # fmt: skip
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
        "hour steps": {kind: (statistics.median(ms), max(ms)) for kind, ms in session.times.items()},
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
