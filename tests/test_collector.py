"""The cycle collector is set for a long-lived window: what exists at start-up is set aside."""

from __future__ import annotations

import gc

from workbench.collector import YOUNG_OBJECTS, settle_collector


def test_settling_sets_aside_what_exists_and_collects_less_often() -> None:
    before = gc.get_threshold()
    try:
        kept = [[object()] for _ in range(1000)]  # objects that exist once the program is set up
        settle_collector()
        assert gc.get_threshold()[0] == YOUNG_OBJECTS
        assert gc.get_freeze_count() >= len(kept)
        cycle: list = []
        cycle.append(cycle)  # garbage made afterwards is still found
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
