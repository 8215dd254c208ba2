"""Turning files into documents. ``read_documents`` picks the importer by what the file holds.

Importers only parse: they return documents and warnings and never touch a project, so a file
that fails to import cannot leave anything half-written (storing is the operations layer's job).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.importers import frus_text, plain_text
from workbench.importers.errors import ImportFailed
from workbench.importers.sidecar import SIDECAR_SUFFIX, read_sidecar
from workbench.importers.source_file import read_text_file
from workbench.model import Document

__all__ = ["ImportFailed", "Imported", "read_documents"]


@dataclass(slots=True)
class Imported:
    """What one file yielded: its documents, and what the user should know about them."""

    path: Path
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)


def read_documents(path: Path | str) -> Imported:
    """Parse ``path`` into documents, or raise ``ImportFailed`` with one clear sentence.

    A CSL-JSON file beside a text (``memo.csl.json`` for ``memo.txt``) supplies the metadata
    the text itself does not carry: author, date, place, the volume it was published in.
    """
    path = Path(path)
    source = read_text_file(path)
    if source.text.lstrip().startswith("<"):
        raise ImportFailed(path, "XML files (FRUS TEI) cannot be imported yet; use a text copy of the document")
    warnings = list(source.warnings)
    if frus_text.looks_like(source.text):
        parsed = frus_text.parse(source.text, name=path.name)
        document, warnings = parsed.document, warnings + parsed.warnings
    else:
        document = plain_text.parse(source.text, name=path.name)
    sidecar = path.with_name(f"{path.stem}{SIDECAR_SUFFIX}")
    if sidecar.exists():
        try:
            document.metadata = document.metadata.merged(read_sidecar(sidecar))
        except ImportFailed as failure:
            warnings.append(f"{failure}; the document was imported without it")
    return Imported(path, [document], warnings)
