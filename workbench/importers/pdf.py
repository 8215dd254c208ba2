"""PDF sources with a text layer: the reading text rebuilt from the page's geometry, tied to the
printed page. Read with pdfium (pypdfium2: Apache/BSD, unlike PyMuPDF's AGPL).

A PDF knows glyphs and where they stand, not paragraphs. pdfium groups the glyphs of a page into
runs of one font on one baseline (its text rectangles); from those this module rebuilds, page by
page:

- **lines**, from runs on one baseline; a run much smaller and raised above it, holding only a
  number, is a footnote reference mark;
- **what is not the text**: lines repeated at the same place across pages (running heads and
  feet) and a printed page number at the top or foot;
- **footnotes**: the lines at the foot of the page in smaller type than the body, each note
  begun by its number and anchored where its mark stands in the text;
- **paragraphs**, from the gaps between lines, first-line indents and short last lines; a line
  in larger type is a heading. A paragraph that runs on to the next page stays one paragraph;
- **end-of-line hyphens** (pdfium marks them) joined or kept by the document's own words:
  ``negoti-``/``ations`` is "negotiations" where that word occurs, ``cease-``/``fire`` stays
  "cease-fire" where the hyphenated word occurs, and a break with no evidence either way is
  taken as a syllable break.

Printed pages come from the PDF's page labels (``/PageLabels``: roman front matter, then ``445``),
else from page numbers printed at the top or foot when they run in sequence, else the page's
place in the file.
"""

from __future__ import annotations

import ctypes
import mmap
import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.importers import limits
from workbench.importers.builder import TextBuilder, trimmed
from workbench.importers.errors import CancelCheck, ImportFailed, stop_if
from workbench.importers.pdfium import LOCK as pdfium_lock
from workbench.importers.plain_text import title_from_name
from workbench.model import BlockKind, Document, Inline, InlineKind, Metadata, Name, new_document_id
from workbench.model.facsimile import Box, Facsimile

