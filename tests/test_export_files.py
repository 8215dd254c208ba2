"""Exports written to a file as they are made: across volumes, a chunk at a time, whole or not at all."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import bibtexparser
import docx
import pytest
import rispy

from workbench.cli import main
from workbench.export import Format, Selection, export, selection
from workbench.export.to_file import export_to_file
from workbench.ops.documents import import_files
from workbench.ops.errors import Cancelled
from workbench.ops.search_tags import find_text_hits, tag_text_hits
from workbench.storage import Project

from .conftest import CORPUS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def tagged(project: Project) -> Project:
    """Two FRUS volumes, every “Vietnam” in their text a highlight tagged “Places/Vietnam”."""
    import_files(project, sorted(CORPUS.glob("*/d*.xml")))
    tag_text_hits(project, find_text_hits(project.db, "Vietnam"), tag_path="Places/Vietnam")
    return project


def counts(project: Project) -> tuple[int, int, int]:
    """Highlights, the documents they are in, and the volumes."""
    return project.db.execute(
        """SELECT count(*), count(DISTINCT s.doc_id), count(DISTINCT json_extract(d.metadata, '$.custom."volume-id"'))
           FROM spans s JOIN documents d ON d.id = s.doc_id"""
    ).fetchone()


def test_a_tag_across_volumes_in_every_format_reads_back(tagged: Project, tmp_path: Path) -> None:
    spans, documents, volumes = counts(tagged)
    assert spans > 20 and volumes == 2
    written = {}
    for fmt in Format:
        path = tmp_path / f"out.{fmt.value}"
        argv = ["export", "--tag", "Places", "--format", fmt.value, "-o", str(path), "--project", str(tagged.path)]
        assert main(argv) == 0
        written[fmt] = path
    assert not list(tmp_path.glob(".*partial"))  # nothing left beside the files
    markdown = written[Format.MARKDOWN].read_text(encoding="utf-8")
    assert markdown.count("\n> ") == spans and f"\n[^{spans}]: " in markdown and f"[^{spans + 1}]" not in markdown
    rows = list(csv.DictReader(io.StringIO(written[Format.CSV].read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == spans and all(row["tags"] == "Places/Vietnam" and "Vietnam" in row["quote"] for row in rows)
    html = written[Format.HTML].read_text(encoding="utf-8")
    assert html.count('<section class="excerpt">') == spans and html.count('<li id="note-') == spans
    assert len(json.loads(written[Format.CSL_JSON].read_text(encoding="utf-8"))) == documents
    assert len(bibtexparser.parse_string(written[Format.BIBTEX].read_text(encoding="utf-8")).entries) == documents
    assert len(rispy.loads(written[Format.RIS].read_text(encoding="utf-8"))) == documents
    word = docx.Document(str(written[Format.DOCX]))
    assert sum(p.style.name == "Quote" for p in word.paragraphs) == spans
    with zipfile.ZipFile(written[Format.DOCX]) as package:
        footnotes = package.read("word/footnotes.xml")
    assert footnotes.count(b"<w:footnote ") == spans + 2  # and the two separators Word expects


def test_read_a_few_at_a_time_the_export_is_the_same(tagged: Project, monkeypatch) -> None:
    """The highlights are read back from the scratch database a chunk at a time: chunks of two give
    the same file as one chunk (order, note numbers, first and short citations, the sources)."""
    ways = [(fmt, order) for fmt in (Format.MARKDOWN, Format.BIBTEX) for order in selection.Order]
    whole = [export(tagged.db, Selection(any_tags=("Places",), order=order), fmt) for fmt, order in ways]
    monkeypatch.setattr(selection, "_READ", 2)
    chunked = [export(tagged.db, Selection(any_tags=("Places",), order=order), fmt) for fmt, order in ways]
    assert chunked == whole and len(set(whole)) == 4  # (the orders differ)


def test_a_cancelled_export_leaves_the_old_file_and_nothing_else(tagged: Project, tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    path = tmp_path / "drafts" / "chapter.md"
    path.write_text("the draft before", encoding="utf-8")
    told: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        export_to_file(tagged.db, Selection(all_tags=("Places",)), Format.MARKDOWN, path,
                       progress=lambda *at: told.append(at), cancelled=lambda: bool(told))  # fmt: skip
    assert told == [(0, counts(tagged)[0])]
    assert path.read_text(encoding="utf-8") == "the draft before" and list(path.parent.iterdir()) == [path]
    count, warnings = export_to_file(tagged.db, Selection(all_tags=("Places",)), Format.MARKDOWN, path)
    assert count == counts(tagged)[0] and not warnings and path.read_text(encoding="utf-8").startswith("# Quotations")
    assert list(path.parent.iterdir()) == [path]


def test_a_search_across_volumes_to_a_file(tagged: Project, tmp_path: Path) -> None:
    path = tmp_path / "sentences.csv"
    argv = ["export", "--search", "Vietnam", "--format", "csv", "-o", str(path), "--project", str(tagged.path)]
    assert main(argv) == 0
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    documents = {(row["document"], row["number"], row["date"]) for row in rows}
    assert len(documents) == counts(tagged)[1] and all("vietnam" in row["quote"].lower() for row in rows)
