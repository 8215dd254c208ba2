"""A colleague's PDF source comes with its page images when their project is merged, and unsound
page images are left out with the document still merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.ops.documents import import_files
from workbench.ops.history import undo
from workbench.ops.merge import merge_project, preview_merge
from workbench.storage import Project, list_documents, load_document
from workbench.storage.documents import load_facsimile

pytest.importorskip("fpdf")
from tests.test_pdf_import import BODY, NOTES, write_pdf


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "volume.pdf", BODY, notes=NOTES)


@pytest.fixture
def colleague(tmp_path: Path, pdf: Path) -> Path:
    path = tmp_path / "bo.wbproj"
    with Project.open(path, create=True) as theirs:
        import_files(theirs, [pdf])
    return path


def _their_facsimile(path: Path):
    with Project.open(path) as theirs:
        (summary,) = list_documents(theirs.db)
        return summary.id, load_facsimile(theirs.db, summary.id)


def test_a_merged_pdf_source_brings_its_page_images(project: Project, colleague: Path) -> None:
    doc_id, theirs = _their_facsimile(colleague)
    assert theirs is not None and theirs.boxes
    plan = preview_merge(project, colleague)
    assert plan.refused == [] and project.db.execute("SELECT count(*) FROM facsimiles").fetchone()[0] == 0
    merge_project(project, colleague)
    ours = load_facsimile(project.db, doc_id)
    assert ours is not None
    assert (ours.data, ours.labels, ours.boxes) == (theirs.data, theirs.labels, theirs.boxes)
    quote = "delegation would not move"
    start = load_document(project.db, doc_id).text.index(quote)
    assert ours.page_of(start) == theirs.page_of(start) and ours.labels[ours.page_of(start)] == "445"
    undo(project)  # one step: the document and its page images go together
    assert project.db.execute("SELECT count(*) FROM facsimiles").fetchone()[0] == 0
    assert project.db.execute("SELECT count(*) FROM text_boxes").fetchone()[0] == 0


def test_the_same_text_without_page_images_here_gets_theirs(project: Project, colleague: Path) -> None:
    doc_id, theirs = _their_facsimile(colleague)
    with Project.open(colleague) as source, project.transaction() as db:  # the text alone, as a copy would have it
        row = source.db.execute("SELECT * FROM documents WHERE id = ?", [doc_id]).fetchone()
        columns = [c[1] for c in source.db.execute("PRAGMA table_info(documents)")]
        db.execute(f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", row)
    assert load_facsimile(project.db, doc_id) is None
    plan = preview_merge(project, colleague)
    assert plan.added == ["page images of document “" + list_documents(project.db)[0].title + "”"]
    merge_project(project, colleague)
    assert load_facsimile(project.db, doc_id).boxes == theirs.boxes
    assert preview_merge(project, colleague).added == []  # merging again brings nothing


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("UPDATE facsimiles SET data = x'00010203'", "not a PDF"),
        ("UPDATE facsimiles SET labels = 'not json'", "not JSON"),
        ("UPDATE text_boxes SET page = 999 WHERE seq = 0", "stands on no page"),
        ('UPDATE text_boxes SET "end" = 10000000 WHERE seq = 0', "box"),
    ],
)
def test_unsound_page_images_are_left_out_and_the_document_merged(
    project: Project, colleague: Path, damage: str, reason: str
) -> None:
    with Project.open(colleague) as theirs, theirs.transaction() as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute(damage)
    merged = merge_project(project, colleague).value
    (summary,) = list_documents(project.db)  # the document came, its page images did not
    assert load_facsimile(project.db, summary.id) is None
    assert any(reason in line and "without its page images" in line for line in merged.refused), merged.refused
    again = preview_merge(project, colleague)  # and asking again says the same, adding nothing
    assert again.added == [] and any(reason in line for line in again.refused)
