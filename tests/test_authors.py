"""Every change records its author: new highlights, notes and tags, and each later edit."""

from __future__ import annotations

import pytest

from workbench.ops import author
from workbench.ops.memos import create_memo, update_memo
from workbench.ops.spans import add_tags, create_span, resize_span, set_span_note
from workbench.ops.tags import create_tag, rename_tag
from workbench.storage import Project, list_documents


def who(project: Project, table: str, row_id: int) -> tuple[str, str]:
    return project.db.execute(f"SELECT author, modified_by FROM {table} WHERE id = ?", [row_id]).fetchone()


@pytest.fixture
def as_ada(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(author, "_name", "ada")


def test_each_change_says_who_made_it(sample_project: Project, as_ada, monkeypatch) -> None:
    doc_id = list_documents(sample_project.db)[0].id
    span = create_span(sample_project, doc_id, 100, 120, tag_paths=["Troops"]).value
    tag = create_tag(sample_project, "GVN").value
    memo = create_memo(sample_project, "Questions", "Who drafted it?").value
    assert who(sample_project, "spans", span) == who(sample_project, "memos", memo) == ("ada", "ada")
    assert who(sample_project, "tags", tag) == ("ada", "ada")

    author.set_author(" bo ")
    assert author.author() == "bo"
    set_span_note(sample_project, span, "bo’s reading")
    rename_tag(sample_project, tag, "GVN resistance")
    update_memo(sample_project, memo, text="Haig, probably.")
    assert who(sample_project, "spans", span) == who(sample_project, "memos", memo) == ("ada", "bo")
    assert who(sample_project, "tags", tag) == ("ada", "bo")

    monkeypatch.setattr(author, "_name", "cy")
    add_tags(sample_project, [span], tag)
    assert who(sample_project, "spans", span) == ("ada", "cy")
    monkeypatch.setattr(author, "_name", "dee")
    resize_span(sample_project, span, 100, 125)
    assert who(sample_project, "spans", span) == ("ada", "dee")


def test_without_a_name_the_login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(author, "_name", "")
    assert author.author() == author.login_name() != ""


def test_the_listing_says_who_edited_a_highlight(sample_project: Project, monkeypatch, capsys) -> None:
    from workbench.cli import main
    from workbench.storage.annotations import load_spans

    doc_id = list_documents(sample_project.db)[0].id
    monkeypatch.setattr(author, "_name", "ada")
    span = create_span(sample_project, doc_id, 100, 120, tag_paths=["Troops"]).value
    assert load_spans(sample_project.db, doc_id)[0].modified_by == "ada"
    main(["annotations", "--json", "--project", str(sample_project.path)])
    assert "modified_by" not in capsys.readouterr().out  # the author's own edits go unsaid
    monkeypatch.setattr(author, "_name", "bo")
    set_span_note(sample_project, span, "bo’s reading")
    main(["annotations", "--json", "--project", str(sample_project.path)])
    assert '"modified_by": "bo"' in capsys.readouterr().out
