"""REFI-QDA: the export validates against the schema, and a round trip keeps everything Workbench can carry."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from workbench.cli import main
from workbench.exchange.refi import NS, codebook, export_project, read_qdc, read_qdpx
from workbench.importers import ImportFailed
from workbench.ops.documents import import_files
from workbench.ops.exchange import import_refi
from workbench.ops.memos import create_memo, set_document_memo
from workbench.ops.spans import create_span
from workbench.ops.tags import create_tag
from workbench.storage import Project, list_documents, load_document
from workbench.storage.annotations import load_memos, load_spans, load_tags

# REFI-QDA's project schema 1.0 (MIT licence, notice inside), copied from ../shared/schemas so the
# validation runs in any clone. Never edit it.
SCHEMA = Path(__file__).parent / "data" / "refi-qda-project-1.0.xsd"


@pytest.fixture
def rich(tmp_path: Path, project: Project) -> Project:
    """A document with a character outside the BMP before its highlights; nested tags; notes."""
    source = tmp_path / "letter.txt"
    source.write_text("A note 😀 on 𠀀 rare words.\n\nThe troop issue, again: the troops stay.\n", encoding="utf-8")
    import_files(project, [source])
    doc = load_document(project.db, list_documents(project.db)[0].id)
    start = doc.text.index("troop issue")
    create_span(project, doc.id, start, start + 11, tag_paths=["Troops/Issue"], note="The *issue* 🎯", author="ada")
    start = doc.text.index("the troops stay")
    create_span(project, doc.id, start, start + 15, tag_paths=["Troops", "Tone"], author="bob")
    set_document_memo(project, doc.id, "Letter from a clerk.", author="ada")
    create_memo(project, "Plan", "Chapter two 📚", author="bob")
    return project


def qde(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("project.qde"))


def test_the_export_is_valid_and_stable(rich: Project) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    first = export_project(rich.db, "test")
    assert schema.validate(qde(first.data)), schema.error_log
    guids = sorted(e.get("guid") for e in qde(first.data).iter() if e.get("guid"))
    again = sorted(e.get("guid") for e in qde(export_project(rich.db, "test").data).iter() if e.get("guid"))
    assert guids == again  # the same identities every time
    names = zipfile.ZipFile(io.BytesIO(first.data)).namelist()
    assert [n for n in names if n.startswith("sources/")] == [f"sources/{list_documents(rich.db)[0].id}.txt"]
    book = etree.fromstring(codebook(rich.db))
    assert [c.get("name") for c in book.iter("{urn:QDA-XML:codebook:1.0}Code")] == ["Troops", "Issue", "Tone"]


def test_round_trip_into_an_empty_project(rich: Project, tmp_path: Path) -> None:
    path = tmp_path / "out.qdpx"
    path.write_bytes(export_project(rich.db, "test").data)
    with Project.open(tmp_path / "copy.wbproj", create=True) as copy:
        import_refi(copy, path)
        (original,), (taken,) = list_documents(rich.db), list_documents(copy.db)
        assert load_document(copy.db, taken.id).text == load_document(rich.db, original.id).text
        assert taken.id == original.id

        def spans(project: Project) -> list[tuple]:
            paths = {t.id: t for t in load_tags(project.db)}
            return sorted((s.uuid, s.start, s.end, s.quote, s.note, s.author, tuple(sorted(paths[t].uuid for t in s.tag_ids)))
                          for s in load_spans(project.db))  # fmt: skip

        assert spans(copy) == spans(rich)
        tags = lambda p: sorted((t.uuid, t.name, t.color) for t in load_tags(p.db))  # noqa: E731
        assert tags(copy) == tags(rich)
        memos = lambda p: sorted((m.uuid, m.doc_id, m.text, m.author) for m in load_memos(p.db))  # noqa: E731
        assert memos(copy) == memos(rich)
        text = load_document(copy.db, taken.id).text
        (issue,) = [s for s in load_spans(copy.db) if s.note]
        assert text[issue.start : issue.end] == "troop issue"  # offsets in code points, after 😀 and 𠀀
        import_refi(copy, path)  # the same file again adds nothing
        assert len(load_spans(copy.db)) == 2 and len(list_documents(copy.db)) == 1


def test_other_source_kinds_are_reported_not_dropped_in_silence(tmp_path: Path) -> None:
    path = tmp_path / "mixed.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "project.qde",
            """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="mixed"><Sources>
