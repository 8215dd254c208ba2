"""The people and terms indexes: glossary entries of the volumes, and every mention of them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from workbench.model import GlossaryEntry
from workbench.model.people import Links, Person, Ref, group_people


def load_glossary(db: Database, kind: str | None = None, *, volume: str | None = None) -> list[GlossaryEntry]:
    """Entries (of one kind, "person" or "term", and of one volume, if given), by name. A document
    needs only its own volume's: read through the primary key, not the series' whole glossary."""
    conditions = {"kind = ?": kind, "volume = ?": volume}
    wanted = {condition: value for condition, value in conditions.items() if value is not None}
    where = f"WHERE {' AND '.join(wanted)}" if wanted else ""
    sql = f"SELECT volume, key, kind, name, description FROM glossary {where} ORDER BY name"
    rows = db.execute(sql, list(wanted.values()))
    return [GlossaryEntry(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    number: str
    start: int
    end: int
    context: str


def load_links(db: Database) -> Links:
    """The historian's corrections to the grouping of glossary entries into people."""
    apart, same = set(), []
    for volume, key, same_volume, same_key in db.execute(
        "SELECT volume, key, same_volume, same_key FROM glossary_links ORDER BY volume, key, same_volume, same_key"
    ):
        if same_volume or same_key:
            same.append(((volume, key), (same_volume, same_key)))
        else:
            apart.add((volume, key))
    return Links(frozenset(apart), tuple(same))


def load_people(db: Database, kind: str | None = None) -> list[Person]:
    """The people (or terms) of every volume in the project, each once, the corrections applied."""
    return group_people(load_glossary(db, kind), load_links(db))


def volume_mentions(db: Database, kind: str, refs: list[Ref], limit: int | None = None) -> tuple[int, list[Mention]]:
    """How many places the text names one of the entries ``refs``, each in its own volume's
    documents (a key such as ``p_SJ_1`` names different people in different volumes), and the
    first ``limit`` of them in reading order, with their context.

    One indexed look-up per distinct key (a person across 200 volumes has a handful of keys), and
    the context read only for the mentions returned: Kissinger is named tens of thousands of times
    in the series, and each context reads its document's text.
    """
    wanted: dict[str, set[str]] = {}
    for volume, key in refs:
        wanted.setdefault(key, set()).add(volume)
    found = []
    for key, volumes in wanted.items():
        rows = db.execute(
            'SELECT d.position, i.start, i."end", i.doc_id, d.number, '
            """coalesce(json_extract(d.metadata, '$.custom."volume-id"'), '') """
            "FROM inlines i JOIN documents d ON d.id = i.doc_id WHERE i.kind = ? AND i.value = ?",
            [kind, key],
        )
        found += [row[:5] for row in rows if row[5] in volumes]
    found.sort()
    shown = found if limit is None else found[:limit]
    mentions = []
    for _, start, end, doc_id, number in shown:
        (context,) = db.execute(
            "SELECT substr(text, max(? - 59, 1), ? - ? + 120) FROM documents WHERE id = ?", [start, end, start, doc_id]
        ).fetchone()
        mentions.append(Mention(doc_id, number, start, end, " ".join(context.split())))
    return len(found), mentions


def find_target(db: Database, volume: str, xml_id: str) -> str | None:
    """The id of the document ``xml_id`` of ``volume`` ("frus1969-76v09", "d122"), if it is in the project."""
    row = db.execute(
        "SELECT id FROM documents WHERE json_extract(metadata, '$.URL') = ?",
        [f"https://history.state.gov/historicaldocuments/{volume}/{xml_id}"],
    ).fetchone()
    return row[0] if row else None
