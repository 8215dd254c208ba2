"""Spans, tags and memos in the core: every command, its undo and redo, and what survives a reopen."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.model.annotation import TagTree
from workbench.ops import history as hist
from workbench.ops.errors import OperationError
from workbench.ops.memos import create_memo, set_document_memo, update_memo
from workbench.ops.spans import add_tags, create_span, delete_spans, remove_tag, resize_span, set_span_note, toggle_tag
from workbench.ops.tags import (
    create_tag,
    delete_tag,
    merge_tags,
    move_tag,
    rename_tag,
    set_tag_color,
    set_tag_key,
)
from workbench.sample import import_sample
from workbench.storage import Project, list_documents, load_document
from workbench.storage.annotations import (
    load_memos,
    load_places,
    load_spans,
    load_tags,
    search_notes,
    spans_overlapping,
    tag_counts,
)


def snapshot(project: Project) -> dict[str, list]:
    """Every row of every table an operation can touch, to compare states exactly."""
    return {t: sorted(map(tuple, project.db.execute(f"SELECT * FROM {t}").fetchall()), key=repr)
            for t in ("documents", "tags", "spans", "span_tags", "memos", "notes", "blocks", "pages", "inlines")}  # fmt: skip


@pytest.fixture
def doc(sample_project: Project):
    return load_document(sample_project.db, list_documents(sample_project.db)[0].id)


@pytest.fixture
def troops(sample_project: Project):
    return create_tag(sample_project, "Troops").value


def between(doc, first: str, last: str) -> tuple[int, int]:
    start = doc.text.index(first)
    return start, doc.text.index(last, start) + len(last)


def assert_undo_redo(project: Project, before: dict, label: str) -> None:
    after = snapshot(project)
    assert hist.history(project).undo_label == label
    hist.undo(project)
    assert snapshot(project) == before
    hist.redo(project)
    assert snapshot(project) == after


def test_a_span_across_paragraphs_and_a_page_break(sample_project: Project, doc, troops) -> None:
    start, end = between(doc, "the northern part of South Vietnam.", "How, he asked")
    span_id = create_span(sample_project, doc.id, start, end, tag_ids=[troops], note="crosses 444–445").value
    (span,) = load_spans(sample_project.db, doc.id)
    assert span.id == span_id and span.tag_ids == (troops,)
    assert span.quote == "the northern part of South Vietnam. How, he asked"
    assert doc.text[span.start - 32 : span.start] == span.prefix and len(span.prefix) == 32
    assert span.suffix == doc.text[span.end : span.end + 32]
    assert (doc.pages.page_at(span.start), doc.pages.page_at(span.end - 1)) == ("444", "445")
    assert span.author and span.created and span.modified


def test_selection_is_trimmed_and_empty_refused(sample_project: Project, doc, troops) -> None:
    start, end = between(doc, "Begin text:", "Begin text:")
    span_id = create_span(sample_project, doc.id, start - 1, end + 1, tag_ids=[troops]).value
    assert load_spans(sample_project.db, doc.id)[0].quote == "Begin text:"
    assert span_id
    with pytest.raises(OperationError, match="no text"):
        create_span(sample_project, doc.id, end, end + 1, tag_ids=[troops])


def test_overlapping_and_nested_spans_and_the_overlap_query(sample_project: Project, doc, troops) -> None:
    gvn = create_tag(sample_project, "GVN resistance").value
    outer = create_span(sample_project, doc.id, *between(doc, "We thus have", "a balking GVN."), tag_ids=[gvn]).value
    inner = create_span(sample_project, doc.id, *between(doc, "a balking GVN", "a balking GVN"), tag_ids=[troops]).value
    other = create_span(sample_project, doc.id, *between(doc, "Warm regards", "Warm regards"), tag_ids=[troops]).value
    a, b = between(doc, "On the other hand, we face", "problem of")
    assert {s.id for s in spans_overlapping(sample_project.db, doc.id, a, b)} == {outer}
    a, b = between(doc, "balking", "balking")
    assert {s.id for s in spans_overlapping(sample_project.db, doc.id, a, b)} == {outer, inner}
    assert other not in {s.id for s in spans_overlapping(sample_project.db, doc.id, 0, a)}


def test_keys_on_the_same_selection_add_tags_then_take_them_off(sample_project: Project, doc, troops) -> None:
    gvn = create_tag(sample_project, "GVN").value
    a, b = between(doc, "On the troop issue", "does have a case.")
    first = toggle_tag(sample_project, doc.id, a, b, troops).value
    second = toggle_tag(sample_project, doc.id, a, b, gvn).value
    assert first == second
    assert load_spans(sample_project.db, doc.id)[0].tag_ids == tuple(sorted((troops, gvn)))
    assert hist.history(sample_project).undo_label == "Tag 'GVN'"
    toggle_tag(sample_project, doc.id, a, b, gvn)
    assert hist.history(sample_project).undo_label == "Untag 'GVN'"
    toggle_tag(sample_project, doc.id, a, b, troops)  # no tag and no note left: the span goes
    assert load_spans(sample_project.db, doc.id) == []


def test_undo_and_redo_of_span_commands(sample_project: Project, doc, troops) -> None:
    gvn = create_tag(sample_project, "GVN").value
    before = snapshot(sample_project)
    span = create_span(sample_project, doc.id, *between(doc, "Thieu", "stalling pattern"), tag_ids=[troops]).value
    assert_undo_redo(sample_project, before, "Tag 'Troops'")

    for label, command in [
        ("Tag 'GVN'", lambda: add_tags(sample_project, [span], gvn)),
        ("Untag 'Troops'", lambda: remove_tag(sample_project, [span], troops)),
        ("Edit Note", lambda: set_span_note(sample_project, span, "Kissinger on *Thieu*.")),
        ("Resize Highlight", lambda: resize_span(sample_project, span, *between(doc, "Thieu is in", "pattern."))),
        ("Delete Highlight", lambda: delete_spans(sample_project, [span])),
    ]:
        before = snapshot(sample_project)
        command()
        assert snapshot(sample_project) != before, label
        assert_undo_redo(sample_project, before, label)


def test_resize_keeps_quote_and_context_in_step(sample_project: Project, doc, troops) -> None:
    span = create_span(sample_project, doc.id, *between(doc, "Haig", "Haig"), tag_ids=[troops]).value
    resize_span(sample_project, span, *between(doc, "Haig and I", "Xuan Thuy"))
    (stored,) = load_spans(sample_project.db, doc.id)
    assert stored.quote == "Haig and I have met with Le Duc Tho and Xuan Thuy"
    assert stored.suffix == doc.text[stored.end : stored.end + 32]


def test_undo_and_redo_of_tag_commands(sample_project: Project, doc, troops) -> None:
    parent = create_tag(sample_project, "Negotiations").value
    gvn = create_tag(sample_project, "GVN").value
    create_span(sample_project, doc.id, *between(doc, "a balking GVN", "a balking GVN"), tag_ids=[gvn, troops])
    create_span(sample_project, doc.id, *between(doc, "Warm regards", "Warm regards"), tag_ids=[gvn])
    for label, command in [
        ("New Tag 'Prisoners'", lambda: create_tag(sample_project, "Prisoners", parent_id=parent)),
        ("Rename Tag 'Troops'", lambda: rename_tag(sample_project, troops, "Troop issue")),
        ("Recolour Tag 'GVN'", lambda: set_tag_color(sample_project, gvn, "#123456")),
        ("Set Key of Tag 'GVN'", lambda: set_tag_key(sample_project, gvn, 9)),
        ("Move Tag 'GVN'", lambda: move_tag(sample_project, gvn, parent, 0)),
        ("Merge 'GVN' into 'Troop issue'", lambda: merge_tags(sample_project, gvn, troops)),
        ("Delete Tag 'Negotiations'", lambda: delete_tag(sample_project, parent, keep_spans=False)),
    ]:
        before = snapshot(sample_project)
        command()
        assert_undo_redo(sample_project, before, label)


def test_tag_tree_paths_counts_and_moves(sample_project: Project, doc, troops) -> None:
    parent = create_tag(sample_project, "Negotiations").value
    child = create_tag(sample_project, "Prisoners", parent_id=parent).value
    create_span(sample_project, doc.id, *between(doc, "political prisoners", "political prisoners"), tag_ids=[child])
    create_span(sample_project, doc.id, *between(doc, "Hakto 25", "Hakto 25"), tag_ids=[parent])
    tree = TagTree(load_tags(sample_project.db))
    assert tree.path(child) == "Negotiations/Prisoners"
    assert tree.find("negotiations/PRISONERS").id == child
    totals = tree.totals(tag_counts(sample_project.db, doc.id))
    assert (totals[parent], totals[child], totals[troops]) == (2, 1, 0)
    with pytest.raises(OperationError, match="inside itself"):
        move_tag(sample_project, parent, child)
    with pytest.raises(OperationError, match="already a tag 'Prisoners'"):
        create_tag(sample_project, "prisoners", parent_id=parent)
    with pytest.raises(OperationError, match="'/'"):
        create_tag(sample_project, "A/B")


def test_new_tags_get_keys_and_distinct_colours(sample_project: Project) -> None:
    ids = [create_tag(sample_project, f"T{i}").value for i in range(10)]
    tags = {t.id: t for t in load_tags(sample_project.db)}
    assert [tags[i].key for i in ids] == [1, 2, 3, 4, 5, 6, 7, 8, 9, None]
    assert len({tags[i].color for i in ids}) == 10
    set_tag_key(sample_project, ids[9], 1)  # the key moves over
    tags = {t.id: t for t in load_tags(sample_project.db)}
    assert (tags[ids[9]].key, tags[ids[0]].key) == (1, None)


def test_merge_moves_spans_and_subtags(sample_project: Project, doc, troops) -> None:
    army = create_tag(sample_project, "Army").value
    sub = create_tag(sample_project, "NVA", parent_id=army).value
    both = create_span(sample_project, doc.id, *between(doc, "MR–1", "MR–1"), tag_ids=[army, troops]).value
    create_span(sample_project, doc.id, *between(doc, "DMZ", "DMZ"), tag_ids=[army])
    merge_tags(sample_project, army, troops)
    tree = TagTree(load_tags(sample_project.db))
    assert tree.path(sub) == "Troops/NVA"
    spans = load_spans(sample_project.db, doc.id)
    assert all(s.tag_ids == (troops,) for s in spans) and len(spans) == 2
    assert any(s.id == both for s in spans)


@pytest.mark.parametrize(("keep", "left"), [(True, 2), (False, 1)])
def test_delete_tag_keeps_or_removes_the_spans_it_leaves_untagged(
    sample_project: Project, doc, troops, keep: bool, left: int
) -> None:
    gvn = create_tag(sample_project, "GVN").value
    create_span(sample_project, doc.id, *between(doc, "MR–1", "MR–1"), tag_ids=[gvn], note="kept as a note")
    create_span(sample_project, doc.id, *between(doc, "DMZ", "DMZ"), tag_ids=[gvn, troops])
    delete_tag(sample_project, gvn, keep_spans=keep)
    assert len(load_spans(sample_project.db, doc.id)) == left
    assert [t.name for t in load_tags(sample_project.db)] == ["Troops"]


def test_deleting_a_document_cascades_and_undo_restores_everything(sample_project: Project, doc, troops) -> None:
    create_span(sample_project, doc.id, *between(doc, "MR–1", "MR–1"), tag_ids=[troops], note="x")
    before = snapshot(sample_project)

    def work(db):
        db.execute("DELETE FROM documents WHERE id = ?", [doc.id])
        from workbench.ops.changes import OpChanges

        return OpChanges(document_list=True)

    hist.history(sample_project).perform("Delete Document", work)
    assert sample_project.db["spans"].count == 0 and sample_project.db["span_tags"].count == 0
    hist.undo(sample_project)
    assert snapshot(sample_project) == before


def test_import_is_one_undoable_step(project: Project) -> None:
    report = import_sample(project)
    assert hist.history(project).undo_label == "Import Document"
    hist.undo(project)
    assert list_documents(project.db) == [] and project.db["blocks"].count == 0
    hist.redo(project)
    assert [r.id for r in list_documents(project.db)] == [report.imported[0].documents[0].id]


def test_an_import_logs_its_documents_not_each_row_of_their_structure(project: Project, tmp_path: Path) -> None:
    """Undoing an import deletes its documents, and the deletion cascades to their blocks, pages
    and notes: those are not logged row by row. A later step that rewrites the structure of the
    same document (a corrected text) logs it, and every state comes back exactly."""
    from workbench.ops.documents import read_files, replace_document

    empty = snapshot(project)
    import_sample(project)
    imported = snapshot(project)
    logged = project.db.execute("SELECT count(*) FROM temp.undolog").fetchone()[0]
    assert logged < len(imported["blocks"]) + len(imported["notes"])  # the structure was not logged
    doc = list_documents(project.db)[0]
    corrected = tmp_path / "corrected.txt"
    corrected.write_text("A corrected letter\n\n[p. 7]\n\nIts one paragraph.\n\n[p. 8]\n\nAnd another.\n", "utf-8")
    (new,) = read_files([corrected]).imported[0].documents
    replace_document(project, doc.id, new)
    replaced = snapshot(project)
    assert replaced["blocks"] != imported["blocks"]
    hist.undo(project)
    assert snapshot(project) == imported  # the structure the import wrote, back
    hist.undo(project)
    assert snapshot(project) == empty
    hist.redo(project)
    assert snapshot(project) == imported
    hist.redo(project)
    assert snapshot(project) == replaced


def test_a_new_change_after_undo_drops_the_redo(sample_project: Project, troops) -> None:
    history = hist.history(sample_project)
    rename_tag(sample_project, troops, "A")
    history.undo()
    assert history.redo_label == "Rename Tag 'Troops'"
    rename_tag(sample_project, troops, "B")
    assert history.redo_label is None and history.redo() is None


def test_a_failed_operation_changes_nothing_and_leaves_no_step(sample_project: Project, troops) -> None:
    before, steps = snapshot(sample_project), len(hist.history(sample_project).undo_steps)
    with pytest.raises(OperationError):
        rename_tag(sample_project, troops, "")
    assert snapshot(sample_project) == before and len(hist.history(sample_project).undo_steps) == steps


def test_everything_is_on_disk_at_once(tmp_path: Path) -> None:
    path = tmp_path / "p.wbproj"
    with Project.open(path, create=True) as project:
        import_sample(project)
        doc = load_document(project.db, list_documents(project.db)[0].id)
        tag = create_tag(project, "Troops").value
        create_span(project, doc.id, *between(doc, "MR–1", "MR–1"), tag_ids=[tag], note="on disk")
        set_document_memo(project, doc.id, "Read for chapter 3.")
        expected = snapshot(project)
        # Another connection sees it all before this one closes: nothing waits for a save.
        with Project.open(path) as other:
            assert snapshot(other) == expected
    with Project.open(path) as reopened:
        assert snapshot(reopened) == expected


def test_memos_and_note_search(sample_project: Project, doc, troops) -> None:
    create_span(sample_project, doc.id, *between(doc, "MR–1", "MR–1"), tag_ids=[troops], note="Military Region 1")
    set_document_memo(sample_project, doc.id, "Compare with the Thieu letter.")
    memo = create_memo(sample_project, "Chapter plan", "Use the *military region* figures.").value
    assert [m.text for m in load_memos(sample_project.db, doc_id=doc.id)] == ["Compare with the Thieu letter."]
    spans, memos = search_notes(sample_project.db, "military REGION")
    assert len(spans) == 1 and [m.id for m in memos] == [memo]
    update_memo(sample_project, memo, text="changed")
    assert load_memos(sample_project.db, free=True)[0].text == "changed"
    set_document_memo(sample_project, doc.id, "  ")
    assert load_memos(sample_project.db, doc_id=doc.id) == []


def test_spans_in_footnote_text(sample_project: Project, doc, troops) -> None:
    source = doc.notes[0].text
    start = source.index("Box 26")
    span = create_span(sample_project, doc.id, start, start + len("Box 26"), tag_ids=[troops], note_n=1).value
    (stored,) = load_spans(sample_project.db, doc.id)
    assert (stored.id, stored.note_n, stored.quote) == (span, 1, "Box 26")
    assert spans_overlapping(sample_project.db, doc.id, start, start + 1) == []
    assert [s.id for s in spans_overlapping(sample_project.db, doc.id, start, start + 1, note_n=1)] == [span]


def test_saves_of_one_note_in_a_row_undo_as_one_step(sample_project: Project, doc, troops) -> None:
    history = hist.history(sample_project)
    before = snapshot(sample_project)
    for text in ("Comp", "Compare with", "Compare with the Thieu letter."):
        set_document_memo(sample_project, doc.id, text)
    rename_tag(sample_project, troops, "T")
    set_document_memo(sample_project, doc.id, "A new sitting.")
    assert [s.label for s in history.undo_steps[-3:]] == [
        "Edit Document Note",
        "Rename Tag 'Troops'",
        "Edit Document Note",
    ]
    history.undo()
    history.undo()
    assert load_memos(sample_project.db, doc_id=doc.id)[0].text == "Compare with the Thieu letter."
    history.undo()  # the three saves of the first sitting, at once
    assert snapshot(sample_project) == before


def test_span_places_are_the_spans_without_their_words(sample_project: Project, doc, troops) -> None:
    """What a view reads on opening (``load_places``) is each span's place, tags and author, in the
    same reading order as the whole spans: nested, same start, two tags, a footnote's, an orphan."""
    other = create_tag(sample_project, "Other").value
    start, end = between(doc, "Haig and I", "this morning")
    create_span(sample_project, doc.id, start, end, tag_ids=[other, troops])  # two tags
    create_span(sample_project, doc.id, start, end + 5)  # the same start, longer: first
    create_span(sample_project, doc.id, start + 3, start + 9, tag_ids=[troops])  # nested
    create_span(sample_project, doc.id, 0, 4, tag_ids=[troops], note_n=1)  # in a footnote
    orphan = create_span(sample_project, doc.id, 20, 30).value
    sample_project.db.execute("UPDATE spans SET orphaned = 1, author = 'bo' WHERE id = ?", [orphan])
    spans = load_spans(sample_project.db, doc.id)
    places = load_places(sample_project.db, doc.id)
    assert places == [span.place for span in spans] == [span.place for span in load_spans(sample_project.db)]
    assert places == load_places(sample_project.db)
    assert [len(place.tag_ids) for place in places].count(2) == 1 and places[-1].note_n == 1
    assert any(place.orphaned and place.author == "bo" for place in places)
    assert places[1].start == places[2].start and places[1].end > places[2].end  # the longer first


def test_a_documents_span_places_are_read_from_the_index_alone(sample_project: Project, doc) -> None:
    """Opening a document reads its places from ``spans_position``, not row by row from the table
    that holds every highlight's words beside them (migration m014)."""
    statements: list[str] = []
    sample_project.db.conn.set_trace_callback(statements.append)
    load_places(sample_project.db, doc.id)
    sample_project.db.conn.set_trace_callback(None)
    (query,) = [sql for sql in statements if "FROM spans s" in sql]
    plan = " ".join(row[3] for row in sample_project.db.execute(f"EXPLAIN QUERY PLAN {query}"))
    assert "USING COVERING INDEX spans_position" in plan
