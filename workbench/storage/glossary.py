"""The people and terms indexes: glossary entries of the volumes, and every mention of them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from workbench.model import GlossaryEntry


def load_glossary(db: Database, kind: str | None = None) -> list[GlossaryEntry]:
    """Entries (of one kind, "person" or "term", if given), by name."""
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    rows = db.execute(f"SELECT volume, key, kind, name, description FROM glossary {where} ORDER BY name", params)
    return [GlossaryEntry(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    number: str
    start: int
    end: int
    context: str


def mentions(db: Database, kind: str, key: str) -> list[Mention]:
    """Every place the text names the glossary entry ``key``, in document and reading order."""
    rows = db.execute(
        'SELECT i.doc_id, d.number, i.start, i."end", substr(d.text, max(i.start - 59, 1), i."end" - i.start + 120) '
        "FROM inlines i JOIN documents d ON d.id = i.doc_id WHERE i.kind = ? AND i.value = ? "
        "ORDER BY d.position, i.start",
        [kind, key],
    )
    return [
        Mention(doc_id, number, start, end, " ".join(context.split())) for doc_id, number, start, end, context in rows
    ]


def find_target(db: Database, volume: str, xml_id: str) -> str | None:
    """The id of the document ``xml_id`` of ``volume`` ("frus1969-76v09", "d122"), if it is in the project."""
    row = db.execute(
        "SELECT id FROM documents WHERE json_extract(metadata, '$.URL') = ?",
        [f"https://history.state.gov/historicaldocuments/{volume}/{xml_id}"],
    ).fetchone()
    return row[0] if row else None
