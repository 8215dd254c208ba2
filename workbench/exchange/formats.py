"""The exchange formats by name, for the command line and the window alike."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlite_utils import Database

from workbench.exchange.refi import Exported, codebook, export_project
from workbench.exchange.w3c import annotations_export


class Exchange(StrEnum):
    QDPX = "qdpx"
    QDC = "qdc"
    W3C = "w3c"


@dataclass(frozen=True, slots=True)
class ExchangeInfo:
    label: str
    suffix: str
    binary: bool


EXCHANGES = {
    Exchange.QDPX: ExchangeInfo("REFI-QDA project (NVivo, MAXQDA, ATLAS.ti, QualCoder)", ".qdpx", True),
    Exchange.QDC: ExchangeInfo("REFI-QDA codebook (the tag tree)", ".qdc", False),
    Exchange.W3C: ExchangeInfo("W3C Web Annotations (JSON-LD)", ".jsonld", False),
}

#: What ``workbench import`` and File › Import take as work from other tools, not as documents.
IMPORTABLE_SUFFIXES = (".qdpx", ".qdc", ".jsonld")


def export_exchange(db: Database, kind: Exchange, name: str) -> Exported:
    """The project (or its codebook, or its highlights) in ``kind``; ``name`` titles it."""
    if kind is Exchange.QDPX:
        return export_project(db, name)
    if kind is Exchange.QDC:
        return Exported(codebook(db))
    return annotations_export(db, name)