FORMAT = "pdf"
MAX_PAGES = 20_000
_HYPHEN = "\x02"  # how pdfium reports a hyphen at the end of a line
_PAGE_NUMBER = re.compile(r"^(?:\d{1,5}|[ivxlcdm]{1,8})$", re.IGNORECASE)
_NOTE_START = re.compile(r"^(\d{1,3})[.)]?\s+(?=\S)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BAND = 0.1  # the top and bottom tenth of a page hold heads, feet and page numbers


SCAN_MESSAGE = (
    "this PDF is a scan with no text layer; recognise its text first (Debian: "
    "apt install ocrmypdf tesseract-ocr-eng, then ocrmypdf IN.pdf OUT.pdf) and import OUT.pdf"
)


class ScannedPdf(ImportFailed):
    """The PDF has no text layer: its pages are pictures of text, to be recognised first."""


@dataclass(slots=True)
class Piece:
    """A run of one font on one baseline (one of pdfium's text rectangles)."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float
    italic: bool = False
    bold: bool = False
    mark: int | None = None  # a footnote reference mark: its number as printed


@dataclass(slots=True)
class Line:
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces if piece.mark is None)

    @property
    def left(self) -> float:
        return min(piece.left for piece in self.pieces)

    @property
    def right(self) -> float:
        return max(piece.right for piece in self.pieces)

    @property
    def top(self) -> float:
        return max(piece.top for piece in self.pieces)

    @property
    def bottom(self) -> float:
        return min(piece.bottom for piece in self.pieces if piece.mark is None) if self.text else self.pieces[0].bottom

    @property
    def size(self) -> float:
        sizes = [piece.size for piece in self.pieces if piece.mark is None and piece.text.strip()]
        return max(sizes) if sizes else self.pieces[0].size


@dataclass(slots=True)
class Page:
    label: str
    height: float
    lines: list[Line]
    index: int = 0  # in the file
    notes: dict[int, str] = field(default_factory=dict)  # footnotes as printed on this page


def read_pdf(
    path: Path, *, progress: Callable[[int, int], None] | None = None, cancelled: CancelCheck = None
) -> Document:
    """The PDF as one document; ``progress(pages read, pages)`` after each page; ``cancelled`` is
    asked after each page too (``Cancelled`` stops the reading, nothing was written)."""
    with pdfium_lock:
        return _read_pdf(path, progress, cancelled)


def _read_pdf(path: Path, progress: Callable[[int, int], None] | None, cancelled: CancelCheck) -> Document:
    import pypdfium2 as pdfium

    limits.check_size(path, limits.require_regular_file(path).st_size, limits.MAX_PDF_BYTES, "one PDF")
    check_streams(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ImportFailed(path, "this PDF is protected by a password; save an unprotected copy") from None
        reason = re.search(r"PDFium: ([^)]+)", str(error))
        raise ImportFailed(
            path, "this PDF is damaged or not a PDF" + (f" ({reason[1].lower()})" if reason else "")
        ) from None
    try:
        count = len(pdf)
        if count == 0:
            raise ImportFailed(path, "this PDF has no pages")
        if count > MAX_PAGES:
            raise ImportFailed(path, f"this PDF has {count} pages; the limit is {MAX_PAGES}")
        pages = []
        for index in range(count):
            try:
                pages.append(_read_page(pdf, index))
            except pdfium.PdfiumError:
                raise ImportFailed(path, f"page {index + 1} of this PDF is damaged and cannot be read") from None
            stop_if(cancelled)
            if progress:
                progress(index + 1, count)
        meta = pdf.get_metadata_dict()
        labels = _labels(pdf, pages)
    finally:
        pdf.close()
    if not any(page.lines for page in pages):
        raise ScannedPdf(path, SCAN_MESSAGE)
    for page, label in zip(pages, labels, strict=True):
        page.label = label
    _drop_running_lines(pages)
    body = _body_size(pages)
    for page in pages:
        _split_footnotes(page, body)
    return _build(pages, body, meta, path)


def page_count(path: Path) -> int:
    """How many pages the PDF has (1 if it cannot be opened: the reader will say why)."""
    import pypdfium2 as pdfium

    with pdfium_lock:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            return 1
        try:
            return len(pdf)
        finally:
            pdf.close()


#: What the compressed streams of one PDF may inflate to: far beyond any text-and-scan PDF, far short
#: of what would take the machine's memory (pdfium inflates a page's streams whole to read it).
MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024
MAX_STREAM_INFLATED = 512 * 1024 * 1024


def check_streams(path: Path) -> None:
    """Refuse a PDF bomb before pdfium reads it: each Flate stream is inflated here a megabyte at a time,
    counting, never holding more than that, and the file is refused when a stream (or all of them)
    would inflate beyond the limits."""
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        _check_streams(path, data)


def check_pdf_bytes(path: Path, data: bytes) -> None:
    """``check_streams`` for a PDF already read (one kept in another project, about to be merged)."""
    _check_streams(path, data)


def _check_streams(path: Path, data: mmap.mmap | bytes) -> None:
    total, position = 0, 0
    while (found := data.find(b"stream", position)) >= 0:
        position = found + 6
        keyword = data[found - 3 : found] != b"end" and data[position : position + 1] in (b"\n", b"\r")
        if not keyword:  # "endstream", or the word inside some text
            continue
        head = data[max(0, found - 2048) : found]
        if b"/FlateDecode" not in head[head.rfind(b"<<") :]:
            continue
        inflater = zlib.decompressobj()
        size, at = 0, position + (2 if data[position : position + 2] == b"\r\n" else 1)
        end = data.find(b"endstream", at)
        end = len(data) if end < 0 else end
        while at < end and not inflater.eof:
            pending = data[at : min(at + 65536, end)]
            at += 65536
            try:
                while pending and not inflater.eof and size <= MAX_STREAM_INFLATED:  # a megabyte at a time
                    size += len(inflater.decompress(pending, 1024 * 1024))
                    pending = inflater.unconsumed_tail
            except zlib.error:
                break  # a damaged stream: pdfium will say what it makes of it
            if size > MAX_STREAM_INFLATED or total + size > MAX_INFLATED_BYTES:
                raise ImportFailed(path, "a stream in this PDF inflates to more than "
                                         f"{MAX_STREAM_INFLATED // 2**20} MB (a PDF bomb, not a document)")  # fmt: skip
        total += size
        position = end


# -- one page ---------------------------------------------------------------------------------------


def _read_page(pdf, index: int) -> Page:
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        text = page.get_textpage()
        height = page.get_height()
        pieces: list[Piece] = []
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        for rect in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(rect)
            content = _rect_text(text, left, bottom, right, top)
            if not content.strip() and _HYPHEN not in content:
                continue
            middle = ((left + right) / 2, (bottom + top) / 2)
            char = text.get_index(*middle, (right - left) / 2 + 1, (top - bottom) / 2 + 1)
            size, italic, bold = 0.0, False, False
            if char is not None and char >= 0:
                size = raw.FPDFText_GetFontSize(text.raw, char)
                raw.FPDFText_GetFontInfo(text.raw, char, name, len(name), ctypes.byref(flags))
                font = name.value.decode("latin-1").lower()
                italic = bool(flags.value & 64) or "italic" in font or "oblique" in font
                bold = raw.FPDFText_GetFontWeight(text.raw, char) >= 600 or "bold" in font
            pieces.append(Piece(content, left, bottom, right, top, size or (top - bottom), italic, bold))
        text.close()
    finally:
        page.close()
    return Page(str(index + 1), height, _lines(pieces), index=index)


def _rect_text(text, left: float, bottom: float, right: float, top: float) -> str:
    """The characters of one text rectangle, by index from its first to its last glyph (a bounded
    read would take a neighbour's glyph that overlaps the edge, as italics do)."""
    middle, half = (bottom + top) / 2, max((top - bottom) / 2, 1.0)
    first = text.get_index(left + 0.5, middle, 1.0, half)
    last = text.get_index(right - 0.5, middle, 1.0, half)
    if first is None or last is None or first < 0 or last < first:
        content = text.get_text_bounded(left, bottom, right, top)
    else:
        content = text.get_text_range(first, last - first + 1)
    return content.replace("\r", "").replace("\n", " ").replace("\ufffe", _HYPHEN)


def _lines(pieces: list[Piece]) -> list[Line]:
    """Runs on one baseline (in pdfium's reading order) as lines; raised small numbers as marks."""
    lines: list[Line] = []
    for piece in pieces:
        current = lines[-1] if lines else None
        if current is not None and _same_line(current, piece):
            raised = piece.bottom > current.bottom + 0.2 * current.size
            if piece.text.strip().isdigit() and piece.size < 0.85 * current.size and raised:
                piece.mark = int(piece.text.strip())
            current.pieces.append(piece)
        else:
            lines.append(Line([piece]))
    return lines


def _same_line(line: Line, piece: Piece) -> bool:
    overlap = min(line.top, piece.top) - max(line.bottom, piece.bottom)
    return overlap > 0.3 * min(line.top - line.bottom, piece.top - piece.bottom) and piece.left >= line.right - 2


def _in_band(line: Line, page: Page) -> bool:
    return line.bottom > page.height * (1 - _BAND) or line.top < page.height * _BAND


# -- across pages -----------------------------------------------------------------------------------


def _labels(pdf, pages: list[Page]) -> list[str]:
    """Printed page names: the PDF's page labels, else numbers printed in sequence, else the index."""
    labels = [pdf.get_page_label(index) for index in range(len(pages))]
    if any(labels):
        return [label or str(index + 1) for index, label in enumerate(labels)]
    offsets: Counter[int] = Counter()
    for index, page in enumerate(pages):
        for line in page.lines:
            if _in_band(line, page) and line.text.strip().isdigit():
                offsets[int(line.text.strip()) - index] += 1
    if offsets:
        offset, seen = offsets.most_common(1)[0]
        if seen >= max(2, len(pages) // 2):
            return [str(index + offset) if index + offset > 0 else str(index + 1) for index in range(len(pages))]
    return [str(index + 1) for index in range(len(pages))]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _drop_running_lines(pages: list[Page]) -> None:
    """Running heads and feet (the same words at the top or foot of many pages) and page numbers."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(line.text) for line in page.lines if _in_band(line, page)})
    enough = max(2, len(pages) * 0.3)
    repeated = {shape for shape, seen in counts.items() if seen >= enough} if len(pages) > 1 else set()
    for page in pages:
        page.lines = [
            line for line in page.lines
            if not (_in_band(line, page) and (_shape(line.text) in repeated or _PAGE_NUMBER.match(line.text.strip())))
        ]  # fmt: skip


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _split_footnotes(page: Page, body: float) -> None:
    """The lines in smaller type at the foot of the page are its footnotes, each begun by its number."""
    cut = len(page.lines)
    while cut > 0 and page.lines[cut - 1].size < 0.92 * body and page.lines[cut - 1].bottom < page.height * 0.5:
        cut -= 1
    notes, current = {}, None
    for line in page.lines[cut:]:
        text = " ".join(line.text.split())
        lead = line.pieces[0]
        if lead.mark is not None or (match := _NOTE_START.match(text)):
            number = lead.mark if lead.mark is not None else int(match[1])  # type: ignore[index]
            current = number
            notes[number] = text if lead.mark is not None else text[match.end() :]  # type: ignore[union-attr]
        elif current is not None:
            notes[current] = _joined(notes[current], text)
    if notes:
        page.notes = notes
        page.lines = page.lines[:cut]


def _joined(before: str, after: str) -> str:
    if before.endswith(_HYPHEN):
        return before[:-1] + after
    return f"{before} {after}".strip()


# -- into a document ----------------------------------------------------------------------------------


def _vocabulary(pages: list[Page]) -> Counter[str]:
    words: Counter[str] = Counter()
    for page in pages:
        for line in page.lines:
            words.update(word.lower() for word in _WORD.findall(line.text.replace(_HYPHEN, " ")))
    return words


def _hyphen_kept(before: str, after: str, words: Counter[str]) -> bool:
    """Whether a hyphen at a line break belongs to the word: the document's own usage decides."""
    head = re.search(r"[^\W\d_]+$", before)
    tail = re.match(r"[^\W\d_]+", after)
    if not head or not tail:
        return True
    joined, hyphenated = (head[0] + tail[0]).lower(), f"{head[0]}-{tail[0]}".lower()
    if words[hyphenated] > words[joined]:
        return True
    return tail[0][0].isupper() and not words[joined]  # "Franco-" / "American"


def _build(pages: list[Page], body: float, meta: dict[str, str], path: Path) -> Document:
    builder = TextBuilder()
    inlines: list[Inline] = []
    boxes: list[Box] = []
    notes: dict[int, str] = {}
    words = _vocabulary(pages)
    title = ""
    previous: Line | None = None
    layout = _Layout.of(pages, body)
    for page in pages:
        builder.page_break(page.label)
        marks: dict[int, int] = {}
        for printed, text in page.notes.items():
            marks[printed] = len(notes) + 1
            notes[marks[printed]] = text
        for number, line in enumerate(page.lines):
            heading = line.size >= 1.18 * body
            if heading and not title and line.text.strip():
                title = " ".join(line.text.split())
            if _starts_block(previous, line, layout, new_page=number == 0, heading=heading):
                builder.begin_block(BlockKind.HEADING if heading else BlockKind.PARAGRAPH)
            elif previous is not None and not _broken(previous):
                builder.text(" ")
            _write_line(builder, line, previous, words, marks, inlines, boxes, page.index)
            previous = line
    text, blocks, page_map, anchored = builder.finish(notes)
    if not text.strip():
        raise ScannedPdf(path, "this PDF has no text layer to read")
    metadata = _metadata(meta, title, path)
    document = Document(new_document_id(), text, metadata, blocks, page_map, anchored, FORMAT, trimmed(inlines, text))
    document.facsimile = Facsimile(path.read_bytes(), [page.label for page in pages], _trimmed_boxes(boxes, text))
    document.check()
    return document


def _starts_block(previous: Line | None, line: Line, layout: _Layout, *, new_page: bool, heading: bool) -> bool:
    if previous is None or heading or previous.size >= 1.18 * layout.body:
        return True
    if new_page:
        return not _runs_on(previous, line)
    if previous.bottom - line.bottom > 1.4 * layout.pitch:  # a blank line's worth of space
        return True
    indent = 0.8 * layout.body
    if line.left > layout.margin + indent and previous.left <= layout.margin + indent:  # a first-line indent
        return True
    ended = previous.text.rstrip().endswith((".", ":", "!", "?", "”", '"'))
    return ended and previous.right < layout.right - 4 * layout.body  # a short last line


@dataclass(frozen=True, slots=True)
class _Layout:
    """The body text's measure: type size, line pitch, left margin and right edge (most common)."""

    body: float
    pitch: float
    margin: float
    right: float

    @classmethod
    def of(cls, pages: list[Page], body: float) -> _Layout:
        pitches: Counter[int] = Counter()
        lefts: Counter[int] = Counter()
        rights: Counter[int] = Counter()
        for page in pages:
            for before, after in zip(page.lines, page.lines[1:], strict=False):
                step = round(before.bottom - after.bottom)
                if step > 0:
                    pitches[step] += 1
            lefts.update(round(line.left) for line in page.lines)
            rights.update(round(line.right) for line in page.lines)

        def common(counts: Counter[int], default: float) -> float:
            return float(counts.most_common(1)[0][0]) if counts else default

        return cls(body, common(pitches, body * 1.2), common(lefts, 0.0), max(rights, default=0))


def _runs_on(previous: Line, line: Line) -> bool:
    """A paragraph carried on to the next page: no full stop before, lower case after."""
    before, after = previous.text.rstrip(), line.text.lstrip()
    return bool(after) and (_broken(previous) or not before.endswith((".", ":", "!", "?", "”", '"'))
                            or after[0].islower())  # fmt: skip


def _broken(line: Line) -> bool:
    """The line ends in a hyphen after a letter: a word broken at the line's end (perhaps)."""
    text = line.text.rstrip()
    return text.endswith(_HYPHEN) or (text.endswith(("-", "\u00ad")) and len(text) > 1 and text[-2].isalpha())


def _write_line(builder: TextBuilder, line: Line, previous: Line | None, words, marks, inlines, boxes,
                page: int) -> None:  # fmt: skip
    if previous is not None and _broken(previous) and _hyphen_kept(previous.text.rstrip()[:-1], line.text, words):
        builder.text("-")
    for index, piece in enumerate(line.pieces):
        if piece.mark is not None:
            builder.note_reference(marks.get(piece.mark, piece.mark))
            continue
        content = piece.text
        last = all(other.mark is not None for other in line.pieces[index + 1 :])
        if last and _broken(line):
            content = content.rstrip()[:-1]
        start = builder.next_position()
        builder.text(content.replace(_HYPHEN, ""))
        if builder.length > start:
            boxes.append(Box(start, builder.length, page, piece.left, piece.bottom, piece.right, piece.top))
        for on, kind in ((piece.italic, InlineKind.ITALIC), (piece.bold, InlineKind.BOLD)):
            if on and builder.length > start and content.strip():
                inlines.append(Inline(start, builder.length, kind))


def _trimmed_boxes(boxes: list[Box], text: str) -> list[Box]:
    """Boxes without the spaces that joined their run to the one before."""
    kept = []
    for box in boxes:
        start = box.start
        while start < box.end and text[start].isspace():
            start += 1
        if start < box.end:
            kept.append(Box(start, box.end, box.page, box.left, box.bottom, box.right, box.top))
    return kept


def _metadata(meta: dict[str, str], heading: str, path: Path) -> Metadata:
    """The PDF's own title and author as defaults for the details; else its first heading or name."""
    title = (meta.get("Title") or "").strip() or heading
    author = (meta.get("Author") or "").strip()
    authors: tuple[Name, ...] = ()
    if author and len(author) < 120:
        try:
            authors = (Name.parse(author),)
        except ValueError:
            authors = ()
    if not title:
        return Metadata(title=title_from_name(path.name), title_from_file=True, authors=authors, csl_type="manuscript")
    return Metadata(title=title, authors=authors, csl_type="manuscript")
