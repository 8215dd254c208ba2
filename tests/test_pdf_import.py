"""PDF sources, on PDFs the tests write themselves (fpdf2, with page labels set by pypdf): printed
pages from labels or printed numbers, running heads and page numbers out of the text, hyphenation
decided by the document's words, footnotes anchored at their marks, scans and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

fpdf = pytest.importorskip("fpdf")
pypdf = pytest.importorskip("pypdf")

from workbench.citations import pinpoint  # noqa: E402
from workbench.importers import ImportFailed, read_documents  # noqa: E402
from workbench.importers.pdf import ScannedPdf  # noqa: E402
from workbench.model import DocumentId, InlineKind  # noqa: E402
from workbench.model.annotation import Span, SpanId  # noqa: E402

HEAD = "FOREIGN RELATIONS, 1969–1976, VOLUME IX"


def write_pdf(path: Path, pages: list[list[str]], *, labels: bool = True, front: int = 4, numbers: bool = True,
              notes: dict[int, str] | None = None) -> Path:  # fmt: skip
    """Front-matter pages (roman labels), then body pages (labels from 445), each with a running head,
    its lines of body text, and a page number at the foot. "^n" in a line is a raised note mark."""
    pdf = fpdf.FPDF(format="letter")
    pdf.set_auto_page_break(False)
    for index in range(front):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(30, 40)
        pdf.cell(0, 6, f"Preface page {index + 1}.")
    for number, lines in enumerate(pages, start=445):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(30, 12)
        pdf.cell(0, 5, HEAD.replace("–", "-"))
        y = 30
        for line in lines:
            pdf.set_xy(30, y)
            for k, chunk in enumerate(line.split("^")):
                if k:  # a raised, smaller note mark, then the rest of the line
                    mark, chunk = chunk[0], chunk[1:]
                    pdf.set_font("Helvetica", size=7)
                    pdf.char_vpos = "SUP"
                    pdf.write(6, mark)
                    pdf.char_vpos = "LINE"
                for toggle, words in enumerate(chunk.split("_")):  # _words_ in italics
                    pdf.set_font("Helvetica", "I" if toggle % 2 else "", 11)
                    pdf.write(6, words)
            y += 7 if line else 14
        for n, text in (notes or {}).items():
            if f"^{n}" in "".join(lines):
                pdf.set_font("Helvetica", size=8)
                pdf.set_xy(30, 240 + 5 * n)
                pdf.cell(0, 4, f"{n} {text}")
        if numbers:
            pdf.set_font("Helvetica", size=9)
            pdf.set_xy(105, 262)
            pdf.cell(0, 5, str(number))
    pdf.output(str(path))
    if labels:
        reader = pypdf.PdfReader(str(path))
        writer = pypdf.PdfWriter(clone_from=reader)
        if front:
            writer.set_page_label(0, front - 1, style="/r")
        writer.set_page_label(front, len(reader.pages) - 1, style="/D", start=445)
        writer.write(str(path))
    return path


BODY = [
    ["The negotiations opened in Paris. The cease-fire was the first matter raised.",
     "Kissinger pressed the point on the negoti-", "ations and on the cease-", "fire; the North Vietnamese",
     "delegation would not move.^1 Tho answered at length.", "", "A second paragraph begins here and runs on to",
     "the next page without a break"],
    ["in its sentence, which ends on page 446.", "", "_Ambassador Bunker_ reported from Saigon."],
    ["Page 447 has a line of its own."],
    ["And page 448 ends the document."],
]  # fmt: skip
NOTES = {1: "Source: National Archives, RG 59, Box 26."}


@pytest.fixture(scope="module")
def volume(tmp_path_factory) -> Path:
    return write_pdf(tmp_path_factory.mktemp("pdf") / "volume.pdf", BODY, notes=NOTES)


def test_printed_pages_come_from_the_page_labels(volume: Path) -> None:
    (doc,) = read_documents(volume).documents
    assert doc.pages.pages() == ["i", "ii", "iii", "iv", "445", "446", "447", "448"]
    assert doc.pages.page_at(doc.text.index("Preface page 3")) == "iii"
    assert doc.pages.page_at(doc.text.index("Bunker")) == "446"


def test_a_quote_across_the_page_break_cites_both_pages(volume: Path) -> None:
    (doc,) = read_documents(volume).documents
    start = doc.text.index("runs on to the next page")
    end = doc.text.index("ends on page 446") + len("ends on page 446")
    assert "the next page without a break in its sentence" in doc.text  # one paragraph across the break
    span = Span(SpanId(1), "u", DocumentId(doc.id), start, end, doc.text[start:end], "", "")
    assert pinpoint(doc, span) == "445–46"


def test_running_heads_and_page_numbers_are_not_text(volume: Path) -> None:
    (doc,) = read_documents(volume).documents
    assert "FOREIGN RELATIONS" not in doc.text
    assert "\n445\n" not in f"\n{doc.text}\n" and not any(line.strip() == "447" for line in doc.text.split("\n"))


def test_hyphenation_decided_by_the_documents_own_words(volume: Path) -> None:
    (doc,) = read_documents(volume).documents
    assert "pressed the point on the negotiations and on the cease-fire; the North" in doc.text
    assert "negoti-ations" not in doc.text and "ceasefire" not in doc.text


def test_a_footnote_at_the_foot_of_the_page_is_anchored_at_its_mark(volume: Path) -> None:
    (doc,) = read_documents(volume).documents
    (note,) = doc.notes
    assert note.text == "Source: National Archives, RG 59, Box 26."
    assert doc.text[: note.anchor].endswith("delegation would not move.")
    assert "National Archives" not in doc.text


def test_italics_are_kept(volume: Path) -> None:
    (doc,) = read_documents(volume).documents
    assert [doc.text[i.start : i.end] for i in doc.inlines if i.kind == InlineKind.ITALIC] == ["Ambassador Bunker"]


def test_without_labels_the_printed_numbers_give_the_pages(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "plain.pdf", BODY, labels=False, front=0)
    (doc,) = read_documents(path).documents
    assert doc.pages.pages() == ["445", "446", "447", "448"]


def test_without_labels_or_numbers_the_page_index(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "bare.pdf", BODY, labels=False, front=0, numbers=False)
    (doc,) = read_documents(path).documents
    assert doc.pages.pages() == ["1", "2", "3", "4"]


def test_a_scan_without_text_is_recognised(tmp_path: Path) -> None:
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    pdf.rect(20, 20, 100, 30, style="F")  # a picture of something, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ScannedPdf, match="apt install ocrmypdf tesseract-ocr-eng"):
        read_documents(path)


def test_encrypted_truncated_and_false_pdfs_are_refused(tmp_path: Path, volume: Path) -> None:
    locked = tmp_path / "locked.pdf"
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(volume)))
    writer.encrypt("secret", algorithm="RC4-128")
    writer.write(str(locked))
    with pytest.raises(ImportFailed, match="protected by a password"):
        read_documents(locked)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(volume.read_bytes()[:600])
    with pytest.raises(ImportFailed):
        read_documents(truncated)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.7\nthis is not a PDF at all")
    with pytest.raises(ImportFailed, match="damaged or not a PDF"):
        read_documents(fake)


@pytest.fixture(scope="module")
def thousand_pages(tmp_path_factory) -> Path:
    return write_pdf(tmp_path_factory.mktemp("big") / "thousand.pdf", [BODY[2]] * 1000, front=0, notes=NOTES)


def test_a_thousand_page_pdf_reports_each_page_and_can_be_cancelled(thousand_pages: Path) -> None:
    from workbench.importers.errors import Cancelled
    from workbench.ops.documents import read_files

    seen: list[tuple[int, int]] = []
    report = read_files([thousand_pages], pages=lambda read, of: seen.append((read, of)))
    assert seen[-1] == (1000, 1000) and len(seen) == 1000
    assert report.documents[0].pages.pages()[-1] == "1444"
    stop_at = 100
    with pytest.raises(Cancelled):
        read_files([thousand_pages], pages=lambda read, of: seen.append((read, of)),
                   cancelled=lambda: len(seen) >= 1000 + stop_at)  # fmt: skip
    assert len(seen) == 1000 + stop_at  # it stopped at once, a page after being asked


def _scan(path: Path) -> Path:
    """A PDF whose page is only a picture of printed text, as a scanner makes it."""
    from workbench.facsimile import png, render_page
    from workbench.model.facsimile import Facsimile

    printed = fpdf.FPDF()
    printed.add_page()
    printed.set_font("Helvetica", size=22)
    printed.set_xy(20, 30)
    printed.cell(0, 10, "The treaty was signed in Paris.")
    picture = path.with_suffix(".png")
    picture.write_bytes(png(render_page(Facsimile(bytes(printed.output()), ["1"]), 0, scale=2.0)))
    scan = fpdf.FPDF()
    scan.add_page()
    scan.image(str(picture), x=0, y=0, w=210)
    scan.output(str(path))
    return path


def test_a_scan_is_recognised_when_ocrmypdf_is_installed(tmp_path: Path) -> None:
    from workbench.importers import ocr
    from workbench.importers.errors import Cancelled
    from workbench.ops.documents import read_files, recognise_scans

    if not ocr.available():
        pytest.skip("OCRmyPDF and Tesseract are not installed (apt install ocrmypdf tesseract-ocr-eng)")
    report = read_files([_scan(tmp_path / "scan.pdf")])
    assert len(report.failed) == 1
    with pytest.raises(Cancelled):
        recognise_scans(report, "eng", cancelled=lambda: True)
    recognise_scans(report, "eng")
    assert not report.failed
    (document,) = report.documents
    assert "treaty was signed in Paris" in document.text
    assert document.metadata.extra["custom"]["text-source"] == "machine-read (OCR, eng)"
    assert document.facsimile is not None  # the page image is the scan itself


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written object by object, for the shapes no PDF writer would make."""
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    table = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n".encode()


def test_a_pdf_bomb_and_a_looping_page_tree_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zlib

    squeezer = zlib.compressobj(9)
    stream = b"".join(squeezer.compress(b" " * (1 << 20)) for _ in range(1024)) + squeezer.flush()  # 1 GiB
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                               f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream
                               + b"\nendstream"]))  # fmt: skip
    loop = tmp_path / "loop.pdf"
    loop.write_bytes(_raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]))  # fmt: skip
    # The child's own peak (VmHWM): ru_maxrss after fork and exec would report the test process's size.
    probe = ("import re, sys\nfrom workbench.importers import ImportFailed, read_documents\n"
             "try:\n    read_documents(sys.argv[1])\nexcept ImportFailed as error:\n    print(error)\n"
             "status = open('/proc/self/status').read()\n"
             "print(int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1)) // 1024)")  # fmt: skip
    for path, message in ((bomb, "inflates to more than 512 MB (a PDF bomb"), (loop, "page 2 of this PDF is damaged")):
        run = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60)
        said, peak = run.stdout.strip().splitlines()
        assert message in said and int(peak) < 300, (said, peak)  # MB: the stream is never inflated whole
