"""Corrected texts: every highlight is found again (kept, moved, approximate) or marked orphaned, never dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.model.anchoring import Placement, reanchor
from workbench.ops import history as hist
from workbench.ops.spans import create_span
from workbench.sample import SAMPLE
from workbench.storage import Project, list_documents, load_document
from workbench.storage.annotations import load_spans

TEXT = "The troops stayed in the South. Thieu was angry. The talks went on in Paris for a week."


def place(quote: str, new: str, old: str = TEXT) -> tuple[Placement, str]:
    start = old.index(quote)
    found = reanchor(quote, old[max(0, start - 32) : start], old[start + len(quote) : start + len(quote) + 32],
                     start, len(old), new)  # fmt: skip
    return found.placement, new[found.start : found.end]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (TEXT, (Placement.KEPT, "Thieu was angry")),
        ("Indeed, " + TEXT, (Placement.MOVED, "Thieu was angry")),  # an edit before
        (TEXT.replace("Paris", "Geneva"), (Placement.KEPT, "Thieu was angry")),  # an edit after
        (TEXT.replace("was angry", "was very angry"), (Placement.APPROXIMATE, "Thieu was very angry")),  # inside
        (TEXT.replace("Thieu was angry.", "Nguyen stayed calm."), (Placement.ORPHANED, "Thieu was angry")),
        ("Thieu was angry. " + TEXT, (Placement.MOVED, "Thieu was angry")),  # twice: the context decides
    ],
)
def test_placements(new: str, expected: tuple[Placement, str]) -> None:
    placement, words = place("Thieu was angry", new)
    assert placement == expected[0]
    if placement != Placement.ORPHANED:
        assert words == expected[1]
    if new.startswith("Thieu was angry. The"):
        assert reanchor("Thieu was angry", "the South. ", " The talks", 32, len(TEXT), new).start == 49


def corrected_sample(tmp_path: Path) -> Path:
    """The sample with a transcription corrected: words added before, changed inside, deleted after."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("Hakto 25. Please", "Hakto 25. [Received 1810Z.] Please")
    text = text.replace("a balking GVN", "a balky GVN")
    text = text.replace("Warm regards.\n", "")
    path = tmp_path / "corrected.txt"
    path.write_text(text, encoding="utf-8")
    shutil.copy(SAMPLE.with_name(SAMPLE.stem + ".csl.json"), tmp_path / "corrected.csl.json")  # the same source
    return path


def test_reimporting_a_corrected_text_places_every_highlight(sample_project: Project, tmp_path: Path, capsys) -> None:
    doc = load_document(sample_project.db, list_documents(sample_project.db)[0].id)

    def mark(quote: str, note_n: int | None = None) -> None:
        text = doc.text if note_n is None else doc.note_text(note_n)
        start = text.index(quote)
        create_span(sample_project, doc.id, start, start + len(quote), tag_paths=["T"], note_n=note_n)

    for quote in ("124. Message From", "On the troop issue, the GVN does have a case.", "the problem of a balking GVN",
                  "Warm regards"):  # fmt: skip
        mark(quote)
    mark("Kennedy informed Kissinger", note_n=6)
    before = load_spans(sample_project.db, doc.id)
    assert main(["import", str(corrected_sample(tmp_path)), "--replace", "--project", str(sample_project.path)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "replaced the text of 124; highlights: 2 kept, 1 moved, 1 approximate, 1 orphaned"
    with Project.open(sample_project.path) as project:
        assert len(list_documents(project.db)) == 1
        new = load_document(project.db, doc.id)
        assert "[Received 1810Z.]" in new.text
        spans = {s.uuid: s for s in load_spans(project.db, doc.id)}
        assert len(spans) == len(before)  # never dropped
        texts = {s.quote: (s.orphaned, new.text[s.start : s.end] if s.note_n is None else new.note_text(6)[s.start : s.end])
                 for s in spans.values()}  # fmt: skip
        assert texts["On the troop issue, the GVN does have a case."] == (
            False,
            "On the troop issue, the GVN does have a case.",
        )
        assert texts["the problem of a balky GVN"] == (False, "the problem of a balky GVN")
        assert texts["Warm regards"][0] is True
        assert texts["Kennedy informed Kissinger"] == (False, "Kennedy informed Kissinger")
    assert main(["check", "--project", str(sample_project.path)]) == 0  # orphans are not broken highlights


def test_replacing_is_one_undoable_step(sample_project: Project, tmp_path: Path) -> None:
    from workbench.ops.documents import read_files, replace_document

    doc = load_document(sample_project.db, list_documents(sample_project.db)[0].id)
    start = doc.text.index("a balking GVN")
    create_span(sample_project, doc.id, start, start + 13, tag_paths=["T"])
    (new,) = read_files([corrected_sample(tmp_path)]).documents
    counts = replace_document(sample_project, doc.id, new).value
    assert counts == {"approximate": 1}
    assert hist.history(sample_project).undo_label == "Replace Text"
    hist.undo(sample_project)
    assert load_document(sample_project.db, doc.id).text == doc.text
    assert load_spans(sample_project.db, doc.id)[0].quote == "a balking GVN"
