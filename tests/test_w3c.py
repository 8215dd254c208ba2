"""W3C Web Annotation export and import: selectors, bodies, round trip, re-anchoring on import."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.cli import main
from workbench.exchange.w3c import CONTEXT, export_annotations
from workbench.ops.documents import import_files
from workbench.ops.exchange import import_annotations
from workbench.ops.spans import create_span
from workbench.sample import SAMPLE
from workbench.storage import Project, list_documents, load_document
from workbench.storage.annotations import load_spans, load_tags

URL = "https://history.state.gov/historicaldocuments/frus1969-76v09/d124"


def annotated(project: Project) -> None:
    doc = load_document(project.db, list_documents(project.db)[0].id)
    start = doc.text.index("a balking GVN")
    create_span(project, doc.id, start, start + 13, tag_paths=["GVN/Resistance", "Troops"], note="Kissinger’s *word* 😀",
                author="ada")  # fmt: skip
    source = doc.note_text(1)
    create_span(project, doc.id, source.index("Box 26"), source.index("Box 26") + 6, tag_paths=["Archive"], note_n=1)


def test_export_has_both_selectors_and_the_bodies(sample_project: Project) -> None:
    annotated(sample_project)
    data = json.loads(export_annotations(sample_project.db, "test"))
    assert (data["@context"], data["type"], data["total"]) == (CONTEXT, "AnnotationCollection", 2)
    first, second = data["first"]["items"]
    assert first["target"]["source"] == URL and second["target"]["source"] == URL + "#fn1"
    quote, position = first["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "a balking GVN",
        "prefix": quote["prefix"],
        "suffix": quote["suffix"],
    }
    assert quote["prefix"].endswith("the problem of ") and len(quote["prefix"]) == 32
    assert position["type"] == "TextPositionSelector" and position["end"] - position["start"] == 13
    assert [b["value"] for b in first["body"] if b["purpose"] == "tagging"] == ["GVN/Resistance", "Troops"]
    assert [b["value"] for b in first["body"] if b["purpose"] == "commenting"] == ["Kissinger’s *word* 😀"]
    assert first["creator"] == {"type": "Person", "name": "ada"} and first["id"].startswith("urn:uuid:")


def test_round_trip_and_re_anchoring(sample_project: Project, tmp_path: Path) -> None:
    annotated(sample_project)
    path = tmp_path / "notes.jsonld"
    path.write_bytes(export_annotations(sample_project.db, "test"))
    with Project.open(tmp_path / "other.wbproj", create=True) as other:
        corrected = tmp_path / "corrected.txt"  # the same document, with words added before the annotations
        corrected.write_text(SAMPLE.read_text(encoding="utf-8").replace("Hakto 25.", "Hakto 25. [Note added.]"))
        (tmp_path / "corrected.csl.json").write_text(SAMPLE.with_name(SAMPLE.stem + ".csl.json").read_text())
        import_files(other, [corrected])
        result = import_annotations(other, path).value
        assert result.warnings == []
        mine = {s.uuid: s for s in load_spans(sample_project.db)}
        theirs = {s.uuid: s for s in load_spans(other.db)}
        assert set(mine) == set(theirs)
        for uuid, span in theirs.items():
            assert (span.quote, span.note, span.note_n) == (mine[uuid].quote, mine[uuid].note, mine[uuid].note_n)
        moved = next(s for s in theirs.values() if s.note_n is None)
        assert moved.start == mine[moved.uuid].start + len(" [Note added.]")  # found again by its quote
        assert sorted(t.name for t in load_tags(other.db)) == ["Archive", "GVN", "Resistance", "Troops"]
        import_annotations(other, path)  # again: nothing new
        assert len(load_spans(other.db)) == 2


def test_annotations_on_missing_documents_are_reported(sample_project: Project, tmp_path: Path) -> None:
    annotated(sample_project)
    path = tmp_path / "notes.jsonld"
    path.write_bytes(export_annotations(sample_project.db, "test"))
    with Project.open(tmp_path / "empty.wbproj", create=True) as empty:
        result = import_annotations(empty, path).value
    assert result.spans == [] and len(result.warnings) == 2
    assert "is not in the project" in result.warnings[0]


def test_the_commands(sample_project: Project, tmp_path: Path, capsys) -> None:
    annotated(sample_project)
    path = str(sample_project.path)
    assert main(["export", "--format", "w3c", "-o", "-", "--project", path]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2
    out = tmp_path / "a.jsonld"
    assert main(["export", "--format", "w3c", "-o", str(out), "--project", path]) == 0
    other = str(tmp_path / "o.wbproj")
    assert main(["import", str(SAMPLE), str(out), "--project", other]) == 0
    assert "a.jsonld: 2 annotations" in capsys.readouterr().out


def test_positions_count_code_points_outside_the_bmp(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "letter.txt"
    source.write_text("A note 😀 on 𠀀 rare words.\n\nThe troop issue, again.\n", encoding="utf-8")
    import_files(project, [source])
    doc = load_document(project.db, list_documents(project.db)[0].id)
    start = doc.text.index("troop issue")
    create_span(project, doc.id, start, start + 11, tag_paths=["Troops"], note="🎯", author="ada")
    path = tmp_path / "notes.jsonld"
    path.write_bytes(export_annotations(project.db, "test"))
    (item,) = json.loads(path.read_text(encoding="utf-8"))["first"]["items"]
    position = item["target"]["selector"][1]
    assert (position["start"], position["end"]) == (start, start + 11) == (30, 41)  # not UTF-16 units (32, 43)
    project.db.execute("DELETE FROM spans")
    result = import_annotations(project, path).value
    assert result.warnings == []
    (span,) = load_spans(project.db)
    assert (span.start, span.end, span.quote, span.note) == (30, 41, "troop issue", "🎯")


def test_the_collection_and_its_page_have_ids_and_the_generator_is_an_agent(sample_project) -> None:
    # Web Annotation Data Model §5.1/§5.2: a collection and a page MUST have an id; a generator is an Agent.
    import json as json_

    from workbench.exchange.w3c import export_annotations
    from workbench.ops.spans import create_span
    from workbench.storage import list_documents, load_document

    (summary,) = list_documents(sample_project.db)
    text = load_document(sample_project.db, summary.id).text
    start = text.index("a balking GVN")
    create_span(sample_project, summary.id, start, start + 13, tag_paths=["GVN"])
    data = json_.loads(export_annotations(sample_project.db, "test"))
    assert data["id"].startswith("urn:uuid:") and data["first"]["id"].startswith("urn:uuid:")
    assert data["first"]["partOf"] == data["id"] and data["first"]["id"] != data["id"]
    assert data["generator"]["type"] == "Software" and data["generator"]["name"].startswith("Workbench")
    assert all(item["motivation"] == "highlighting" for item in data["first"]["items"])
    assert json_.loads(export_annotations(sample_project.db, "test"))["id"] == data["id"]  # stable
