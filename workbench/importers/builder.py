"""Assembling reading text, blocks, page breaks and note anchors from a stream of parser events.

Every importer walks its source in reading order and tells a ``TextBuilder`` what it meets:
a block begins, some text, a page begins, a footnote reference, the block ends. The builder owns
the conventions that must be the same whatever the source format, so that the same document
imported from FRUS web text and from TEI gives the same offsets:

- whitespace runs collapse to one space; blocks carry no leading or trailing space;
- blocks are joined by a single ``"\\n"``; empty blocks vanish;
- a page begins at the first character printed on it (never on a space or a separator);
- a note is anchored right after the character its reference mark was glued to.
"""

from __future__ import annotations

from workbench.model import Block, BlockKind, Inline, Note, PageBreak, PageMap


def collapse_spaces(text: str) -> str:
    """``text`` with each run of white space made one space, and none at either end.

    Most text has nothing to collapse, and saying so is a scan in C: a string with no character
    that is not printable (every white space but the plain space is one) and no double space.
    """
    body = text.strip(" ")
    if body.isprintable() and "  " not in body:
        return body
    return " ".join(body.split())


class TextBuilder:
    def __init__(self, *, first_page: str | None = None) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._block: tuple[BlockKind, int, int, str] | None = None  # kind, start, level, label
        self._block_has_text = False
        self._space_pending = False
        self._pending_pages: list[str] = []
        self._breaks: list[PageBreak] = []
        self._anchors: dict[int, int] = {}
        self._first_page = first_page

    # -- events -----------------------------------------------------------------------------

    def begin_block(self, kind: BlockKind, *, level: int = 0, label: str = "") -> None:
        if self._block is not None:
            self.end_block()
        self._block = (kind, self._length, level, label)
        self._block_has_text = False
        self._space_pending = False

    def end_block(self) -> None:
        if self._block is None:
            return
        kind, start, level, label = self._block
        if self._block_has_text:
            self._blocks.append(Block(kind, start, self._length, level, label))
        self._block = None
        self._space_pending = False

    def text(self, text: str) -> None:
        """Append inline text, collapsing whitespace (opens a paragraph if no block is open)."""
        if not text:
            return
        if self._block is None:
            self.begin_block(BlockKind.PARAGRAPH)
        # One run, not word by word (132,000 calls for a megabyte): white space inside collapses to
        # one space, and white space at either end is owed to what comes before or after.
        if text[0].isspace():
            self._space_pending = True
        body = collapse_spaces(text)
        if body:
            self._emit(body)
        if text[-1].isspace():
            self._space_pending = True

    def page_break(self, n: str) -> None:
        """Printed page ``n`` begins with the next character written."""
        self._pending_pages.append(n)

    def note_reference(self, n: int) -> None:
        """Footnote ``n``'s reference mark stands here, glued to what precedes it."""
        self._anchors.setdefault(n, self._length)

    # -- results ----------------------------------------------------------------------------

    @property
    def length(self) -> int:
        return self._length

    def next_position(self) -> int:
        """Where the next character written will stand (after any space or separator owed)."""
        if self._block is not None and self._block_has_text:
            return self._length + (1 if self._space_pending else 0)
        return self._length + (1 if self._blocks or self._length else 0)

    @property
    def open_block_empty(self) -> bool:
        """A block is open and nothing has been written into it yet."""
        return self._block is not None and not self._block_has_text

    @property
    def open_label(self) -> str:
        return self._block[3] if self._block else ""

    @property
    def open_kind(self) -> BlockKind | None:
        """The kind of the block being written, if one is open."""
        return self._block[0] if self._block else None

    def finish(self, notes: dict[int, str]) -> tuple[str, list[Block], PageMap, list[Note]]:
        """The reading text, blocks, page map and notes (anchored; unreferenced ones at 0)."""
        self.end_block()
        for n in self._pending_pages:  # a page begun after the last word prints nothing of ours
            self._breaks.append(PageBreak(n, self._length))
        self._pending_pages = []
        text = "".join(self._parts)
        anchored = [Note(n, self._anchors.get(n, 0), body) for n, body in sorted(notes.items())]
        first_page = self._first_page
        if self._breaks and self._breaks[0].start == 0:  # the document opens a new page
            first_page = self._breaks[0].n
        return text, self._blocks, PageMap(first_page, tuple(self._breaks)), anchored

    def anchored_notes(self) -> set[int]:
        return set(self._anchors)

    # -- internals --------------------------------------------------------------------------

    def _emit(self, piece: str) -> None:
        # Called for every run of text an importer meets: the writes are inlined.
        if self._block_has_text:
            if self._space_pending:
                self._parts.append(" ")
                self._length += 1
        elif self._blocks or self._length:
            self._parts.append("\n")
            self._length += 1
            # the block started before its separator was written: move its start past it
            kind, _, level, label = self._block  # type: ignore[misc]
            self._block = (kind, self._length, level, label)
        self._space_pending = False
        if self._pending_pages:
            self._breaks += [PageBreak(n, self._length) for n in self._pending_pages]
            self._pending_pages = []
        self._block_has_text = True
        self._parts.append(piece)
        self._length += len(piece)


def trimmed(inlines: list[Inline], text: str) -> list[Inline]:
    """Inline ranges without the white space the markup had inside them."""
    kept = []
    for inline in inlines:
        start, end = inline.start, min(inline.end, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            kept.append(Inline(start, end, inline.kind, inline.value))
    return kept
