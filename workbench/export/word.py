"""Word (.docx) with real footnotes holding the citations, quotations in Word's Quote style.

python-docx makes the document's frame but has no footnote API, so this module adds the footnotes
part itself: ``word/footnotes.xml`` with the two separator notes Word expects (ids -1 and 0), a
relationship from the document, "Footnote Text" and "Footnote Reference" styles, and in the
text a ``w:footnoteReference`` run per citation. Word and LibreOffice open it as they open
their own; the tests read the part back and convert the file with LibreOffice.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO
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
from workbench.export.excerpts import Excerpt, Prepared
from workbench.export.markdown import heading
from workbench.export.spool import Spool

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


def _add_footnote_styles(document) -> None:
    styles = document.styles
    text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = styles["Normal"]
    text.font.size = Pt(9.5)
    text.paragraph_format.space_after = Pt(2)
    styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER).font.superscript = True


_TAGS_RUN = '<w:color w:val="6F695F"/><w:sz w:val="18"/>'
_HANGING = '<w:ind w:left="480" w:hanging="480"/>'


def _frame(prepared: Prepared, title: str) -> tuple[zipfile.ZipFile, int]:
    """The Word file without its excerpts, made by python-docx: styles, heading, an empty footnotes
    part with the two separators; and how many characters XML cannot hold were left out of it."""
    document = new_docx()
    _add_footnote_styles(document)
    name, meta = heading(prepared, title)
    name, removed = xml_text(name)
    document.add_heading(name, level=1)
    document.add_paragraph().add_run(meta).italic = True
    footnotes = parse_xml(f"<w:footnotes {nsdecls('w')}>{_SEPARATORS}</w:footnotes>")
    part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, footnotes, document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    buffer = io.BytesIO()
    document.save(buffer)
    return zipfile.ZipFile(buffer), removed


def _excerpt_xml(excerpt: Excerpt, in_text: bool, notes: Spool) -> tuple[str, int]:
    """The excerpt's paragraphs, its footnote kept in ``notes``; user text may hold characters XML
    cannot (\\x01, U+FFFE): they are left out, and counted to be said, not a failed export."""
    paragraphs = [_runs_xml(Rich([text])) for text in excerpt.quote.paragraphs]
    removed = 0
    if in_text:
        paragraphs[-1] += _runs_xml(Rich([" ", *excerpt.citation]))
    else:
        n = notes.count + 1
        note, removed = xml_text(_footnote(n, excerpt.citation))
        notes.add(note)
        paragraphs[-1] += _footnote_mark(n)
    body = [_paragraph(runs, style="Quote") for runs in paragraphs]
    if excerpt.tags:
        body.append(_paragraph(_runs_xml(Rich([f"Tags: {', '.join(excerpt.tags)}"]), _TAGS_RUN)))
    body += [_paragraph(_runs_xml(from_markdown(line))) for line in excerpt.note.splitlines() if line.strip()]
    text, gone = xml_text("".join(body))
    return text, removed + gone


def write(prepared: Prepared, title: str, out: IO[bytes]) -> None:
    """The document: python-docx makes its frame and styles (``_frame``); the excerpts are written
    as WordprocessingML straight into the new file's ``word/document.xml`` as they come, and their
    footnotes, kept aside in a ``Spool`` meanwhile, into ``word/footnotes.xml`` after it. The other
    parts are copied from the frame. So nothing but the frame is held whole: python-docx keeps a
    document in memory as one XML tree (200,000 excerpts would be gigabytes), and adding paragraphs
    through it takes quadratic time (each addition looks for the end of the body again).
    """
    frame, removed = _frame(prepared, title)
    notes = Spool()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for item in frame.infolist():
            if item.filename == "word/footnotes.xml":
                continue
            data = frame.read(item)
            if item.filename != "word/document.xml":
                package.writestr(item, data)
                continue
            text = data.decode("utf-8")
            end = text.rindex("<w:sectPr")  # the body's own section properties close it
            with package.open(item.filename, "w") as part:
                part.write(text[:end].encode("utf-8"))
                for excerpt in prepared.excerpts():
                    body, gone = _excerpt_xml(excerpt, prepared.style.in_text, notes)
                    part.write(body.encode("utf-8"))
                    removed += gone
                title_written = False
                for reference in prepared.references():
                    if not title_written:
                        references_title = _runs_xml(Rich([prepared.style.references_title]))
                        part.write(_paragraph(references_title, style="Heading2").encode("utf-8"))
                        title_written = True
                    body, gone = xml_text(_paragraph(_runs_xml(reference), properties=_HANGING))
                    part.write(body.encode("utf-8"))
                    removed += gone
                part.write(text[end:].encode("utf-8"))
        footnotes = frame.read("word/footnotes.xml").decode("utf-8")
        end = footnotes.rindex("</w:footnotes>")
        with package.open("word/footnotes.xml", "w") as part:
            part.write(footnotes[:end].encode("utf-8"))
            notes.read_encoded(part)
            part.write(footnotes[end:].encode("utf-8"))
    prepared.warnings += removed_warning(removed)
