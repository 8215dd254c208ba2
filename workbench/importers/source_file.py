"""Reading a file a user chose as text: refuse what is not text, decode what is, say what was done.

Users hand importers PDFs, images, empty files and exports from old Windows programs. Each of
these gets one sentence naming the problem instead of a traceback or a page of mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from workbench.importers.errors import ImportFailed
from workbench.importers.limits import MAX_TEXT_BYTES, read_bytes

__all__ = ["MAX_TEXT_BYTES", "SourceText", "decode", "read_text_file", "sniff_binary", "utf16"]

_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"{\\rtf": "an RTF file",
    b"SQLite format 3\x00": "an SQLite database",
}


@dataclass(slots=True)
class SourceText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def sniff_binary(path: Path, head: bytes) -> None:
    """Raise ``ImportFailed`` if ``head`` (the file's first bytes) is not text."""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            raise ImportFailed(path, f"this is {kind}, not a text file")
    if b"\x00" in head[:8192]:
        raise ImportFailed(path, "this is a binary file, not text")


_UTF16_BOMS = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}


def utf16(data: bytes) -> str | None:
    """The codec of a UTF-16 file with a byte-order mark (as Windows Notepad writes "Unicode"), if it is one."""
    return next((codec for bom, codec in _UTF16_BOMS.items() if data.startswith(bom)), None)


def decode(path: Path, data: bytes) -> SourceText:
    """UTF-16 with a BOM; UTF-8 (with or without BOM) when valid; otherwise Windows-1252, then
    Latin-1, with a warning."""
    if codec := utf16(data):
        try:
            return SourceText(data[2:].decode(codec), "utf-16")
        except UnicodeDecodeError as error:
            raise ImportFailed(path, f"this UTF-16 file is damaged (byte {error.start + 2})") from None
    try:
        return SourceText(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as error:
        where = error.start
    for encoding, name in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warning = f"{path.name} is not valid UTF-8 (byte {where}); read it as {name}"
        return SourceText(text, encoding, [warning])
    raise AssertionError("Latin-1 decodes any bytes")  # pragma: no cover


def read_text_file(path: Path) -> SourceText:
    """The decoded text of ``path``, or ``ImportFailed`` saying why it is not importable text."""
    data = read_bytes(path, MAX_TEXT_BYTES)
    if not utf16(data):  # UTF-16 text is full of NUL bytes
        sniff_binary(path, data[:8192])
    source = decode(path, data)
    if not source.text or source.text.isspace():
        raise ImportFailed(path, "the file is empty")
    if "\r" in source.text:  # a scan, where a replace that finds nothing still costs a copy's time
        source.text = source.text.replace("\r\n", "\n").replace("\r", "\n")
    return source
