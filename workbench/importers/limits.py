"""How much of a file from outside Workbench will read, and how: one set of numbers for every reader.

Files arrive from colleagues and other tools, and any of them may be crafted: a ZIP entry that
claims 1 KB and expands to 10 GB, JSON nested a hundred thousand levels, ``/dev/zero`` or a named
pipe chosen in the file dialog. Every reader (text, TEI, CSL-JSON sidecars, REFI-QDA ``.qdpx`` and
``.qdc``, W3C ``.jsonld``, and any later ``.docx``/``.odt`` reader) goes through the helpers here, so
the same limits apply everywhere and each refusal is one sentence (``ImportFailed``), checked
*before* the work is done: sizes from ``stat`` and the ZIP directory, then reads that stop at the
limit whatever a header claimed.

The limits are stated in the user guide (docs/guide/README.md, "Limits").
"""

from __future__ import annotations

import json
import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from workbench.importers.errors import ImportFailed

MB = 1024 * 1024

#: One text document (a transcription, a web page copied as text, a sidecar): larger is not one document.
MAX_TEXT_BYTES = 50 * MB
#: A TEI file, which may hold a whole volume (read streaming, but every document is kept).
MAX_TEI_BYTES = 200 * MB
#: A JSON file (W3C annotations, CSL-JSON): read whole, so held to the size of one large document.
MAX_JSON_BYTES = 50 * MB
#: A PDF: a 2,000-page scanned volume with a text layer is a few hundred megabytes.
MAX_PDF_BYTES = 1024 * MB
#: JSON nesting: a Web Annotation is about eight levels deep, a CSL item five.
MAX_JSON_DEPTH = 64
#: An archive (``.qdpx``; the same for ``.docx``/``.odt``): entries, all of them expanded, one expanded.
MAX_ARCHIVE_ENTRIES = 20_000
MAX_ARCHIVE_BYTES = 500 * MB
MAX_ENTRY_BYTES = 100 * MB
#: An entry that expands more than this many times its stored size is a bomb, not a text (text
#: and XML compress 3 to 20 times). Small entries are let through whatever their ratio.
MAX_RATIO = 200
_RATIO_FLOOR = 1 * MB
#: Methods the standard library can expand; AES (99) and others are refused by name.
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def _megabytes(size: int) -> str:
    return f"{size / MB:.0f} MB"


