"""Theme queries and tag co-occurrence across documents."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict

import pytest

from workbench.analysis.themes import Query, Relation, across_documents, cooccurrence, run, timeline
from workbench.cli import main
from workbench.model.annotation import TagTree
from workbench.ops.documents import import_files
from workbench.ops.spans import create_span
from workbench.sample import import_sample
from workbench.storage import Project, list_documents, load_document
from workbench.storage.annotations import load_places, load_tags

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


def test_the_matrix_is_what_comparing_every_pair_of_highlights_gives(tmp_path) -> None:
    """Many overlapping highlights in the text and in a footnote, with tags, sub-tags and two tags on
    one: every cell counts, and lists, exactly the pairs a comparison of every two highlights finds
    (the sweep counts pairs by their sets of tags, and adds each set's count to its tags' cells)."""
    rng = random.Random(1972)
    sample_project = Project.open(tmp_path / "pairs.wbproj", create=True)
    import_sample(sample_project)
    doc = load_document(sample_project.db, list_documents(sample_project.db)[0].id)
    paths = ["Troops", "Troops/Withdrawal", "Troops/North", "GVN", "GVN/Thieu", "Prisoners"]
    texts = {None: 700, 1: len(doc.notes[0].text)}  # a stretch of the text (dense), and note 1
    for _ in range(160):
        note_n = rng.choice([None, None, None, 1])
        start = rng.randrange(texts[note_n] - 5)
        end = min(texts[note_n], start + rng.randint(1, 120))
        create_span(
            sample_project, doc.id, start, end, note_n=note_n, tag_paths=rng.sample(paths, rng.choice([1, 1, 2]))
        )
    tree = TagTree(load_tags(sample_project.db))
    chosen = [tag.id for tag in tree]
    places = load_places(sample_project.db)
    theme = {p.id: {c for c in chosen if set(p.tag_ids) & tree.subtree(c)} for p in places}
    expected: Counter = Counter()
    cells: dict = defaultdict(set)
    for x in places:
        for a in theme[x.id]:
            for b in theme[x.id]:
                expected[(a, b)] += 1
                if a != b:
                    cells[(a, b)].add((x.id, x.id))
        for y in places:
            if x.id != y.id and (x.note_n == y.note_n) and x.start < y.end and y.start < x.end:
                for a in theme[x.id]:
                    for b in theme[y.id] - {a}:
                        expected[(a, b)] += 1
                        cells[(a, b)].add((x.id, y.id))
    matrix = cooccurrence(sample_project.db)
    assert matrix.counts == expected and len(expected) > 20
    for a in chosen:
        for b in chosen:
            if a != b:
                assert sorted(matrix.pairs.get((a, b), [])) == sorted(cells[(a, b)])
                assert ((a, b) in matrix.pairs) == bool(cells[(a, b)])
    assert (chosen[0], chosen[0]) not in matrix.pairs  # a tag's own cell lists no pairs
    sample_project.close()


def test_a_themes_passages_come_in_the_projects_order_of_documents(project: Project, tmp_path) -> None:
    """Documents' ids are random: a theme's passages follow the documents list, not their ids."""
    for i in range(6):
        (tmp_path / f"memo-{i}.txt").write_text(f"Memo {i}\n\nThe troops waited at the border, memo {i}.\n")
    import_files(project, sorted(tmp_path.glob("memo-*.txt")))
    documents = list_documents(project.db)
    for doc in documents:
        start = load_document(project.db, doc.id).text.index("troops")
        create_span(project, doc.id, start, start + 6, tag_paths=["Troops"])
    positions = {doc.id: i for i, doc in enumerate(documents)}
    found = [positions[span.doc_id] for span in run(project.db, Query("Troops"))]
    assert found == sorted(found) and set(found) == set(positions.values())
