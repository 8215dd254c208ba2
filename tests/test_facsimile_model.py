"""The text's boxes on the page images, kept packed: what goes in comes out, and is found."""

from __future__ import annotations

import tracemalloc

from workbench.model.facsimile import Box, Facsimile

BOXES = [
    Box(40, 60, 1, 72.0, 600.0, 300.0, 612.0),  # given out of order: kept in reading order
    Box(0, 20, 0, 72.0, 700.0, 272.0, 712.0),
    Box(20, 40, 0, 72.0, 686.0, 272.0, 698.0),
]


def test_boxes_come_back_in_reading_order_and_are_found() -> None:
    facsimile = Facsimile(b"%PDF-1.4", ["1", "2"], BOXES)
    assert facsimile.boxes == sorted(BOXES, key=lambda box: box.start) and len(facsimile) == 3
    assert facsimile.boxes_of(10, 30) == [BOXES[1].part(10, 30), BOXES[2].part(10, 30)]
    assert facsimile.boxes_of(10, 30)[0].left == 72.0 + 10 * 10.0  # ten characters in, ten points each
    assert (facsimile.page_of(0), facsimile.page_of(45), facsimile.page_of(10_000)) == (0, 1, 1)
    assert facsimile.offset_at(0, 172.0, 692.0) == 30  # halfway along the second line
    assert facsimile.offset_at(1, 500.0, 100.0) == 60  # off the text: the nearest line's nearest end
    assert facsimile.offset_at(5, 0, 0) is None
    assert facsimile == Facsimile(b"%PDF-1.4", ["1", "2"], [tuple(box) for box in BOXES])
    assert facsimile != Facsimile(b"%PDF-1.4", ["1", "2"], BOXES[:2])


def test_a_hundred_thousand_boxes_take_a_few_megabytes() -> None:
    rows = [
        (i * 10, i * 10 + 9, i // 40, 72.0, 700.0 - (i % 40) * 14, 540.0, 712.0 - (i % 40) * 14) for i in range(100_000)
    ]
    tracemalloc.start()
    facsimile = Facsimile(b"%PDF", [str(n) for n in range(2500)], rows)
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(facsimile) == 100_000 and kept < 6 * 2**20  # 26 MB as Box objects
