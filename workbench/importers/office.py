"""Word (.docx) and OpenDocument (.odt) transcriptions, read from their XML with lxml.

Historians transcribe in Word. What a transcription carries is kept: paragraphs, headings (the
first gives the title, else the file's own title property), italics and bold, list items,
tables as rows of text, footnotes and endnotes as notes anchored where their reference marks
stand, and page or folio markers on a line of their own (``[p. 12]``, ``[f. 3r]``) as in plain
text. Tracked changes are read as accepted (insertions kept, deletions left out); comments are
the transcriber's own and are left out, with a warning saying how many.

python-docx has no footnote API, so both formats are read as XML: a safe parser (no entities,
no network, no huge trees), and the archive opened and every part read within the limits of
``importers.limits`` (checked before anything is expanded), so a zip bomb is never inflated.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workbench.importers import limits
from workbench.importers.builder import TextBuilder, trimmed
from workbench.importers.errors import ImportFailed
from workbench.importers.plain_text import marker_page, title_from_name
from workbench.model import BlockKind, Document, Inline, InlineKind, Metadata, new_document_id

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DC = "http://purl.org/dc/elements/1.1/"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


# -- what both formats are read into ------------------------------------------------------------


@dataclass(slots=True)
class Run:
    text: str = ""
    italic: bool = False
    bold: bool = False
    note: int | None = None  # a footnote or endnote reference mark stands here


@dataclass(slots=True)
class Paragraph:
    kind: BlockKind = BlockKind.PARAGRAPH
    runs: list[Run] = field(default_factory=list)
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(slots=True)
class Parsed:
    paragraphs: list[Paragraph]
    notes: dict[int, str]
    title: str = ""
    comments: int = 0


def read_office(path: Path) -> tuple[Document, list[str]]:
    """A ``.docx`` or ``.odt`` file as one document, and warnings for the user."""
    with limits.open_archive(path, "a Word or OpenDocument file") as archive:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            parsed = _docx(path, archive, names)
        elif "content.xml" in names:
            parsed = _odt(path, archive)
        else:
            raise ImportFailed(path, "this ZIP file is neither a Word (.docx) nor an OpenDocument (.odt) text")
    document = _build(parsed, path)
    warnings = []
    if parsed.comments:
        warnings.append(f"{path.name}: {parsed.comments} comment(s) left out (they are not part of the text)")
    return document, warnings


def _xml(path: Path, archive: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        return etree.fromstring(limits.read_entry(path, archive, name), _PARSER)
    except etree.XMLSyntaxError as error:
        raise ImportFailed(path, f"{name} is not well-formed XML ({error})") from None


# -- Word -----------------------------------------------------------------------------------------


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(properties: etree._Element | None, tag: str) -> bool:
    """A run property such as <w:i/> that is on (absent ``w:val``, or anything but false)."""
    if properties is None:
        return False
    element = properties.find(_w(tag))
    return element is not None and element.get(_w("val"), "true") not in ("false", "0", "none")


def _docx(path: Path, archive: zipfile.ZipFile, names: set[str]) -> Parsed:
    body = _xml(path, archive, "word/document.xml").find(_w("body"))
    if body is None:
        raise ImportFailed(path, "this Word file has no body")
    notes: dict[int, str] = {}
    numbers: dict[tuple[str, str], int] = {}  # (kind, Word's id) → our note number, in reading order
    texts: dict[tuple[str, str], str] = {}
    for kind, part in (("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml")):
        if part in names:
            for note in _xml(path, archive, part).iter(_w(kind)):
                if note.get(_w("type")) in (None, "normal"):
                    texts[(kind, note.get(_w("id"), ""))] = " ".join(
                        "".join(_docx_runs_text(p)) for p in note.iter(_w("p"))
                    ).strip()
    comments = len(list(body.iter(_w("commentReference"))))
    paragraphs: list[Paragraph] = []

    def reference(kind: str, word_id: str) -> int:
        key = (kind, word_id)
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            notes[numbers[key]] = texts.get(key, "")
        return numbers[key]

    for element in body:
        if element.tag == _w("p"):
            paragraphs.append(_docx_paragraph(element, reference))
        elif element.tag == _w("tbl"):
            for row in element.iter(_w("tr")):
                cells = [" ".join(_docx_paragraph(p, reference).text for p in cell.iter(_w("p"))).strip()
                         for cell in row.iter(_w("tc"))]  # fmt: skip
                paragraphs.append(Paragraph(BlockKind.PARAGRAPH, [Run(" | ".join(c for c in cells if c))]))
    title = ""
    if "docProps/core.xml" in names:
        title = (_xml(path, archive, "docProps/core.xml").findtext(f"{{{DC}}}title") or "").strip()
    return Parsed(paragraphs, notes, title, comments)


def _docx_runs_text(paragraph: etree._Element) -> Iterator[str]:
    for element in paragraph.iter(_w("t"), _w("tab"), _w("br"), _w("delText")):
        if element.tag == _w("t"):
            yield element.text or ""
        elif element.tag != _w("delText"):
            yield " "


def _docx_paragraph(element: etree._Element, reference) -> Paragraph:
    style = element.find(f"{_w('pPr')}/{_w('pStyle')}")
    name = (style.get(_w("val"), "") if style is not None else "").lower()
    kind = BlockKind.HEADING if name.startswith(("heading", "title")) else BlockKind.PARAGRAPH
    if element.find(f"{_w('pPr')}/{_w('numPr')}") is not None or name.startswith("list"):
        kind = BlockKind.LIST_ITEM
    paragraph = Paragraph(kind, level=1 if kind == BlockKind.LIST_ITEM else 0)
    for run in element.iter(_w("r")):
        if any(ancestor.tag == _w("del") for ancestor in run.iterancestors()):
            continue  # a tracked deletion: read as accepted, so gone
        properties = run.find(_w("rPr"))
        italic, bold = _on(properties, "i"), _on(properties, "b")
        for child in run:
            if child.tag == _w("t"):
                paragraph.runs.append(Run(child.text or "", italic, bold))
            elif child.tag in (_w("tab"), _w("br"), _w("cr")):
                paragraph.runs.append(Run(" "))
            elif child.tag in (_w("footnoteReference"), _w("endnoteReference")):
                kind_name = "footnote" if child.tag == _w("footnoteReference") else "endnote"
                paragraph.runs.append(Run(note=reference(kind_name, child.get(_w("id"), ""))))
    return paragraph


# -- OpenDocument ---------------------------------------------------------------------------------


def _t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


def _words(element: etree._Element) -> str:
    """An element's text with its whitespace runs folded to single spaces (a note, a table cell)."""
    return " ".join("".join(text for text in element.itertext() if isinstance(text, str)).split())


