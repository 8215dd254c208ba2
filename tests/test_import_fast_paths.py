"""The importers' fast paths read text exactly as the patterns they replaced did.

Each was a regular expression tried at every character (tens of milliseconds a megabyte); each is
now a scan in C with a little Python around it. The old pattern is kept here as the specification,
and random text made of the characters that matter is read both ways.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.importers.builder import TextBuilder, collapse_spaces
from workbench.importers.footnote_refs import numbers
from workbench.importers.frus_text import _mark_pages
from workbench.ops.errors import OperationError
from workbench.storage import Project

OLD_PAGE = re.compile(r"(?<!\s)\s*\[Page\s+([^\]\s]{1,16})\]\s*")
OLD_NUMBER = re.compile(r"(?<!\d)(\d{1,3})(?![\d\w])(?![:.,/]\d)")

# The characters that decide: digits, spaces of several kinds, the marker's letters and brackets,
# the punctuation a number may be glued to or continued by, a letter outside Latin-1.
ALPHABET = st.sampled_from([*"0123459 \t\u00a0\u2003[]Pagex.,:/-’é", "[Page ", "[Page 12]", "1.5", "ł"])
TEXT = st.lists(ALPHABET, max_size=40).map("".join)


def old_mark(line: str) -> tuple[str, list[str]]:
    pages: list[str] = []

    def mark(match: re.Match[str]) -> str:
        pages.append(match.group(1))
        gap = " " if match.group(0)[:1].isspace() or match.group(0)[-1:].isspace() else ""
        return f"{gap}\ue000{gap}"

    return OLD_PAGE.sub(mark, line), pages


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_page_markers_are_marked_as_the_pattern_did(line: str) -> None:
    marked, pages = _mark_pages([line])
    assert (marked[0], pages) == old_mark(line)


def test_a_marker_right_after_another_markers_space_stays_as_written() -> None:
    marked, pages = _mark_pages(["a [Page 1] [Page 2] [Page 3] b"])
    assert (marked, pages) == ([old_mark("a [Page 1] [Page 2] [Page 3] b")[0]], ["1", "3"])
    assert "[Page 2]" in marked[0]


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_numbers_are_those_the_pattern_found(line: str) -> None:
    assert numbers(line) == [match.span(1) for match in OLD_NUMBER.finditer(line)]


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_white_space_collapses_as_before(text: str) -> None:
    assert collapse_spaces(text) == re.sub(r"\s+", " ", text).strip(" ")


def test_space_at_either_end_of_a_run_is_owed_to_its_neighbours() -> None:
    builder = TextBuilder()
    for piece in ("Hanoi ", "\u00a0agreed", "\tto  the", " terms"):
        builder.text(piece)
    assert builder.finish({})[0] == "Hanoi agreed to the terms"


def test_undo_refuses_a_step_whose_long_text_another_writer_changed(tmp_path) -> None:
    """A row's image holds a digest of each long value: a change deep inside a megabyte is seen."""
    from workbench.ops.documents import import_files
    from workbench.ops.history import history

    source = tmp_path / "long.txt"
    source.write_text("A long letter.\n\n" + "word " * 200_000, encoding="utf-8")
    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        doc_id = import_files(project, [source]).imported[0].documents[0].id
        with Project.open(tmp_path / "p.wbproj") as other, other.transaction() as db:
            text = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
            middle = len(text) // 2
            db.execute("UPDATE documents SET text = ? WHERE id = ?", [text[:middle] + "W" + text[middle + 1 :], doc_id])
        with pytest.raises(OperationError, match="cannot be undone"):
            history(project).undo()
        assert project.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_undo_of_an_untouched_import_still_removes_it(tmp_path) -> None:
    from workbench.ops.documents import import_files
    from workbench.ops.history import history

    source = tmp_path / "long.txt"
    source.write_text("A long letter.\n\n" + "word " * 200_000, encoding="utf-8")
    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        import_files(project, [source])
        history(project).undo()
        assert project.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
        assert project.db.execute("SELECT count(*) FROM blocks").fetchone()[0] == 0


# -- rows written many to a statement (``insert_rows``) and the undo log's digests ------------------


