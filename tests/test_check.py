"""``workbench check``: reports problems without changing anything; --repair rebuilds the search index."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

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


def big_project(tmp_path, count: int) -> Project:
    import sys
    from pathlib import Path

    from workbench.ops.documents import import_files

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from big_project import replicate

    from .conftest import CORPUS

    project = Project.open(tmp_path / "big.wbproj", create=True)
    import_files(project, sorted(CORPUS.glob("*/d*.xml")))
    replicate(project, count)
    return project


def test_defects_in_the_middle_of_many_documents_are_found_with_progress(tmp_path) -> None:
    from workbench.storage.check import check

    with big_project(tmp_path, 2500) as project:
        db = project.db
        db.execute("UPDATE documents SET text_sha256 = 'x' WHERE id = 'copy-001200'")
        db.execute("UPDATE spans SET start = start + 3 WHERE doc_id = 'copy-001300'")
        db.execute("UPDATE inlines SET \"end\" = 10000000 WHERE doc_id = 'copy-001400' AND seq = 0")
        span_id = db.execute("SELECT id FROM spans WHERE doc_id = 'copy-001300'").fetchone()[0]
        start, length = db.execute("SELECT i.start, length(d.text) FROM inlines i JOIN documents d ON d.id = i.doc_id "
                                   "WHERE i.doc_id = 'copy-001400' AND i.seq = 0").fetchone()  # fmt: skip
        seen = []
        problems = check(db, lambda stage, done, total: seen.append((stage, done, total)))
    assert sorted(p.message for p in problems) == [
        "document 1201: its text does not match its recorded hash",
        f"document 1401: a mark at {start}–10000000 lies outside its text (0–{length})",
        f"highlight {span_id}: its quote no longer stands at 13–30",
    ]
    documents = [(done, total) for stage, done, total in seen if stage == "documents"]
    assert documents[-1] == (2510, 2510) and len(documents) == 3  # every thousand, and at the end
    assert seen[0][0] == "database" and seen[-1] == ("index", 5, 5)


def test_checking_holds_one_text_at_a_time(tmp_path) -> None:
    """Forty documents of 2 MB each (80 MB of text): the check's peak memory stays far below it."""
    import subprocess
    import sys

    from workbench.model import Document, DocumentId, Metadata
    from workbench.storage import insert_document

    with Project.open(tmp_path / "large.wbproj", create=True) as project, project.transaction() as db:
        for n in range(40):
            insert_document(db, Document(DocumentId(f"large-{n}"), f"{n} " + "word " * 400_000, Metadata(title=f"{n}")))
    probe = ("import re, sys\nfrom workbench.storage import Project\nfrom workbench.storage.check import check\n"
             "with Project.open(sys.argv[1]) as project:\n    assert check(project.db) == []\n"
             "print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) // 1024)")  # fmt: skip
    run = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "large.wbproj")],
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) < 70, run.stdout  # MB: 35 holding one text at a time, 107 holding all of them


def test_an_index_of_titles_out_of_step_is_found_and_rebuilt(tmp_path: Path, capsys) -> None:
    """The documents list filters titles through ``document_list`` and its trigram index: broken by raw
    SQL (a row forgotten by the index, a title changed behind its back), check finds both, --repair
    rebuilds them, and the filter finds the documents again."""
    from workbench.ops.documents import import_files
    from workbench.storage.listing import count_documents

    path = tmp_path / "titles.wbproj"
    with Project.open(path, create=True) as project:
        import_files(project, [Path(__file__).parent / "data" / "frus-volume.xml"])
        rowid, title, number = project.db.execute(
            "SELECT rowid, title, number FROM documents ORDER BY rowid LIMIT 1"
        ).fetchone()
        word = title.split()[0]
        found = count_documents(project.db, filter_text=word)
    assert found >= 1

    def broken(sql: str, params: list) -> None:
        with closing(sqlite3.connect(path)) as raw, raw:
            raw.execute(sql, params)

    def filtered() -> int:
        with Project.open(path) as project:
            return count_documents(project.db, filter_text=word)

    broken("INSERT INTO document_titles (document_titles, rowid, title, number) VALUES ('delete', ?, ?, ?)",
           [rowid, title, number])  # fmt: skip
    assert filtered() == found - 1
    assert main(["check", "--project", str(path)]) == 1
    assert "the index of titles does not match" in capsys.readouterr().out
    broken("UPDATE document_list SET title = 'Not this one' WHERE id = ?", [rowid + 1])
    assert main(["check", "--project", str(path)]) == 1
    assert "the documents list differs from the documents for 1 document" in capsys.readouterr().out
    assert main(["check", "--repair", "--project", str(path)]) == 0
    assert "rebuilt the search indexes and the index of titles" in capsys.readouterr().out
    assert main(["check", "--project", str(path)]) == 0 and filtered() == found
