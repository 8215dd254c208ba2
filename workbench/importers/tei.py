"""FRUS TEI: a whole volume, or single-document files, read as a stream.

The Office of the Historian publishes each volume as TEI P5 (``shared/design/sources-and-citations.md``).
Each ``div[@type='document']`` becomes a document, written through the same ``TextBuilder`` as
the web-text importer so that both give the same words, pages and note anchors:

- ``head`` is the heading (its notes become anchors at its end, not title text);
- the dateline (``opener/dateline``) goes into the metadata (place, date, time), as the web
  text has it nowhere in the text; the view prints it under the heading;
- ``p``, ``list``/``item`` (with their printed ``label``), ``quote``, ``closer``: blocks;
  a list inside a paragraph ends the paragraph and the text after it starts a new one;
- ``pb`` begins a printed page; the page in force is carried across documents, and a page
  break between documents counts for the next one;
- ``note``: a footnote; unknown elements (``rs``, ``seg``, ``persName``…) keep their text.

The parser never expands entities, never loads a DTD and never touches the network: a
hostile file can neither explode in memory nor read a local file.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workbench.importers.builder import TextBuilder, trimmed
from workbench.importers.errors import ImportFailed
from workbench.model import (
    BlockKind,
    Document,
    GlossaryEntry,
    Inline,
    InlineKind,
    Metadata,
    Name,
    new_document_id,
)
from workbench.model.document import page_before

FORMAT = "frus-tei"
TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_VOLUME_ID = re.compile(r"frus\d{4}(?:-\d{2,4})?[a-z0-9]*", re.IGNORECASE)
_TIME = re.compile(r"\b(\d{3,4}Z)\b")
_GENRES = ("message", "memorandum", "telegram", "letter", "minutes", "paper", "note", "transcript", "report",
           "backchannel message", "conversation", "study", "directive", "cable")  # fmt: skip


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.split("}", 1)[1] if isinstance(tag, str) and "}" in tag else str(tag)


def _text(element: etree._Element | None) -> str:
    """All the text inside ``element``, without its notes, white space collapsed."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if _tag(child) != "note":
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).split())


@dataclass(slots=True)
class Volume:
    """What the ``teiHeader`` of a volume (or of a document file) says about the book."""

    id: str = ""
    container_title: str = ""
    editors: tuple[Name, ...] = ()
    publisher: str = ""
    publisher_place: str = ""
    year: str = ""

    @classmethod
    def from_header(cls, header: etree._Element, fallback_id: str) -> Volume:
        ns = {"t": TEI}

        def first(path: str) -> str:
            found = header.find(path, ns)
            return _text(found)

        volume_id = first(".//t:sourceDesc/t:bibl[@type='frus-volume-id']") or fallback_id
        complete = first(".//t:titleStmt/t:title[@type='complete']")
        if not complete:
            parts = [first(f".//t:titleStmt/t:title[@type='{kind}']") for kind in ("series", "sub-series")]
            series = ", ".join(p for p in parts if p)
            number, volume = (
                first(".//t:titleStmt/t:title[@type='volume-number']"),
                first(".//t:titleStmt/t:title[@type='volume']"),
            )
            complete = ", ".join(p for p in (series, number, volume) if p) if number or volume else ""
        editors = tuple(_name(_text(e)) for e in header.findall(".//t:titleStmt/t:editor[@role='primary']", ns))
        year = first(".//t:publicationStmt/t:date")
        return cls(volume_id, complete, editors, first(".//t:publicationStmt/t:publisher"),
                   first(".//t:publicationStmt/t:pubPlace"), year[:4])  # fmt: skip


def _name(full: str) -> Name:
    """ "John M. Carland" → Name("Carland", "John M.")."""
    words = full.split()
    return Name(words[-1], " ".join(words[:-1])) if words else Name("")


