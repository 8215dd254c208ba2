"""A long text read through keeps no more memory than its first screen: what measuring the text in
view costs Qt is given back, and a very long text is typeset without kerning and ligatures."""

from __future__ import annotations

import ctypes
import ctypes.util

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from workbench.model import Block, BlockKind, Document, Metadata, new_document_id
from workbench.model.annotation import Span, SpanId, TagTree
from workbench.ui.look.theme import LIGHT
from workbench.ui.reading import render as render_module
from workbench.ui.reading.highlights import _measure_rects
from workbench.ui.reading.view import ReadingView

WORDS = "the delegation would not move on the question of the political prisoners in the South".split()


def _long_document(paragraphs: int) -> Document:
    lines = [" ".join(WORDS[(p + i) % len(WORDS)] for i in range(180)) for p in range(paragraphs)]
    text = "\n".join(lines)
    blocks, start = [], 0
    for line in lines:
        blocks.append(Block(BlockKind.PARAGRAPH, start, start + len(line)))
        start += len(line) + 1
    return Document(id=new_document_id(), text=text, metadata=Metadata(title="Long"), blocks=blocks)


class _MallInfo(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]  # fmt: skip


def _heap_in_use() -> int:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    if not hasattr(libc, "mallinfo2"):
        pytest.skip("needs glibc's mallinfo2 to read the heap")
    libc.mallinfo2.restype = _MallInfo
    info = libc.mallinfo2()
    return info.uordblks + info.hblkhd


def test_reading_a_long_text_through_keeps_no_shaped_text(qtbot) -> None:
    document = _long_document(400)  # ~440,000 characters: ~20 MB of shaped text if it were kept
    view = ReadingView(LIGHT)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.show_document(document)
    bar = view.verticalScrollBar()
    for value in (bar.maximum(), 0):  # the whole text laid out, the first screen painted
        bar.setValue(value)
        view.viewport().repaint()
        QApplication.processEvents()
    before = _heap_in_use()
    # A highlight over the whole text: its rectangles are measured on every block, and kept.
    view.set_annotations([Span(SpanId(1), "u1", document.id, 0, len(document.text), "", "", "")], TagTree([]))
    for value in range(0, bar.maximum(), bar.pageStep()):
        bar.setValue(value)
        view.viewport().repaint()
        QApplication.processEvents()
    grown = (_heap_in_use() - before) / 2**20
    assert grown < 6, f"reading through kept {grown:.0f} MB"


def test_measuring_gives_the_memory_back_and_keeps_the_layout(qtbot) -> None:
    document = _long_document(30)
    view = ReadingView(LIGHT)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.show_document(document)
    end = view.positions.to_view(len(document.text), end=True)
    first = _measure_rects(view, 0, end)
    again = _measure_rects(view, 0, end)  # measured after the release: the lines are all still there
    assert first == again and len(first) > 30


def test_a_very_long_text_is_typeset_without_shaping(monkeypatch) -> None:
    monkeypatch.setattr(render_module, "LONG_TEXT", 10_000)
    long_one = render_module.render(_long_document(20), LIGHT)
    short_one = render_module.render(_long_document(2), LIGHT)

    def strategy(rendered) -> QFont.StyleStrategy:
        return rendered.document.begin().next().charFormat().fontStyleStrategy()

    assert strategy(long_one) == QFont.StyleStrategy.PreferNoShaping
    assert strategy(short_one) != QFont.StyleStrategy.PreferNoShaping
