"""Any CSL style through citeproc-py, from the same details: APA, MLA, Harvard, Chicago's CSL; a
style that is not a style is one sentence. The FRUS modelling checked variable by variable."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("citeproc")

from workbench.citations import Source
from workbench.citations.csl import CslCiter, StyleError, load_style, processor_item, style_names
from workbench.citations.styles import style_named
from workbench.model import Document, DocumentId, Metadata, Name

LETTER = Metadata(
    title="Dulles to Alsop", kind="letter", csl_type="personal_communication",
    authors=(Name("Dulles", "John Foster"),), recipients=(Name("Alsop", "Joseph"),), issued="1954-03-14",
    archive="Seeley G. Mudd Manuscript Library, Princeton University", archive_place="Princeton, NJ",
    collection="John Foster Dulles Papers", box="80", folder="Alsop",
)  # fmt: skip


def source(metadata: Metadata) -> Source:
    return Source.of(Document(DocumentId("d"), "", metadata))


def test_the_shipped_styles_are_listed_and_found_by_name() -> None:
    names = style_names()
    assert {"apa", "modern-language-association", "chicago-notes-bibliography"} <= set(names)
    assert load_style("apa").in_text and not load_style("chicago-notes-bibliography").in_text
    assert style_named("chicago-note").value == "chicago-note"  # Workbench's own stays its own


def test_a_frus_document_is_modelled_as_processors_expect(sample) -> None:
    item = processor_item(Source.of(sample), "k")
    assert item["collection-title"] == "Foreign Relations of the United States, 1969–1976"
    assert item["container-title"] == "Vietnam, October 1972–January 1973"  # the volume's own title
    assert item["volume"] == "9" and item["number"] == "124" and item["type"] == "chapter"
    assert item["issued"] == {"date-parts": [[2010]]}  # the volume's year: the date of publication
    assert item["original-date"] == {"date-parts": [[1972, 11, 24]]}  # the document's own date
    assert "archive" not in item and "custom" not in item


@pytest.mark.parametrize(
    ("style", "parts"),
    [
        ("apa", ["Dulles, J. F. (1954, March 14)", "John Foster Dulles Papers", "box 80"]),
        ("modern-language-association", ["Dulles, J. F.", "14 Mar. 1954", "John Foster Dulles Papers"]),
        ("harvard-cite-them-right", ["Dulles, J.F. (1954)"]),
    ],
)
def test_a_letter_in_other_styles(style: str, parts: list[str]) -> None:
    letter = source(LETTER)
    citer = CslCiter(load_style(style), [letter])
    citer.cite(letter, "3v")
    entry = citer.reference(letter).plain()
    for part in parts:
        assert part in entry


def test_a_frus_document_in_apa_cites_its_page(sample) -> None:
    frus = Source.of(sample)
    citer = CslCiter(load_style("apa"), [frus])
    assert citer.cite(frus, "446").plain() == "(Kissinger, 1972/2010, p. 446)"  # APA 7 §8.15: original/republished
    assert "Vietnam, October 1972–January 1973" in citer.reference(frus).plain()


def test_a_file_that_is_not_a_style_is_one_sentence(tmp_path: Path) -> None:
    for text, message in (("<x/>", "not a CSL style"), ("not xml", "not a CSL style")):
        path = tmp_path / "bad.csl"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(StyleError, match=message):
            load_style(str(path))
    with pytest.raises(StyleError, match="no citation style 'nonsense'"):
        load_style("nonsense")


def test_italics_come_through_as_runs() -> None:
    letter = source(LETTER)
    citer = CslCiter(load_style("apa"), [letter])
    runs = citer.reference(letter)
    assert any(run.italic and "Dulles to Alsop" in run.text for run in runs)


def test_pandoc_renders_the_citekeys_markdown_in_any_style(tmp_path: Path, sample) -> None:
    import shutil
    import subprocess

    from workbench.cli import main
    from workbench.ops.spans import create_span
    from workbench.sample import SAMPLE
    from workbench.storage import Project, list_documents, load_document

    project = tmp_path / "p.wbproj"
    with Project.open(project, create=True) as opened:
        from workbench.ops.documents import import_files

        import_files(opened, [SAMPLE])
        (summary,) = list_documents(opened.db)
        text = load_document(opened.db, summary.id).text
        start = text.index("a balking GVN")
        create_span(opened, summary.id, start, start + 13, tag_paths=["GVN"])
    paper = tmp_path / "paper.md"
    assert main(["export", "--format", "md", "--citekeys", "-o", str(paper), "--project", str(project)]) == 0
    markdown = paper.read_text(encoding="utf-8")
    assert 'bibliography: "paper.json"' in markdown and "[@kissinger1972message, 446]" in markdown
    assert (tmp_path / "paper.json").exists()
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    style = load_style("chicago-notes-bibliography").path
    rendered = subprocess.run(["pandoc", "--citeproc", "--csl", str(style), str(paper), "-t", "plain"],
                              capture_output=True, text=True, cwd=tmp_path, check=True).stdout  # fmt: skip
    flat = " ".join(rendered.split())
    assert "Henry Kissinger" in flat and "ed. John M. Carland" in flat and "446" in flat
    assert "Foreign Relations of the United States, 1969–1976" in flat and "2010" in flat


def test_mhra_notes_and_a_bibliography_without_the_pinpoint() -> None:
    letter = source(LETTER)
    citer = CslCiter(load_style("mhra-notes"), [letter])
    assert "fol. 3v" in citer.cite(letter, "3v").plain()  # MHRA 7.6: the folio in the note…
    assert "fol. 3v" not in citer.reference(letter).plain()  # … and not in the bibliography
