"""Word (.docx) with real footnotes holding the citations, quotations in Word's Quote style.

python-docx makes the document but has no footnote API, so this module adds the footnotes part
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
from docx.shared import Pt

from workbench.citations import Rich
from workbench.citations.rich import from_markdown
from workbench.escaping import removed_warning, xml_text
from workbench.export.excerpts import Prepared
from workbench.export.markdown import heading

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def _runs_xml(rich: Rich, properties: str = "") -> str:
    """``<w:r>`` elements for ``rich`` (italic and bold where it is), each with run ``properties``."""
    return "".join(
        f"<w:r><w:rPr>{properties}{'<w:b/>' if run.bold else ''}{'<w:i/>' if run.italic else ''}</w:rPr>"
        f'<w:t xml:space="preserve">{escape(run.text)}</w:t></w:r>'
        for run in rich
    )


def _paragraph(runs: str, *, style: str = "", properties: str = "") -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f"<w:p><w:pPr>{style_xml}{properties}</w:pPr>{runs}</w:p>"


def _footnote_mark(n: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'


def _footnote(n: int, citation: Rich) -> str:
    return (
        f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{_runs_xml(citation)}</w:p></w:footnote>'
    )


def _parse_all(elements: list[str], root: str) -> list:
    """Parse many elements at once (one parse, not thousands)."""
    return list(parse_xml(f"<w:{root} {nsdecls('w')}>{''.join(elements)}</w:{root}>"))


def _add_footnote_styles(document) -> None:
    styles = document.styles
    text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = styles["Normal"]
    text.font.size = Pt(9.5)
    text.paragraph_format.space_after = Pt(2)
    styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER).font.superscript = True


_TAGS_RUN = '<w:color w:val="6F695F"/><w:sz w:val="18"/>'
_HANGING = '<w:ind w:left="480" w:hanging="480"/>'


def write(prepared: Prepared, title: str) -> bytes:
    """The document: python-docx for its frame and styles, the excerpts written as WordprocessingML.

    (Adding tens of thousands of paragraphs one by one through python-docx takes quadratic time:
    each addition looks for the end of the body again. Built as one block, 10,000 excerpts take
    seconds.)
    """
    document = new_docx()
    _add_footnote_styles(document)
    name, meta = heading(prepared, title)
    name, removed = xml_text(name)
    document.add_heading(name, level=1)
    document.add_paragraph().add_run(meta).italic = True
    in_text = prepared.style.in_text
    body: list[str] = []
    notes: list[str] = [_SEPARATORS]
    for excerpt in prepared.excerpts:
        paragraphs = [_runs_xml(Rich([text])) for text in excerpt.quote.paragraphs]
        if in_text:
            paragraphs[-1] += _runs_xml(Rich([" ", *excerpt.citation]))
        else:
            notes.append(_footnote(len(notes), excerpt.citation))
            paragraphs[-1] += _footnote_mark(len(notes) - 1)
        body += [_paragraph(runs, style="Quote") for runs in paragraphs]
        if excerpt.tags:
            body.append(_paragraph(_runs_xml(Rich([f"Tags: {', '.join(excerpt.tags)}"]), _TAGS_RUN)))
        body += [_paragraph(_runs_xml(from_markdown(line))) for line in excerpt.note.splitlines() if line.strip()]
    if prepared.references:
        body.append(_paragraph(_runs_xml(Rich([prepared.style.references_title])), style="Heading2"))
        body += [_paragraph(_runs_xml(reference), properties=_HANGING) for reference in prepared.references]
    # User text may hold characters XML cannot (\x01, U+FFFE): left out, and said, not a failed export.
    body_xml, removed_in_body = xml_text("".join(body))
    notes_xml, removed_in_notes = xml_text("".join(notes))
    prepared.warnings += removed_warning(removed + removed_in_body + removed_in_notes)
    end = document.element.body.sectPr
    for element in _parse_all([body_xml], "body"):
        end.addprevious(element)
    footnotes = parse_xml(f"<w:footnotes {nsdecls('w')}/>")
    footnotes.extend(_parse_all([notes_xml], "footnotes"))
    part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, footnotes, document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
