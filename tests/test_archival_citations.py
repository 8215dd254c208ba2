"""Archival items cited by the Chicago Manual's rules for manuscript collections (CMOS 17th
§§14.219–14.242; the 18th edition keeps the same matter), and the dates and folios they carry."""

from __future__ import annotations

import dataclasses

import pytest

from workbench.citations import Citer, Rich, Source, Style
from workbench.citations.archival import locator
from workbench.export.excerpts import bibliography
from workbench.model import Document, DocumentId, Metadata, Name
from workbench.model.dates import DateError, SourceDate
from workbench.model.kinds import folder_label, folio_label

MUDD = "Seeley G. Mudd Manuscript Library, Princeton University"
LETTER = Metadata(
    title="dulles to alsop 1954",
    title_from_file=True,
    kind="letter",
    csl_type="personal_communication",
    authors=(Name("Dulles", "John Foster"),),
    recipients=(Name("Alsop", "Joseph"),),
    issued="1954-03-14",
    archive=MUDD,
    archive_place="Princeton, NJ",
    collection="John Foster Dulles Papers",
    box="80",
    folder="Alsop",
)
PAPERS = f"Dulles, John Foster. Papers. {MUDD}, Princeton, NJ."


def source(**changes) -> Source:
    metadata = dataclasses.replace(LETTER, **changes)
    return Source.of(Document(DocumentId("d"), "", metadata))


def note(src: Source, page: str = "") -> str:
    return Citer(Style.CHICAGO_NOTE).cite(src, page).plain()


def short(src: Source, page: str = "") -> str:
    citer = Citer(Style.CHICAGO_NOTE)
    citer.cite(src)
    return citer.cite(src, page).plain()


def entry(src: Source, style: Style = Style.CHICAGO_NOTE) -> str:
    return Citer(style).reference(src).plain()


def test_a_letter_in_a_collection() -> None:
    # CMOS 14.222 and 14.232: sender to recipient (no "letter"), date, box and folder, collection,
    # repository; the place is left out when the repository's name says it.
    assert note(source()) == (
        f"John Foster Dulles to Joseph Alsop, March 14, 1954, box 80, Alsop folder, John Foster Dulles Papers, {MUDD}."
    )
    assert short(source()) == "Dulles to Alsop, March 14, 1954."  # CMOS 14.30: the item and its date
    # CMOS 14.239: the bibliography lists the collection under the person whose papers they are.
    assert entry(source()) == PAPERS
    assert Citer(Style.CHICAGO_AUTHOR_DATE).cite(source()).plain() == "(Dulles 1954)"
    assert entry(source(), Style.CHICAGO_AUTHOR_DATE) == PAPERS  # CMOS 15.53: the collection, dates in the text


def test_pinpoints_in_a_manuscript_are_folios_or_pages() -> None:
    # CMOS 14.232: "fol." and "fols." for leaves, "p." and "pp." for a paginated item.
    assert note(source(), "3v").startswith("John Foster Dulles to Joseph Alsop, March 14, 1954, fol. 3v, box 80,")
    assert short(source(), "3v–4r") == "Dulles to Alsop, March 14, 1954, fols. 3v–4r."
    assert short(source(), "12") == "Dulles to Alsop, March 14, 1954, p. 12."
    assert short(source(), "12–13") == "Dulles to Alsop, March 14, 1954, pp. 12–13."
    assert Citer(Style.CHICAGO_AUTHOR_DATE).cite(source(), "3v").plain() == "(Dulles 1954, fol. 3v)"
    assert [locator(p) for p in ("3r", "3r–3v", "xii", "")] == ["fol. 3r", "fols. 3r–3v", "p. xii", ""]


def test_a_collection_cited_for_several_items_has_one_bibliography_entry() -> None:
    items = [source(), source(issued="1954-04-02", recipients=(Name("Luce", "Henry"),)), source(box="81")]
    other = source(authors=(Name("Acheson", "Dean"),), collection="Dean Acheson Papers", archive="Yale University Library",
                   archive_place="New Haven, CT")  # fmt: skip
    entries = bibliography(Citer(Style.CHICAGO_NOTE).reference(s) for s in [*items, other])
    assert [e.plain() for e in entries] == [  # alphabetical (CMOS 14.64), each collection once
        "Acheson, Dean. Papers. Yale University Library, New Haven, CT.",
        PAPERS,
    ]
    assert all(isinstance(e, Rich) for e in entries)


def test_the_repository_place_is_given_when_its_name_does_not_say_it() -> None:
    nara = source(archive="National Archives", archive_place="College Park, MD", collection="Record Group 59")
    assert note(nara).endswith("Alsop folder, Record Group 59, National Archives, College Park, MD.")
    assert entry(nara) == "Record Group 59. National Archives, College Park, MD."  # not a person's papers


def test_undated_and_inferred_dates() -> None:
    # CMOS 14.233 (n.d.) and 14.? brackets with a question mark for an inferred date.
    assert short(source(issued="")) == "Dulles to Alsop, n.d."
    assert short(source(issued="1954-03", circa=True)) == "Dulles to Alsop, [March 1954?]."
    assert Citer(Style.CHICAGO_AUTHOR_DATE).cite(source(issued="")).plain() == "(Dulles n.d.)"
    assert short(source(issued="1954-03-14", issued_end="1954-03-16")) == "Dulles to Alsop, March 14–16, 1954."


