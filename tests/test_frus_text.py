"""The FRUS web-text importer, on the sample and on documents written for these tests."""

from __future__ import annotations

import re

import pytest

from workbench.importers import read_documents
from workbench.importers.frus_text import looks_like, parse
from workbench.model import BlockKind, Document

from .conftest import DATA


def note_context(doc: Document, n: int, width: int = 40) -> str:
    anchor = next(note.anchor for note in doc.notes if note.n == n)
    return doc.text[max(0, anchor - width) : anchor]


def page_start(doc: Document, page: str) -> str:
    start = next(b.start for b in doc.pages.breaks if b.n == page)
    return doc.text[start : start + 20]


class TestSample:
    def test_number_title_and_heading(self, sample: Document) -> None:
        assert sample.number == "124"
        assert sample.title == (
            "Message From the President’s Assistant for National Security Affairs (Kissinger) to President Nixon"
        )
        heading = sample.blocks[0]
        assert heading.kind == BlockKind.HEADING
        assert sample.text[heading.start : heading.end] == f"124. {sample.title}"

    def test_six_notes_anchored_after_the_word_that_carried_the_mark(self, sample: Document) -> None:
        assert [note.n for note in sample.notes] == [1, 2, 3, 4, 5, 6]
        assert note_context(sample, 1).endswith("to President Nixon")
        assert note_context(sample, 2).endswith("20 minutes this morning")
        assert note_context(sample, 3).endswith("November 22 in detail.")
        assert note_context(sample, 4).endswith("message of November 24.")
        assert note_context(sample, 5).endswith("my previous message,")
        assert note_context(sample, 6).endswith("your views on this.")
        exact = {note.n: note.anchor for note in sample.notes}
        assert exact[1] == sample.blocks[0].end
        assert sample.text[exact[2] : exact[2] + 6] == " and I"

    def test_note_texts(self, sample: Document) -> None:
        notes = {note.n: note.text for note in sample.notes}
        assert notes[1].startswith("Source: National Archives, Nixon Presidential Materials")
        assert notes[1].endswith("Sent via Kennedy.")
        assert notes[2] == "See Document 122."
        assert notes[5] == "Document 120."
        assert notes[6].endswith("HAK Paris Trip Hakto, November 18–25, 1972)")

    def test_pages(self, sample: Document) -> None:
        assert sample.pages.first_page == "444"
        assert [b.n for b in sample.pages.breaks] == ["445", "446", "447", "448"]
        assert page_start(sample, "445").startswith("How, he asked")
        assert page_start(sample, "446").startswith("Agreements,")
        assert page_start(sample, "447").startswith("meeting I rejected")
        assert page_start(sample, "448").startswith("Equally important")
        assert sample.pages.page_range == "444–448"
        assert sample.pages.page_at(0) == "444"
        assert sample.pages.page_at(sample.text.index("How, he asked") - 1) == "444"
        assert sample.pages.page_at(sample.text.index("Warm regards")) == "448"

    def test_text_is_clean(self, sample: Document) -> None:
        assert "[Page" not in sample.text
        # No digits glued to a word or to closing punctuation: every such digit was a reference.
        assert re.findall(r"[^\W\d][0-9]|[.,;”)][0-9]", sample.text) == []
        assert "Vietnam. How, he asked" in sample.text  # one space where the marker stood
        assert "1962 Geneva Agreements" in sample.text
        assert "Nixon\nHakto 25" in sample.text

    def test_numbers_that_are_not_references_stay(self, sample: Document) -> None:
        for kept in ("Hakto 25", "1954 and 1962", "MR–1", "6:30", "November 22", "an hour and 20 minutes"):
            assert kept in sample.text

    def test_bullets_are_list_items(self, sample: Document) -> None:
        items = [b for b in sample.blocks if b.kind == BlockKind.LIST_ITEM]
        assert len(items) == 5
        assert sample.text[items[0].start : items[0].end].startswith("—We have inserted language")
        assert all(item.label == "•" and item.level == 1 for item in items)

    def test_blocks_tile_the_text(self, sample: Document) -> None:
        assert "\n".join(sample.text[b.start : b.end] for b in sample.blocks) == sample.text


class TestOtherDocuments:
    def test_references_after_quotation_marks_parentheses_and_spaces(self) -> None:
        doc = read_documents(DATA / "frus-quotes-parens.txt").documents[0]
        assert doc.number == "17"
        assert doc.title == "Telegram From the Embassy in Saigon to the Department of State"
        assert note_context(doc, 1).endswith("Department of State")
        assert note_context(doc, 2).endswith("“peace with honor”")
        assert note_context(doc, 3).endswith("(the October 8 text)")
        assert note_context(doc, 4).endswith("Secretary Stans")
        assert note_context(doc, 5).endswith("8 of the draft.")
        assert note_context(doc, 6).endswith("the 1973 budget;")
        assert "Secretary Stans that afternoon at 4:15" in doc.text
        for kept in ("1234. For the Secretary", "State 208731", "145,000", "3 divisions", "Article 4 changed"):
            assert kept in doc.text

    def test_pages_inline_and_on_their_own_line(self) -> None:
        doc = read_documents(DATA / "frus-quotes-parens.txt").documents[0]
        assert doc.pages.first_page == "57"
        assert page_start(doc, "58").startswith("Thieu replied")
        assert page_start(doc, "59").startswith("Thieu then met")

    def test_roman_pages_and_a_note_of_two_lines(self) -> None:
        doc = read_documents(DATA / "frus-editorial-roman.txt").documents[0]
        assert (doc.number, doc.title) == ("3", "Editorial Note")
        assert doc.pages.first_page == "xi"
        assert page_start(doc, "xii").startswith("On January 20, 1969")
        assert page_start(doc, "xiii").startswith("January 22.")
        assert note_context(doc, 1).endswith("for 2 hours.")
        assert doc.notes[0].text.endswith("Box 1.\nA second copy is in the Kissinger Papers, Box 4.")

    def test_numbered_paragraphs_are_not_mistaken_for_notes(self) -> None:
        doc = read_documents(DATA / "frus-numbered-no-notes.txt").documents[0]
        assert doc.notes == []
        assert "1. The first point concerns 3 matters." in doc.text
        assert "3. The third point." in doc.text
        assert page_start(doc, "120").startswith("It continues.")

    def test_a_note_without_a_mark_is_reported(self) -> None:
        text = "9. Memorandum for the Record 1\n\nNo marks here at all.\n\n  1. Source: a box.\n  2. Orphan.\n"
        parsed = parse(text)
        assert note_context(parsed.document, 1).endswith("for the Record")
        assert parsed.warnings == ["note 2 has no reference mark in the text; it is placed at the start"]

    @pytest.mark.parametrize(
        "text",
        [
            "\n\n   \n124. Message From Kissinger 1\n\nText.\n[Page 2]\nMore.\n",  # blank lines first
            "124. Message From Kissinger 1\n\nText.\n\n  1. Source: a box.\n",  # notes, no page marker
            "124. Message\u2028From Kissinger\n\nText. [Page 2] More.\n",  # a title up to its line break
        ],
    )
    def test_a_frus_text_is_known_by_its_first_line(self, text: str) -> None:
        assert looks_like(text)
        assert parse(text).document.metadata.number == "124"

    @pytest.mark.parametrize(
        "text",
        ["Just a letter.\n", "12 Downing Street\n\nDear Sir,\n", "1. First point\n2. Second point\n"],
    )
    def test_other_text_is_not_taken_for_frus(self, text: str) -> None:
        assert not looks_like(text)
