"""Word (.docx) with real footnotes holding the citations, quotations in Word's Quote style.

python-docx writes the body but has no footnote API, so this module adds the footnotes part
itself: ``word/footnotes.xml`` with the two separator notes Word expects (ids -1 and 0), a
relationship from the document, "Footnote Text" and "Footnote Reference" styles, and in the
text a ``w:footnoteReference`` run per citation. Word and LibreOffice open it as they open
their own; the tests read the part back and convert the file with LibreOffice.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from workbench.citations import Rich, Style
from workbench.citations.rich import from_markdown
from workbench.export.excerpts import Prepared
from workbench.export.markdown import heading, references_title

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def _runs_xml(rich: Rich) -> str:
    return "".join(
        f'<w:r>{"<w:rPr><w:i/></w:rPr>" if run.italic else ""}<w:t xml:space="preserve">{escape(run.text)}</w:t></w:r>'
        for run in rich
    )


class Footnotes:
    """The document's footnotes part; ``add`` puts a note's mark at the end of a paragraph."""

    def __init__(self, document) -> None:
        self.element = parse_xml(f"<w:footnotes {nsdecls('w')}>{_SEPARATORS}</w:footnotes>")
        part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, self.element, document.part.package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        styles = document.styles
        text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = styles["Normal"]
        text.font.size = Pt(9.5)
        text.paragraph_format.space_after = Pt(2)
        reference = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        reference.font.superscript = True
        self.count = 0

    def add(self, paragraph: Paragraph, citation: Rich) -> None:
        self.count += 1
        n = self.count
        mark = paragraph.add_run()
        mark.style = "Footnote Reference"
        mark._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{n}"/>'))
        self.element.append(parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{_runs_xml(citation)}</w:p></w:footnote>'
        ))  # fmt: skip


def _add_rich(paragraph: Paragraph, rich: Rich) -> None:
    for run in rich:
        paragraph.add_run(run.text).italic = run.italic or None


def write(prepared: Prepared, title: str) -> bytes:
    document = new_docx()
    footnotes = Footnotes(document)
    name, meta = heading(prepared, title)
    document.add_heading(name, level=1)
    info = document.add_paragraph(meta)
    info.runs[0].italic = True
    in_text = prepared.style == Style.CHICAGO_AUTHOR_DATE
    grey = RGBColor(0x6F, 0x69, 0x5F)
    for excerpt in prepared.excerpts:
        paragraphs = [document.add_paragraph(text, style="Quote") for text in excerpt.quote.paragraphs]
        if in_text:
            paragraphs[-1].add_run(" ")
            _add_rich(paragraphs[-1], excerpt.citation)
        else:
            footnotes.add(paragraphs[-1], excerpt.citation)
        if excerpt.tags:
            tags = document.add_paragraph().add_run(f"Tags: {', '.join(excerpt.tags)}")
            tags.font.size, tags.font.color.rgb = Pt(9), grey
        for line in excerpt.note.splitlines():
            if line.strip():
                _add_rich(document.add_paragraph(), from_markdown(line))
    if prepared.references:
        document.add_heading(references_title(prepared.style), level=2)
        for reference in prepared.references:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Pt(24)
            paragraph.paragraph_format.first_line_indent = Pt(-24)
            _add_rich(paragraph, reference)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
