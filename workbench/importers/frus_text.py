"""FRUS documents as copied from history.state.gov into a text file.

The form (see ``shared/design/sources-and-citations.md``)::

    124. Message From … to President Nixon 1        ← number, title, reference to the source note

    Hakto 25. Please immediately pass …              ← one paragraph a line
      • —We have inserted language …                 ← bulleted list item
    … northern part of South Vietnam. [Page 445] How, he asked, …
    [Page 448]                                       ← a page may also begin between paragraphs

      1. Source: National Archives, …                ← the notes, indented, numbered 1..N

Footnote references are told from other numbers by ``footnote_refs``; ``[Page N]`` markers
become page breaks. What reaches the reading text is only the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from workbench.importers.builder import TextBuilder
from workbench.importers.errors import CancelCheck, stop_if
from workbench.importers.footnote_refs import PAGE_MARK, choose_references, find_candidates
from workbench.model import BlockKind, Document, Metadata, new_document_id
from workbench.model.document import page_before

FORMAT = "frus-web-text"

# Every pattern here runs in time linear in the line, whatever the line holds (a title followed by
# 100,000 spaces, a "[Page" of 5,000 digits): no lazy or nested repeats before an anchor, no search
# that could restart inside a run it has already scanned, and numbers of bounded length (a page
# name or note number of thousands of digits is not one, and ``int`` refuses more than 4,300).
_TITLE = re.compile(r"^\s*(\d{1,6}[A-Za-z]?)\.\s+\S")
# A page marker, found by its literal start (a pattern that opens with white space would be tried
# at every character of a megabyte); the white space around it is taken by ``_mark_line``.
_PAGE = re.compile(r"\[Page\s+([^\]\s]{1,16})\]")
_BULLET = re.compile(r"^\s*[•◦▪‣·∙]\s*")
_BULLET_STARTS = frozenset("•◦▪‣·∙")  # (or white space): a line starting otherwise is not tried
_NOTE_INDENTED = re.compile(r"^\s+(\d{1,4})\.\s+(\S.*)$")
_NOTE_FLUSH = re.compile(r"^(\d{1,4})\.\s+(\S.*)$")
_NOTES_HEADING = re.compile(r"^\s*(foot)?notes:?\s*$", re.IGNORECASE)
#: A page marker alone on its line is at most three characters once marked (``_mark_line`` takes
#: the white space around it), so a longer line is not one: it is not stripped (copied) to see.
_LONGEST_MARK_LINE = 256
#: White space, and what ``str.splitlines`` ends a line at.
_LEADING_SPACE = re.compile(r"\s*")
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(slots=True)
class Parsed:
    document: Document
    warnings: list[str] = field(default_factory=list)


def looks_like(text: str) -> bool:
    """True when ``text`` has the shape of a FRUS web page: numbered title, and pages or notes.

    Asked of every text file imported, so it reads the first line only, and the whole text only
    in C, unless there is a title and no page marker."""
    text = _without_page_mark(text)
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # (it matches anywhere)
    end = _LINE_BREAK.search(text, start)
    if not _TITLE.match(text[start : end.start() if end else len(text)]):
        return False
    if _PAGE.search(text):
        return True
    lines = text.splitlines()
    title_line = next(i for i, line in enumerate(lines) if line.strip())
    return _split_notes(lines, _NOTE_INDENTED, title_line)[1] != {}


def _without_page_mark(text: str) -> str:
    """The text without the character that stands for page markers while parsing (it prints nothing)."""
    return text.replace(PAGE_MARK, "") if PAGE_MARK in text else text


def _split_notes(lines: list[str], pattern: re.Pattern[str], after: int = 0) -> tuple[int, dict[int, str]]:
    """Where the trailing notes section begins, and its notes by number ({} if there is none).

    The section is the last line numbered ``1.`` (below line ``after``, the title) after which
    the numbered lines run 2, 3, … to the end of the file; unnumbered lines continue the note above.
    """
    starts = [i for i, line in enumerate(lines) if i > after and (m := pattern.match(line)) and m.group(1) == "1"]
    for start in reversed(starts):
        notes: dict[int, list[str]] = {}
        expected = 1
        for line in lines[start:]:
            match = pattern.match(line)
            if match and int(match.group(1)) == expected:
                notes[expected] = [match.group(2).rstrip()]
                expected += 1
            elif match and int(match.group(1)) != expected:
                break
            elif line.strip():
                notes[expected - 1].append(line.strip())
        else:
            return start, {n: "\n".join(parts) for n, parts in notes.items()}
    return len(lines), {}


def parse(text: str, *, name: str = "", cancelled: CancelCheck = None) -> Parsed:
    """The document in ``text`` (which ``looks_like`` accepted); ``cancelled`` is asked now and then."""
    lines = _without_page_mark(text).splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    notes_start, notes = _split_notes(lines, _NOTE_INDENTED, first)
    flush = False
    if not notes:
        notes_start, notes = _split_notes(lines, _NOTE_FLUSH, first)
        flush = True
    body = lines[first:notes_start]
    while body and (not body[-1].strip() or _NOTES_HEADING.match(body[-1])):
        body.pop()

    marked, pages = _mark_pages(body)
    stop_if(cancelled)
    candidates = find_candidates(marked, len(notes), cancelled)
    references = choose_references(candidates, len(notes))
    warnings: list[str] = []
    if flush and notes and len(references) < len(notes) / 2:
        # Numbered paragraphs at the end of a document without notes are not notes.
        marked, pages = _mark_pages(lines[first:])
        notes, references = {}, {}
    by_line: dict[int, list[tuple[int, int, int]]] = {}
    for n, candidate in references.items():
        by_line.setdefault(candidate.line, []).append((candidate.start, candidate.end, n))

    builder = TextBuilder(first_page=page_before(pages[0]) if pages else None)
    page_iter = iter(pages)
    number = ""
    for line_no, line in enumerate(marked):
        if line_no % 2000 == 0:
            stop_if(cancelled)
        if line_no == 0:
            match = _TITLE.match(line)
            assert match, "looks_like() checked the first line"
            number = match.group(1)
            builder.begin_block(BlockKind.HEADING)
            _write_line(builder, line, by_line.get(0, ()), page_iter)
            continue
        if not line or line.isspace():
            continue
        if len(line) <= _LONGEST_MARK_LINE and line.strip() == PAGE_MARK:
            builder.end_block()
            builder.page_break(next(page_iter))
            continue
        bullet = _BULLET.match(line) if line[0] in _BULLET_STARTS or line[0].isspace() else None
        if bullet:
            builder.begin_block(BlockKind.LIST_ITEM, level=1, label="•")
            line = " " * bullet.end() + line[bullet.end() :]
        else:
            builder.begin_block(BlockKind.PARAGRAPH)
        _write_line(builder, line, by_line.get(line_no, ()), page_iter)
    reading_text, blocks, page_map, anchored = builder.finish(notes)
    heading = blocks[0]
    title = re.sub(rf"^{re.escape(number)}\.\s+", "", reading_text[heading.start : heading.end])
    for n in sorted(set(notes) - set(references)):
        warnings.append(f"note {n} has no reference mark in the text; it is placed at the start")
    metadata = Metadata(title=title, number=number, csl_type="document")
    document = Document(
        id=new_document_id(),
        text=reading_text,
        metadata=metadata,
        blocks=blocks,
        pages=page_map,
        notes=anchored,
        source_format=FORMAT,
    )
    document.check()
    return Parsed(document, warnings)


def _mark_pages(lines: list[str]) -> tuple[list[str], list[str]]:
    """``lines`` with each ``[Page N]`` replaced by one private character, and the page names in order.

    One character per marker keeps the line context that reference-finding looks at.
    """
    pages: list[str] = []
    # "[" alone, not "[Page": a search for one character runs at memory speed, one for five letters
    # stops at every "e" of a megabyte of English (0.7 ms).
    return [_mark_line(line, pages) if "[" in line else line for line in lines], pages


def _mark_line(line: str, pages: list[str]) -> str:
    """``line`` with its page markers marked (see ``_mark_pages``), their names added to ``pages``.

    A marker takes the white space on either side of it; one that stands right after the white
    space another marker took is left as written (as it always was). Each character is looked at
    a bounded number of times, so a line of 100,000 spaces and markers is read in linear time.
    """
    out: list[str] = []
    position = 0
    for match in _PAGE.finditer(line):
        start, end = match.span()
        while start > position and line[start - 1].isspace():
            start -= 1
        if start == position and position and line[position - 1].isspace():
            continue  # right after the white space a marker took: not a marker of its own
        while end < len(line) and line[end].isspace():
            end += 1
        pages.append(match.group(1))
        gap = " " if start < match.start() or end > match.end() else ""
        out += [line[position:start], gap, PAGE_MARK, gap]
        position = end
    out.append(line[position:])
    return "".join(out)


def _write_line(builder: TextBuilder, line: str, refs: Sequence[tuple[int, int, int]], pages: Iterator[str]) -> None:
    """Feed one line to the builder, turning page marks and chosen references into events."""
    if not refs and PAGE_MARK not in line:
        builder.text(line)
        return
    position = 0
    for start, end, n in sorted(refs):
        _write_text(builder, line[position:start], pages)
        builder.note_reference(n)
        position = end
    _write_text(builder, line[position:], pages)


def _write_text(builder: TextBuilder, text: str, pages: Iterator[str]) -> None:
    if PAGE_MARK not in text:
        builder.text(text)
        return
    for index, piece in enumerate(text.split(PAGE_MARK)):
        if index:
            builder.page_break(next(pages))
        builder.text(piece)
