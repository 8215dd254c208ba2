"""Reading files as text, plain transcriptions, metadata sidecars, and refusing what is not text."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from workbench.importers import ImportFailed, read_documents, source_file
from workbench.importers.builder import TextBuilder
from workbench.model import BlockKind

from .conftest import DATA


def test_plain_text_paragraphs_split_on_blank_lines_and_rejoin_wrapped_lines(tmp_path: Path) -> None:
    path = tmp_path / "my_transcription-1968.txt"
    path.write_text("First paragraph\nwrapped here.\n\n\nSecond   paragraph.\n", encoding="utf-8")
    doc = read_documents(path).documents[0]
    assert doc.text == "First paragraph wrapped here.\nSecond paragraph."
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert doc.title == "my transcription 1968"  # the file name as written (a placeholder)
    assert doc.metadata.title_from_file
    assert doc.pages.first_page is None and doc.pages.breaks == ()
    assert doc.notes == []


def test_plain_text_without_blank_lines_is_one_paragraph_a_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("One.\nTwo.\nThree.", encoding="utf-8")
    assert read_documents(path).documents[0].text == "One.\nTwo.\nThree."


def test_windows_1252_is_decoded_with_a_warning() -> None:
    imported = read_documents(DATA / "cp1252-transcription.txt")
    assert imported.documents[0].text.startswith("Letter from Hué – the café owner’s account")
    assert imported.warnings == ["cp1252-transcription.txt is not valid UTF-8 (byte 14); read it as Windows-1252"]


def test_utf8_bom_and_crlf_are_handled(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffLine one\r\n\r\nLine two\r\n".encode())
    doc = read_documents(path).documents[0]
    assert doc.text == "Line one\nLine two"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"  \n\n\t ", "the file is empty"),
        (b"%PDF-1.7\n%binary", "this PDF is damaged or not a PDF (data format error)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "this is a PNG image, not a text file"),
        (b"text\x00with\x00nulls", "this is a binary file, not text"),
    ],
)
def test_what_is_not_text_is_refused_in_one_sentence(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as caught:
        read_documents(path)
    assert caught.value.problem == problem
    assert str(caught.value) == f"input.txt: {problem}"


def test_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(ImportFailed, match="ZIP archive"):
        read_documents(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        read_documents(tmp_path / "absent.txt")
    with pytest.raises(ImportFailed, match="folder"):
        read_documents(tmp_path)


def test_too_large_a_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_file, "MAX_TEXT_BYTES", 1024)
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(ImportFailed, match="too large"):
        read_documents(path)


def test_a_csl_json_sidecar_supplies_metadata(tmp_path: Path) -> None:
    (tmp_path / "memo.txt").write_text("A memo.\n", encoding="utf-8")
    sidecar = {"type": "letter", "title": "Memo on Laos", "author": [{"family": "Rogers", "given": "William"}],
               "issued": {"date-parts": [[1970, 3, 2]]}}  # fmt: skip
    (tmp_path / "memo.csl.json").write_text(json.dumps(sidecar), encoding="utf-8")
    meta = read_documents(tmp_path / "memo.txt").documents[0].metadata
    assert (meta.title, meta.issued, meta.csl_type) == ("Memo on Laos", "1970-03-02", "letter")
    assert meta.authors[0].family == "Rogers"


def test_a_broken_sidecar_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    (tmp_path / "memo.txt").write_text("A memo.\n", encoding="utf-8")
    (tmp_path / "memo.csl.json").write_text("{not json", encoding="utf-8")
    imported = read_documents(tmp_path / "memo.txt")
    assert imported.documents[0].title == "memo"
    assert imported.warnings == [
        "memo.csl.json: the metadata is not valid JSON (line 1); the document was imported without it"
    ]


class TestBuilder:
    def test_whitespace_collapses_and_pages_start_on_the_first_printed_character(self) -> None:
        builder = TextBuilder(first_page="9")
        builder.begin_block(BlockKind.PARAGRAPH)
        builder.text("  one   two ")
        builder.page_break("10")
        builder.text("  three\n")
        builder.note_reference(1)
        builder.end_block()
        builder.page_break("11")
        builder.begin_block(BlockKind.PARAGRAPH)
        builder.text("four")
        text, blocks, pages, notes = builder.finish({1: "A note."})
        assert text == "one two three\nfour"
        assert [(b.n, text[b.start :]) for b in pages.breaks] == [("10", "three\nfour"), ("11", "four")]
        assert pages.first_page == "9"
        assert notes[0].anchor == text.index("three") + len("three")
        assert [(b.start, b.end) for b in blocks] == [(0, 13), (14, 18)]

    def test_empty_blocks_vanish_and_a_page_at_offset_zero_is_the_first_page(self) -> None:
        builder = TextBuilder(first_page="1")
        builder.page_break("2")
        builder.begin_block(BlockKind.HEADING)
        builder.end_block()
        builder.begin_block(BlockKind.PARAGRAPH)
        builder.text("Only this.")
        text, blocks, pages, _ = builder.finish({})
        assert text == "Only this."
        assert len(blocks) == 1
        assert pages.first_page == "2"
