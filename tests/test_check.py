"""``workbench check``: reports problems without changing anything; --repair rebuilds the search index."""

from __future__ import annotations

import hashlib

from workbench.cli import main
from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents


def digest(project: Project) -> str:
    return hashlib.sha256(project.path.read_bytes()).hexdigest()


def test_a_sound_project_passes(sample_project: Project, capsys) -> None:
    assert main(["check", "--project", str(sample_project.path)]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_problems_are_reported_and_only_the_index_repaired(sample_project: Project, capsys) -> None:
    doc = list_documents(sample_project.db)[0]
    create_span(sample_project, doc.id, 0, 20, tag_paths=["Heading"], note="a note")
    db = sample_project.db
    # a damaged index: it forgets the highlight's note
    db.execute("INSERT INTO search_spans (search_spans, rowid, note) VALUES ('delete', 1, 'a note')")
    db.execute("UPDATE spans SET start = start + 5")  # a highlight that no longer fits its quote
    db.execute("UPDATE documents SET text_sha256 = 'x'")  # a text that does not match its hash
    path = str(sample_project.path)
    assert main(["check", "--project", path]) == 1
    out = capsys.readouterr().out
    assert (
        "index: the search index of spans does not match" in out
        and "span: highlight 1" in out
        and "text: document 124" in out
    )
    assert main(["check", "--repair", "--project", path]) == 1  # the rest needs a person
    out = capsys.readouterr().out
    assert "repaired: rebuilt the search indexes" in out and "index:" not in out.split("repaired:")[1]
    assert db.execute("SELECT rowid FROM search_spans WHERE search_spans MATCH 'note'").fetchall() == [(1,)]


def test_a_page_image_box_beyond_the_text_is_found(tmp_path) -> None:
    from tests.test_pdf_import import BODY, NOTES, write_pdf
    from workbench.ops.documents import import_files
    from workbench.storage import Project
    from workbench.storage.check import check

    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        import_files(project, [write_pdf(tmp_path / "v.pdf", BODY, notes=NOTES)])
        assert check(project.db) == []
        project.db.execute('UPDATE text_boxes SET "end" = 10000000 WHERE seq = 0')
        assert any("page-image box" in problem.message for problem in check(project.db))
