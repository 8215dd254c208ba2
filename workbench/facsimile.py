"""A page of a source as an image, with the historian's highlights drawn on it in their tag colours.

pdfium renders the page; each highlight is laid on it first as a filled rectangle with the
Multiply blend mode (the way a highlighter pen darkens paper and leaves the ink black), so the
window's page pane, ``workbench facsimile`` and a figure for a talk all come from one renderer.
PNG is written here with zlib alone: the core needs neither Qt nor an imaging library.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.importers.pdfium import LOCK as pdfium_lock
from workbench.model.annotation import Span, SpanPlace, TagTree
from workbench.model.facsimile import Box, Facsimile

#: A page at 1.5× its size in points is about 1,200 pixels high: sharp at a screen's width.
SCREEN_SCALE = 1.5
TINT_ALPHA = 110  # of 255: a tint light enough to read the print through


@dataclass(frozen=True, slots=True)
class Tint:
    """Boxes to colour ("#rrggbb"), one highlight's (or one tag's) on the page."""

    color: str
    boxes: tuple[Box, ...]


@dataclass(frozen=True, slots=True)
class PageImage:
    width: int
    height: int
    rgba: bytes  # rows of 4-byte pixels, top row first, no padding
    scale: float  # pixels per PDF point
    page_height: float  # in points: PDF's y runs up from the foot of the page

    def to_pixels(self, x: float, y: float) -> tuple[float, float]:
        """A point on the page (PDF points) as a pixel of this image."""
        return x * self.scale, (self.page_height - y) * self.scale

    def to_points(self, px: float, py: float) -> tuple[float, float]:
        return px / self.scale, self.page_height - py / self.scale

    def pixel(self, px: int, py: int) -> tuple[int, int, int, int]:
        at = (py * self.width + px) * 4
        return tuple(self.rgba[at : at + 4])  # type: ignore[return-value]


def _color(hex_color: str) -> tuple[int, int, int]:
    value = hex_color.lstrip("#")
    if len(value) != 6 or any(ch not in "0123456789abcdefABCDEF" for ch in value):
        return (255, 221, 0)  # a colour that is not #rrggbb is drawn in highlighter yellow
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def render_page(
    facsimile: Facsimile,
    page: int,
    *,
    scale: float = SCREEN_SCALE,
    tints: Iterable[Tint] = (),
    fit_width: int | None = None,
) -> PageImage:
    """Page ``page`` (its index in the file) at ``scale`` pixels per point, with ``tints`` drawn.

    ``scale`` may instead be a width in pixels to fit (``fit_width``)."""
    with pdfium_lock:
        return _render(facsimile, page, scale, tints, fit_width)


def _render(facsimile: Facsimile, page: int, scale: float, tints, fit_width: int | None) -> PageImage:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(facsimile.data)
    try:
        if not 0 <= page < len(pdf):
            raise IndexError(f"the source has no page {page + 1}")
        handle = pdf[page]
        height = handle.get_height()
        if fit_width:
            scale = fit_width / max(handle.get_width(), 1.0)
        for tint in tints:
            red, green, blue = _color(tint.color)
            for box in tint.boxes:
                if box.page != page:
                    continue
                rect = raw.FPDFPageObj_CreateNewRect(box.left, box.bottom, box.right - box.left, box.top - box.bottom)
                raw.FPDFPageObj_SetFillColor(rect, red, green, blue, TINT_ALPHA)
                raw.FPDFPath_SetDrawMode(rect, raw.FPDF_FILLMODE_ALTERNATE, False)
                raw.FPDFPageObj_SetBlendMode(rect, b"Multiply")
                raw.FPDFPage_InsertObject(handle.raw, rect)  # the page owns it from here
        if tints:
            raw.FPDFPage_GenerateContent(handle.raw)
        bitmap = handle.render(scale=scale, force_bitmap_format=raw.FPDFBitmap_BGRA, rev_byteorder=True,
                               fill_color=(255, 255, 255, 255))  # fmt: skip
        width, rows = bitmap.width, bitmap.height
        stride = bitmap.stride
        buffer = bytes(bitmap.buffer)
        rgba = buffer if stride == width * 4 else b"".join(
            buffer[row * stride : row * stride + width * 4] for row in range(rows)
        )  # fmt: skip
        handle.close()
    finally:
        pdf.close()
    return PageImage(width, rows, rgba, scale, height)


def png(image: PageImage) -> bytes:
    """The image as a PNG file (8-bit RGBA)."""
    rows = image.width * 4
    raw_rows = b"".join(b"\x00" + image.rgba[y * rows : (y + 1) * rows] for y in range(image.height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", image.width, image.height, 8, 6, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw_rows, 6)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def tints(
    facsimile: Facsimile, spans: Iterable[Span | SpanPlace], tree: TagTree, page: int | None = None
) -> list[Tint]:
    """Each highlight of the reading text in the colour of its first tag (grey with none)."""
    out = []
    for span in spans:
        if span.note_n is not None or span.orphaned:
            continue  # a footnote's text has no boxes of its own; an orphan no place
        boxes = tuple(box for box in facsimile.boxes_of(span.start, span.end) if page is None or box.page == page)
        if boxes:
            tag = next((tree.by_id[t] for t in span.tag_ids if t in tree.by_id), None)
            out.append(Tint(tag.color if tag else "#9a9a9a", boxes))
    return out


def page_index(facsimile: Facsimile, label: str) -> int | None:
    """The index in the file of the page printed ``label`` ("446", "xii"), if there is one."""
    wanted = label.strip().lower()
    return next((index for index, name in enumerate(facsimile.labels) if name.lower() == wanted), None)