@dataclass(slots=True)
class _Walker:
    """Writes one document ``div`` into a ``TextBuilder``; collects its notes and metadata."""

    builder: TextBuilder
    notes: dict[int, str] = field(default_factory=dict)
    place: str = ""
    date: str = ""
    time: str = ""
    heading_people: list[tuple[str, int]] = field(default_factory=list)  # (name, offset in heading text)
    inlines: list[Inline] = field(default_factory=list)
    _note_counter: int = 0
    _kind: BlockKind = BlockKind.PARAGRAPH  # the block that running text belongs to
    _level: int = 0

    # -- blocks -----------------------------------------------------------------------------

    def blocks(self, parent: etree._Element, *, kind: BlockKind = BlockKind.PARAGRAPH, level: int = 0) -> None:
        label = ""
        for child in parent:
            tag = _tag(child)
            if tag == "head" and level == 0 and kind == BlockKind.PARAGRAPH and parent.get("type") == "document":
                self.builder.begin_block(BlockKind.HEADING)
                self.inline(child)
                self.builder.end_block()
            elif tag == "opener":
                self.opener(child)
            elif tag == "pb":
                self.builder.end_block()
                self.page(child)
            elif tag == "label":
                label = _text(child)
            elif tag == "list":
                self.list(child, level + 1)
            elif tag in ("p", "ab", "head", "dateline", "salute", "signed", "trailer", "byline"):
                # a list's own head ("PARTICIPANTS") is a line of its own, not one of its items
                block_kind = {"signed": BlockKind.SIGNED, "head": BlockKind.PARAGRAPH}.get(tag, kind)
                self.paragraph(child, block_kind, level, label)
                label = ""
            elif tag == "quote":
                self.paragraph(child, BlockKind.QUOTE, level, "")
            elif tag == "item":
                self.item(child, level, label)
                label = ""
            elif tag in ("div", "closer", "postscript", "table", "row", "cell", "listBibl", "lg", "sp", "floatingText"):
                self.blocks(child, kind=kind, level=level)
            elif tag == "note":
                self.note(child)
            elif isinstance(child.tag, str):
                self.paragraph(child, kind, level, label)  # unknown: keep its text
                label = ""
            if child.tail and child.tail.strip() and tag not in ("label",):
                self.builder.text(child.tail)

    def opener(self, opener: etree._Element) -> None:
        for node in opener.iter(f"{{{TEI}}}placeName"):
            self.place = self.place or _text(node)
        for node in opener.iter(f"{{{TEI}}}date"):
            when = node.get("when") or node.get("from") or node.get("notBefore") or ""
            self.date = self.date or when[:10]
            if not self.time:
                match = _TIME.search(_text(node))
                self.time = match.group(1) if match else ""

    def list(self, element: etree._Element, level: int) -> None:
        self.builder.end_block()
        self.blocks(element, kind=BlockKind.LIST_ITEM, level=level)
        self.builder.end_block()

    def item(self, element: etree._Element, level: int, label: str) -> None:
        """An item is running text under its label; paragraphs and lists inside it break it."""
        self.builder.begin_block(BlockKind.LIST_ITEM, level=level, label=label or ("•" if level > 1 else ""))
        self._kind, self._level = BlockKind.LIST_ITEM, level
        self.inline(element)
        self.builder.end_block()

    def paragraph(self, element: etree._Element, kind: BlockKind, level: int, label: str) -> None:
        self.builder.begin_block(kind, level=level, label=label)
        self._kind, self._level = kind, level
        self.inline(element)
        self.builder.end_block()

    # -- inline -----------------------------------------------------------------------------

    def inline(self, element: etree._Element) -> None:
        if element.text:
            self.builder.text(element.text)
        for child in element:
            tag = _tag(child)
            if tag == "note":
                self.note(child)
            elif tag == "pb":
                self.page(child)
            elif tag == "lb":
                self.builder.text(" ")
            elif tag in ("list", "quote", "p", "table") and _has_text(child):
                # A block inside running text: the paragraph ends here and resumes after it. An item
                # that opens with a paragraph gives that paragraph its label.
                kind, level = self._kind, self._level
                label = self.builder.open_label if self.builder.open_block_empty else ""
                self.builder.end_block()
                if tag == "list":
                    self.list(child, level + 1)
                else:
                    self.paragraph(child, BlockKind.QUOTE if tag == "quote" else kind, level, label)
                self._kind, self._level = kind, level
                self.builder.begin_block(kind, level=level)
            elif isinstance(child.tag, str):
                if tag == "persName" and self.builder.open_kind == BlockKind.HEADING:
                    self.heading_people.append((_text(child), self.builder.length))
                marked = _inline_kind(child)
                start = self.builder.next_position()
                self.inline(child)
                if marked and self.builder.length > start:
                    self.inlines.append(Inline(start, self.builder.length, *marked))
            if child.tail:
                self.builder.text(child.tail)

    def note(self, element: etree._Element) -> None:
        n_attr = element.get("n", "")
        self._note_counter += 1
        n = int(n_attr) if n_attr.isdigit() else self._note_counter
        self.notes[n] = _text(element)
        self.builder.note_reference(n)

    def page(self, element: etree._Element) -> None:
        n = element.get("n")
        if n:
            self.builder.page_break(n)