<TextSource guid="11111111-1111-4111-8111-111111111111" name="Memo"><PlainTextContent>Some text.</PlainTextContent>
<PlainTextSelection guid="22222222-2222-4222-8222-222222222222" startPosition="5" endPosition="9"/>
<PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="5" endPosition="99"/></TextSource>
<PictureSource guid="44444444-4444-4444-8444-444444444444" name="Map of Laos" path="internal://map.png"/>
</Sources></Project>""",
        )
    data = read_qdpx(path)
    assert [d.text for d in data.documents] == ["Some text."] and len(data.spans) == 1
    assert data.warnings == ["Memo: a selection at 5–99 lies outside the text; skipped",
                             "skipped PictureSource “Map of Laos”: only text sources are taken"]  # fmt: skip


def test_not_a_qdpx(tmp_path: Path) -> None:
    path = tmp_path / "x.qdpx"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not a REFI-QDA project"):
        read_qdpx(path)


def test_the_commands(rich: Project, tmp_path: Path, capsys) -> None:
    out = tmp_path / "p.qdpx"
    assert main(["export", "--format", "qdpx", "-o", str(out), "--project", str(rich.path)]) == 0
    assert main(["export", "--format", "qdc", "-o", str(tmp_path / "c.qdc"), "--project", str(rich.path)]) == 0
    assert main(["import", str(out), "--project", str(tmp_path / "new.wbproj")]) == 0
    assert "p.qdpx: 1 documents, 2 highlights, 3 tags, 2 notes" in capsys.readouterr().out


def test_a_codebook_brings_its_tags_once(rich: Project, tmp_path: Path, capsys) -> None:
    path = tmp_path / "c.qdc"
    path.write_bytes(codebook(rich.db))
    other = str(tmp_path / "other.wbproj")
    assert main(["import", str(path), "--project", other]) == 0
    assert "c.qdc: 3 tags" in capsys.readouterr().out
    with Project.open(other) as project:
        tree = {(t.name, t.color) for t in load_tags(project.db)}
        assert tree == {(t.name, t.color) for t in load_tags(rich.db)}
    # Into a project that has the same tags under other ids: matched by their place in the tree.
    with Project.open(tmp_path / "third.wbproj", create=True) as third:
        create_tag(third, "Issue", parent_id=create_tag(third, "Troops").value)
        import_refi(third, path)
        assert sorted(t.name for t in load_tags(third.db)) == ["Issue", "Tone", "Troops"]


def test_not_a_codebook(tmp_path: Path) -> None:
    path = tmp_path / "x.qdc"
    path.write_text("<Project/>", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not a REFI-QDA codebook"):
        read_qdc(path)


def test_details_and_printed_pages_travel_inside_the_qdpx(tmp_path: Path) -> None:
    # Issue: a round trip used to drop the details and every page ("“Message From …,” doc. 124.").
    from workbench.citations import Citer, Source, Style, pinpoint
    from workbench.model.annotation import Span, SpanId
    from workbench.sample import import_sample

    with Project.open(tmp_path / "a.wbproj", create=True) as original:
        import_sample(original)
        (summary,) = list_documents(original.db)
        before = load_document(original.db, summary.id)
        data = export_project(original.db, "a").data
    assert etree.XMLSchema(etree.parse(str(SCHEMA))).validate(qde(data))
    path = tmp_path / "a.qdpx"
    path.write_bytes(data)
    with Project.open(tmp_path / "b.wbproj", create=True) as copy:
        import_refi(copy, path)
        after = load_document(copy.db, list_documents(copy.db)[0].id)
    assert after.metadata == before.metadata
    assert after.pages.pages() == before.pages.pages() == ["444", "445", "446", "447", "448"]
    start = after.text.index("obligations under the 1954")
    span = Span(SpanId(1), "u", after.id, start, after.text.index("Agreements,", start) + 11, "", "", "")
    assert pinpoint(after, span) == "445–46"
    assert (
        Citer(Style.CHICAGO_NOTE).cite(Source.of(after), "446").plain().startswith("Henry Kissinger to Richard Nixon")
    )


def test_two_tags_of_one_name_go_out_as_two_codes_and_say_so(tmp_path: Path) -> None:
    # QualCoder took People/Paris and Places/Paris for one code and orphaned the other's codings.
    from workbench.ops.tags import create_tag
    from workbench.storage.annotations import load_tags as tags_of

    with Project.open(tmp_path / "p.wbproj", create=True) as project:
        people = create_tag(project, "People").value
        places = create_tag(project, "Places").value
        create_tag(project, "Paris", parent_id=people)
        create_tag(project, "Paris", parent_id=places)
        exported = export_project(project.db, "p")
        assert len(tags_of(project.db)) == 4
    names = sorted(c.get("name") for c in qde(exported.data).iter(f"{{{NS}}}Code"))
    assert names == ["Paris (People)", "Paris (Places)", "People", "Places"]
    assert any("2 tags are called “Paris”" in warning for warning in exported.warnings)
