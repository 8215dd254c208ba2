"""Importers fed random and mutated text: they never fail with anything but ``ImportFailed``,
and every offset they produce lies inside the text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.importers import ImportFailed, frus_text, read_documents
from workbench.model import Document
from workbench.sample import SAMPLE

from .conftest import CORPUS

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")

# Pieces that matter to the web-text grammar, mixed with ordinary words.
PIECES = st.sampled_from([
    "124. ", "Title", " 1", "\n", "\n\n", "  1. ", "  2. ", "Source: box.", "[Page 445]", " [Page xii] ", "[Page ",
    "morning2", "detail.3", "“quoted”4", "(aside)5", " 6:30 ", "MR–1", "  • —", "\ue000", "😀", "word ", ". ",
])  # fmt: skip


def assert_sound(document: Document) -> None:
    document.check()
    size = len(document.text)
    assert all(0 <= note.anchor <= size for note in document.notes)
    assert all(0 <= b.start <= size for b in document.pages.breaks)
    assert "\ue000" not in document.text


@given(st.lists(PIECES, max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_web_text_grammar_soup(text: str) -> None:
    if frus_text.looks_like(text):
        assert_sound(frus_text.parse(text).document)


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_mutated_sample(data: st.DataObject) -> None:
    text = SAMPLE_TEXT
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 40))
        insert = data.draw(st.one_of(PIECES, st.text(max_size=5)))
        text = text[:at] + insert + text[at + cut :]
    if frus_text.looks_like(text):
        assert_sound(frus_text.parse(text).document)


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_import_or_fail_cleanly(tmp_path_factory, content: bytes) -> None:
    path: Path = tmp_path_factory.mktemp("bytes") / "input.txt"
    path.write_bytes(content)
    try:
        imported = read_documents(path)
    except ImportFailed:
        return
    for document in imported.documents:
        assert_sound(document)


TEI_SAMPLE = CORPUS / "frus1969-76v09" / "d121.xml"


@given(st.data())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_mutated_tei_imports_or_fails_cleanly(tmp_path_factory, data: st.DataObject) -> None:
    content = TEI_SAMPLE.read_bytes()
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(content)))
        cut = data.draw(st.integers(0, 60))
        insert = data.draw(st.sampled_from([b"", b"<", b">", b"</p>", b"<pb n='9'/>", b"<note n='7'>x</note>",
                                            b"&amp;", b"&bad;", b"\xff\xfe", b"<list><item>", b"\x00"]))  # fmt: skip
        content = content[:at] + insert + content[at + cut :]
    path: Path = tmp_path_factory.mktemp("tei") / "d121.xml"
    path.write_bytes(content)
    try:
        imported = read_documents(path)
    except ImportFailed:
        return
    for document in imported.documents:
        assert_sound(document)
        assert all(0 <= inline.start <= inline.end <= len(document.text) for inline in document.inlines)
