"""The command line: import, list, show; --project before or after; one clear line on failure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import build_parser, main
from workbench.sample import SAMPLE

from .conftest import DATA


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project_path(tmp_path: Path) -> str:
    return str(tmp_path / "cli.wbproj")


def test_import_prints_each_document(capsys, project_path: str) -> None:
    code, out, err = run(
        capsys, "import", str(SAMPLE), str(DATA / "frus-editorial-roman.txt"), "--project", project_path
    )
    assert code == 0, err
    assert out.splitlines() == [
        "124. Message From the President’s Assistant for National Security Affairs (Kissinger) to President Nixon"
        " — pp. 444–448, 6 notes",
        "3. Editorial Note — pp. xi–xiii, 1 notes",
    ]


def test_list_json_and_project_before_the_command(capsys, project_path: str) -> None:
    run(capsys, "--project", project_path, "import", str(SAMPLE))
    code, out, _ = run(capsys, "--project", project_path, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 1
    assert set(rows[0]) == {"id", "number", "title", "date"}
    assert (rows[0]["number"], rows[0]["date"]) == ("124", "1972-11-24")


def test_show_json_by_number_and_by_id(capsys, project_path: str) -> None:
    run(capsys, "import", str(SAMPLE), "--project", project_path)
    code, out, _ = run(capsys, "show", "124", "--json", "--project", project_path)
    assert code == 0
    shown = json.loads(out)
    assert set(shown) == {"id", "number", "title", "metadata", "text", "blocks", "pages", "first_page", "notes"}
    assert shown["first_page"] == "444"
    assert shown["pages"][0]["n"] == "445"
    assert shown["text"][shown["pages"][0]["start"] :].startswith("How, he asked")
    assert shown["notes"][1] == {"n": 2, "anchor": shown["notes"][1]["anchor"], "text": "See Document 122."}
    assert shown["blocks"][0] == {"kind": "heading", "start": 0, "end": shown["notes"][0]["anchor"]}
    assert shown["metadata"]["event-place"] == "Paris"
    code, by_id, _ = run(capsys, "--project", project_path, "show", shown["id"], "--json")
    assert code == 0 and json.loads(by_id) == shown


def test_show_plain(capsys, project_path: str) -> None:
    run(capsys, "import", str(SAMPLE), "--project", project_path)
    code, out, _ = run(capsys, "show", "124", "--project", project_path)
    assert code == 0
    assert out.startswith("124. Message From")
    assert "Hakto 25. Please immediately pass" in out


def test_an_ambiguous_number_asks_for_an_id(capsys, project_path: str) -> None:
    run(capsys, "import", str(SAMPLE), "--project", project_path)
    run(capsys, "import", str(SAMPLE), "--again", "--project", project_path)
    code, _, err = run(capsys, "show", "124", "--project", project_path)
    assert code == 1
    assert "'124' names 2 documents; give an id" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "7"], "no document '7'"),
        (["list", "--project", "/nonexistent/dir/p.wbproj"], "no project file here"),
        (["list", "--project", str(SAMPLE)], "not a Workbench project"),
    ],
)
def test_failures_are_one_line(capsys, project_path: str, argv: list[str], message: str) -> None:
    run(capsys, "import", str(SAMPLE), "--project", project_path)
    if "--project" not in argv:
        argv = [*argv, "--project", project_path]
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_a_bad_file_is_reported_and_the_good_ones_imported(capsys, project_path: str, tmp_path: Path) -> None:
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.4 binary")
    code, out, err = run(capsys, "import", str(bad), str(SAMPLE), "--project", project_path)
    assert code == 1
    assert err.strip() == "workbench: cannot import scan.txt: this PDF is damaged or not a PDF (data format error)"
    assert "124. Message" in out
    _, listed, _ = run(capsys, "list", "--json", "--project", project_path)
    assert len(json.loads(listed)) == 1


def test_every_command_has_help() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    for name, sub in commands.items():
        assert sub.description, f"{name} lacks a description"


def test_python_dash_m_and_version(project_path: str) -> None:
    done = subprocess.run([sys.executable, "-m", "workbench", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("Workbench ")
    done = subprocess.run([sys.executable, "-m", "workbench", "list", "--project", project_path],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().endswith("no project file here")
