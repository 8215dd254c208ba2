"""The shape of the code, as the developer guide states it: small modules, the GUI in rooms a
newcomer finds by name, and a core that never imports Qt (the command line and the tests run it
without a display)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"
UI = PACKAGE / "ui"
MAX_LINES = 400

#: Modules over the limit, each to be split; the split is tracked (issue 16). Listed by name so
#: that a new long module fails at once, and a module split since fails until it leaves the list.
OVER_THE_LIMIT = {
    "cli.py",  # split tracked: other work adds options to it right now; a workbench/cli/ package next
    "importers/pdf.py",  # split tracked
    "storage/schema.py",  # split tracked: the migrations, one module each
    "exchange/refi.py",  # split tracked: reading and writing REFI-QDA apart
}

#: The GUI's rooms: each a package of ui/.
ROOMS = {"window", "panels", "dialogs", "reading", "look"}
#: What stands directly in ui/: the application's start and the session every room shares.
UI_TOP = {
    "__init__.py",
    "app.py",  # start-up: the QApplication, the theme, the first window
    "safety_net.py",  # start-up: an unexpected exception becomes a dialog and a log entry
    "running.py",  # the running QApplication, typed
    "session.py",  # the open project, its history, caches and who is told what
    "operations.py",  # the session's runner: one operation, one message on failure, one broadcast
    "preferences.py",  # what the user set, read by the window, its dialogs and panels alike
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_every_module_is_under_the_line_limit() -> None:
    lengths = {_name(path): len(path.read_text(encoding="utf-8").splitlines()) for path in _modules()}
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES and name not in OVER_THE_LIMIT}
    assert not too_long, f"modules over {MAX_LINES} lines (split them along their seams): {too_long}"
    split_since = sorted(name for name in OVER_THE_LIMIT if lengths.get(name, 0) <= MAX_LINES)
    assert not split_since, f"no longer over the limit (remove from OVER_THE_LIMIT): {split_since}"


def test_the_ui_folder_holds_rooms() -> None:
    top = {path.name for path in UI.glob("*.py")}
    assert top <= UI_TOP, f"modules directly in workbench/ui/ (put them in a room): {sorted(top - UI_TOP)}"
    packages = {path.parent.name for path in UI.glob("*/__init__.py")}
    folders = {path.name for path in UI.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders == packages == ROOMS, f"ui/ rooms: {sorted(folders)}, expected {sorted(ROOMS)}"
    for room in ROOMS:
        assert ast.get_docstring(ast.parse((UI / room / "__init__.py").read_text(encoding="utf-8"))), (
            f"ui/{room}/__init__.py says what the room holds"
        )


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_the_core_never_imports_qt() -> None:
    """Only ui/ imports Qt; and only the command line's "open a window" imports ui/ (lazily)."""
    offenders = {}
    for path in _modules():
        name = _name(path)
        if name.startswith("ui/"):
            continue
        qt = {m for m in _imports(path) if m.split(".")[0] in ("PySide6", "shiboken6")}
        allowed = {"workbench.ui.app"} if name == "cli.py" else set()  # `workbench` with no command: the window
        gui = {m for m in _imports(path) if m.startswith("workbench.ui")} - allowed
        if qt or gui:
            offenders[name] = sorted(qt | gui)
    assert not offenders, f"the core imports Qt or the GUI: {offenders}"


def test_the_panels_ask_the_session_not_the_storage() -> None:
    """The panels read the project through the session (its caches, one refresh policy): none calls
    the storage layer's readers (its record types are fine) or reaches into the project's database."""
    panels = sorted((UI / "panels").glob("*.py"))
    assert len(panels) > 5, "the panels are in ui/panels/"
    offenders = {}
    for path in panels:
        source = path.read_text(encoding="utf-8")
        readers = {
            alias.name
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("workbench.storage")
            for alias in node.names
            if alias.name[:1].islower()
        }
        if readers or ".db" in source:
            offenders[path.name] = sorted(readers) + ([".db"] if ".db" in source else [])
    assert not offenders, f"panels reading the project themselves: {offenders}"