def test_unsigned_items_are_cited_by_title_or_a_generic_description() -> None:
    # CMOS 14.222: a specific title in quotation marks; else a generic description, lower case
    # (capitalised at the head of the note).
    memo = source(authors=(), recipients=(), kind="memorandum")
    assert note(memo).startswith("Memorandum, March 14, 1954, box 80,")
    titled = source(authors=(), recipients=(), kind="report", title="Report on Berlin", title_from_file=False)
    assert note(titled).startswith("“Report on Berlin,” March 14, 1954, box 80,")
    assert Citer(Style.CHICAGO_AUTHOR_DATE).cite(titled).plain() == "(“Report on Berlin” 1954)"
    unsigned_letter = source(authors=())
    assert short(unsigned_letter) == "Letter to Alsop, March 14, 1954."
    # Without an author the collection is listed under its own name.
    assert entry(unsigned_letter) == f"John Foster Dulles Papers. {MUDD}, Princeton, NJ."


def test_an_institution_as_author_and_a_telegram_with_its_designation() -> None:
    cable = source(authors=(Name("US Department of State"),), kind="telegram", designation="Secto 12")
    assert note(cable).startswith("US Department of State to Joseph Alsop, telegram (Secto 12), March 14, 1954,")


def test_a_title_is_never_dropped_because_an_author_exists() -> None:
    memo = source(recipients=(), kind="memorandum", title="Thoughts on Geneva", title_from_file=False)
    assert note(memo).startswith("John Foster Dulles, “Thoughts on Geneva,” March 14, 1954, box 80,")
    assert short(memo) == "Dulles, “Thoughts on Geneva,” March 14, 1954."
    by_author = source(recipients=(), kind="memorandum")  # only a file name for a title
    assert note(by_author).startswith("Memorandum by John Foster Dulles, March 14, 1954")


def test_an_item_without_a_collection_is_listed_by_itself() -> None:
    alone = source(collection="", archive_location="MS-2-650")
    assert note(alone) == f"John Foster Dulles to Joseph Alsop, March 14, 1954, MS-2-650, box 80, Alsop folder, {MUDD}."
    assert entry(alone) == (
        f"Dulles, John Foster. Letter to Joseph Alsop, March 14, 1954. MS-2-650, box 80, Alsop folder. {MUDD}, Princeton, NJ."
    )
    box_only = source(folder="")
    assert "box 80, John Foster Dulles Papers" in note(box_only)


def test_a_published_document_never_cites_its_source_note(sample) -> None:
    meta = dataclasses.replace(sample.metadata, source_note="National Archives, Nixon Presidential Materials")
    src = Source.of(dataclasses.replace(sample, metadata=meta))
    for style in Style:
        assert "National Archives" not in Citer(style).cite(src, "446").plain()
        assert "National Archives" not in Citer(style).reference(src).plain()


@pytest.mark.parametrize(
    ("typed", "long", "stored"),
    [
        ("1954-03-14", "March 14, 1954", "1954-03-14"),
        ("March 1954", "March 1954", "1954-03"),
        ("14 March 1954", "March 14, 1954", "1954-03-14"),
        ("circa 1954", "[1954?]", "circa 1954"),
        ("[March 1954?]", "[March 1954?]", "circa 1954-03"),
        ("1954-03-14/1954-03-16", "March 14–16, 1954", "1954-03-14/1954-03-16"),
        ("March 14–April 2, 1954", "March 14–April 2, 1954", "1954-03-14/1954-04-02"),
        ("1954–55", "1954–55", "1954/1955"),
        ("n.d.", "", "n.d."),
    ],
)
def test_dates_as_historians_type_them(typed: str, long: str, stored: str) -> None:
    date = SourceDate.parse(typed)
    assert date.long() == long
    assert str(date) == stored
    assert SourceDate.from_csl(date.to_csl()) == date  # the CSL-JSON round trip


@pytest.mark.parametrize("typed", ["yesterday", "1954-13", "1954-02-30", "1955/1954", ",,,", "9" * 5000])
def test_a_date_that_is_not_a_date_is_refused_with_the_forms_it_takes(typed: str) -> None:
    with pytest.raises(DateError):
        SourceDate.parse(typed)


def test_location_labels() -> None:
    assert [folder_label(f) for f in ("5", "Folder 5", "Alsop", "Alsop folder")] == [
        "folder 5", "folder 5", "Alsop folder", "Alsop folder"]  # fmt: skip
    assert [folio_label(f) for f in ("3r", "fol. 3v", "3r-4v", "item 12")] == [
        "fol. 3r", "fol. 3v", "fols. 3r–4v", "item 12"]  # fmt: skip


def test_details_round_trip_through_csl_json() -> None:
    csl = LETTER.to_csl()
    assert csl["archive_collection"] == "John Foster Dulles Papers"
    assert csl["archive_location"] == "box 80, Alsop folder"  # for other tools; the parts stay apart
    assert csl["type"] == "personal_communication"
    assert Metadata.from_csl(csl) == LETTER


def test_details_written_by_an_older_version_open_unchanged(sample) -> None:
    old = {
        "type": "document",
        "title": "A memo",
        "issued": {"date-parts": [[1972, 11, 24]]},
        "custom": {"time": "1800Z"},
    }
    meta = Metadata.from_csl(old)
    assert meta.issued == "1972-11-24" and meta.time == "1800Z" and not meta.box
    assert meta.to_csl() == old
