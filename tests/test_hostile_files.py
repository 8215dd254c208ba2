"""Hostile files: crafted archives, JSON of every wrong shape, devices and pipes, lines built to make
regexes backtrack, and exports that try to attack the program that opens them.

Each input must end in one clear line (``ImportFailed``, or the CLI's ``workbench: …``) or a report
of what could not come in, in bounded time and memory, with the project unchanged. The slow and
memory-hungry cases run in a child process with a generous timeout (a hang guard, not a speed
test) and report the child's peak memory.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import textwrap
import uuid
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import SeparateCoAuthors

from workbench.citations import Style
from workbench.exchange.refi import export_project, read_qdpx
from workbench.exchange.w3c import annotations_export
from workbench.export import Format, Selection, export
from workbench.importers import ImportFailed, read_documents
from workbench.importers.errors import Cancelled
from workbench.importers.limits import MAX_JSON_DEPTH
from workbench.ops.documents import import_files, read_files
from workbench.ops.exchange import import_exchange
from workbench.ops.spans import create_span
from workbench.storage import Project, list_documents, load_document

MB = 1024 * 1024
#: Peak memory allowed to a child that reads one hostile file (Python, lxml and the project: ~100 MB).
MAX_RSS_MB = 400
#: Generous: a hang guard, not a speed test.
TIMEOUT = 120


# -- helpers ------------------------------------------------------------------------------------


def fingerprint(project: Project) -> str:
    """Everything in the project file, rows and undo history alike."""
    return "\n".join(project.db.conn.iterdump())


def one_line(message: str) -> str:
    assert message and "\n" not in message and "Traceback" not in message, message
    return message


def run_cli(*args: str, timeout: float = TIMEOUT) -> tuple[int, str, float]:
    """``workbench ARGS`` in a child process: exit code, stderr, and the child's peak memory in MB."""
    code = textwrap.dedent(f"""
        import resource, sys
        from pathlib import Path
        from workbench.cli import main
        code = main({list(args)!r})
        # The peak of this program's own memory: VmHWM starts afresh at exec, while ru_maxrss would
        # include the test process the child was forked from.
        status = Path("/proc/self/status")
        peak = next((int(line.split()[1]) for line in status.read_text().splitlines()
                     if line.startswith("VmHWM")), None) if status.exists() else None
        print("MAXRSS", peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
        sys.exit(code)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    lines = done.stderr.splitlines()
    rss = next((int(line.split()[1]) / 1024 for line in lines if line.startswith("MAXRSS")), float("inf"))
    return done.returncode, "\n".join(line for line in lines if not line.startswith("MAXRSS")), rss


def assert_refused(project_path: Path, path: Path, expected: str) -> None:
    """The CLI refuses ``path`` with one line naming ``expected``, in bounded memory, changing nothing."""
    before = _dump(project_path)
    code, stderr, rss = run_cli("import", "--project", str(project_path), str(path))
    assert code == 1 and "Traceback" not in stderr, stderr
    assert len(stderr.splitlines()) == 1 and expected in stderr, stderr
    assert rss < MAX_RSS_MB, f"{path.name}: {rss:.0f} MB"
    assert _dump(project_path) == before


def _dump(path: Path) -> str:
    with Project.open(path) as project:
        return fingerprint(project)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "project.wbproj"
    Project.open(path, create=True).close()
    return path


# -- REFI-QDA archives --------------------------------------------------------------------------

NS = "urn:QDA-XML:project:1.0"


def qde(sources: str = "", codes: str = "") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" name="t" origin="NVivo 14">'
            f"<CodeBook><Codes>{codes}</Codes></CodeBook><Sources>{sources}</Sources></Project>")  # fmt: skip


def source(guid: str, selections: str = "", name: str = "Interview") -> str:
    return f'<TextSource guid="{guid}" name="{name}" plainTextPath="internal://{guid}.txt">{selections}</TextSource>'


def selection(start: str, end: str, guid: str | None = None, code: str | None = None) -> str:
    guid_attribute = f' guid="{guid}"' if guid is not None else ""
    coding = f'<Coding guid="{uuid.uuid4()}"><CodeRef targetGUID="{code}"/></Coding>' if code else ""
    return (f'<PlainTextSelection{guid_attribute} name="s" startPosition="{start}" endPosition="{end}">'
            f"{coding}</PlainTextSelection>")  # fmt: skip


def write_qdpx(path: Path, project: str | bytes, files: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project)
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return path


def zeros_entry(path: Path, name: str, size: int) -> Path:
    """An archive whose one entry is ``size`` zero bytes, written without holding them (a ZIP bomb)."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open(name, "w", force_zip64=True) as entry,
    ):
        for _ in range(size // MB):
            entry.write(bytes(MB))
    return path


def patch_central(path: Path, offset: int, fmt: str, value: int) -> Path:
    """Rewrite a field of the first central directory record (and the local header's copy where it has one)."""
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    struct.pack_into(fmt, data, central + offset, value)
    local_offsets = {8: 6, 10: 8, 24: 22}  # flags, method, uncompressed size
    if offset in local_offsets:
        struct.pack_into(fmt, data, local_offsets[offset], value)
    path.write_bytes(bytes(data))
    return path


def test_zip_bombs_and_damaged_archives_are_refused_before_expanding(tmp_path: Path, project_path: Path) -> None:
    text = b"Some words to code."
    good = qde(source("11111111-1111-1111-1111-111111111111"))
    files = {"sources/11111111-1111-1111-1111-111111111111.txt": text}
    many = tmp_path / "many.qdpx"
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("project.qde", good)
        for i in range(20_001):
            archive.writestr(f"x/{i}", b"")
    cases = {
        zeros_entry(tmp_path / "gib.qdpx", "project.qde", 200 * MB): "would expand to 200 MB",
        zeros_entry(tmp_path / "ratio.qdpx", "project.qde", 60 * MB): "a ZIP bomb",
        zeros_entry(tmp_path / "source.qdpx", "sources/a.txt", 101 * MB): "would expand to 101 MB",
        many: "the limit is 20,000",
        patch_central(write_qdpx(tmp_path / "encrypted.qdpx", good, files), 8, "<H", 1): "is encrypted",
        patch_central(write_qdpx(tmp_path / "aes.qdpx", good, files), 10, "<H", 99): "compression",
        patch_central(write_qdpx(tmp_path / "liar.qdpx", good * 50, files), 24, "<I", 10): "damaged",
        write_qdpx(tmp_path / "no-qde.qdpx", b"", {"other.xml": b"<x/>"}): "project.qde",
        write_qdpx(tmp_path / "not-xml.qdpx", b"\x00\x01 not xml"): "malformed",
        write_qdpx(tmp_path / "deep.qdpx", "<Project>" + "<a>" * 100_000): "malformed",
    }
    corrupt = tmp_path / "corrupt.qdpx"
    corrupt.write_bytes(b"PK\x03\x04" + os.urandom(4000))
    cases[corrupt] = "not a readable ZIP archive"
    truncated = tmp_path / "truncated.qdpx"
    truncated.write_bytes(write_qdpx(tmp_path / "whole.qdpx", good * 100, files).read_bytes()[:-200])
    cases[truncated] = "not a readable ZIP archive"
    text_file = tmp_path / "text.qdpx"
    text_file.write_text("just text")
    cases[text_file] = "not a readable ZIP archive"
    for path, expected in cases.items():
        with pytest.raises(ImportFailed) as failure:
            read_qdpx(path)
        assert expected in one_line(str(failure.value)), (path.name, failure.value)
    # The worst of them through the command line, in a child: one line, bounded memory, nothing changed.
    assert_refused(project_path, tmp_path / "gib.qdpx", "would expand to 200 MB")
    assert_refused(project_path, tmp_path / "liar.qdpx", "damaged")


def test_bad_positions_and_guids_are_reported_and_the_rest_comes_in(project: Project, tmp_path: Path) -> None:
    text = "Alpha beta gamma delta epsilon."
    doc, dup = "22222222-2222-2222-2222-222222222222", "33333333-3333-3333-3333-333333333333"
    code = "44444444-4444-4444-4444-444444444444"
    bad = ["abc", "1e3", "", "-5", "3.5", "²", "0x10", " ", "9" * 5000]
    selections = "".join(selection(value, "5", str(uuid.uuid4()), code) for value in bad)
    selections += selection("0", "10000", str(uuid.uuid4()), code)  # beyond the text
    selections += selection("5", "5", str(uuid.uuid4()), code)  # empty
    selections += selection("0", "5", dup, code) + selection("6", "10", dup, code)  # the same GUID twice
    selections += selection("11", "16", None, code)  # no GUID: given one
    codes = (f'<Code guid="{code}" name="Good" color="red"/><Code guid="{code}" name="Again"/>'
             '<Code name="No guid" color="#abc"/>')  # fmt: skip
    sources = source(doc, selections) + source(doc, name="Twin") + source("", name="Nameless")
    path = write_qdpx(tmp_path / "bad.qdpx", qde(sources, codes), {f"sources/{doc}.txt": text.encode()})
    done = import_exchange(project, path).value
    quotes = sorted(row[0] for row in project.db.execute("SELECT quote FROM spans"))
    assert quotes == ["Alpha", "gamma"]
    assert sum("not a number" in w for w in done.warnings) == len(bad)
    assert any("outside the text" in w for w in done.warnings) and any("repeats GUID" in w for w in done.warnings)
    assert any("has no GUID" in w for w in done.warnings)
    assert all("\n" not in warning for warning in done.warnings)
    colours = {row[0] for row in project.db.execute("SELECT color FROM tags")}
    assert all(len(c) == 7 and c.startswith("#") for c in colours)  # "red" and "#abc" never reach the painter
    assert {row[0] for row in project.db.execute("SELECT name FROM tags")} == {"Good", "No guid"}


def test_utf16_sources_are_read(project: Project, tmp_path: Path) -> None:
    guid = "55555555-5555-5555-5555-555555555555"
    raw = "Zoë wrote: the words we coded.\r\nAnd more."
    start = raw.index("the words")
    sel = selection(str(start), str(start + len("the words we coded")), str(uuid.uuid4()))
    data = "\ufeff".encode("utf-16-le") + raw.encode("utf-16-le")
    import_exchange(project, write_qdpx(tmp_path / "utf16.qdpx", qde(source(guid, sel)), {f"sources/{guid}.txt": data}))
    assert project.db.execute("SELECT quote FROM spans").fetchone()[0] == "the words we coded"
    assert "Zoë wrote" in load_document(project.db, guid).text


def test_a_hundred_thousand_codes_come_in_without_slowing(tmp_path: Path, project_path: Path) -> None:
    codes = "".join(f'<Code guid="{uuid.UUID(int=i)}" name="Code {i}"/>' for i in range(1, 100_001))
    path = write_qdpx(tmp_path / "codes.qdpx", qde(codes=codes))
    code, stderr, rss = run_cli("import", "--project", str(project_path), str(path), timeout=300)
    assert code == 0, stderr
    with Project.open(project_path) as project:
        assert project.db.execute("SELECT count(*) FROM tags").fetchone()[0] == 100_000
    assert rss < MAX_RSS_MB


# -- other tools' offsets (NVivo, MAXQDA, QualCoder) -------------------------------------------

INTERVIEW = (
    "Interview with A.\n\n\n"
    "Q: What did you see?\n"
    "A: I saw the troops\n"
    "   leave the town, and the words we coded were there.\n\n"
    "An end.\n"
)
QUOTES = ["Q: What did you see?", "the words we coded", "troops\n   leave the town", "Interview", "An end."]


@pytest.mark.parametrize(
    ("tool", "line_end", "encoding", "bom"),
    [("NVivo", "\r\n", "utf-8", True), ("MAXQDA", "\r\n", "utf-16-le", True), ("QualCoder", "\n", "utf-8", False)],
)
def test_other_tools_offsets_land_on_the_words_they_coded(
    project: Project, tmp_path: Path, tool: str, line_end: str, encoding: str, bom: bool
) -> None:
    raw = INTERVIEW.replace("\n", line_end)
    guid = str(uuid.uuid4())
    selections = ""
    for quote in QUOTES:
        quote = quote.replace("\n", line_end)
        start = raw.index(quote)
        selections += selection(str(start), str(start + len(quote)), str(uuid.uuid4()))
    data = ("\ufeff" if bom else "").encode(encoding) + raw.encode(encoding)
    path = write_qdpx(tmp_path / f"{tool}.qdpx", qde(source(guid, selections)), {f"sources/{guid}.txt": data})
    done = import_exchange(project, path).value
    assert not done.warnings
    text = load_document(project.db, guid).text
    stored = [(row[0], text[row[1] : row[2]]) for row in project.db.execute("SELECT quote, start, end FROM spans")]
    assert sorted(quote for quote, _ in stored) == sorted(" ".join(q.split()) for q in QUOTES)
    assert all(quote == at for quote, at in stored)


# -- JSON of every shape ------------------------------------------------------------------------

DEEP_ARRAY = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 100_000 + "1" + "}" * 100_000
SHAPES = {
    "array": "[]",
    "number": "5",
    "null": "null",
    "string": '"annotations"',
    "true": "true",
    "deep array": DEEP_ARRAY,
    "deep object": DEEP_OBJECT,
    "just deep enough": "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1),
    "first is a number": '{"type": "AnnotationCollection", "first": 5}',
    "items is a string": '{"type": "AnnotationCollection", "first": {"items": "x"}}',
    "not json": "{'single': 'quotes'}",
    "empty": "",
    "latin-1": b'{"a": "\xe9"}',
    "binary": b"\x00\x01\x02\xff",
}


def annotation(**changes) -> dict:
    item = {
        "id": f"urn:uuid:{uuid.uuid4()}", "type": "Annotation", "body": [],
        "target": {"source": "SOURCE", "selector": [
            {"type": "TextQuoteSelector", "exact": "Your messages have been invaluable."},
            {"type": "TextPositionSelector", "start": 0, "end": 10}]},
    }  # fmt: skip
    item.update(changes)
    return item


def bad_annotations(source: str) -> list[dict]:
    """Annotations with one wrong-kind value each; none may raise."""

    def target(**changes) -> dict:
        return {"source": source, **changes}

    return [
        annotation(target=target(selector="TextQuoteSelector")),  # a selector that is a string
        annotation(target=target(selector=[{"type": "TextPositionSelector", "start": 1.5, "end": "9"}])),
        annotation(target=target(selector=[{"type": "TextPositionSelector", "start": True, "end": None}])),
        annotation(target=target(selector=[{"type": "TextQuoteSelector", "exact": 5, "prefix": [], "suffix": {}}])),
        annotation(target=target(selector=[{"type": "TextPositionSelector", "start": 10**30, "end": 10**31}])),
        annotation(target=target(selector=[{"type": "TextPositionSelector", "start": -5, "end": 10**6}])),
        annotation(target=[target(selector=5)]),
        annotation(target=5),
        annotation(target={"source": 5}),
        annotation(target={"source": f"{source}#fn{'9' * 5000}"}),
        annotation(id=5, body=5, creator="someone", created=5),
        annotation(body=[{"purpose": "tagging", "value": 5}, {"purpose": "commenting", "value": None}, "x"]),
        "an annotation that is a string",
        5,
        None,
    ]


def test_web_annotations_of_every_wrong_shape_are_one_line(sample_project: Project, tmp_path: Path) -> None:
    before = fingerprint(sample_project)
    for name, content in SHAPES.items():
        path = tmp_path / f"{name}.jsonld"
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        with pytest.raises(ImportFailed) as failure:
            import_exchange(sample_project, path)
        assert "Web Annotation" in one_line(str(failure.value)), name
    assert fingerprint(sample_project) == before
    doc = list_documents(sample_project.db)[0]
    source = f"urn:uuid:{doc.id}"
    path = tmp_path / "wrong-kinds.jsonld"
    path.write_text(json.dumps({"type": "AnnotationCollection", "first": {"items": bad_annotations(source)}}))
    done = import_exchange(sample_project, path).value
    assert all("\n" not in warning for warning in done.warnings)
    for quote, start, end in sample_project.db.execute('SELECT quote, start, "end" FROM spans'):
        assert 0 <= start <= end <= len(load_document(sample_project.db, doc.id).text) and quote


def test_deep_json_through_the_command_line_is_one_line(tmp_path: Path, project_path: Path) -> None:
    path = tmp_path / "deep.jsonld"
    path.write_text(DEEP_ARRAY)
    assert_refused(project_path, path, f"nested deeper than {MAX_JSON_DEPTH} levels")


@pytest.mark.parametrize("content", [*SHAPES.values(), '{"author": 5, "title": ["x"], "issued": "soon"}'])
def test_sidecars_of_every_shape_leave_the_text_to_come_in(tmp_path: Path, content: str | bytes) -> None:
    text = tmp_path / "memo.txt"
    text.write_text("A memorandum about troops.")
    sidecar = tmp_path / "memo.csl.json"
    sidecar.write_bytes(content if isinstance(content, bytes) else content.encode())
    imported = read_documents(text)
    assert imported.documents[0].text == "A memorandum about troops."
    assert all("\n" not in warning for warning in imported.warnings)


def test_unmatched_quotes_do_not_take_minutes_to_look_for(sample_project: Project, tmp_path: Path) -> None:
    """200 annotations whose quotes stand nowhere: the approximate search is bounded (child, hang guard)."""
    doc = list_documents(sample_project.db)[0]
    text = load_document(sample_project.db, doc.id).text
    items = [annotation(target={"source": f"urn:uuid:{doc.id}", "selector": [
        {"type": "TextQuoteSelector", "exact": text[i * 40 : i * 40 + 1400].swapcase(), "prefix": "x" * 10_000},
        {"type": "TextPositionSelector", "start": i * 40, "end": i * 40 + 1400}]}) for i in range(200)]  # fmt: skip
    path = tmp_path / "unmatched.jsonld"
    path.write_text(json.dumps(items))
    code, stderr, rss = run_cli("import", "--project", str(sample_project.path), str(path))
    assert code == 0 and "Traceback" not in stderr, stderr
    assert stderr.count("imported as orphaned") == 200 and rss < MAX_RSS_MB


# -- devices, pipes and folders ------------------------------------------------------------------


def special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    found = {"/dev/zero": Path("/dev/zero"), "/dev/null": Path("/dev/null"), "a pipe": fifo, "a folder": folder}
    return {name: path for name, path in found.items() if path.exists()}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_devices_pipes_and_folders_are_refused_by_every_reader(tmp_path: Path, project: Project) -> None:
    from workbench.exchange.refi import read_qdc
    from workbench.importers.sidecar import read_sidecar
    from workbench.ui.window.import_job import count_documents

    before = fingerprint(project)
    for name, path in special_files(tmp_path).items():
        for read in (read_documents, read_qdpx, read_qdc, read_sidecar, lambda p: import_exchange(project, p)):
            with pytest.raises(ImportFailed) as failure:
                read(path)
            assert "ordinary file" in one_line(str(failure.value)) or "folder" in str(failure.value), name
        assert count_documents([str(path)]) == 1  # the window's pre-scan does not read it
        jsonld = tmp_path / "link.jsonld"
        jsonld.unlink(missing_ok=True)
        jsonld.symlink_to(path)
        with pytest.raises(ImportFailed):
            import_exchange(project, jsonld)
    assert fingerprint(project) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_the_command_line_refuses_a_pipe_and_dev_zero_without_blocking(tmp_path: Path, project_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        before = _dump(project_path)
        code, stderr, _ = run_cli("import", "--project", str(project_path), str(path), timeout=60)
        assert code == 1 and "ordinary file" in stderr and "Traceback" not in stderr, stderr
        assert _dump(project_path) == before


def test_the_windows_pre_scan_counts_documents_a_megabyte_at_a_time(tmp_path: Path) -> None:
    from workbench.ui.window import import_job

    volume = tmp_path / "volume.xml"
    div = b'<div type="document" xml:id="d1"><p>x</p></div>'
    volume.write_bytes(b"<TEI>" + div * 30_000 + b" " * (2 * MB) + div + b"</TEI>")
    assert import_job.count_documents([str(volume)]) == 30_001  # every document, across chunk boundaries
    sparse = tmp_path / "sparse.xml"
    with sparse.open("wb") as file:
        file.truncate(3 * 1024 * MB)  # 3 GB of nothing: not read at all
    assert import_job.count_documents([str(sparse)]) == 1


# -- lines built to make regexes backtrack ---------------------------------------------------------

N = 100_000
BLOW_UPS = {
    "title then spaces": "1. x" + " " * N + "\n\n  1. Source: a note\n",
    "page of digits": "1. Title\n\nText [Page " + "9" * 5000 + "] more [Page 3]\n",
    "page never closed": "1. Title [Page 2]\n\nText [Page " + "9" * N + "\n",
    "spaces before a page": "1. Title [Page 2]\n\n" + " " * N + "[Pag\n",
    "long word before a reference": "1. Title [Page 2]\n\n" + "a" * N + " 1 end\n\n  1. Source: x\n",
    "pasted line of 110,000": "1. Title [Page 2]\n\n"
    + " ".join(f"word {i % 40 + 1}" for i in range(N // 7 * 8))
    + "\n\n"
    + "\n".join(f"  {i}. Note {i}." for i in range(1, 41))
    + "\n",
    "punctuation before a reference": "1. Title [Page 2]\n\n" + "!" * N + " 1\n\n  1. Source\n",
    "note number of digits": "1. Title [Page 3]\n\nText\n\n  " + "1" * 5000 + ". x\n",
    "whitespace between paragraphs": "x\n" + " " * N + "y\n" + "\n \t" * N,
    "many numbered lines": "1. Title [Page 2]\n\n" + "  1. x\n" * 20_000,
}


def test_every_importer_regex_is_linear(tmp_path: Path) -> None:
    """Each adversarial line through the whole text import, in a child with a generous timeout."""
    for name, text in BLOW_UPS.items():
        (tmp_path / f"{name}.txt").write_text(text)
    code = textwrap.dedent(f"""
        import resource, sys, time
        from pathlib import Path
        from workbench.importers import ImportFailed, read_documents
        worst = 0.0
        for path in sorted(Path({str(tmp_path)!r}).glob("*.txt")):
            started = time.perf_counter()
            try:
                read_documents(path)
            except ImportFailed as failure:
                print("refused", failure)
            worst = max(worst, time.perf_counter() - started)
        print("WORST", worst, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0 and "WORST" in done.stdout, done.stderr


def test_a_text_import_can_be_cancelled_inside_a_document(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(BLOW_UPS["pasted line of 110,000"] + "\n".join(f"Line {i} of text." for i in range(10_000)))
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 2  # the user presses Cancel while the document is being read

    with pytest.raises(Cancelled):
        read_files([path], cancelled=cancelled)
    assert len(asked) == 3  # asked inside the document, not only between files


# -- exports that attack their readers -------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(1+1)", "\tTab", "\rCR"]
NOTE = ('=cmd|\' /C calc\'!A0 <script>alert(1)</script> <img src=x onerror=alert(1)> [^1] ![x](/etc/hostname) '
        '[a](javascript:alert(1)) [ok](https://example.org) `x`{=html} [s]{onclick="alert(1)"} \x01 \ufffe end')  # fmt: skip


@pytest.fixture
def hostile(project: Project, tmp_path: Path) -> Project:
    """A document whose text, title, authors and highlights carry every injection the audit tried."""
    body = "\n\n".join([*FORMULAS, "<img src=x onerror=alert(1)> and <script>alert(2)</script>", "A plain line."])
    text = tmp_path / "hostile.txt"
    text.write_text(body)
    (tmp_path / "hostile.csl.json").write_text(json.dumps({
        "type": "document", "title": "Title}, url = {javascript:alert(1)}, note = {x\nUR  - javascript:alert(1)",
        "author": [{"family": "Evil} and {Other", "given": "A\nUR  - javascript:alert(2)"}],
        "container-title": "Volume {IX\nTY  - JOUR", "URL": "https://example.org/doc",
    }))  # fmt: skip
    import_files(project, [text])
    doc = load_document(project.db, list_documents(project.db)[0].id)
    for i, line in enumerate([*FORMULAS, "<img src=x onerror=alert(1)>"]):
        at = doc.text.index(line.strip())
        create_span(project, doc.id, at, at + len(line.strip()), tag_paths=[f"{FORMULAS[i % 4]}", '<b>&"\''],
                    note=NOTE)  # fmt: skip
    return project


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_are_never_formulas(hostile: Project) -> None:
    data = export(hostile.db, Selection(), Format.CSV).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert len(rows) == 1 + len(FORMULAS) + 1
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    assert "'=HYPERLINK(" in "".join(cells)  # kept, shown as text


def test_ris_fields_cannot_open_another_field(hostile: Project) -> None:
    data = export(hostile.db, Selection(), Format.RIS).decode("utf-8")
    lines = [line for line in data.split("\r\n") if line]
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in lines), lines
    (entry,) = rispy.loads(data)
    assert not [v for v in entry.get("urls", []) if "javascript" in v]
    assert entry["type_of_reference"] in ("CHAP", "GEN")


def test_bibtex_values_cannot_close_their_field(hostile: Project) -> None:
    data = export(hostile.db, Selection(), Format.BIBTEX).decode("utf-8")
    library = bibtexparser.parse_string(data)
    assert not library.failed_blocks and len(library.entries) == 1
    (entry,) = library.entries
    assert "javascript" not in entry.fields_dict.get("url", bibtexparser.model.Field("url", "")).value
    assert set(entry.fields_dict) <= {"author", "title", "booktitle", "editor", "publisher", "address", "year",
                                      "date", "number", "note", "url"}  # fmt: skip
    authors = bibtexparser.parse_string(data, append_middleware=[SeparateCoAuthors()]).entries[0]["author"]
    assert len(authors) == 1  # "Evil} and {Other" is one family name, not two forged authors
    for field in entry.fields:
        assert field.value.count("{") == field.value.count("}")


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def test_markdown_passes_no_html_links_or_footnotes_from_user_text(hostile: Project) -> None:
    markdown = export(hostile.db, Selection(), Format.MARKDOWN, Style.CHICAGO_NOTE).decode("utf-8")
    assert not re.search(r"(?<!\\)<(script|img)", markdown) and "](javascript:" not in markdown
    assert "[^1]:" in markdown and markdown.count("[^") == 2 * (len(FORMULAS) + 1)  # ours, and only ours
    if not shutil.which("pandoc"):
        pytest.skip("pandoc is not installed: the Markdown was checked as text only")
    html = subprocess.run(["pandoc", "-f", "markdown", "-t", "html5"], input=markdown, capture_output=True,
                          text=True, timeout=60, check=True).stdout  # fmt: skip
    parser = _Html()
    parser.feed(html)
    assert not [tag for tag, _ in parser.tags if tag in ("script", "img", "iframe", "object")]
    attributes = [(name, value or "") for _, attrs in parser.tags for name, value in attrs.items()]
    assert not [name for name, _ in attributes if name.startswith("on")]
    links = [value for name, value in attributes if name in ("href", "src")]
    assert all(link.startswith(("https://", "http://", "#", "mailto:")) for link in links), links
    footnotes = [attrs for tag, attrs in parser.tags if tag == "a" and "footnote-ref" in attrs.get("class", "")]
    assert len(footnotes) == len(FORMULAS) + 1


def test_control_characters_are_left_out_of_xml_exports_and_said(hostile: Project, tmp_path: Path) -> None:
    import docx

    warnings: list[str] = []
    data = export(hostile.db, Selection(), Format.DOCX, warnings=warnings)
    (tmp_path / "out.docx").write_bytes(data)
    assert "end" in "".join(p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs)
    assert any("control character" in warning for warning in warnings)
    exported = export_project(hostile.db, "hostile")
    assert any("control character" in warning for warning in exported.warnings)
    path = tmp_path / "out.qdpx"
    path.write_bytes(exported.data)
    assert read_qdpx(path).spans  # and it reads back
    w3c = annotations_export(hostile.db, "hostile")
    assert any("control character" in warning for warning in w3c.warnings)
    assert "\\u0001" not in w3c.data.decode() and "\ufffe" not in w3c.data.decode()
