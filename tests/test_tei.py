"""TEI import: every corpus file, a whole volume, the same document from TEI and web text, bad XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.citations import Source
from workbench.citations.styles import chicago_full_note
from workbench.importers import ImportFailed, read_documents
from workbench.model import BlockKind

from .conftest import CORPUS, DATA


@pytest.mark.parametrize(
    ("name", "number", "pages", "notes", "place", "date"),
    [
        ("frus1969-76v09/d120.xml", "120", "433–435", 5, "Paris", "1972-11-23"),
        ("frus1969-76v09/d121.xml", "121", "435–436", 4, "Washington", "1972-11-24"),
        ("frus1969-76v09/d122.xml", "122", "436–442", 3, "Paris", "1972-11-24"),
        ("frus1969-76v09/d123.xml", "123", "443–444", 3, "Washington", "1972-11-24"),
        ("frus1969-76v09/d124.xml", "124", "444–448", 6, "Paris", "1972-11-24"),
        ("frus1969-76v09/d125.xml", "125", "449–460", 8, "Paris", "1972-11-24"),
        ("frus1969-76v19p2/d1.xml", "1", "1–3", 3, "Tokyo", "1969-01-14"),
        ("frus1969-76v19p2/d2.xml", "2", "3–4", 1, "Washington", "1969-01-21"),
        ("frus1969-76v19p2/d5.xml", "5", "24–25", 4, "Washington", "1969-03-26"),
        ("frus1969-76v19p2/d6.xml", "6", "25–26", 2, "Washington", "1969-04-29"),
    ],
)
def test_every_corpus_file(name: str, number: str, pages: str, notes: int, place: str, date: str) -> None:
    path = CORPUS / name
    (document,) = read_documents(path).documents
    assert (document.number, document.pages.page_range, len(document.notes)) == (number, pages, notes)
    assert (document.metadata.place, document.metadata.issued) == (place, date)
    assert document.blocks[0].kind == BlockKind.HEADING and "Source" not in document.title
    assert document.metadata.url.endswith(f"/{path.parent.name}/d{number}")
    for note in document.notes:
        assert note.text and 0 <= note.anchor <= len(document.text)


def test_the_same_document_from_tei_and_from_web_text() -> None:
    path = CORPUS / "frus1969-76v09" / "d124.xml"
    (from_tei,) = read_documents(path).documents
    (from_web,) = read_documents(
        Path(__file__).resolve().parents[1] / "resources/sample/frus1969-76v09-d124.txt"
    ).documents
    assert from_tei.text == from_web.text  # the same words
    assert from_tei.pages == from_web.pages  # page breaks at the same words, from the same page
    assert from_tei.notes == from_web.notes  # the same notes, anchored at the same words
    assert from_tei.metadata.time == "1800Z" and from_tei.metadata.authors[0].family == "Kissinger"
    labels = [b.label for b in from_tei.blocks if b.kind == BlockKind.LIST_ITEM and b.label and b.level == 1]
    assert labels == [f"{n}." for n in range(1, 11)]  # the printed paragraph numbers, as labels


def test_a_whole_volume() -> None:
    imported = read_documents(DATA / "frus-volume.xml")
    first, second = imported.documents
    assert (first.number, second.number) == ("1", "2")
    assert first.pages.first_page == "1" and [b.n for b in first.pages.breaks] == ["2"]
    assert second.pages.first_page == "3"  # the page begun between the documents
    assert first.title == "Memorandum From Secretary of State Rogers to President Nixon"
    meta = first.metadata
    assert (
        meta.container_title
        == "Foreign Relations of the United States, 1969–1976, Volume XCIX, Imaginary Matters, 1970"
    )
    assert (meta.editors[0].family, meta.publisher, meta.container_issued) == (
        "Editor",
        "Government Printing Office",
        "2015",
    )
    assert chicago_full_note(Source.of(first), "2").plain() == (
        "Rogers to Nixon, memorandum, Washington, February 3, 1970, in Foreign Relations of the United States, "
        "1969–1976, vol. 99, Imaginary Matters, 1970, ed. Jane Q. Editor (Washington: Government Printing Office, "
        "2015), doc. 1, 2, https://history.state.gov/historicaldocuments/frus1969-76v99/d1."
    )
    items = [(b.level, b.label, first.text[b.start : b.end]) for b in first.blocks if b.kind == BlockKind.LIST_ITEM]
    assert items == [(1, "(a)", "An item about the GVN."), (1, "(c)", "Labels print as they are, out of order."),
                     (2, "•", "A nested item.")]  # fmt: skip
    assert "phrase in italics and a reference to Document 2." in first.text  # inline elements keep their text
    assert first.notes[1].text == "See another volume."
    assert "Chapter One" not in first.text


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><div type='document'><p>unclosed</div>", "malformed"),
        ("<?xml version='1.0'?><html><body>Not TEI</body></html>", "not FRUS TEI"),
        (
            "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>No documents.</p></body></text></TEI>",
            "no documents",
        ),
    ],
)
def test_bad_xml_is_refused_in_one_sentence(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "volume.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailed, match=problem):
        read_documents(path)


def test_entities_are_never_expanded_or_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENTS", encoding="utf-8")
    laughs = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 9))
    path = tmp_path / "hostile.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY l0 "lol">{laughs}<!ENTITY file SYSTEM "file://{secret}">]>'
        "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><div type='document' n='1'><head>1. Title</head>"
        "<p>Bomb: &l8; File: &file;</p></div></body></text></TEI>",
        encoding="utf-8",
    )
    try:
        (document,) = read_documents(path).documents
    except ImportFailed:
        return  # refusing the file is as good as reading it safely
    assert "TOP SECRET" not in document.text
    assert len(document.text) < 1000
