"""Re-anchoring at its edges: which occurrence the context chooses, offset 0, the similarity bound."""

from __future__ import annotations

import pytest

from workbench.model.anchoring import SIMILARITY, Placement, reanchor

QUOTE = "abcdefghijklmnopqrst"  # twenty characters, none of them in the filler around it
FILL = "-" * 200


def test_the_suffix_decides_between_occurrences_with_the_same_prefix() -> None:
    text = "He said yes. Later on: He said yes, then left the room."
    first, second = text.index("said yes"), text.rindex("said yes")
    # Where it stood is nearest the first, and both have the prefix "He "; only the suffix differs.
    found = reanchor("said yes", "He ", ", then", first + 2, len(text), text)
    assert (found.placement, found.start) == (Placement.MOVED, second)
    found = reanchor("said yes", "He ", ". Later", second + 2, len(text), text)
    assert (found.placement, found.start) == (Placement.MOVED, first)


def test_a_nearer_occurrence_loses_to_one_with_better_context() -> None:
    text = "the treaty was signed. " + "x" * 500 + " Finally the treaty was ratified."
    near, far = text.index("treaty"), text.rindex("treaty")
    found = reanchor("treaty", "Finally the ", " was ratified", near + 1, len(text), text)
    assert (found.placement, found.start, found.end) == (Placement.MOVED, far, far + len("treaty"))


def test_on_equal_context_the_nearer_occurrence_wins() -> None:
    text = "a treaty b " + "x" * 500 + " a treaty b"
    near, far = text.index("treaty"), text.rindex("treaty")
    assert reanchor("treaty", "a ", " b", far - 3, len(text), text).start == far
    assert reanchor("treaty", "a ", " b", near + 3, len(text), text).start == near


def test_a_quote_at_offset_zero() -> None:
    assert reanchor("Dear Sir", "", ", I write", 0, 40, "Dear Sir, I write to you.") == (
        reanchor("Dear Sir", "", "", 0, 40, "Dear Sir, I write to you.")
    )
    kept = reanchor("Dear Sir", "", ", I write", 0, 40, "Dear Sir, I write to you.")
    assert (kept.placement, kept.start, kept.end) == (Placement.KEPT, 0, 8)
    # A heading was put before it: found again, after the heading, though it stood at 0.
    moved = reanchor("Dear Sir", "", ", I write", 0, 25, "LETTER 4\n\nDear Sir, I write to you.")
    assert (moved.placement, moved.start, moved.end) == (Placement.MOVED, 10, 18)
    # At 0 in the new text, with nothing before it: an empty prefix matches nothing and harms nothing.
    text = "Dear Sir, I write. Dear Sir, again."
    assert reanchor("Dear Sir", "", ", I write", 20, len(text), text).start == 0


@pytest.mark.parametrize(("kept", "placement"), [(15, Placement.APPROXIMATE), (14, Placement.ORPHANED)])
def test_the_similarity_boundary(kept: int, placement: Placement) -> None:
    """Three quarters of the quote's characters found is enough; one fewer is not."""
    assert kept == SIMILARITY * len(QUOTE) or kept == SIMILARITY * len(QUOTE) - 1
    changed = QUOTE[:kept] + "#" * (len(QUOTE) - kept)
    text = FILL + changed + FILL
    found = reanchor(QUOTE, "", "", len(FILL), len(text), text)
    assert found.placement == placement
    if placement == Placement.APPROXIMATE:
        assert (found.start, found.end) == (len(FILL), len(FILL) + kept)


@pytest.mark.parametrize(("inserted", "placement"), [(6, Placement.APPROXIMATE), (7, Placement.ORPHANED)])
def test_the_found_words_must_not_be_spread_too_thin(inserted: int, placement: Placement) -> None:
    """Every character of the quote found, but spread over more than its length / SIMILARITY
    (26.7 for twenty characters): not the same passage."""
    spread = QUOTE[:10] + "#" * inserted + QUOTE[10:]
    text = FILL + spread + FILL
    found = reanchor(QUOTE, "", "", len(FILL), len(text), text)
    assert found.placement == placement
    if placement == Placement.APPROXIMATE:
        assert (found.start, found.end) == (len(FILL), len(FILL) + len(spread))


def test_an_orphan_keeps_where_it_was() -> None:
    text = FILL * 2
    found = reanchor(QUOTE, "", "", 37, len(text), text)
    assert (found.placement, found.start, found.end) == (Placement.ORPHANED, 37, 37 + len(QUOTE))
