"""Drive QualCoder's own code, headless, for ``qualcoder_side_by_side.py``. Runs in QualCoder's venv (PyQt6),
never in ours: ``python qualcoder_runner.py SOURCE_DIR TEXT WORK_DIR --spans N --codes N``; prints one JSON line.

QualCoder's code is used as it stands. Only Qt's file pickers (which would wait for a human) are answered,
the update check (a request to GitHub, unreachable here) fails at once, any modal message box that opens
is closed and reported, and ``sentence_transformers`` (the AI embeddings, which pull in PyTorch; not used by
importing or coding) is a stub module so the venv needs no PyTorch.

Measured, each as the user meets it:
- import: Manage files → Import files, one 1 MB .txt into a new project (copy, decode, store, refresh the
  table), and QualCoder's text import function ``load_file_text`` alone (decode + store);
- open: the 1 MB text with ``spans`` codings chosen in the coding dialog's file list (from a small text),
  until every panel is painted and the application idle;
- add: text selected, the quick-mark key Q pressed in the text, until every panel is painted; and the same
  by clicking a code in the tree with text selected (their other way to code, which redraws all codings);
- memory: resident set with the text open, and the peak of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import types
import urllib.request
from pathlib import Path

_IDLE_TURNS = 3  # as benchmarks/responsiveness.py: this many quiet turns of the event loop in a row is idle
_PATIENCE = 600.0  # seconds; QualCoder's open with 10,000 codings takes tens of seconds


def rss_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith(field + ":"))
    return kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path, help="QualCoder's source tree (holds src/qualcoder)")
    parser.add_argument("text", type=Path, help="the 1 MB text to import and code")
    parser.add_argument("work", type=Path, help="an empty folder: HOME, projects")
    parser.add_argument("--spans", type=int, default=10_000)
    parser.add_argument("--codes", type=int, default=50)
    parser.add_argument("--imports", type=int, default=5)
    parser.add_argument("--opens", type=int, default=3)
    parser.add_argument("--adds", type=int, default=20)
    parser.add_argument("--clicks", type=int, default=3)
    args = parser.parse_args()

    # QualCoder keeps its settings and log in ~/.qualcoder, read at import: a home of our own.
    home = args.work / "home"
    (home / ".qualcoder").mkdir(parents=True, exist_ok=True)
    os.environ["HOME"] = str(home)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(args.source / "src"))
    stub = types.ModuleType("sentence_transformers")
    stub.SentenceTransformer = object  # type: ignore[attr-defined]
    sys.modules["sentence_transformers"] = stub

    def offline(*_a, **_k):
        raise OSError("offline (benchmark)")

    urllib.request.urlopen = offline  # type: ignore[assignment]

    import gettext

    gettext.NullTranslations().install()  # QualCoder's gui() installs a translation: _() everywhere

    from PyQt6 import QtCore, QtWidgets
    from PyQt6.QtCore import QEvent, QObject, Qt
    from PyQt6.QtTest import QTest

    QtWidgets.QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontCreateNativeWidgetSiblings)
    qapp = QtWidgets.QApplication(["qualcoder"])
    import qtawesome as qta
    from qualcoder.__main__ import MainWindow
    from qualcoder.app import App
    from qualcoder.code_text import DialogCodeText
    from qualcoder.color_selector import colors
    from qualcoder.manage_files import DialogManageFiles

    sys.excepthook = sys.__excepthook__  # QualCoder's hook logs and shows a box; a benchmark stops and says why

    dismissed: list[str] = []

    def dismiss_modal() -> None:
        """A modal box (a warning, a question) would wait for a human: close it, and say so."""
        widget = QtWidgets.QApplication.activeModalWidget()
        if isinstance(widget, QtWidgets.QProgressDialog):  # the import's progress: it closes itself
            return
        if widget is not None and isinstance(widget, QtWidgets.QMessageBox | QtWidgets.QDialog):
            dismissed.append(f"{widget.windowTitle()}: {getattr(widget, 'text', lambda: '')()}"[:200])
            widget.reject()

    dismisser = QtCore.QTimer()
    dismisser.timeout.connect(dismiss_modal)
    dismisser.start(50)

    class PaintWatch(QObject):
        """benchmarks/responsiveness.py's PaintWatch in PyQt6: spin the event loop until every watched
        widget painted and then nothing more for a few turns; ms from ``start`` to the last paint."""

        def __init__(self, widgets) -> None:
            super().__init__()
            self.widgets = {id(w): w for w in widgets}
            self.painted: set[int] = set()
            self.events = 0
            qapp.installEventFilter(self)

        def eventFilter(self, watched, event) -> bool:
            kind = event.type()
            if kind == QEvent.Type.Paint:
                self.events += 1
                if id(watched) in self.widgets:
                    self.painted.add(id(watched))
            elif kind in (QEvent.Type.UpdateRequest, QEvent.Type.LayoutRequest, QEvent.Type.MetaCall):
                self.events += 1
            return False

        def until_all_repainted(self, start: float, required=None, patience: float = _PATIENCE) -> float:
            """``required``: the widgets that must paint (all by default; a panel with nothing to change
            is not repainted by Qt, and is then only waited for as part of the idle turns)."""
            need = {id(w) for w in required} if required is not None else set(self.widgets)
            self.painted.clear()
            last, quiet = time.perf_counter(), 0
            while quiet < _IDLE_TURNS or not need <= self.painted:
                seen = self.events
                turn()
                now = time.perf_counter()
                if self.events != seen:
                    last, quiet = now, 0
                else:
                    quiet += 1
                if now - start > patience:
                    missing = [type(w).__name__ for k, w in self.widgets.items() if k in need - self.painted]
                    raise RuntimeError(f"not repainted within {patience} s: {missing} (quiet {quiet})")
            return (last - start) * 1000

    def turn() -> None:
        QtWidgets.QApplication.processEvents()
        QtWidgets.QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    started = time.perf_counter()
    qual_app = App()
    qual_app.settings["ai_first_startup"] = "False"  # else a welcome question about AI set-up
    qual_app.settings["ai_enable"] = "False"
    qual_app.settings["directory"] = str(args.work)
    qapp.setStyleSheet(qual_app.merge_settings_with_default_stylesheet(qual_app.settings))
    qta.set_defaults(color=qual_app.qtawesome_icon_color, color_disabled=qual_app.qtawesome_icon_color_disabled)
    window = MainWindow(qual_app)
    window.resize(1400, 900)
    turn()
    result: dict[str, object] = {"startup": (time.perf_counter() - started) * 1000, "qt": QtCore.qVersion()}

    def new_project(name: str) -> None:
        QtWidgets.QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(args.work / name), ""))
        window.new_project()
        turn()

    # 1. Import: Manage files → Import files, the picker answered with the 1 MB text.
    QtWidgets.QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: ([str(args.text)], ""))
    imports, loads = [], []
    for i in range(args.imports + 1):  # the first a warm-up
        new_project(f"import-{i}")
        window.manage_files()
        turn()
        manage = window.findChildren(DialogManageFiles)[-1]
        start = time.perf_counter()
        manage.import_files()
        imports.append((time.perf_counter() - start) * 1000)
        turn()
        new_project(f"load-{i}")
        window.manage_files()
        turn()
        manage = window.findChildren(DialogManageFiles)[-1]
        start = time.perf_counter()
        manage.load_file_text(str(args.text), notify=False)
        loads.append((time.perf_counter() - start) * 1000)
        turn()
    result["import"], result["load_file_text"] = imports[1:], loads[1:]

    # 2. A project holding the text, a small text to come from, and the codings (set-up, not measured),
    # placed as benchmarks/run.py's annotated_project places Workbench's highlights.
    new_project("annotated")
    small = args.work / "other.txt"
    small.write_text("A short letter.\n\nTo come from, as the Workbench benchmark comes from the sample.\n")
    QtWidgets.QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: ([str(args.text), str(small)], ""))
    window.manage_files()
    turn()
    window.findChildren(DialogManageFiles)[-1].import_files()
    turn()
    conn = window.app.conn  # each new project has an App of its own
    coder = window.app.settings["codername"]
    fid, fulltext = conn.execute("select id, fulltext from source where name=?", [args.text.name]).fetchone()
    now = "2026-01-01 00:00:00"
    cids = []
    for i in range(args.codes):
        cur = conn.execute(
            "insert into code_name (name, memo, owner, date, catid, color) values (?, '', ?, ?, null, ?)",
            [f"Theme {i}", coder, now, colors[i % len(colors)]],
        )
        cids.append(cur.lastrowid)
    rng = random.Random(1972)
    rows = []
    for i in range(args.spans):
        start = rng.randrange(0, len(fulltext) - 400)
        end = start + rng.randint(20, 400)
        memo = f"Note {i} with *emphasis*." if i % 3 == 0 else ""
        rows.append((rng.choice(cids), fid, fulltext[start:end], start, end, coder, now, memo))
    conn.executemany(  # the unique (cid, fid, pos0, pos1, owner) drops a repeat, as QualCoder would
        "insert or ignore into code_text (cid, fid, seltext, pos0, pos1, owner, date, memo, important)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, null)",
        rows,
    )
    conn.commit()
    result["codings"] = conn.execute("select count(*) from code_text").fetchone()[0]
    result["chars"] = len(fulltext)

    # 3. Open: the coding dialog (Coding → Code text), the text chosen in its file list.
    window.text_coding()
    turn()
    dialog = window.findChildren(DialogCodeText)[-1]
    names = [dialog.ui.listWidget.item(r).text() for r in range(dialog.ui.listWidget.count())]
    row_big, row_small = names.index(args.text.name), names.index(small.name)
    panels = [dialog.ui.plainTextEdit.viewport(), dialog.ui.treeWidget.viewport()]
    if getattr(dialog, "coding_margin", None) is not None:
        panels.append(dialog.coding_margin)
    watch = PaintWatch(panels)
    opens = []
    for _ in range(args.opens):
        dialog.ui.listWidget.setCurrentRow(row_small)
        watch.until_all_repainted(time.perf_counter())
        start = time.perf_counter()
        dialog.ui.listWidget.setCurrentRow(row_big)  # what a click in the list does: file_selection_changed
        opens.append(watch.until_all_repainted(start))
    result["open"] = opens
    result["rss_open"] = rss_mb()
    assert dialog.file_["id"] == fid and len(dialog.code_text) == result["codings"], "the text is not open"

    # 4. Add: select text, choose a code (no text selected, so it codes nothing), press Q in the text.
    tree = dialog.ui.treeWidget
    code_items = {
        int(item.text(1).split(":")[1]): item
        for item in tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive, 0)
        if item.text(1).startswith("cid:")
    }

    def select(a: int, b: int) -> None:
        cursor = dialog.ui.plainTextEdit.textCursor()
        cursor.setPosition(a)
        cursor.setPosition(b, cursor.MoveMode.KeepAnchor)
        dialog.ui.plainTextEdit.setTextCursor(cursor)

    adds, painted_on_add = [], set()
    select(0, 0)
    tree.setCurrentItem(code_items[cids[0]])
    dialog.fill_code_label_with_selected_code()  # what a press on the code does (itemPressed)
    watch.until_all_repainted(time.perf_counter())
    before = len(dialog.code_text)
    window.activateWindow()  # the key goes to the focused text only in the active window, as on a desktop
    turn()
    for i in range(args.adds):
        a = 7000 + i * 900  # the places benchmarks/run.py's key presses use
        select(a, a + 80)
        dialog.ui.plainTextEdit.setFocus()
        turn()
        focused = QtWidgets.QApplication.focusWidget() or dialog.ui.plainTextEdit
        start = time.perf_counter()
        QTest.keyClick(focused, Qt.Key.Key_Q)
        if i == 0:
            assert dialog.ui.plainTextEdit.hasFocus(), f"the text has no focus: {focused}"
        adds.append(watch.until_all_repainted(start, [dialog.ui.plainTextEdit.viewport()], 60))
        painted_on_add.update(type(w).__name__ for k, w in watch.widgets.items() if k in watch.painted)
    result["add_key"] = adds
    result["painted_on_add"] = sorted(painted_on_add)
    result["added_key"] = len(dialog.code_text) - before

    clicks = []
    for i in range(args.clicks):
        a = 40_000 + i * 900
        select(a, a + 80)
        item = code_items[cids[(i + 1) % len(cids)]]
        tree.scrollToItem(item)
        turn()
        rect = tree.visualItemRect(item)
        start = time.perf_counter()
        QTest.mousePress(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
        QTest.mouseRelease(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
        clicks.append(watch.until_all_repainted(start, [dialog.ui.plainTextEdit.viewport()]))
    result["add_click"] = clicks
    result["added_total"] = len(dialog.code_text) - before
    result["rss_end"] = rss_mb()
    result["rss_peak"] = rss_mb("VmHWM")
    result["dismissed"] = dismissed
    window.app.conn.close()
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown of QualCoder's window (its closeEvent asks questions)


if __name__ == "__main__":
    main()