def _odt(path: Path, archive: zipfile.ZipFile) -> Parsed:
    root = _xml(path, archive, "content.xml")
    italic, bold = _odt_styles(root)
    text = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if text is None:
        raise ImportFailed(path, "this OpenDocument file is not a text document")
    parsed = Parsed([], {})
    counter = [0]

    def inline(element: etree._Element, paragraph: Paragraph, styled: tuple[bool, bool]) -> None:
        if element.text:
            paragraph.runs.append(Run(element.text, *styled))
        for child in element:
            tag = child.tag
            if tag == _t("note"):
                counter[0] += 1
                body = child.find(_t("note-body"))
                parsed.notes[counter[0]] = " ".join(_words(p) for p in (body if body is not None else [])).strip()
                paragraph.runs.append(Run(note=counter[0]))
            elif tag == f"{{{OFFICE}}}annotation":
                parsed.comments += 1
            elif tag in (_t("s"), _t("tab"), _t("line-break")):
                paragraph.runs.append(Run(" "))
            elif tag == _t("tracked-changes") or tag == _t("deletion"):
                pass
            else:
                style = child.get(_t("style-name"), "")
                inline(child, paragraph, (styled[0] or style in italic, styled[1] or style in bold))
            if child.tail:
                paragraph.runs.append(Run(child.tail, *styled))

    def block(element: etree._Element, level: int = 0) -> None:
        for child in element:
            tag = child.tag
            if tag in (_t("p"), _t("h")):
                kind = BlockKind.HEADING if tag == _t("h") else (BlockKind.LIST_ITEM if level else BlockKind.PARAGRAPH)
                paragraph = Paragraph(kind, level=level)
                style = child.get(_t("style-name"), "")
                inline(child, paragraph, (style in italic, style in bold))
                parsed.paragraphs.append(paragraph)
            elif tag == _t("list"):
                for item in child:
                    block(item, level + 1)
            elif tag == f"{{{TABLE}}}table":
                for row in child.iter(f"{{{TABLE}}}table-row"):
                    cells = [_words(cell) for cell in row.iter(f"{{{TABLE}}}table-cell")]
                    parsed.paragraphs.append(Paragraph(runs=[Run(" | ".join(c for c in cells if c))]))
            elif tag in (_t("section"), _t("list-item"), _t("list-header")):
                block(child, level)

    block(text)
    return parsed


def _odt_styles(root: etree._Element) -> tuple[set[str], set[str]]:
    """The automatic styles that set italics or bold (OpenDocument names them T1, P2 …)."""
    italic, bold = set(), set()
    for style in root.iter(f"{{{STYLE}}}style"):
        properties = style.find(f"{{{STYLE}}}text-properties")
        if properties is None:
            continue
        name = style.get(f"{{{STYLE}}}name", "")
        if properties.get(f"{{{FO}}}font-style") == "italic":
            italic.add(name)
        if properties.get(f"{{{FO}}}font-weight") in ("bold", "700", "800", "900"):
            bold.add(name)
    return italic, bold


# -- into a document ------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def _build(parsed: Parsed, path: Path) -> Document:
    builder = TextBuilder()
    inlines: list[Inline] = []
    title = ""
    for paragraph in parsed.paragraphs:
        if not paragraph.text.strip() and not any(run.note for run in paragraph.runs):
            continue
        page = marker_page(paragraph.text)
        if page is not None:
            builder.page_break(page)
            continue
        if paragraph.kind == BlockKind.HEADING and not title:
            title = " ".join(paragraph.text.split())
        builder.begin_block(paragraph.kind, level=paragraph.level, label="•" if paragraph.level else "")
        for run in paragraph.runs:
            if run.note is not None:
                builder.note_reference(run.note)
                continue
            start = builder.next_position()
            builder.text(run.text)
            for on, kind in ((run.italic, InlineKind.ITALIC), (run.bold, InlineKind.BOLD)):
                if on and builder.length > start and _SPACE.sub("", run.text):
                    inlines.append(Inline(start, builder.length, kind))
    text, blocks, pages, notes = builder.finish(parsed.notes)
    if not text.strip():
        raise ImportFailed(path, "this file has no text")
    metadata = (
        Metadata(title=title or parsed.title, csl_type="manuscript")
        if title or parsed.title
        else Metadata(title=title_from_name(path.name), title_from_file=True, csl_type="manuscript")
    )
    source_format = "word" if path.suffix.lower() == ".docx" else "opendocument"
    document = Document(new_document_id(), text, metadata, blocks, pages, notes, source_format, trimmed(inlines, text))
    document.check()
    return document
