"""Full-text search: queries, keyword-in-context hits with pages, and an index that follows every change."""

from __future__ import annotations

import json

import pytest

from workbench.cli import main
from workbench.ops import history as hist
from workbench.ops.spans import create_span, set_span_note
from workbench.ops.tags import create_tag, rename_tag
from workbench.storage import Project, list_documents, load_document
from workbench.storage.search import search


@pytest.fixture
def doc(sample_project: Project):
    return load_document(sample_project.db, list_documents(sample_project.db)[0].id)


def places(project: Project, query: str) -> list[tuple[str, str | None, str]]:
    return [(h.kind, h.page, h.context[h.marked[0] : h.marked[1]]) for h in search(project.db, query)]


def test_words_phrases_prefixes_and_booleans(sample_project: Project, doc) -> None:
    assert places(sample_project, '"balking GVN"') == [("text", "446", "balking GVN")]
    assert len(places(sample_project, "GVN")) == 11
    assert {m for _, _, m in places(sample_project, "negotiat*")} == {"negotiations", "negotiating", "negotiation"}
    assert places(sample_project, "Thieu NOT GVN") == []  # the only document has both
    assert places(sample_project, "Kennedy") == [("note", "444", "Kennedy"), ("note", "448", "Kennedy")]
    assert places(sample_project, "AND") == [] and places(sample_project, "") == []


def test_half_typed_queries_search_the_words(sample_project: Project) -> None:
    assert places(sample_project, '"balking GV') == []  # an unclosed phrase: its words, as far as typed
    assert places(sample_project, '"balking') != []


def test_hits_give_exact_offsets_and_context(sample_project: Project, doc) -> None:
    (hit,) = search(sample_project.db, '"troop issue"')
    assert doc.text[hit.start : hit.end] == "troop issue"
    assert hit.context.startswith("…") and "On the troop issue, the GVN does have a case." in hit.context
    assert hit.context[hit.marked[0] : hit.marked[1]] == "troop issue"


def test_the_index_follows_notes_tags_and_undo(sample_project: Project, doc) -> None:
    start = doc.text.index("MR–1")
    span = create_span(
        sample_project, doc.id, start, start + 4, tag_paths=["Geography"], note="Quixotic region one"
    ).value
    assert places(sample_project, "quixotic") == [("span", "446", "Quixotic")]
    set_span_note(sample_project, span, "The zanzibar provinces")
    assert places(sample_project, "quixotic") == [] and places(sample_project, "zanzibar")[0][0] == "span"
    tag = create_tag(sample_project, "Prisoners of war").value
    assert ("tag", None, "Prisoners") in places(sample_project, "prisoners")
    rename_tag(sample_project, tag, "POWs")
    assert ("tag", None, "POWs") in places(sample_project, "POWs")
    hist.undo(sample_project)
    hist.undo(sample_project)
    assert [p for p in places(sample_project, "prisoners") if p[0] == "tag"] == []
    hist.undo(sample_project)
    assert places(sample_project, "quixotic") == [("span", "446", "Quixotic")]


def test_the_search_command(sample_project: Project, capsys) -> None:
    assert main(["search", '"balking GVN"', "--json", "--project", str(sample_project.path)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert set(row) == {"doc", "start", "end", "page", "context"} and row["page"] == "446"


def test_a_word_found_without_its_accents_is_shown_where_it_stands(project: Project, tmp_path) -> None:
    """The index folds diacritics; the hit is placed by the index too, so "Hue" shows "Huế"."""
    from workbench.ops.documents import import_files

    source = tmp_path / "hue.txt"
    source.write_text("Cable from Saigon\n\nThe fighting in Huế went on. Hué, again; and HUE in capitals.\n")
    import_files(project, [source])
    (doc,) = list_documents(project.db)
    text = load_document(project.db, doc.id).text
    hits = search(project.db, "Hue")
    assert [text[h.start : h.end] for h in hits] == ["Huế", "Hué", "HUE"]
    assert [h.context[h.marked[0] : h.marked[1]] for h in hits] == ["Huế", "Hué", "HUE"]
    assert [text[h.start : h.end] for h in search(project.db, '"in Hue"')] == ["in Huế"]


def test_every_note_of_a_long_document_is_searchable(project: Project, tmp_path) -> None:
    """Notes are written many to a statement (``insert_rows``): the first, the last of a statement,
    the first of the next and the very last are all in the index, each in its own note."""
    from workbench.ops.documents import import_files
    from workbench.storage.documents import ROWS_A_STATEMENT

    count = 2 * ROWS_A_STATEMENT + 3
    body = " ".join(f"Point {n}.{n}" for n in range(1, count + 1))
    notes = "\n".join(f"  {n}. Source: file word{n}x." for n in range(1, count + 1))
    (tmp_path / "many.txt").write_text(f"7. Memorandum of Many Points\n\n{body}\n\n{notes}\n", encoding="utf-8")
    import_files(project, [tmp_path / "many.txt"])
    for n in (1, ROWS_A_STATEMENT, ROWS_A_STATEMENT + 1, count):
        assert [(hit.kind, hit.note_n) for hit in search(project.db, f"word{n}x")] == [("note", n)]


def test_searching_reads_a_few_texts_not_one_per_hit(project: Project, tmp_path) -> None:
    """Search as you type: the statements run do not grow with the documents that match."""
    from workbench.ops.documents import import_files

    for i in range(40):
        (tmp_path / f"d{i}.txt").write_text(f"Memo {i}\n\nThe negotiations went on; the GVN waited.\n")
    import_files(project, sorted(tmp_path.glob("d*.txt")))
    statements: list[str] = []
    fts5_own = ("--", "PRAGMA 'main'.data_version", "SELECT k, v FROM 'main'.")  # its trace, and its settings
    project.db.conn.set_trace_callback(lambda sql: sql.startswith(fts5_own) or statements.append(sql))  # not FTS5's own
    hits = search(project.db, "negotiations")
    project.db.conn.set_trace_callback(None)
    assert len(hits) == 40
    # whether to rank; 5 kinds of row, best first, 16 then 32 … at a time; places and pages, 16 rows at a time
    assert len(statements) <= 16, statements
    assert not any("SELECT text FROM documents" in s for s in statements)
