"""Citations of the sample, exactly, in every style; page ranges; footnote pinpoints."""

from __future__ import annotations

import dataclasses

import pytest

from workbench.citations import Citer, Source, Style, chicago_range, pinpoint
from workbench.citations.styles import (
    author_date_citation,
    author_date_reference,
    chicago_bibliography,
    chicago_full_note,
    chicago_short_note,
    frus_citation,
)
from workbench.model import Document, DocumentId, Metadata, Name
from workbench.model.annotation import Span, SpanId

URL = "https://history.state.gov/historicaldocuments/frus1969-76v09/d124"
VOLUME = "Foreign Relations of the United States, 1969–1976, vol. 9, Vietnam, October 1972–January 1973, ed. John M. Carland (Washington, DC: Government Printing Office, 2010)"


@pytest.fixture(scope="module")
def source(sample) -> Source:
    return Source.of(sample)


def span_over(doc, first: str, last: str, note_n=None) -> Span:
    text = doc.text if note_n is None else doc.note_text(note_n)
    start = text.index(first)
    end = text.index(last, start) + len(last)
    return Span(SpanId(1), "u", DocumentId(doc.id), start, end, text[start:end], "", "", note_n=note_n)


@pytest.mark.parametrize(
    ("page", "full", "short"),
    [
        (
            "444",
            f"Henry Kissinger to Richard Nixon, message (Hakto 25), Paris, November 24, 1972, in {VOLUME}, doc. 124, 444, {URL}.",
            "Kissinger to Nixon, November 24, 1972, doc. 124, 444.",
        ),
        (
            "446",
            f"Henry Kissinger to Richard Nixon, message (Hakto 25), Paris, November 24, 1972, in {VOLUME}, doc. 124, 446, {URL}.",
            "Kissinger to Nixon, November 24, 1972, doc. 124, 446.",
        ),
        (
            "445–46",
            f"Henry Kissinger to Richard Nixon, message (Hakto 25), Paris, November 24, 1972, in {VOLUME}, doc. 124, 445–46, {URL}.",
            "Kissinger to Nixon, November 24, 1972, doc. 124, 445–46.",
        ),
    ],
)
def test_chicago_notes(source: Source, page: str, full: str, short: str) -> None:
    assert chicago_full_note(source, page).plain() == full
    assert chicago_short_note(source, page).plain() == short


def test_titles_are_italic_where_the_format_has_italics(source: Source) -> None:
    note = chicago_full_note(source, "446")
    assert [run.text for run in note if run.italic] == [
        "Foreign Relations of the United States, 1969–1976",
        "Vietnam, October 1972–January 1973",
    ]
    assert (
        "in *Foreign Relations of the United States, 1969–1976*, vol. 9, *Vietnam, October 1972–January 1973*, ed."
        in note.markdown()
    )
    assert "<i>Foreign Relations of the United States, 1969–1976</i>" in note.html()


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "",
            "Foreign Relations of the United States, 1969–1976, Volume IX, Vietnam, October 1972–January 1973, ed. John M. Carland (Washington: Government Printing Office, 2010), Document 124.",
        ),
        (
            "444",
            "Foreign Relations of the United States, 1969–1976, Volume IX, Vietnam, October 1972–January 1973, ed. John M. Carland (Washington: Government Printing Office, 2010), Document 124, p. 444.",
        ),
        (
            "446",
            "Foreign Relations of the United States, 1969–1976, Volume IX, Vietnam, October 1972–January 1973, ed. John M. Carland (Washington: Government Printing Office, 2010), Document 124, p. 446.",
        ),
        (
            "445–46",
            "Foreign Relations of the United States, 1969–1976, Volume IX, Vietnam, October 1972–January 1973, ed. John M. Carland (Washington: Government Printing Office, 2010), Document 124, pp. 445–46.",
        ),
    ],
)
def test_office_of_the_historian_form(source: Source, page: str, expected: str) -> None:
    assert frus_citation(source, page).plain() == expected


@pytest.mark.parametrize("page", ["444", "446", "445–46"])
def test_author_date(source: Source, page: str) -> None:
    assert author_date_citation(source, page).plain() == f"(Kissinger 1972, {page})"


def test_bibliography_and_reference_list(source: Source) -> None:
    tail = ("In Foreign Relations of the United States, 1969–1976, vol. 9, Vietnam, October 1972–January 1973, "
            f"edited by John M. Carland, doc. 124. Washington, DC: Government Printing Office, 2010. {URL}.")  # fmt: skip
    assert chicago_bibliography(source).plain() == (
        f"Kissinger, Henry. Message (Hakto 25) to Richard Nixon, Paris, November 24, 1972. {tail}"
    )
    assert author_date_reference(source).plain() == (
        f"Kissinger, Henry. 1972. Message (Hakto 25) to Richard Nixon, Paris, November 24. {tail}"
    )


