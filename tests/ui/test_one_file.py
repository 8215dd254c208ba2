"""The project is one file a few seconds after an edit: copying the ``.wbproj`` alone takes everything."""

from __future__ import annotations

import shutil
from pathlib import Path

from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents
from workbench.storage.annotations import load_spans


def test_a_copy_of_the_file_alone_holds_the_last_edit(open_window, sample_project: Project, qtbot, tmp_path) -> None:
    window = open_window(sample_project)
    doc_id = list_documents(sample_project.db)[0].id
    window.checkpoints.now()  # what opening wrote, as a user would find it
    runs: list[tuple[int, int]] = []
    window.checkpoints.done.connect(lambda logged, copied: runs.append((logged, copied)))
    window.operations.run("Tag", lambda: create_span(sample_project, doc_id, 100, 130, tag_paths=["Troops"]))
    # The pause after the edit (again a moment later if a reader on another connection held pages back).
    qtbot.waitUntil(lambda: bool(runs) and runs[-1][0] == runs[-1][1] > 0, timeout=20_000)
    copy = tmp_path / "copied" / "Copy.wbproj"
    copy.parent.mkdir()
    shutil.copyfile(sample_project.path, copy)  # the file alone: no -wal beside it
    assert not Path(f"{copy}-wal").exists()
    with Project.open(copy) as opened:
        assert [(s.start, s.end) for s in load_spans(opened.db, doc_id)] == [(100, 130)]


def test_losing_focus_copies_the_log_in_at_once(open_window, sample_project: Project, qtbot) -> None:
    from PySide6.QtCore import Qt

    window = open_window(sample_project)
    doc_id = list_documents(sample_project.db)[0].id
    window.operations.run("Tag", lambda: create_span(sample_project, doc_id, 100, 130, tag_paths=["Troops"]))
    assert window.checkpoints.timer.isActive()  # the pause after the edit, not yet come
    with qtbot.waitSignal(window.checkpoints.done, timeout=1000) as checkpoint:
        window.checkpoints._on_state(Qt.ApplicationState.ApplicationInactive)
    logged, copied = checkpoint.args
    assert logged > 0 and copied > 0  # at once (all of it, unless another reader held pages back)
    assert window.checkpoints.timer.isActive() == (copied < logged)


def test_no_checkpoint_while_a_worker_uses_the_connection(open_window, sample_project: Project, qtbot) -> None:
    window = open_window(sample_project)
    done = []
    window.checkpoints.done.connect(lambda *args: done.append(args))
    window.operations.busyChanged.emit(True)
    window.checkpoints.now()  # focus lost while importing: it waits
    assert done == [] and window.checkpoints.timer.isActive()
    window.operations.busyChanged.emit(False)
    with qtbot.waitSignal(window.checkpoints.done, timeout=10_000):
        pass
