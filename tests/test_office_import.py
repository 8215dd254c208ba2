"""Word and OpenDocument transcriptions: text, headings, italics, tables, footnotes anchored at their
marks, endnotes, tracked changes accepted, comments left out, page and folio markers; hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from workbench.importers import ImportFailed, read_documents
from workbench.model import BlockKind, InlineKind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (
    f'<w:footnotes xmlns:w="{W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Box 80, Alsop folder.</w:t></w:r></w:p></w:footnote>'
    '<w:footnote w:id="2"><w:p><w:r><w:t>The column of March 12.</w:t></w:r></w:p></w:footnote>'
    '<w:footnote w:id="3"><w:p><w:r><w:t>Underlined in the original.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)
MARK = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'


def make_docx(folder: Path, name: str = "letter.docx") -> Path:
    """A transcription as Word writes it (python-docx), with three footnotes put in as Word puts them."""
    document = docx.Document()
    document.core_properties.title = "Letter from the core properties"
    document.add_heading("Dulles to Alsop, 14 March 1954", level=1)
    document.add_paragraph("[f. 1r]")
    paragraph = document.add_paragraph("Dear Joe: I have read your column ")
    paragraph.add_run("with care").italic = True
    paragraph.add_run("FN1 and I must say FN2 that you were unfair.")
    document.add_paragraph("[f. 1v]")
    document.add_paragraph("We shall have more to say at Geneva FN3.")
    document.add_paragraph("Memoranda enclosed", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("Box", "Folder"), ("80", "Alsop"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    path = folder / name
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                for n in (1, 2, 3):  # each mark as its own run, right after the word it follows
                    text = text.replace(f"FN{n}", f'</w:t></w:r>{MARK.format(n=n)}<w:r><w:t xml:space="preserve">', 1)
                data = text.encode()
            out.writestr(item, data)
        out.writestr("word/footnotes.xml", FOOTNOTES)
    return path


def test_a_word_transcription_with_three_footnotes(tmp_path: Path) -> None:
    (doc,) = read_documents(make_docx(tmp_path)).documents
    assert doc.title == "Dulles to Alsop, 14 March 1954"  # the first heading, before the file's title
    assert "[f. 1r]" not in doc.text
    assert doc.pages.page_at(doc.text.index("Dear Joe")) == "1r" and doc.pages.page_at(doc.text.index("Geneva")) == "1v"
    assert [note.text for note in doc.notes] == ["Box 80, Alsop folder.", "The column of March 12.",
                                                 "Underlined in the original."]  # fmt: skip
    # Each anchor stands right after the character its mark followed.
    before = [doc.text[: note.anchor] for note in doc.notes]
    assert before[0].endswith("your column with care")
    assert before[1].endswith("and I must say") and before[2].endswith("more to say at Geneva")
    italic = [doc.text[i.start : i.end] for i in doc.inlines if i.kind == InlineKind.ITALIC]
    assert italic == ["with care"]
    kinds = {doc.text[b.start : b.end]: b.kind for b in doc.blocks}
    assert kinds["Memoranda enclosed"] == BlockKind.LIST_ITEM
    assert kinds["Box | Folder"] == BlockKind.PARAGRAPH and "80 | Alsop" in kinds


def test_tracked_changes_are_read_as_accepted_and_comments_left_out(tmp_path: Path) -> None:
    body = (
        f'<w:document xmlns:w="{W}"><w:body><w:p>'
        '<w:r><w:t xml:space="preserve">The talks </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>failed</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t>stalled</w:t></w:r></w:ins>'
        '<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> in Paris.</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
        "</w:p></w:body></w:document>"
    )
    path = tmp_path / "tracked.docx"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("word/document.xml", body)
    imported = read_documents(path)
    assert imported.documents[0].text == "The talks stalled in Paris."
    assert any("1 comment(s) left out" in warning for warning in imported.warnings)
    assert imported.documents[0].title == "tracked" and imported.documents[0].metadata.title_from_file


ODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>gone</text:p></text:deletion></text:changed-region></text:tracked-changes>
  <text:h text:outline-level="1">Minutes of the Meeting</text:h>
  <text:p>[p. 12]</text:p>
  <text:p>The <text:span text:style-name="T1">Secretary</text:span> opened the meeting<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Held at 10 a.m.</text:p></text:note-body></text:note> and spoke<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>For twenty minutes.</text:p></text:note-body></text:note>.<office:annotation><text:p>check this</text:p></office:annotation></text:p>
  <text:list><text:list-item><text:p>First point</text:p></text:list-item></text:list>
 </office:text></office:body>
</office:document-content>"""


def test_an_opendocument_text_with_endnotes(tmp_path: Path) -> None:
    path = tmp_path / "minutes.odt"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        out.writestr("content.xml", ODT)
    imported = read_documents(path)
    (doc,) = imported.documents
    assert doc.title == "Minutes of the Meeting"
    assert "gone" not in doc.text and "check this" not in doc.text
    assert [n.text for n in doc.notes] == ["Held at 10 a.m.", "For twenty minutes."]
    assert doc.text[: doc.notes[0].anchor].endswith("opened the meeting")
    assert doc.text[: doc.notes[1].anchor].endswith("and spoke")
    assert [doc.text[i.start : i.end] for i in doc.inlines] == ["Secretary"]
    assert doc.pages.page_at(doc.text.index("Secretary")) == "12"
    assert any(b.kind == BlockKind.LIST_ITEM and doc.text[b.start : b.end] == "First point" for b in doc.blocks)
    assert any("1 comment(s) left out" in w for w in imported.warnings)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a readable ZIP archive"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("other.txt", "x"), "neither a Word"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<w:document"), "not well-formed"),
        (
            lambda p: zipfile.ZipFile(p, "w").writestr(
                "word/document.xml",
                '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
                f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>',
            ),
            "no text",
        ),
    ],
)
def test_a_broken_or_hostile_word_file_is_refused_in_one_sentence(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "bad.docx"
    make(path)
    with pytest.raises(ImportFailed, match=message):
        read_documents(path)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out, out.open("word/document.xml", "w") as member:
        for _ in range(80):  # 80 MB of zeros, a few dozen KB on disk
            member.write(chunk)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ImportFailed, match=r"expands .* times \(a ZIP bomb"):
        read_documents(path)
