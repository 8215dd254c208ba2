"""Choosing footnote references among the numbers in a text."""

from __future__ import annotations

from workbench.importers.footnote_refs import GLUED, LINE_END, SPACED, choose_references, find_candidates


def chosen(lines: list[str], notes: int) -> dict[int, str]:
    refs = choose_references(find_candidates(lines, notes), notes)
    return {n: lines[c.line][: c.start].rstrip() for n, c in refs.items()}


def test_candidate_weights() -> None:
    found = {(c.value, c.weight) for c in find_candidates(["morning2 and Stans 3 that, Nixon 1"], 3)}
    assert found == {(2, GLUED), (3, SPACED), (1, LINE_END)}


def test_numbers_that_are_part_of_something_else_are_not_candidates() -> None:
    line = "MR–1, at 6:30, 1,000 men, $5 million, (2), Document 3, November 4, 1.5 billion, Tohak 2/WHP"
    assert find_candidates([line], 6) == []


def test_the_chain_runs_in_order_and_skips_earlier_lookalikes() -> None:
    lines = ["Title 1", "In 2 weeks the talks.2 Then 3 men met.3"]
    # "2 weeks" and "3 men" are quantities; the glued marks win.
    refs = chosen(lines, 3)
    assert refs[1] == "Title"
    assert refs[2].endswith("the talks.") and refs[3].endswith("3 men met.")


def test_a_later_glued_mark_beats_an_earlier_spaced_number() -> None:
    lines = ["Heading 1", "They met Smith 2 times, then reported.2"]
    assert chosen(lines, 2)[2].endswith("reported.")


def test_a_missing_reference_does_not_derail_the_rest() -> None:
    lines = ["Heading 1", "No mark for two here.", "But three.3 And four.4"]
    assert set(chosen(lines, 4)) == {1, 3, 4}


def test_no_notes_means_no_references() -> None:
    assert chosen(["Heading 1", "text.2"], 0) == {}