_RENDITIONS = {"italic": InlineKind.ITALIC, "strong": InlineKind.BOLD, "bold": InlineKind.BOLD,
               "smallcaps": InlineKind.SMALLCAPS}  # fmt: skip


def _inline_kind(element: etree._Element) -> tuple[InlineKind, str] | None:
    """What an inline element marks: a rendition, a person, a term, a cross-reference (or nothing)."""
    tag = _tag(element)
    rend, corresp, target = element.get("rend"), element.get("corresp"), element.get("target")
    if tag == "hi" and rend in _RENDITIONS:
        return _RENDITIONS[rend], ""
    if tag == "persName" and corresp:
        return InlineKind.PERSON, corresp.lstrip("#")
    if tag == "gloss" and target:
        return InlineKind.TERM, target.lstrip("#")
    if tag == "ref" and target:
        return InlineKind.REF, target
    return None


def _glossary(div: etree._Element, volume: str, kind: str) -> list[GlossaryEntry]:
    """The items of a persons or terms glossary: the bold name, then what it says of them."""
    entries = []
    for item in div.iter(f"{{{TEI}}}item"):
        key = item.get(XML_ID)
        if not key:
            continue
        name_element = (
            item.find(f"{{{TEI}}}hi") if item.find(f"{{{TEI}}}hi") is not None else item.find(f"{{{TEI}}}persName")
        )
        name = _text(name_element) if name_element is not None else ""
        whole = _text(item)
        description = whole[len(name) :].lstrip(" ,;:") if name and whole.startswith(name) else whole
        entries.append(GlossaryEntry(volume, key, kind, name or whole, description))
    return entries


def _has_text(element: etree._Element) -> bool:
    return bool(_text(element))


_PARSE_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False,
                  "remove_comments": True, "remove_pis": True}  # fmt: skip


@dataclass(slots=True)
class TeiDocument:
    document: Document
    xml_id: str
    subtype: str


def looks_like(head: bytes) -> bool:
    return b"http://www.tei-c.org/ns/1.0" in head[:4096]


