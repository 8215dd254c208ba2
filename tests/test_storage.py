"""The project file: round trip, schema version, and refusing what is not ours without touching it."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from workbench.model import Document
from workbench.ops.documents import import_files
from workbench.sample import SAMPLE
from workbench.storage import (
    NewerProject,
    NotAProject,
    Project,
    ProjectError,
    find_documents,
    list_documents,
    load_document,
)
from workbench.storage.schema import APPLICATION_ID, SCHEMA_VERSION

from .conftest import DATA


def open_fixture(tmp_path: Path, name: str) -> Project:
    """A copy of a project file from an earlier schema version, opened (and so upgraded)."""
    path = tmp_path / name
    path.write_bytes((Path(__file__).parent / "fixtures" / name).read_bytes())
    return Project.open(path)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_document_survives_the_round_trip(tmp_path: Path, sample: Document) -> None:
    path = tmp_path / "p.wbproj"
    with Project.open(path, create=True) as project:
        report = import_files(project, [SAMPLE])
        stored_id = report.imported[0].documents[0].id
    with Project.open(path) as project:
        loaded = load_document(project.db, stored_id)
        stored_hash = project.db.execute("SELECT text_sha256 FROM documents").fetchone()[0]
    assert loaded.text == sample.text
    assert loaded.blocks == sample.blocks
    assert loaded.pages == sample.pages
    assert loaded.notes == sample.notes
    assert loaded.metadata.place == "Paris"
    assert loaded.metadata.editors[0].family == "Carland"
    assert stored_hash == hashlib.sha256(sample.text.encode()).hexdigest() == loaded.text_sha256


def test_summaries_and_lookup(sample_project: Project) -> None:
    import_files(sample_project, [DATA / "frus-quotes-parens.txt", DATA / "frus-editorial-roman.txt"])
    rows = list_documents(sample_project.db)
    assert [(r.number, r.pages, r.note_count) for r in rows] == [
        ("124", "444–448", 6),
        ("17", "57–59", 6),
        ("3", "xi–xiii", 1),
    ]
    assert [r.number for r in find_documents(sample_project.db, "17")] == ["17"]
    assert [r.number for r in find_documents(sample_project.db, rows[2].id[:8])] == ["3"]
    assert find_documents(sample_project.db, "999") == []
    assert find_documents(sample_project.db, "%%%%%%%%") == []


def test_new_project_is_configured(project: Project) -> None:
    db = project.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert project.schema_version == SCHEMA_VERSION == 14
    assert [m["name"] for m in db["_sqlite_migrations"].rows] == [
        "m001_documents", "m002_annotations", "m003_search", "m004_inlines_and_glossaries", "m005_orphaned_spans",
        "m006_who_changed_what", "m007_source_notes_are_not_archives", "m008_facsimiles",
        "m009_duplicate_lookups", "m010_search_without_copies", "m011_ids_never_reused", "m012_lists_by_volume",
        "m013_people_links_and_edit_count", "m014_highlight_places_from_the_index",
    ]  # fmt: skip


def test_deleting_a_document_removes_its_structure(sample_project: Project) -> None:
    with sample_project.transaction() as db:
        db.execute("DELETE FROM documents")
    for table in ("blocks", "pages", "notes"):
        assert sample_project.db[table].count == 0


def test_a_failed_transaction_leaves_nothing(project: Project, sample: Document) -> None:
    from workbench.storage import insert_document

    with pytest.raises(sqlite3.IntegrityError), project.transaction() as db:
        insert_document(db, sample)
        insert_document(db, sample)  # the same id twice
    assert list_documents(project.db) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Just some notes I wrote.\n", "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "damaged"),
    ],
)
def test_files_that_are_not_projects_are_refused_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "notes.wbproj"
    path.write_bytes(content)
    with pytest.raises(NotAProject, match=message):
        Project.open(path)
    assert path.read_bytes() == content


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAProject, match="another program"):
        Project.open(path)
    assert digest(path) == before


def test_a_project_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.wbproj"
    with Project.open(path, create=True) as project:
        project.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = digest(path)
    expected = rf"newer version of Workbench \(schema {SCHEMA_VERSION + 1}; this version reads up to {SCHEMA_VERSION}\)"
    with pytest.raises(NewerProject, match=expected):
        Project.open(path)
    assert digest(path) == before


def test_no_project_without_create(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no project file"):
        Project.open(tmp_path / "absent.wbproj")
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "no" / "such" / "dir.wbproj", create=True)
    with pytest.raises(NotAProject, match="folder"):
        Project.open(tmp_path)


def test_a_schema_1_project_is_upgraded_and_keeps_its_documents(tmp_path: Path, sample: Document) -> None:
    with open_fixture(tmp_path, "schema-1.wbproj") as project:
        assert project.schema_version == SCHEMA_VERSION
        (row,) = list_documents(project.db)
        loaded = load_document(project.db, row.id)
        assert (loaded.text, loaded.notes, loaded.pages) == (sample.text, sample.notes, sample.pages)
        assert project.db["spans"].count == 0


def test_a_schema_2_project_keeps_its_annotations_and_gains_search(tmp_path: Path) -> None:
    from workbench.storage.annotations import load_memos, load_spans, load_tags
    from workbench.storage.search import search

    with open_fixture(tmp_path, "schema-2.wbproj") as project:
        assert project.schema_version == SCHEMA_VERSION
        (row,) = list_documents(project.db)
        spans = load_spans(project.db, row.id)
        assert sorted((s.quote, s.note_n) for s in spans) == [
            ("Box 26", 1),
            ("On the troop issue, the GVN does have a case.", None),
        ]
        assert sorted(t.name for t in load_tags(project.db)) == ["GVN resistance", "Structure", "Troops"]
        assert load_memos(project.db, doc_id=row.id)[0].text == "Compare with the Thieu letter."
        assert [hit.kind for hit in search(project.db, "concedes")] == ["span"]  # indexed on upgrade


def test_a_schema_3_project_opens_with_its_highlight_and_search(tmp_path: Path) -> None:
    from workbench.storage.annotations import load_spans
    from workbench.storage.search import search

    with open_fixture(tmp_path, "schema-3.wbproj") as project:
        assert project.schema_version == SCHEMA_VERSION
        (row,) = list_documents(project.db)
        assert load_document(project.db, row.id).inlines == []
        assert [s.note for s in load_spans(project.db, row.id)] == ["Kissinger concedes the point."]
        assert [hit.page for hit in search(project.db, '"balking GVN"')] == ["446"]


def test_an_upgrade_first_writes_a_copy_of_the_old_file(tmp_path: Path) -> None:
    with open_fixture(tmp_path, "schema-2.wbproj") as project:
        assert project.schema_version == SCHEMA_VERSION
    copy = tmp_path / "schema-2.wbproj.schema-2.bak"
    assert copy.read_bytes()[:16] == b"SQLite format 3\x00"
    conn = sqlite3.connect(copy)
    assert (
        conn.execute("PRAGMA user_version").fetchone()[0] == 2
        and conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 2
    )
    conn.close()


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.storage import schema

    path = tmp_path / "schema-2.wbproj"
    path.write_bytes((Path(__file__).parent / "fixtures" / "schema-2.wbproj").read_bytes())

    def broken(db) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    steps = schema.MIGRATIONS._migrations
    monkeypatch.setattr(steps[-1], "fn", broken)  # the last migration fails half-way through the ladder
    with pytest.raises(ProjectError):
        Project.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2  # not even m003 stayed applied
    assert "search" not in {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()


def test_rotating_backups_list_and_restore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.ops.spans import create_span
    from workbench.storage import backups

    monkeypatch.setattr(backups, "KEEP", 3)
    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        import_files(project, [SAMPLE])
        doc = list_documents(project.db)[0]
        first = backups.take(project.db.conn, project.path, "opened")
        text = load_document(project.db, doc.id).text
        create_span(project, doc.id, 0, 20, tag_paths=["Heading"])
        for _ in range(3):
            backups.take(project.db.conn, project.path, "in-use")
    listed = backups.list_backups(tmp_path / "p.wbproj")
    assert len(listed) == 3 and first not in [b.path for b in listed]  # the oldest went
    assert (listed[0].documents, listed[0].highlights, listed[0].tags) == (1, 1, 1)
    oldest_kept = listed[-1]
    backups.restore(oldest_kept.path, tmp_path / "p.wbproj")
    with Project.open(tmp_path / "p.wbproj") as project:
        assert project.db["spans"].count == 1 and load_document(project.db, doc.id).text == text
    assert backups.list_backups(tmp_path / "p.wbproj")[0].reason == "before-restore"


def test_a_schema_4_project_keeps_its_marks_glossary_and_highlight(tmp_path: Path) -> None:
    from workbench.storage.annotations import load_spans
    from workbench.storage.glossary import load_glossary

    with open_fixture(tmp_path, "schema-4.wbproj") as project:
        (row,) = list_documents(project.db)
        document = load_document(project.db, row.id)
        assert any(
            i.kind == "italic" and document.text[i.start : i.end] == "phrase in italics" for i in document.inlines
        )
        assert [e.name for e in load_glossary(project.db)] == ["Rogers, William P."]
        (span,) = load_spans(project.db, row.id)
        assert (span.quote, span.orphaned) == ("phrase in italics", False)


def test_a_schema_5_project_learns_who_changed_what(tmp_path: Path) -> None:
    with open_fixture(tmp_path, "schema-5.wbproj") as project:
        assert project.db.execute("SELECT quote, author, modified_by FROM spans").fetchall() == [
            ("a balking GVN", "ada", "ada")
        ]
        assert project.db.execute("SELECT text, author, modified_by FROM memos").fetchall() == [
            ("Read with doc. 123.", "ada", "ada")
        ]
        assert project.db.execute("SELECT name, author FROM tags ORDER BY id").fetchall() == [
            ("GVN", ""),
            ("Resistance", ""),
        ]  # who made them was never recorded


def test_a_schema_6_project_keeps_its_source_notes_out_of_citations(tmp_path: Path) -> None:
    with open_fixture(tmp_path, "schema-6.wbproj") as project:
        (summary,) = list_documents(project.db)
        meta = load_document(project.db, summary.id).metadata
        assert meta.archive == ""  # CSL `archive` is the repository consulted: not this
        assert meta.source_note.startswith("National Archives, Nixon Presidential Materials")
        assert meta.extra["custom"]["volume-id"] == "frus1969-76v09"  # the rest of custom is kept
        assert "archive" not in meta.to_csl()


def test_duplicate_look_ups_use_their_indexes_after_an_upgrade(tmp_path: Path, sample: Document) -> None:
    """A schema-6 file gains the indexes on the text's hash and the source URL, and the import's
    duplicate checks use them (each check read every document before)."""
    from workbench.ops.documents import _BY_URL, duplicates, same_source

    with open_fixture(tmp_path, "schema-6.wbproj") as project:
        db = project.db
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"documents_text_sha256", "documents_url"} <= indexes
        for sql, params in (("SELECT id FROM documents WHERE text_sha256 = ?", ["x"]), (_BY_URL, ["u"])):
            plan = " ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
            assert "USING INDEX documents_" in plan, plan
        (stored,) = list_documents(db)
        document = load_document(db, stored.id)
        assert duplicates(db, [document]) == {document.id: stored.id}  # the same text
        if document.metadata.url:
            assert same_source(db, [document]) == {}  # the same source, but the text did not change


def test_a_schema_8_project_finds_its_notes_and_keeps_its_text_once(tmp_path: Path) -> None:
    from workbench.storage.search import search

    with open_fixture(tmp_path, "schema-8.wbproj") as project:
        assert [(h.kind, h.context[h.marked[0] : h.marked[1]]) for h in search(project.db, "Hue")] == [
            ("memo", "Huế")  # the document note, folded like the index folds it
        ]
        assert [h.kind for h in search(project.db, "archive")] == ["memo"]  # the free note
        assert [h.page for h in search(project.db, '"balking GVN"') if h.kind == "text"] == ["446"]
        assert [h.kind for h in search(project.db, "concedes")] == ["span"]
        tables = {row[0] for row in project.db.execute("SELECT name FROM sqlite_master")}
        assert "search" not in tables and not any(name.endswith("_content") for name in tables)


def test_backups_stay_one_file_each_when_listed_and_restored(tmp_path: Path) -> None:
    from workbench.storage import backups

    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        import_files(project, [SAMPLE])
        backups.take(project.db.conn, project.path, "opened")
    (listed,) = backups.list_backups(tmp_path / "p.wbproj")
    backups.restore(listed.path, tmp_path / "p.wbproj")
    assert sorted(p.suffix for p in backups.backup_folder(tmp_path / "p.wbproj").iterdir()) == [".wbproj"] * 2


def test_a_schema_9_project_gets_ids_that_are_never_reused(tmp_path: Path) -> None:
    from workbench.ops.spans import create_span, delete_spans

    with open_fixture(tmp_path, "schema-9.wbproj") as project:
        assert project.db.execute("SELECT quote, note, author FROM spans").fetchall() == [
            ("a balking GVN", "Kissinger concedes.", "ada")
        ]
        assert project.db.execute("SELECT name FROM tags ORDER BY id").fetchall() == [
            ("GVN",),
            ("Resistance",),
            ("Troops",),
        ]
        assert sorted(project.db.execute("SELECT title, text FROM memos").fetchall()) == [
            ("", "Read with doc. 123."),
            ("Questions", "Who drafted it?"),
        ]
        assert project.db.execute("SELECT * FROM span_tags").fetchall() == [(1, 2)]  # the rebuild cascaded nothing
        assert project.db.execute("PRAGMA foreign_key_check").fetchall() == []
        doc = list_documents(project.db)[0]
        first = create_span(project, doc.id, 0, 10).value
        delete_spans(project, [first])
        second = create_span(project, doc.id, 0, 10).value
        assert second > first  # the deleted highlight's id is not given out again


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(__file__).parent / "fixtures").glob("schema-*.wbproj")))
def test_a_file_of_any_earlier_schema_opens_checks_repairs_and_merges_after_m014(tmp_path: Path, name: str) -> None:
    """A migrated file's structure is exactly a new file's (``spans_position`` of m014 included), so
    it opens again, ``check --repair`` finds it sound, and a colleague's file of that schema merges
    into a new project (upgraded in a private copy) and out of a migrated one."""
    from workbench.cli import main
    from workbench.ops.merge import merge_project
    from workbench.storage.schema_check import _schema

    with Project.open(tmp_path / "new.wbproj", create=True) as new:
        fresh = _schema(new.db.conn)
    with open_fixture(tmp_path, name) as project:
        assert _schema(project.db.conn) == fresh
        merged_spans = project.db.execute("SELECT count(*) FROM spans").fetchone()[0]
    with Project.open(tmp_path / name) as project:  # checked against the schema again as it opens
        index = project.db.execute("SELECT sql FROM sqlite_master WHERE name = 'spans_position'").fetchone()[0]
        assert '"end", orphaned, author)' in index
    assert main(["check", "--repair", "--project", str(tmp_path / name)]) == 0
    theirs = tmp_path / "theirs" / name
    theirs.parent.mkdir()
    theirs.write_bytes((Path(__file__).parent / "fixtures" / name).read_bytes())
    with Project.open(tmp_path / "mine.wbproj", create=True) as mine:
        merge_project(mine, theirs)
        assert mine.db.execute("SELECT count(*) FROM spans").fetchone()[0] == merged_spans
        merge_project(mine, tmp_path / name)  # the migrated file: the same again, nothing added
        assert mine.db.execute("SELECT count(*) FROM spans").fetchone()[0] == merged_spans
        assert main(["check", "--project", str(mine.path)]) == 0