def require_regular_file(path: Path) -> os.stat_result:
    """The file's ``stat`` if ``path`` is an ordinary file; ``ImportFailed`` for a folder, a device
    (``/dev/zero``), a named pipe or a socket, none of which ever ends or is a document."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise ImportFailed(path, "no such file") from None
    except PermissionError:
        raise ImportFailed(path, "permission denied") from None
    except OSError as error:
        raise ImportFailed(path, f"cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(status.st_mode):
        raise ImportFailed(path, "this is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise ImportFailed(path, "this is not an ordinary file (a device, pipe or socket cannot be imported)")
    return status


def check_size(path: Path, size: int, limit: int, what: str = "one document") -> None:
    if size > limit:
        raise ImportFailed(path, f"too large to be {what} ({_megabytes(size)}; the limit is {_megabytes(limit)})")


def read_bytes(path: Path, limit: int = MAX_TEXT_BYTES, what: str = "one document") -> bytes:
    """The bytes of the ordinary file ``path``, refused above ``limit`` (also if it grows while read).

    Opened without blocking, and checked again once open, so a file swapped for a pipe after the
    first check cannot hang the reader.
    """
    check_size(path, require_regular_file(path).st_size, limit, what)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise ImportFailed(path, "permission denied") from None
    except OSError as error:
        raise ImportFailed(path, f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise ImportFailed(path, "this is not an ordinary file (a device, pipe or socket cannot be imported)")
        try:
            data = file.read(limit + 1)
        except OSError as error:
            raise ImportFailed(path, f"cannot be read ({error.strerror or error})") from None
    check_size(path, len(data), limit, what)
    return data


def read_head(path: Path, size: int = 8192) -> bytes:
    """The first ``size`` bytes of an ordinary file (to tell what it holds)."""
    require_regular_file(path)
    try:
        with path.open("rb") as file:
            return file.read(size)
    except OSError as error:
        raise ImportFailed(path, f"cannot be read ({error.strerror or error})") from None


# -- archives -----------------------------------------------------------------------------------


def open_archive(path: Path, kind: str) -> zipfile.ZipFile:
    """The ZIP archive at ``path`` with its directory checked against the limits (nothing expanded yet)."""
    check_size(path, require_regular_file(path).st_size, MAX_ARCHIVE_BYTES, kind)
    _check_directory(path)
    try:
        archive = zipfile.ZipFile(path)
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ImportFailed(path, f"this is not {kind} (not a readable ZIP archive)") from None
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        raise ImportFailed(path, f"it holds {len(entries):,} files; the limit is {MAX_ARCHIVE_ENTRIES:,}")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_ARCHIVE_BYTES:
        raise ImportFailed(
            path, f"it would expand to {_megabytes(total)}; the limit is {_megabytes(MAX_ARCHIVE_BYTES)}"
        )
    for entry in entries:
        _check_entry(path, entry)
    return archive


#: The archive's directory, read whole by ``zipfile``: 20,000 entries with long names fit well within it.
_MAX_DIRECTORY_BYTES = 16 * MB


def _check_directory(path: Path) -> None:
    """Refuse an archive whose directory claims too many entries or bytes, from its end record alone
    (``zipfile`` would otherwise build an object for each of millions of entries before any check)."""
    try:
        with path.open("rb") as file:
            size = file.seek(0, os.SEEK_END)
            tail_start = max(0, size - 65_557)  # the end record and the longest comment
            file.seek(tail_start)
            tail = file.read()
            at = tail.rfind(b"PK\x05\x06")
            if at < 0 or len(tail) < at + 22:
                return  # zipfile will say it is not an archive
            entries, directory = struct.unpack_from("<HI", tail, at + 10)
            locator = at - 20
            if (
                (entries == 0xFFFF or directory == 0xFFFFFFFF)
                and locator >= 0
                and tail[locator:].startswith(b"PK\x06\x07")
            ):
                (record,) = struct.unpack_from("<Q", tail, locator + 8)
                file.seek(record)
                zip64 = file.read(56)
                if len(zip64) == 56 and zip64.startswith(b"PK\x06\x06"):
                    entries, directory = struct.unpack_from("<QQ", zip64, 32)
    except (OSError, struct.error, ValueError, OverflowError):
        return
    if entries > MAX_ARCHIVE_ENTRIES:
        raise ImportFailed(path, f"it holds {entries:,} files; the limit is {MAX_ARCHIVE_ENTRIES:,}")
    if directory > _MAX_DIRECTORY_BYTES:
        raise ImportFailed(path, f"its list of files is {_megabytes(directory)}; a genuine one is far smaller")


def _check_entry(path: Path, entry: zipfile.ZipInfo) -> None:
    if entry.flag_bits & 0x1:
        raise ImportFailed(path, f"its entry {entry.filename} is encrypted; export it again without a password")
    if entry.compress_type not in _METHODS:
        raise ImportFailed(path, f"its entry {entry.filename} uses a compression Workbench cannot read "
                                 f"(method {entry.compress_type}, e.g. AES encryption)")  # fmt: skip
    if entry.file_size > MAX_ENTRY_BYTES:
        raise ImportFailed(path, f"its entry {entry.filename} would expand to {_megabytes(entry.file_size)}; "
                                 f"the limit is {_megabytes(MAX_ENTRY_BYTES)}")  # fmt: skip
    ratio = entry.file_size // max(entry.compress_size, 1)
    if entry.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
        raise ImportFailed(path, f"its entry {entry.filename} expands {ratio:,} times (a ZIP bomb, not a document)")


def read_entry(path: Path, archive: zipfile.ZipFile, name: str, limit: int = MAX_ENTRY_BYTES) -> bytes:
    """Entry ``name`` expanded, at most ``limit`` bytes whatever its header claims (``KeyError`` if absent).

    The read stops at the limit, so a header that understates the size cannot make it larger;
    a damaged entry (bad CRC, truncated data) is one sentence.
    """
    info = archive.getinfo(name)
    _check_entry(path, info)
    try:
        with archive.open(info) as stream:
            data = stream.read(min(limit, info.file_size) + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError) as error:
        raise ImportFailed(path, f"its entry {name} is damaged ({error})") from None
    if len(data) > info.file_size or len(data) > limit:
        raise ImportFailed(path, f"its entry {name} is larger than its header says (a damaged or crafted archive)")
    return data


# -- JSON -----------------------------------------------------------------------------------------


def read_json(path: Path, subject: str) -> Any:
    """The JSON value in the ordinary file ``path``, held to ``MAX_JSON_BYTES`` and ``MAX_JSON_DEPTH``.

    ``subject`` names the file in a refusal: "the metadata" is not valid JSON (line 3).
    """
    data = read_bytes(path, MAX_JSON_BYTES, "one JSON file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(path, f"{subject} is not UTF-8 text (byte {error.start})") from None
    too_deep = f"{subject} is nested deeper than {MAX_JSON_DEPTH} levels"
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(path, f"{subject} is not valid JSON (line {error.lineno})") from None
    except RecursionError:
        raise ImportFailed(path, too_deep) from None
    if depth(value) > MAX_JSON_DEPTH:
        raise ImportFailed(path, too_deep)
    return value


def depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if level > MAX_JSON_DEPTH:
            break  # deep enough to refuse; no need to walk the rest
        stack.extend((child, level + 1) for child in children)
    return deepest
