"""The importers' fast paths read text exactly as the patterns they replaced did.

Each was a regular expression tried at every character (tens of milliseconds a megabyte); each is
now a scan in C with a little Python around it. The old pattern is kept here as the specification,
and random text made of the characters that matter is read both ways.
"""

from __future__ import annotations

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
