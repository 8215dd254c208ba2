"""Importing a whole volume: progress, cancelling (nothing written), duplicates, one undo step."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from workbench.ops import history as hist
from workbench.ops.documents import Cancelled, duplicates, import_files, read_files, store
from workbench.storage import Project, list_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate_volume import CORPUS, compose

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")


@pytest.fixture(scope="module")
def volume(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("volume") / "volume.xml"
    path.write_bytes(compose(30))
    return path


def test_a_volume_reads_with_progress_and_stores_as_one_step(project: Project, volume: Path) -> None:
    seen: list[tuple[int, str]] = []
    report = read_files([volume], progress=lambda n, title: seen.append((n, title)))
    assert [n for n, _ in seen] == list(range(1, 31)) and seen[0][1].startswith("1. ")
    assert list_documents(project.db) == []  # reading writes nothing
    store(project, report)
    rows = list_documents(project.db)
    assert len(rows) == 30 and rows[0].number == "1"
    assert hist.history(project).undo_label == "Import 30 Documents"
    pages = [row.pages for row in rows[:3]]
    assert pages[0].startswith("1–") and pages[1].split("–")[0] == pages[0].split("–")[1]  # a running page


def test_cancelling_stops_between_documents_and_writes_nothing(project: Project, volume: Path) -> None:
    counted = []
    with pytest.raises(Cancelled):
        read_files([volume], progress=lambda n, _: counted.append(n), cancelled=lambda: len(counted) >= 5)
    assert counted == [1, 2, 3, 4, 5]
    assert list_documents(project.db) == []


def test_documents_already_in_the_project_are_found(project: Project, volume: Path) -> None:
    import_files(project, [volume])
    again = read_files([volume])
    found = duplicates(project.db, again.documents)
    assert len(found) == 30
    store(project, again, skip=found)  # skip them all: nothing new
    assert len(list_documents(project.db)) == 30


def test_the_window_reads_in_the_background(open_window, sample_project: Project, volume: Path) -> None:
    window = open_window(sample_project)
    report = window.transfers.import_files([str(volume)])
    assert report is not None and report.document_count == 30
    panel = window.documents  # the sample's volume and this one: the list by volume
    assert panel.by_volume and sum(group.count for group in panel.groups.groups) == 31
