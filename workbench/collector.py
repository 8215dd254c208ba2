"""When Python's cycle collector runs, for a long-lived program that makes many small objects.

Opening a document with 10,000 highlights makes tens of thousands of objects (spans, cards, sort
keys). With the default thresholds every 700 new objects start a young collection, and every few
of those walk older generations too — by the time the window is open, that is the whole heap of
the loaded modules and Qt wrappers: 30 ms of a 40 ms list refresh went to collections. Two
settings, used by long-running Python services for this reason (Instagram's ``gc.freeze``):

- what exists once the program is set up is moved out of the collector's sight (``gc.freeze``):
  modules, classes and the open window are never garbage, and are not walked again;
- young collections start after 50,000 new objects instead of 700. Cycles are still found, a
  little later; the memory they hold meanwhile is small beside a document's text.
"""

from __future__ import annotations

import gc

YOUNG_OBJECTS = 50_000


def settle_collector() -> None:
    """Call once the program is set up (the window shown, the project open)."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)