def _rows(project: Project, table: str) -> list[tuple]:
    return [tuple(row) for row in project.db.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")]


@pytest.mark.parametrize("count", [0, 1, 63, 64, 65, 129, 3001])
@pytest.mark.parametrize("limit", [None, 4, 7, 12, 999])
def test_every_row_is_written_once_and_in_order(tmp_path, count: int, limit: int | None) -> None:
    """Any number of rows, from a generator, with the statement's bound values limited or not:
    each row is written once, in the order given, and every row's triggers run (the notes' index)."""
    import sqlite3

    from workbench.importers import plain_text
    from workbench.storage.documents import insert_document, insert_rows

    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        db = project.db
        with project.transaction():
            insert_document(db, dataclasses.replace(plain_text.parse("A letter.\n", name="a.txt"), id="d"))
            if limit is not None:  # a note has 4 values: one, one, three, all 64 rows to a statement
                db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
            insert_rows(db, "notes", ("doc_id", "n", "anchor", "text"),
                        (("d", n, n % 7, f"note word{n}q") for n in range(1, count + 1)))  # fmt: skip
        assert [row[1:] for row in _rows(project, "notes")] == [
            ("d", n, n % 7, f"note word{n}q") for n in range(1, count + 1)
        ]
        for n in {1, 63, 64, 65, count} - {0}:
            if n <= count:
                assert search_notes_hits(project, f"word{n}q") == [n]
        assert_notes_index_whole(project)


def test_a_row_with_too_few_or_too_many_values_is_refused(tmp_path) -> None:
    """Rows go many to a statement as one list of values: a short row must not shift the rest."""
    from workbench.storage.documents import insert_rows

    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        for rows in ([("a", 1), ("b",), ("c", 3)], [("a", 1, 9), ("b",)]):
            with pytest.raises(ValueError, match="does not have 2 values"):
                insert_rows(project.db, "edit_count", ("id", "edits"), rows)


def search_notes_hits(project: Project, word: str) -> list[int]:
    """The numbers of the notes the notes' full-text index finds ``word`` in."""
    sql = "SELECT n.n FROM search_notes JOIN notes n ON n.rowid = search_notes.rowid WHERE search_notes MATCH ?"
    return [row[0] for row in project.db.execute(sql, [word])]


def assert_notes_index_whole(project: Project) -> None:
    """The notes' full-text index holds exactly the notes' words (SQLite's own check)."""
    project.db.execute("INSERT INTO search_notes (search_notes, rank) VALUES ('integrity-check', 1)")


def _state(project: Project) -> dict[str, list[tuple]]:
    """Every row, with its rowid, of the tables an import or a replaced text writes."""
    tables = ("documents", "blocks", "pages", "notes", "inlines", "spans", "span_tags")
    return {table: _rows(project, table) for table in tables}


def _long_frus(count: int, word: str) -> str:
    """A FRUS text with ``count`` paragraphs, each on a page of its own, and ``count`` notes."""
    body = "\n".join(f"[Page {n}]\nParagraph {word} {n} of the talks.{n}" for n in range(1, count + 1))
    notes = "\n".join(f"  {n}. Source: box {n}, {word}." for n in range(1, count + 1))
    return f"124. Memorandum for the Record 1\n\n{body}\n\n{notes}\n"


def test_undo_and_redo_of_an_import_and_a_replaced_text_give_back_every_row(tmp_path) -> None:
    """More notes, blocks and pages than one statement writes: undoing an import, and undoing the
    text replaced after it, leave exactly the rows before; redoing, exactly the rows after."""
    from workbench.importers import read_documents
    from workbench.ops.documents import import_files, replace_document
    from workbench.ops.history import redo, undo
    from workbench.ops.spans import create_span

    source = tmp_path / "long.txt"
    source.write_text(_long_frus(150, "alpha"), encoding="utf-8")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(_long_frus(151, "beta"), encoding="utf-8")
    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        empty = _state(project)
        doc_id = import_files(project, [source]).imported[0].documents[0].id
        imported = _state(project)
        assert [len(imported[t]) for t in ("blocks", "pages", "notes")] == [151, 150, 150]
        create_span(project, doc_id, 10, 30)
        spanned = _state(project)
        replace_document(project, doc_id, read_documents(corrected).documents[0])
        replaced = _state(project)
        assert len(replaced["notes"]) == 151 and replaced != spanned
        for state in (spanned, imported, empty):
            undo(project)
            assert _state(project) == state
            assert_notes_index_whole(project)
        for state in (imported, spanned, replaced):
            redo(project)
            assert _state(project) == state
            assert_notes_index_whole(project)
        assert search_notes_hits(project, "beta") == list(range(1, 152))


#: A megabyte and more of text that is not ASCII: accents, CJK, emoji outside the BMP.
LONG_TEXT = "Huế, 1968 — 北京 🇻🇳😀 " * 40_000
#: A megabyte of a PDF's bytes, not valid UTF-8 (a BLOB: ``facsimiles.data``).
LONG_BYTES = bytes(range(256)) * 4096


def _step(project: Project, sql: str, values: list) -> None:
    from workbench.ops.changes import OpChanges
    from workbench.ops.history import history

    def work(db) -> OpChanges:
        db.execute(sql, values)
        return OpChanges(memos=True)

    history(project).perform("Change", work)


@pytest.fixture
def noted(tmp_path):
    """A project with a document of one note, which a step has then changed to a long text."""
    from workbench.ops.documents import import_files

    (tmp_path / "a.txt").write_text("124. Memo 1\n\nText.1\n\n  1. Source: a box.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        doc_id = import_files(project, [tmp_path / "a.txt"]).imported[0].documents[0].id
        _step(project, "UPDATE notes SET text = ? WHERE doc_id = ?", [LONG_TEXT, doc_id])
        _step(project, "INSERT INTO facsimiles (doc_id, format, data, labels) VALUES (?, 'pdf', ?, '[]')",
              [doc_id, LONG_BYTES])  # fmt: skip
        yield project, doc_id


def test_untouched_steps_with_long_text_and_bytes_are_undone_and_redone(noted) -> None:
    """The image taken when the step ran and the one taken to undo it are made alike, for text
    whose characters take two, three and four bytes and for a PDF's bytes."""
    from workbench.ops.history import redo, undo

    project, _ = noted
    for _ in range(2):
        undo(project)
        assert project.db.execute("SELECT count(*) FROM facsimiles").fetchone()[0] == 0
        undo(project)
        assert project.db.execute("SELECT text FROM notes").fetchone()[0] == "Source: a box."
        redo(project)
        redo(project)
        assert project.db.execute("SELECT text FROM notes").fetchone()[0] == LONG_TEXT
        assert project.db.execute("SELECT data FROM facsimiles").fetchone()[0] == LONG_BYTES


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE notes SET text = substr(text, 1, 600000) || '😁' || substr(text, 600002)",  # one emoji for another
        "UPDATE notes SET text = substr(text, 1, 600000) || 'é' || substr(text, 600002)",
        "UPDATE notes SET text = CAST(CAST(text AS BLOB) || x'ff' AS TEXT)",  # not UTF-8 any more
        "UPDATE notes SET text = CAST(CAST(text AS BLOB) || x'eda080' AS TEXT)",  # a lone surrogate's bytes
    ],
)
def test_a_change_deep_inside_a_long_text_refuses_the_undo(noted, change: str) -> None:
    from workbench.ops.history import history

    project, _ = noted
    history(project).undo()  # the PDF
    with Project.open(project.path) as other, other.transaction() as db:
        db.execute(change)
    with pytest.raises(OperationError, match="cannot be undone"):
        history(project).undo()
    assert project.db.execute("SELECT length(CAST(text AS BLOB)) > 1000000 FROM notes").fetchone()[0] == 1


def test_a_change_deep_inside_a_pdf_refuses_the_undo(noted) -> None:
    from workbench.ops.history import history

    project, _ = noted
    with Project.open(project.path) as other, other.transaction() as db:
        db.execute("UPDATE facsimiles SET data = substr(data, 1, 700000) || x'00' || substr(data, 700002)")
    with pytest.raises(OperationError, match="cannot be undone"):
        history(project).undo()
    assert project.db.execute("SELECT count(*) FROM facsimiles").fetchone()[0] == 1
