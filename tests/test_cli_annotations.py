"""The annotation commands: annotate, annotations, tags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.sample import SAMPLE


@pytest.fixture
def project_path(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "cli.wbproj")
    assert main(["import", str(SAMPLE), "--project", path]) == 0
    capsys.readouterr()
    return path


def run_json(capsys, *argv: str):
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_annotate_across_a_page_break_then_list(capsys, project_path: str) -> None:
    row = run_json(capsys, "annotate", "124", "--quote", "northern part of South Vietnam. How, he asked",
                   "--tag", "Troops/North Vietnamese", "--note", "Le Duc Tho's question", "--project", project_path)  # fmt: skip
    assert (row["page_start"], row["page_end"]) == ("444", "445")
    assert row["tags"] == ["Troops/North Vietnamese"]
    listed = run_json(capsys, "annotations", "124", "--project", project_path)
    assert listed == [row]
    assert set(row) == {"id", "doc", "start", "end", "quote", "tags", "note", "page_start", "page_end", "author"}
    shown = run_json(capsys, "show", "124", "--project", project_path)
    assert shown["text"][row["start"] : row["end"]] == row["quote"] == "northern part of South Vietnam. How, he asked"


def test_occurrence_several_tags_and_the_tree_with_counts(capsys, project_path: str) -> None:
    third = run_json(capsys, "annotate", "124", "--quote", "GVN", "--occurrence", "3", "--tag", "GVN resistance",
                     "--tag", "Troops", "--project", project_path)  # fmt: skip
    first = run_json(
        capsys, "annotate", "124", "--quote", "GVN", "--tag", "GVN resistance/Structure", "--project", project_path
    )
    assert first["start"] < third["start"]
    assert third["tags"] == ["GVN resistance", "Troops"]
    tree = run_json(capsys, "tags", "--project", project_path)
    gvn = next(t for t in tree if t["name"] == "GVN resistance")
    assert (gvn["count"], gvn["total"], gvn["key"]) == (1, 2, 1)
    assert gvn["children"][0]["path"] == "GVN resistance/Structure"
    assert [t["name"] for t in tree] == ["GVN resistance", "Troops"]


def test_the_same_quote_twice_adds_to_one_span(capsys, project_path: str) -> None:
    a = run_json(capsys, "annotate", "124", "--quote", "MR–1", "--tag", "A", "--project", project_path)
    b = run_json(capsys, "annotate", "124", "--quote", "MR–1", "--tag", "B", "--project", project_path)
    assert a["id"] == b["id"] and b["tags"] == ["A", "B"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--quote", "words that are not there"], "the quote is not in the text: 'words that are not there'"),
        (["--quote", "GVN", "--occurrence", "40"], "the quote occurs 11 time(s), not 40: 'GVN'"),
        (["--quote", "GVN", "--tag", "A/"], None),
        (["--quote", "GVN", "--tag", "/"], "a tag needs a name"),
    ],
)
def test_bad_annotations_exit_non_zero_with_one_line(capsys, project_path: str, argv: list[str], message) -> None:
    code = main(["annotate", "124", *argv, "--project", project_path])
    out, err = capsys.readouterr()
    if message is None:  # a trailing "/" is forgiven: the path is "A"
        assert code == 0
        return
    assert code == 1 and out == ""
    assert err.strip() == f"workbench: {message}"
    assert json.loads(_listing(capsys, project_path)) == []


def _listing(capsys, project_path: str) -> str:
    main(["annotations", "--json", "--project", project_path])
    return capsys.readouterr().out


def test_plain_listings(capsys, project_path: str) -> None:
    main(["annotate", "124", "--quote", "Warm regards", "--tag", "Tone", "--note", "warm", "--project", project_path])
    capsys.readouterr()
    main(["annotations", "--project", project_path])
    assert "p. 448" in capsys.readouterr().out
    main(["tags", "--project", project_path])
    assert capsys.readouterr().out == "[1] Tone  1\n"
