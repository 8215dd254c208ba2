"""Laying a ``Document`` out as a ``QTextDocument`` for reading.

One reading-text line (block) becomes one Qt block, so the reading text's ``"\\n"`` and Qt's block
separator line up. What the page shows but the reading text does not hold, namely the volume line
above the title, the dateline from the metadata and superscript reference marks, is inserted as
decoration, and every run of real text is recorded in ``ViewPositions``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
    QTextOption,
)

from workbench.model import BlockKind, Document, InlineKind
from workbench.model.view_positions import ViewPositions
from workbench.ui.look.theme import Theme

#: Reference marks are links to ``note:N``.
NOTE_HREF_PREFIX = "note:"


@dataclass(slots=True)
class Rendered:
    document: QTextDocument
    positions: ViewPositions


#: Characters: a longer text is typeset without kerning and ligatures (``PreferNoShaping``). Qt keeps
#: what shaping a block costs for as long as the block is laid out, about 45 bytes a character: a
#: 500-page volume (2.4 million characters) took 190 MB once read through, 10 MB without shaping.
#: Shaping is also half of laying a text out: a megabyte takes 117 ms with it and 54 ms without,
#: and Qt lays out what is below the window in steps of 200,000 characters on later turns of the
#: event loop, 25 ms each with shaping (back to back, so the window is busy for a quarter of a
#: second after opening), 12 ms without. What is lost is slight at reading size (a pair such as
#: "AV" or "To" set a hair wider). Scripts that need shaping to be legible are shaped all the same.
LONG_TEXT = 500_000


class _Styles:
    """The character and block formats of one theme, built once per render."""

    def __init__(self, theme: Theme, *, long_text: bool = False) -> None:
        strategy = QFont.StyleStrategy.PreferNoShaping if long_text else QFont.StyleStrategy.PreferDefault
        self.body = QTextCharFormat()
        self.body.setFont(theme.reading_font())
        self.body.setFontStyleStrategy(strategy)
        self.body.setForeground(QColor(theme.ink))

        self.heading = QTextCharFormat(self.body)
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.heading.setFontPointSize(theme.reading_size * 1.3)

        self.header = QTextCharFormat()
        self.header.setFont(theme.ui_font(theme.reading_size * 0.8))
        self.header.setFontStyleStrategy(strategy)
        self.header.setForeground(QColor(theme.muted))
        self.header.setFontCapitalization(QFont.Capitalization.AllUppercase)
        self.header.setFontLetterSpacing(106)

        self.dateline = QTextCharFormat(self.body)
        self.dateline.setFontItalic(True)
        self.dateline.setForeground(QColor(theme.muted))

        self.reference = QTextCharFormat(self.body)
        self.reference.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        self.reference.setForeground(QColor(theme.accent))
        self.reference.setFontWeight(QFont.Weight.DemiBold)
        self.reference.setAnchor(True)

        line_height = 150
        self.paragraph = QTextBlockFormat()
        self.paragraph.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self.paragraph.setBottomMargin(theme.reading_size * 0.9)
        self.paragraph.setAlignment(Qt.AlignmentFlag.AlignLeft)

        self.heading_block = QTextBlockFormat(self.paragraph)
        self.heading_block.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self.heading_block.setBottomMargin(theme.reading_size * 0.6)
        self.heading_block.setHeadingLevel(1)

        self.header_block = QTextBlockFormat()
        self.header_block.setBottomMargin(theme.reading_size * 0.9)

        self.dateline_block = QTextBlockFormat(self.paragraph)
        self.dateline_block.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.dateline_block.setBottomMargin(theme.reading_size * 1.4)

        self.line_block = QTextBlockFormat(self.paragraph)  # a letter's address, salutation, closing
        self.line_block.setBottomMargin(0)

        self.item_block = QTextBlockFormat(self.paragraph)
        self.item_block.setBottomMargin(theme.reading_size * 0.6)

        self.label = QTextCharFormat(self.body)
        self.label.setForeground(QColor(theme.muted))
        self.indent = theme.reading_size * 2.2  # one level of a list, in pixels-ish points

    def bullets(self, level: int) -> QTextListFormat:
        style = QTextListFormat()
        style.setStyle(QTextListFormat.Style.ListDisc if level == 1 else QTextListFormat.Style.ListCircle)
        style.setIndent(level)
        return style

    def labelled_item(self, level: int) -> QTextBlockFormat:
        """An item whose printed label hangs in the margin, its text aligned after it."""
        block = QTextBlockFormat(self.item_block)
        block.setLeftMargin(self.indent * level)
        block.setTextIndent(-self.indent)
        block.setTabPositions([QTextOption.Tab(self.indent * level, QTextOption.TabType.LeftTab)])
        return block

    def for_kind(self, kind: BlockKind) -> tuple[QTextBlockFormat, QTextCharFormat]:
        if kind == BlockKind.HEADING:
            return self.heading_block, self.heading
        if kind == BlockKind.DATELINE:
            return self.dateline_block, self.dateline
        if kind == BlockKind.LIST_ITEM:
            return self.item_block, self.body
        if kind == BlockKind.LINE:
            return self.line_block, self.body
        return self.paragraph, self.body


def header_line(document: Document) -> str:
    """What the document is, above its title: "Foreign Relations … · Document 124" for a published
    document, "Letter · John Foster Dulles Papers · box 80" for an archival one. A double click on
    it opens the details, where this line comes from."""
    meta = document.metadata
    if meta.archival:
        parts = [meta.source_kind.label, meta.collection or meta.archive, *meta.location_parts()[:2]]
    else:
        parts = [meta.container_title, f"Document {document.number}" if document.number else ""]
    return " · ".join(part for part in parts if part)


def render(document: Document, theme: Theme) -> Rendered:
    long_text = len(document.text) > LONG_TEXT
    styles = _Styles(theme, long_text=long_text)
    qdoc = QTextDocument()
    qdoc.setUndoRedoEnabled(False)  # the project keeps the undo history; Qt's would only cost memory
    qdoc.setDocumentMargin(theme.reading_size * 2.5)
    font = theme.reading_font()
    if long_text:
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    qdoc.setDefaultFont(font)
    positions = ViewPositions(document.text)
    cursor = QTextCursor(qdoc)
    cursor.beginEditBlock()
    blocks = {block.start: block for block in document.blocks}
    anchors: dict[int, list[int]] = {}
    for note in document.notes:
        anchors.setdefault(note.anchor, []).append(note.n)
    anchor_offsets = sorted(anchors)
    has_dateline = any(block.kind == BlockKind.DATELINE for block in document.blocks)
    dateline = "" if has_dateline else document.metadata.dateline()
    first_block = True

    def open_block(block_format: QTextBlockFormat, char_format: QTextCharFormat) -> None:
        nonlocal first_block
        if first_block:
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(char_format)
            first_block = False
        else:
            cursor.insertBlock(block_format, char_format)

    header = header_line(document)
    if header:
        open_block(styles.header_block, styles.header)
        cursor.insertText(header, styles.header)

    lists: dict[int, QTextList] = {}  # the bulleted list open at each level
    start = 0
    for line in document.text.split("\n"):
        end = start + len(line)
        block = blocks.get(start)
        kind = block.kind if block else BlockKind.PARAGRAPH
        block_format, char_format = styles.for_kind(kind)
        following = blocks.get(end + 1)
        if kind == BlockKind.LINE and (following is None or following.kind != BlockKind.LINE):
            block_format = styles.paragraph  # the last line of a run: the space after a paragraph
        printed_label = block is not None and kind == BlockKind.LIST_ITEM and block.label not in ("", "•")
        if printed_label and block is not None:
            block_format = styles.labelled_item(block.level)
        if start:  # the Qt block separator stands for the reading text's "\n" before this line
            positions.add_segment(start - 1, cursor.position())
        open_block(block_format, char_format)
        if not start:
            positions.add_segment(0, cursor.position())
        if printed_label and block is not None:  # the label as printed ("1.", "(a)"), in the hanging indent
            cursor.insertText(f"{block.label}\t", styles.label)
            positions.add_segment(start, cursor.position())
        elif kind == BlockKind.LIST_ITEM:
            level = max(block.level if block else 1, 1)
            if level in lists:
                lists[level].add(cursor.block())
            else:
                lists[level] = cursor.createList(styles.bullets(level))
        if kind != BlockKind.LIST_ITEM:
            lists.clear()
        marks = anchor_offsets[bisect_left(anchor_offsets, start) : bisect_right(anchor_offsets, end)]
        _write_line(cursor, positions, document.text, start, end, char_format, styles.reference, anchors, marks)
        if kind == BlockKind.HEADING and dateline:
            open_block(styles.dateline_block, styles.dateline)
            cursor.insertText(dateline, styles.dateline)
            dateline = ""
        start = end + 1
    _mark_inlines(cursor, positions, document.inlines, theme)
    cursor.endEditBlock()
    return Rendered(qdoc, positions)


#: Links in the text that are not footnote marks: a glossary entry, or another document.
PERSON_HREF, TERM_HREF, REF_HREF = "person:", "term:", "ref:"


def _mark_inlines(cursor: QTextCursor, positions: ViewPositions, inlines, theme: Theme) -> None:
    """The source's italics, bold and small capitals; names, terms and cross-references as links."""
    for inline in inlines:
        style = QTextCharFormat()
        if inline.kind == InlineKind.ITALIC:
            style.setFontItalic(True)
        elif inline.kind == InlineKind.BOLD:
            style.setFontWeight(QFont.Weight.Bold)
        elif inline.kind == InlineKind.SMALLCAPS:
            style.setFontCapitalization(QFont.Capitalization.SmallCaps)
        else:
            prefix = {InlineKind.PERSON: PERSON_HREF, InlineKind.TERM: TERM_HREF, InlineKind.REF: REF_HREF}[inline.kind]
            style.setAnchor(True)
            style.setAnchorHref(prefix + inline.value)
            style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            style.setUnderlineColor(QColor(theme.rule if inline.kind != InlineKind.REF else theme.accent))
        cursor.setPosition(positions.to_view(inline.start))
        cursor.setPosition(positions.to_view(inline.end, end=True), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(style)
    cursor.clearSelection()


def _write_line(
    cursor: QTextCursor,
    positions: ViewPositions,
    text: str,
    start: int,
    end: int,
    body: QTextCharFormat,
    reference: QTextCharFormat,
    anchors: dict[int, list[int]],
    marks: list[int],
) -> None:
    """Insert ``text[start:end]`` with a superscript mark at each footnote anchor in ``marks``."""
    position = start
    for anchor in marks:
        cursor.insertText(text[position:anchor], body)
        for n in anchors[anchor]:
            mark = QTextCharFormat(reference)
            mark.setAnchorHref(f"{NOTE_HREF_PREFIX}{n}")
            mark.setToolTip("")
            cursor.insertText(str(n), mark)
        positions.add_segment(anchor, cursor.position())
        position = anchor
    cursor.insertText(text[position:end], body)
