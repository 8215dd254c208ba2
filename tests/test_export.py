"""Export: which highlights, their quotations and citations, and every format read back by a real reader."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import docx
import pytest
from lxml import etree

from workbench.citations import Style
from workbench.cli import main
from workbench.export import Format, Marks, Order, Paragraphs, QuoteOptions, Selection, export
from workbench.export.quotes import quotation, run_in
from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents, load_document

from .conftest import DATA

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
URL = "https://history.state.gov/historicaldocuments/frus1969-76v09/d124"


@pytest.fixture
def project(sample_project: Project) -> Project:
    """The sample with four highlights: p. 444, across 445–46, p. 446, and in footnote 5 (p. 446)."""
    doc = load_document(sample_project.db, list_documents(sample_project.db)[0].id)

    def mark(first: str, last: str, tags: list[str], note: str = "", note_n: int | None = None) -> None:
        text = doc.text if note_n is None else doc.note_text(note_n)
        start = text.index(first)
        end = text.index(last, start) + len(last)
        create_span(sample_project, doc.id, start, end, tag_paths=tags, note=note, note_n=note_n)

    mark("Your messages have been invaluable.", "this morning", ["Negotiations"], "Opening.")
    mark("obligations under the 1954 and 1962 Geneva", "Agreements, and making", ["Laos/Geneva", "Troops"])
    mark("On the troop issue, the GVN does have a case.", "does have a case.", ["Troops"], "Concedes the *point*.")
    mark("Document 120", "120", ["Negotiations"], note_n=5)
    return sample_project


def text_of(project: Project, fmt: Format, style: Style = Style.CHICAGO_NOTE, **selection) -> str:
    return export(project.db, Selection(**selection), fmt, style).decode("utf-8")


def test_selection_by_tags_with_sub_tags(project: Project) -> None:
    def quotes(**selection) -> list[str]:
        rows = csv.DictReader(io.StringIO(text_of(project, Format.CSV, **selection).lstrip("\ufeff")))
        return [row["page"] for row in rows]

    assert quotes() == ["444", "445–46", "446", "446n5"]
    assert quotes(all_tags=("Laos",)) == ["445–46"]  # Laos/Geneva counts for Laos
    assert quotes(all_tags=("Troops", "Laos")) == ["445–46"]
    assert quotes(any_tags=("Laos", "Negotiations")) == ["444", "445–46", "446n5"]
    assert quotes(not_tags=("Troops",)) == ["444", "446n5"]
    assert quotes(words="GVN case") == ["446"]
    assert quotes(order=Order.TAG) == ["445–46", "444", "446n5", "446"]  # Laos/Geneva < Negotiations < Troops
    with pytest.raises(Exception, match="no tag 'Nope'"):
        quotes(all_tags=("Nope",))


def test_every_highlight_comes_out_the_same_read_by_its_place_or_whole(project: Project) -> None:
    """Without words to look for, the highlights' places and tags decide (one pass over them all);
    naming the documents reads the highlights whole, a document at a time: the same export."""
    every_document = tuple(doc.id for doc in list_documents(project.db))
    for order in Order:
        for tags in ({}, {"not_tags": ("Laos",)}, {"any_tags": ("Troops", "Negotiations")}):
            assert text_of(project, Format.CSV, order=order, **tags) == text_of(
                project, Format.CSV, order=order, documents=every_document, **tags
            )


def test_quotations_keep_or_join_paragraphs_and_nest_marks() -> None:
    words = "As he said, “never.”\nSecond paragraph."
    kept = quotation(words, QuoteOptions())
    assert kept.block and kept.paragraphs == ("As he said, “never.”", "Second paragraph.")
    joined = quotation(words, QuoteOptions(paragraphs=Paragraphs.JOIN))
    assert not joined.block and joined.text == "As he said, “never.” Second paragraph."
    assert run_in(joined, Marks.TYPOGRAPHIC) == "“As he said, ‘never.’ Second paragraph.”"
    assert run_in(joined, Marks.STRAIGHT) == "\"As he said, 'never.' Second paragraph.\""
    assert quotation("word " * 100, QuoteOptions(paragraphs=Paragraphs.JOIN)).block  # long: set off


def test_markdown_has_real_footnotes_full_then_short(project: Project) -> None:
    text = text_of(project, Format.MARKDOWN)
    assert "> Your messages have been invaluable." in text
    assert "> obligations under the 1954 and 1962 Geneva Agreements, and making[^2]" in text
    notes = [line for line in text.splitlines() if line.startswith("[^")]
    assert notes[0].startswith(
        "[^1]: Henry Kissinger to Richard Nixon, message (Hakto 25), Paris, November 24, 1972, in *Foreign"
    )
    assert notes[0].endswith(f"doc. 124, 444, {URL}.")
    assert notes[1:] == ["[^2]: Kissinger to Nixon, November 24, 1972, doc. 124, 445–46.",
                         "[^3]: Kissinger to Nixon, November 24, 1972, doc. 124, 446.",
                         "[^4]: Kissinger to Nixon, November 24, 1972, doc. 124, 446n5."]  # fmt: skip
    assert "Tags: Laos/Geneva, Troops" in text and "Concedes the *point*." in text
    assert "## Bibliography\n\n- Kissinger, Henry. Message (Hakto 25) to Richard Nixon" in text


def test_author_date_cites_in_the_text(project: Project) -> None:
    text = text_of(project, Format.MARKDOWN, Style.CHICAGO_AUTHOR_DATE)
    assert "Agreements, and making (Kissinger 1972, 445–46)" in text
    assert "[^" not in text and "## References" in text


def test_word_has_real_footnotes(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "quotes.docx"
    path.write_bytes(export(project.db, Selection(), Format.DOCX))
    document = docx.Document(str(path))
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes[0].startswith("Your messages have been invaluable.")
    assert len(quotes) == 4
    with zipfile.ZipFile(path) as archive:
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
        body = etree.fromstring(archive.read("word/document.xml"))
        assert "footnotes+xml" in archive.read("[Content_Types].xml").decode()
    texts = {n.get(f"{W}id"): "".join(t.text for t in n.iter(f"{W}t")).strip() for n in notes.iter(f"{W}footnote")}
    assert texts["2"] == "Kissinger to Nixon, November 24, 1972, doc. 124, 445–46."
    assert texts["1"].endswith(f"doc. 124, 444, {URL}.")
    italic = [r for r in notes.iter(f"{W}r") if r.find(f"{W}rPr/{W}i") is not None]
    assert "".join(t.text for r in italic for t in r.iter(f"{W}t")).startswith("Foreign Relations of the United States")
    assert [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")] == ["1", "2", "3", "4"]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_one_standalone_page(project: Project) -> None:
    page = text_of(project, Format.HTML)
    parser = _Collect()
    parser.feed(page)
    assert parser.tags.count("blockquote") == 4 and parser.tags.count("li") == 4
    assert "@media print" in page
    text = "".join(parser.text)
    assert "Kissinger to Nixon, November 24, 1972, doc. 124, 446n5." in text


def test_csv_rows_read_back(project: Project) -> None:
    rows = list(csv.DictReader(io.StringIO(text_of(project, Format.CSV).lstrip("\ufeff"))))
    assert list(rows[0]) == ["document", "number", "date", "page", "tags", "quote", "note", "citation", "author", "id"]
    assert rows[1]["tags"] == "Laos/Geneva; Troops"
    assert all(row["citation"].startswith("Henry Kissinger to Richard Nixon") for row in rows)  # each row whole
    assert rows[2]["note"] == "Concedes the *point*." and rows[0]["date"] == "1972-11-24"


def test_sources_as_csl_json_bibtex_and_ris(project: Project) -> None:
    items = json.loads(text_of(project, Format.CSL_JSON))
    assert [item["id"] for item in items] == ["kissinger1972message"]
    assert items[0]["author"] == [{"family": "Kissinger", "given": "Henry"}]
    library = bibtexparser.parse_string(text_of(project, Format.BIBTEX))
    (entry,) = library.entries
    assert entry.entry_type == "incollection" and entry.key == "kissinger1972message"
    assert entry.fields_dict["editor"].value == "Carland, John M."
    # biblatex: the volume's year is the date, the document's own date origdate, and no "year" beside "date".
    assert entry.fields_dict["date"].value == "2010" and entry.fields_dict["origdate"].value == "1972-11-24"
    assert "year" not in entry.fields_dict and "number" not in entry.fields_dict
    assert entry.fields_dict["title"].value.startswith("{") and entry.fields_dict["url"].value.startswith("https://")
    ris = text_of(project, Format.RIS).split("\r\n")
    assert ris[0] == "TY  - CHAP" and "ER  - " in ris and "AU  - Kissinger, Henry" in ris


def test_other_documents_are_cited_from_their_own_metadata(project: Project) -> None:
    from workbench.ops.documents import import_files

    import_files(project, [DATA / "frus-editorial-roman.txt"])
    doc = next(d for d in list_documents(project.db) if d.number == "3")
    text = load_document(project.db, doc.id).text
    start = text.index("the President met")
    create_span(project, doc.id, start, start + 17, tag_paths=["Negotiations"])
    notes = [line for line in text_of(project, Format.MARKDOWN).splitlines() if line.startswith("[^")]
    assert notes[-1] == "[^5]: “Editorial Note,” doc. 3, xii."  # no people, no volume metadata: a title note


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_footnotes_and_makes_a_pdf(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "quotes.docx"
    path.write_bytes(export(project.db, Selection(), Format.DOCX))
    for target in ("pdf", "odt"):
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                        target, "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)  # fmt: skip
    assert (tmp_path / "quotes.pdf").read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(tmp_path / "quotes.odt") as odt:
        content = etree.fromstring(odt.read("content.xml"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    notes = content.findall(".//text:note[@text:note-class='footnote']", ns)
    assert len(notes) == 4  # LibreOffice took them as real footnotes, not text
    bodies = ["".join(note.find("text:note-body", ns).itertext()).strip() for note in notes]
    assert bodies[1] == "Kissinger to Nixon, November 24, 1972, doc. 124, 445–46."


def test_the_export_command(project: Project, tmp_path: Path, capsys) -> None:
    path = str(project.path)
    assert main(["export", "--format", "md", "--tag", "Troops", "--not-tag", "Laos", "-o", "-", "--project", path]) == 0
    out = capsys.readouterr().out
    assert out.count("\n> ") == 1 and "does have a case." in out
    target = tmp_path / "q.docx"
    assert main(["export", "--format", "docx", "--style", "frus", "-o", str(target), "--project", path]) == 0
    assert zipfile.is_zipfile(target)
    assert main(["export", "--format", "docx", "-o", "-", "--project", path]) == 1
    assert "not text" in capsys.readouterr().err


def test_note_emphasis_shows_as_italic_in_word_and_html(project: Project, tmp_path: Path) -> None:
    assert '<p class="note">Concedes the <i>point</i>.</p>' in text_of(project, Format.HTML)
    path = tmp_path / "q.docx"
    path.write_bytes(export(project.db, Selection(), Format.DOCX))
    runs = [run for p in docx.Document(str(path)).paragraphs if p.text == "Concedes the point." for run in p.runs]
    assert [(run.text, bool(run.italic)) for run in runs] == [("Concedes the ", False), ("point", True), (".", False)]


def test_a_notes_emphasis_as_the_window_shows_it() -> None:
    # CommonMark: an underscore inside a word is a letter; **strong** is bold (it was italic in Word).
    from workbench.citations.rich import from_markdown

    runs = from_markdown("Box_26 of HAK_Trip_Files, *see* **this** and _that_")
    assert [(r.text, r.italic, r.bold) for r in runs] == [
        ("Box_26 of HAK_Trip_Files, ", False, False), ("see", True, False), (" ", False, False),
        ("this", False, True), (" and ", False, False), ("that", True, False)]  # fmt: skip
    assert runs.html().count("<b>this</b>") == 1


def test_an_author_without_a_recipient_keeps_the_title_in_bibtex_and_ris(tmp_path) -> None:
    import bibtexparser
    import rispy

    from workbench.citations import Source
    from workbench.export.references import write_bibtex, write_ris
    from workbench.model import Document, DocumentId, Metadata, Name

    meta = Metadata(title="The Paris Talks", authors=(Name("Müller", "Zoë"),), issued="1973-01-05")
    sources = [("muller1973paris", Source.of(Document(DocumentId("d"), "", meta)))]
    written = io.StringIO()
    write_bibtex(sources, written)
    (entry,) = bibtexparser.parse_string(written.getvalue()).entries
    assert entry.fields_dict["title"].value == "{The Paris Talks}"  # was "January 5, 1973"
    written = io.StringIO()
    write_ris(sources, written)
    (record,) = rispy.loads(written.getvalue())
    assert record["title"] == "The Paris Talks"


def test_a_search_result_exported_as_quotations(project: Project, capsys) -> None:
    """``--search``: the sentences where the words stand, cited, one per sentence, in reading order."""
    path = str(project.path)
    assert main(["export", "--format", "csv", "--search", '"troop issue"', "-o", "-", "--project", path]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")))
    assert row["quote"] == "On the troop issue, the GVN does have a case."
    assert row["page"] == "446" and row["citation"].startswith("Henry Kissinger to Richard Nixon")
    assert row["tags"] == "" and row["note"] == ""
    data = export(project.db, Selection(search="GVN"), Format.CSV).decode("utf-8-sig")
    quotes = [r["quote"] for r in csv.DictReader(io.StringIO(data))]
    doc = load_document(project.db, list_documents(project.db)[0].id)
    assert len(quotes) == len(set(quotes)) >= 5 and all("GVN" in q for q in quotes)
    assert sorted(quotes, key=doc.text.index) == quotes  # in reading order, not by rank
    assert export(project.db, Selection(search="zanzibar"), Format.CSV).decode("utf-8-sig").count("\n") == 1
