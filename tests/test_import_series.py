"""Importing a folder of volumes: one volume per transaction, resumable, bad files named, the project sound."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.ops import history as hist
from workbench.ops.series import SeriesProgress, import_series, volume_files
from workbench.storage import Project, list_documents
from workbench.storage.check import check

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate_volume import CORPUS, compose_volume, volume_id

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")

PER_VOLUME = 12


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    """Four generated volumes of 12 documents each."""
    folder = tmp_path_factory.mktemp("series")
    for number in range(1, 5):
        (folder / f"{volume_id(number)}.xml").write_bytes(compose_volume(number, PER_VOLUME))
    return folder


def copy_of(series: Path, tmp_path: Path, *numbers: int) -> Path:
    folder = tmp_path / "volumes"
    folder.mkdir()
    for number in numbers:
        name = f"{volume_id(number)}.xml"
        (folder / name).write_bytes((series / name).read_bytes())
    return folder


def volumes_in(project: Project) -> dict[str, int]:
    rows = project.db.execute("SELECT source_name, count(*) FROM documents GROUP BY source_name").fetchall()
    return dict(rows)


def assert_sound(project: Project) -> None:
    assert check(project.db) == []


def test_a_folder_is_imported_volume_by_volume_and_undone_as_one_step(project: Project, series: Path) -> None:
    report = import_series(project, [series])
    assert [v.stored for v in report.volumes] == [PER_VOLUME] * 4 and not report.failed
    assert volumes_in(project) == {f"{volume_id(n)}.xml": PER_VOLUME for n in range(1, 5)}
    assert project.db.execute("SELECT count(DISTINCT volume) FROM glossary").fetchone()[0] == 4
    history = hist.history(project)
    assert history.undo_label == "Import 4 Volumes" and len(history.undo_steps) == 1
    history.undo()
    assert list_documents(project.db) == []
    history.redo()
    assert len(list_documents(project.db)) == 4 * PER_VOLUME
    assert_sound(project)


def test_progress_names_the_volume_and_the_document(project: Project, series: Path) -> None:
    seen: list[SeriesProgress] = []
    import_series(project, [series], progress=seen.append)
    assert {(p.volume, p.volumes) for p in seen} == {(n, 4) for n in range(1, 5)}
    assert [p.document for p in seen if p.volume == 1] == [*range(PER_VOLUME + 1), PER_VOLUME]  # then: done
    later = [p for p in seen if p.volume > 1 and p.document]
    # estimated from the sizes of the volumes read before, never fewer than read so far
    assert later and all(p.documents >= p.document for p in later)
    assert seen[-1].fraction == 1.0


def test_a_rerun_passes_over_the_volumes_done_and_adds_nothing(project: Project, series: Path) -> None:
    import_series(project, [series])
    again = import_series(project, [series])
    assert all(v.skipped for v in again.volumes) and again.stored == 0
    assert len(list_documents(project.db)) == 4 * PER_VOLUME


def test_cancelling_inside_a_volume_keeps_those_before_and_a_rerun_continues(project: Project, series: Path) -> None:
    def cancel_in_volume_3(progress: SeriesProgress) -> None:
        stop[0] = progress.volume == 3 and progress.document == 5

    stop = [False]
    report = import_series(project, [series], progress=cancel_in_volume_3, cancelled=lambda: stop[0])
    assert report.cancelled and [v.stored for v in report.volumes] == [PER_VOLUME, PER_VOLUME]
    assert [p.name for p in report.not_reached] == [f"{volume_id(3)}.xml", f"{volume_id(4)}.xml"]
    assert len(list_documents(project.db)) == 2 * PER_VOLUME  # nothing of volume 3
    assert_sound(project)
    rest = import_series(project, [series])
    assert [(v.skipped, v.stored) for v in rest.volumes] == [(True, 0), (True, 0), (False, 12), (False, 12)]
    assert len(list_documents(project.db)) == 4 * PER_VOLUME


def test_files_that_are_not_volumes_are_named_with_the_reason(project: Project, series: Path, tmp_path: Path) -> None:
    folder = copy_of(series, tmp_path, 1, 3, 4)
    whole = (series / f"{volume_id(2)}.xml").read_bytes()
    (folder / f"{volume_id(2)}.xml").write_bytes(whole[: len(whole) // 2])  # truncated, in the middle of the batch
    (folder / "cover.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    (folder / "notes.xml").write_text("<notes><note>not TEI</note></notes>", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")  # hidden: not even tried
    report = import_series(project, [folder])
    problems = {v.path.name: v.problem for v in report.failed}
    assert set(problems) == {f"{volume_id(2)}.xml", "cover.jpg", "notes.xml"}
    assert problems[f"{volume_id(2)}.xml"].startswith("the XML is malformed")
    assert "not FRUS TEI" in problems["notes.xml"]
    assert set(volumes_in(project)) == {f"{volume_id(n)}.xml" for n in (1, 3, 4)}
    assert_sound(project)


def test_a_disk_that_fills_keeps_the_volumes_written_and_names_the_rest(
    project: Project, series: Path, tmp_path: Path
) -> None:
    folder = copy_of(series, tmp_path, 1, 2, 3)
    import_series(project, [folder / f"{volume_id(1)}.xml"])
    pages = project.db.execute("PRAGMA page_count").fetchone()[0]
    project.db.execute(f"PRAGMA max_page_count = {pages + 20}")  # the disk has room for a bit more, not a volume
    report = import_series(project, [folder])
    assert report.volumes[0].skipped
    assert "disk is full" in report.volumes[1].problem and "disk is full" in report.stopped
    assert [p.name for p in report.not_reached] == [f"{volume_id(3)}.xml"]
    assert set(volumes_in(project)) == {f"{volume_id(1)}.xml"}  # volume 2 rolled back whole
    project.db.execute("PRAGMA max_page_count = 1073741823")
    assert_sound(project)
    rest = import_series(project, [folder])  # room again: the same import continues
    assert [v.stored for v in rest.volumes] == [0, PER_VOLUME, PER_VOLUME]
    assert_sound(project)


def test_folders_give_their_files_in_number_order(tmp_path: Path) -> None:
    for name in ("v10.xml", "v2.xml", "v1.xml", ".hidden.xml", "p.wbproj", "p.wbproj-wal", "p.wbproj-walid"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    assert [p.name for p in volume_files([tmp_path])] == ["v1.xml", "v2.xml", "v10.xml"]


def test_the_command_line_imports_a_folder_and_says_what_it_could_not(capsys, series: Path, tmp_path: Path) -> None:
    folder = copy_of(series, tmp_path, 1, 2)
    (folder / "broken.xml").write_bytes(b"<?xml version='1.0'?><TEI xmlns='http://www.tei-c.org/ns/1.0'><text>")
    project = str(tmp_path / "cli.wbproj")
    assert main(["import", str(folder), "--project", project]) == 1
    out, err = capsys.readouterr()
    assert f"{volume_id(1)}.xml: {PER_VOLUME} documents imported" in out
    assert "workbench: cannot import broken.xml: the XML is malformed" in err
    main(["import", str(folder), "--project", project])
    out, _ = capsys.readouterr()
    assert f"{volume_id(2)}.xml: already in the project, skipped" in out
    main(["list", "--json", "--project", project])
    assert len(json.loads(capsys.readouterr().out)) == 2 * PER_VOLUME
    assert main(["check", "--project", project]) == 0


def test_an_import_killed_at_any_moment_keeps_whole_volumes_and_continues(series: Path, tmp_path: Path) -> None:
    project = tmp_path / "p.wbproj"
    Project.open(project, create=True).close()
    command = [sys.executable, "-m", "workbench", "--project", str(project), "import", str(series)]
    for delay in (0.8, 1.6, 2.4):
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        if run.poll() is None:
            os.kill(run.pid, signal.SIGKILL)
        run.communicate(timeout=60)
        with sqlite3.connect(project) as conn:
            count = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert count % PER_VOLUME == 0  # whole volumes only
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with Project.open(project) as opened:
        assert len(list_documents(opened.db)) == 4 * PER_VOLUME
        assert_sound(opened)
