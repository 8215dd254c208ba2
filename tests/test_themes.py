"""Theme queries and tag co-occurrence across documents."""

from __future__ import annotations

import json

import pytest

from workbench.analysis.themes import Query, Relation, across_documents, cooccurrence, run, timeline
from workbench.cli import main
from workbench.ops.documents import import_files
from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents, load_document
from workbench.storage.annotations import load_tags

from .conftest import DATA


@pytest.fixture
def project(sample_project: Project) -> Project:
    """Troops and GVN (with a sub-tag) in the sample: one overlap, one passage with both, one apart."""
    import_files(sample_project, [DATA / "frus-quotes-parens.txt"])
    memo = load_document(sample_project.db, list_documents(sample_project.db)[0].id)
    other = load_document(sample_project.db, list_documents(sample_project.db)[1].id)

    def mark(doc, first: str, last: str, *tags: str) -> None:
        start = doc.text.index(first)
        create_span(sample_project, doc.id, start, doc.text.index(last, start) + len(last), tag_paths=list(tags))

    mark(memo, "On the troop issue", "does have a case.", "Troops")  # overlaps the next
    mark(memo, "the GVN does have a case", "However I am convinced", "GVN/Resistance")
    mark(memo, "a balking GVN", "a balking GVN", "GVN", "Troops")  # one passage, both tags
    mark(memo, "Warm regards", "Warm regards", "Troops")  # alone, its own paragraph
    mark(other, "3 divisions were massed", "near the DMZ", "Troops")  # another document
    mark(other, "the DMZ", "the DMZ", "GVN")  # overlaps it
    return sample_project


def quotes(spans) -> list[str]:
    return sorted(span.quote for span in spans)


def test_tag_alone_and_with_sub_tags(project: Project) -> None:
    assert len(run(project.db, Query("Troops"))) == 4
    assert len(run(project.db, Query("GVN"))) == 3  # GVN/Resistance counts for GVN


def test_overlapping_same_paragraph_and_not(project: Project) -> None:
    overlap = run(project.db, Query("Troops", Relation.OVERLAPS, "GVN"))
    assert quotes(overlap) == [
        "3 divisions were massed near the DMZ",
        "On the troop issue, the GVN does have a case.",
        "a balking GVN",
    ]
    assert quotes(run(project.db, Query("Troops", Relation.NOT, "GVN"))) == ["Warm regards"]
    same = run(project.db, Query("GVN", Relation.SAME_PARAGRAPH, "Troops"))
    assert len(same) == 3


def test_cooccurrence_matrix_and_its_cells(project: Project) -> None:
    tags = {t.name: t.id for t in load_tags(project.db)}
    matrix = cooccurrence(project.db, [tags["Troops"], tags["GVN"]])
    troops, gvn = tags["Troops"], tags["GVN"]
    assert matrix.count(troops, troops) == 4 and matrix.count(gvn, gvn) == 3
    assert matrix.count(troops, gvn) == matrix.count(gvn, troops) == 3  # two overlaps and one shared passage
    assert len(matrix.pairs[(troops, gvn)]) == 3


def test_timeline_by_document_date_and_across_documents(project: Project) -> None:
    assert timeline(project.db, "Troops") == [("", 1), ("1972-11-24", 3)]
    assert across_documents(project.db, "Troops") == [("124", 3), ("17", 1)]
    assert across_documents(project.db, "GVN/Resistance") == [("124", 1), ("17", 0)]


def test_the_query_command(project: Project, capsys) -> None:
    assert main(["query", "--tag", "Troops", "--and-tag", "GVN", "--json", "--project", str(project.path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3 and all("Troops" in row["tags"] for row in rows)
    assert main(["query", "--tag", "Nope", "--project", str(project.path)]) == 1
    assert "no tag 'Nope'" in capsys.readouterr().err


def test_the_matrix_is_the_same_whichever_way_the_tags_are_read(project: Project, monkeypatch) -> None:
    """Overlapping highlights' tags read by id, or in one pass over all of them: the same counts."""
    from workbench.analysis import themes

    by_id = cooccurrence(project.db)
    monkeypatch.setattr(themes, "_MOST", 0)
    in_one_pass = cooccurrence(project.db)
    assert by_id.counts == in_one_pass.counts and by_id.counts
    tags = {t.name: t.id for t in load_tags(project.db)}
    assert by_id.pairs[(tags["Troops"], tags["GVN"])] == in_one_pass.pairs[(tags["Troops"], tags["GVN"])]
    assert (tags["Troops"], tags["Troops"]) not in by_id.pairs  # a tag's own cell lists no pairs