def read(path: Path, glossary: list[GlossaryEntry] | None = None) -> Generator[TeiDocument, None, None]:
    """Each document of the TEI file at ``path``, in order (streaming: a volume never sits whole in
    memory). The persons and terms glossaries of a volume file are added to ``glossary``."""
    fallback_id = next((m.group(0) for part in reversed(path.parts) if (m := _VOLUME_ID.fullmatch(part))), "")
    volume = Volume(fallback_id)
    page: str | None = None  # the page in force: carried across documents
    chapter = ""
    depth = 0  # how deep inside a document div the parser is
    try:
        for event, element in etree.iterparse(str(path), events=("start", "end"), **_PARSE_OPTIONS):
            tag = _tag(element)
            is_document = tag == "div" and element.get("type") == "document"
            if event == "start":
                depth += is_document
                if depth == 0 and _is_chapter(element):
                    chapter = ""  # until this chapter's head names it
                if tag == "TEI" and _VOLUME_ID.fullmatch(element.get(XML_ID, "")):  # a volume file names itself
                    fallback_id = element.get(XML_ID)
                    volume = Volume(fallback_id)
                continue
            if tag == "head" and depth == 0 and _is_chapter(element.getparent()):
                chapter = _text(element)  # the chapter the next documents stand in
                continue
            if tag == "teiHeader" and depth == 0:
                volume = Volume.from_header(element, fallback_id)
                element.clear()
            elif tag == "pb" and depth == 0 and element.get("n"):
                page = element.get("n")
            elif tag == "div" and depth == 0 and element.get(XML_ID) in ("persons", "terms"):
                if glossary is not None:
                    kind = "person" if element.get(XML_ID) == "persons" else "term"
                    glossary.extend(_glossary(element, volume.id, kind))
                element.clear()
            elif is_document:
                depth -= 1
                result = _document(element, volume, page, chapter)
                if result.document.pages.breaks:
                    page = result.document.pages.breaks[-1].n
                yield result
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        where = "" if f"line {error.lineno}" in error.msg else f", line {error.lineno}"
        raise ImportFailed(path, f"the XML is malformed ({error.msg}{where})") from None


def _is_chapter(element: etree._Element | None) -> bool:
    return element is not None and _tag(element) == "div" and element.get("type") in ("chapter", "compilation", "part")


def _document(div: etree._Element, volume: Volume, page: str | None, chapter: str = "") -> TeiDocument:
    if page is None:  # a file of one document: its first page is the one before its first break
        first_break = div.find(f".//{{{TEI}}}pb[@n]")
        page = page_before(first_break.get("n", "")) if first_break is not None else None
    walker = _Walker(TextBuilder(first_page=page))
    walker.blocks(div)
    text, blocks, pages, notes = walker.builder.finish(walker.notes)
    number = div.get("n", "")
    xml_id = div.get(XML_ID, "")
    heading = blocks[0] if blocks and blocks[0].kind == BlockKind.HEADING else None
    title = text[heading.start : heading.end] if heading else ""
    title = re.sub(rf"^{re.escape(number)}\.\s+", "", title) if number else title
    heading_text = text[heading.start : heading.end] if heading else ""
    authors, recipients = _people(heading_text, walker.heading_people, heading.start if heading else 0)
    lowered = title.lower()
    genre = next((g for g in _GENRES if lowered.startswith(g) or f" {g} " in lowered[:40]), "")
    date = walker.date or (div.get("{http://history.state.gov/frus/ns/1.0}doc-dateTime-min") or "")[:10]
    metadata = Metadata(
        title=title, number=number, genre=genre, authors=authors, recipients=recipients, issued=date,
        time=walker.time, place=walker.place, container_title=volume.container_title,
        volume=_volume_number(volume.container_title), editors=volume.editors, publisher=volume.publisher,
        publisher_place=volume.publisher_place, container_issued=volume.year,
        url=f"https://history.state.gov/historicaldocuments/{volume.id}/{xml_id}" if volume.id and xml_id else "",
        extra={"custom": {key: value for key, value in (("volume-id", volume.id), ("subtype", div.get("subtype", "")),
                                                          ("chapter", chapter)) if value}},
    )  # fmt: skip
    document = Document(new_document_id(), text, metadata, blocks, pages, notes, FORMAT,
                        trimmed(walker.inlines, text))  # fmt: skip
    document.check()
    return TeiDocument(document, xml_id, div.get("subtype", ""))


def _volume_number(container_title: str) -> str:
    match = re.search(r"Volume ([IVXLCDM]+|\d+)", container_title)
    return match.group(1) if match else ""


def _people(heading: str, people: list[tuple[str, int]], heading_start: int) -> tuple[tuple[Name, ...], ...]:
    """Who wrote to whom, from the names in the heading: those before " to " wrote, those after received."""
    cut = heading.find(" to ")
    senders: list[Name] = []
    receivers: list[Name] = []
    for name, offset in people:
        after = cut >= 0 and offset - heading_start > cut
        (receivers if after else senders).append(_name(name))
    return tuple(dict.fromkeys(senders)), tuple(dict.fromkeys(receivers))