def test_the_full_note_once_then_short_notes(source: Source) -> None:
    citer = Citer(Style.CHICAGO_NOTE)
    first, second = citer.cite(source, "446").plain(), citer.cite(source, "447").plain()
    assert (
        first.startswith("Henry Kissinger to Richard Nixon")
        and second == "Kissinger to Nixon, November 24, 1972, doc. 124, 447."
    )


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [("445", "446", "445–46"), ("99", "101", "99–101"), ("1100", "1102", "1100–1102"), ("3", "10", "3–10"),
     ("71", "72", "71–72"), ("100", "104", "100–104"), ("101", "108", "101–8"), ("808", "833", "808–33"),
     ("1103", "1104", "1103–4"), ("321", "328", "321–28"), ("498", "532", "498–532"), ("1087", "1089", "1087–89"),
     ("1496", "1504", "1496–1504"), ("2787", "2816", "2787–2816"), ("11564", "11615", "11564–615"),
     ("12991", "13001", "12991–3001"), ("446", "446", "446"), ("xii", "xiv", "xii–xiv"), ("[I]", "[II]", "[I]–[II]")],
)  # fmt: skip
def test_chicago_page_ranges(first: str, last: str, expected: str) -> None:
    assert chicago_range(first, last) == expected


def test_pinpoints_from_the_page_map(sample) -> None:
    assert pinpoint(sample, span_over(sample, "Hakto 25", "from me.")) == "444"
    assert pinpoint(sample, span_over(sample, "Agreements, and making", "Indochina.")) == "446"
    assert pinpoint(sample, span_over(sample, "obligations under the 1954", "Agreements,")) == "445–46"
    assert pinpoint(sample, span_over(sample, "In Tohak 94", "0032Z", note_n=6)) == "448n6"
    assert pinpoint(sample, span_over(sample, "Document 120", "120", note_n=5)) == "446n5"


def test_a_document_without_people_or_a_volume() -> None:
    plain = Source.of(type("D", (), {"metadata": Metadata(title="Diary of a clerk, 1968", issued="1968-03-02"),
                                     "number": ""})())  # fmt: skip
    # Unpublished, so cited as a manuscript item: its page takes "p." (CMOS 14.232), undated "n.d."
    assert chicago_full_note(plain, "4").plain() == "“Diary of a clerk, 1968,” March 2, 1968, p. 4."
    assert chicago_short_note(plain, "4").plain() == "“Diary of a clerk,” March 2, 1968, p. 4."  # 4 words
    assert frus_citation(plain, "4").plain() == chicago_full_note(plain, "4").plain()
    assert author_date_citation(plain, "4").plain() == "(“Diary of a clerk” 1968, p. 4)"


def test_an_editorial_note_and_several_authors(source: Source) -> None:
    editorial = dataclasses.replace(source, metadata=dataclasses.replace(
        source.metadata, title="Editorial Note", authors=(), recipients=(), genre="", designation="", place="", issued=""))  # fmt: skip
    assert chicago_full_note(editorial, "449").plain() == f"“Editorial Note,” in {VOLUME}, doc. 124, 449, {URL}."
    assert chicago_short_note(editorial, "449").plain() == "“Editorial Note,” doc. 124, 449."
    several = dataclasses.replace(source, metadata=dataclasses.replace(
        source.metadata, authors=(Name("Rogers", "William"), Name("Laird", "Melvin"), Name("Kissinger", "Henry"))))  # fmt: skip
    assert chicago_short_note(several, "446").plain().startswith("Rogers, Laird, and Kissinger to Nixon,")
    assert author_date_citation(several, "446").plain() == "(Rogers et al. 1972, 446)"


def _doc(**fields) -> Document:
    return Document(DocumentId(fields.pop("id", "d")), "", Metadata(**fields))


def test_an_author_without_a_recipient_keeps_the_title_and_publisher() -> None:
    # CMOS 14.103: author, "Title," in Container; nothing vanishes because an author exists.
    muller = Source.of(_doc(title="The Paris Talks", authors=(Name("Müller", "Zoë"),), issued="1973-01-05",
                            container_title="Essays on Diplomacy", publisher="Beck", publisher_place="Munich"))  # fmt: skip
    assert chicago_full_note(muller, "12").plain() == (
        "Zoë Müller, “The Paris Talks,” January 5, 1973, in Essays on Diplomacy (Munich: Beck), 12."
    )
    assert chicago_short_note(muller, "12").plain() == "Müller, “The Paris Talks,” January 5, 1973, 12."
    assert chicago_bibliography(muller).plain().startswith("Müller, Zoë. “The Paris Talks.” January 5, 1973. In Essays")


def test_author_date_tells_one_authors_works_of_a_year_apart(sample) -> None:
    # CMOS 15.19: 1972a, 1972b … in the order of the reference list, in the text and the list alike.
    from workbench.export.excerpts import disambiguated

    docs = {
        f"d{n}": Source.of(
            _doc(
                id=f"d{n}",
                title=title,
                authors=(Name("Kissinger", "Henry"),),
                issued=date,
                container_title="FRUS",
                number=str(n),
            )
        )
        for n, (title, date) in enumerate(
            [("Memo B", "1972-11-24"), ("Memo A", "1972-10-01"), ("Memo C", "1973-01-02")]
        )
    }
    years = {doc_id: source.year for doc_id, source in disambiguated(docs).items()}
    assert years == {"d0": "1972b", "d1": "1972a", "d2": "1973"}
    cited = disambiguated(docs)["d0"]
    assert author_date_citation(cited, "4").plain() == "(Kissinger 1972b, 4)"
    assert author_date_reference(cited).plain().startswith("Kissinger, Henry. 1972b.")


def test_unauthored_entries_keep_their_date_and_number() -> None:
    memo = Source.of(type("D", (), {"metadata": Metadata(title="Memorandum of Conversation", issued="1972-11-24",
                                                         number="12", csl_type="document"), "number": "12"})())  # fmt: skip
    assert chicago_bibliography(memo).plain() == "“Memorandum of Conversation.” November 24, 1972. Document 12."
