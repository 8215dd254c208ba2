"""Coding comparison between two authors: figures worked out by hand on the sample."""

from __future__ import annotations

import json
import random
from itertools import pairwise

import pytest

from workbench.analysis.agreement import _compare_ranges, _merged, authors, compare
from workbench.cli import main
from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents
from workbench.storage.documents import load_document


@pytest.fixture
def coded(sample_project: Project) -> Project:
    """ada codes [100, 200) Troops and [500, 510) Troops/Withdrawal; bo codes [150, 262) Troops."""
    doc_id = list_documents(sample_project.db)[0].id
    create_span(sample_project, doc_id, 100, 200, tag_paths=["Troops"], author="ada")
    create_span(sample_project, doc_id, 500, 510, tag_paths=["Troops/Withdrawal"], author="ada")
    create_span(sample_project, doc_id, 150, 262, tag_paths=["Troops"], author="bo")
    create_span(sample_project, doc_id, 120, 130, tag_paths=["Troops"], author="cy")  # not compared
    return sample_project


def test_figures_per_tag_with_sub_tags(coded: Project) -> None:
    doc = load_document(coded.db, list_documents(coded.db)[0].id)
    troops, withdrawal = compare(coded.db, "ada", "bo")
    assert (troops.tag, troops.both, troops.only_first, troops.only_second) == ("Troops", 50, 60, 62)
    assert troops.total == len(doc.text)
    assert troops.overlap == pytest.approx(100 * 50 / 172)
    assert troops.agreement == pytest.approx(100 * (len(doc.text) - 122) / len(doc.text))
    assert troops.passages == [
        (doc.id, None, 100, 150, "ada"),
        (doc.id, None, 150, 200, "both"),
        (doc.id, None, 200, 262, "bo"),
        (doc.id, None, 500, 510, "ada"),
    ]
    assert (withdrawal.tag, withdrawal.both, withdrawal.only_first, withdrawal.only_second) == (
        "Troops/Withdrawal", 0, 10, 0,
    )  # fmt: skip
    assert withdrawal.overlap == 0.0


def test_authors_and_the_command(coded: Project, capsys) -> None:
    assert authors(coded.db) == ["ada", "bo", "cy"]
    assert main(["agreement", "ada", "bo", "--json", "--project", str(coded.path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["tag"], r["both"], round(r["overlap"], 1)) for r in rows] == [
        ("Troops", 50, 29.1),
        ("Troops/Withdrawal", 0, 0.0),
    ]
    assert main(["agreement", "ada", "zed", "--project", str(coded.path)]) == 1
    assert "no highlights by zed" in capsys.readouterr().err


def test_the_sweep_matches_counting_characters_one_by_one() -> None:
    rng = random.Random(7)
    for _ in range(300):
        a = _merged([(s, s + rng.randint(1, 30)) for s in (rng.randint(0, 200) for _ in range(rng.randint(0, 8)))])
        b = _merged([(s, s + rng.randint(1, 30)) for s in (rng.randint(0, 200) for _ in range(rng.randint(0, 8)))])
        in_a = {x for s, e in a for x in range(s, e)}
        in_b = {x for s, e in b for x in range(s, e)}
        pieces = _compare_ranges(a, b, "a", "b")
        labelled = {x: who for s, e, who in pieces for x in range(s, e)}
        assert labelled == {x: "both" if x in in_a and x in in_b else "a" if x in in_a else "b" for x in in_a | in_b}
        assert all(p[1] < q[0] or p[2] != q[2] for p, q in pairwise(pieces))
