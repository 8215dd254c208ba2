"""Turning files into documents. ``read_documents`` picks the importer by what the file holds.

Importers only parse: they return documents and warnings and never touch a project, so a file
that fails to import cannot leave anything half-written (storing is the operations layer's job).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.importers import frus_text, office, pdf, plain_text, tei
from workbench.importers.errors import CancelCheck, ImportFailed, stop_if
from workbench.importers.limits import MAX_TEI_BYTES, check_size, read_head, require_regular_file
from workbench.importers.sidecar import SIDECAR_SUFFIX, read_sidecar
from workbench.importers.source_file import read_text_file
from workbench.model import Document, GlossaryEntry

__all__ = ["OFFICE_SUFFIXES", "ImportFailed", "Imported", "first_tei_document", "read_documents"]

#: Word and OpenDocument transcriptions (``importers.office``).
OFFICE_SUFFIXES = (".docx", ".odt")


@dataclass(slots=True)
class Imported:
    """What one file yielded: its documents, and what the user should know about them."""

    path: Path
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)  # a TEI volume's persons and terms


def read_documents(
    path: Path | str,
    *,
    each: Callable[[Document], None] | None = None,
    cancelled: CancelCheck = None,
    pages: Callable[[int, int], None] | None = None,
) -> Imported:
    """Parse ``path`` into documents, or raise ``ImportFailed`` with one clear sentence.

    A CSL-JSON file beside a text (``memo.csl.json`` for ``memo.txt``) supplies the metadata
    the text itself does not carry: author, date, place, the volume it was published in.
    ``each`` is called with every document as soon as it is read (progress, cancelling);
    ``cancelled`` is also asked inside a long document, which then stops with ``Cancelled``;
    ``pages(read, of)`` reports a long PDF's pages as they are read.
    Only ordinary files are read (a device or a pipe never ends), each within ``limits``.
    """
    path = Path(path)
    status = require_regular_file(path)
    if _is_xml(path):
        check_size(path, status.st_size, MAX_TEI_BYTES, "a TEI file")
        return _read_tei(path, each, cancelled)
    if path.suffix.lower() == ".pdf" or _starts_with(path, b"%PDF"):
        return _one(path, pdf.read_pdf(path, progress=pages, cancelled=cancelled), [], each)
    if path.suffix.lower() in OFFICE_SUFFIXES:
        return _one(path, *office.read_office(path), each)
    source = read_text_file(path)
    warnings = list(source.warnings)
    stop_if(cancelled)
    if frus_text.looks_like(source.text):
        parsed = frus_text.parse(source.text, name=path.name, cancelled=cancelled)
        document, warnings = parsed.document, warnings + parsed.warnings
    else:
        document = plain_text.parse(source.text, name=path.name)
    stop_if(cancelled)
    return _one(path, document, warnings, each)


def _one(path: Path, document: Document, warnings: list[str], each: Callable[[Document], None] | None) -> Imported:
    """A file that holds one document: its sidecar's details laid over, reported to ``each``."""
    _apply_sidecar(path, [document], warnings)
    if each:
        each(document)
    return Imported(path, [document], warnings)


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(len(magic)) == magic
    except OSError:
        return False


def _is_xml(path: Path) -> bool:
    try:
        head = read_head(path, 512)
    except ImportFailed:
        return False  # read_text_file will say what is wrong with it
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _read_tei(path: Path, each: Callable[[Document], None] | None, cancelled: CancelCheck) -> Imported:
    head = read_head(path, 8192)
    if not tei.looks_like(head):
        raise ImportFailed(path, "this XML file is not FRUS TEI (it does not use the TEI namespace)")
    documents = []
    glossary: list[GlossaryEntry] = []
    for item in tei.read(path, glossary):
        documents.append(item.document)
        stop_if(cancelled)
        if each:
            each(item.document)
    if not documents:
        raise ImportFailed(path, "this TEI file holds no documents (no div with type='document')")
    warnings: list[str] = []
    _apply_sidecar(path, documents, warnings)
    return Imported(path, documents, warnings, glossary)


def first_tei_document(path: Path) -> Document | None:
    """The first document of a TEI file, read without the rest (``None`` if it is not TEI or holds
    none, or cannot be read): enough to tell whether a whole volume is already in a project."""
    try:
        if not _is_xml(path) or not tei.looks_like(read_head(path, 8192)):
            return None
        items = tei.read(path)
        try:
            first = next(items, None)
        finally:
            items.close()
    except (ImportFailed, OSError):
        return None
    return first.document if first else None


def _apply_sidecar(path: Path, documents: list[Document], warnings: list[str]) -> None:
    """Details from ``NAME.csl.json`` beside ``NAME.*``, laid over what the file said (one document only)."""
    sidecar = path.with_name(f"{path.stem}{SIDECAR_SUFFIX}")
    if len(documents) != 1 or not sidecar.exists():
        return
    try:
        documents[0].metadata = documents[0].metadata.merged(read_sidecar(sidecar))
    except ImportFailed as failure:
        warnings.append(f"{failure}; the document was imported without it")
