"""Correcting which glossary entries of different volumes are one person: link two, or set one apart.

The grouping is computed (``workbench.model.people``); an operation only records a correction in
``glossary_links``, in one transaction and one undo step, and the next grouping applies it.
"""

from __future__ import annotations

from sqlite_utils import Database

from workbench.model.people import Person, Ref, ref_of
from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.errors import OperationError
from workbench.ops.history import history
from workbench.storage import Project
from workbench.storage.glossary import load_glossary, load_people

PEOPLE_CHANGED = OpChanges(people=True)


def find_entry(db: Database, text: str) -> Ref:
    """The entry ``text`` names: ``VOLUME/KEY`` ("frus1969-76v09/p_KHA_1"), or a key alone when
    only one volume has it."""
    volume, _, key = text.strip().rpartition("/")
    found = [ref_of(e) for e in load_glossary(db) if e.key == key and (not volume or e.volume == volume)]
    if not found:
        raise OperationError(f"no glossary entry {text} (write VOLUME/KEY, as `workbench people` lists them)")
    if len(found) > 1:
        choices = ", ".join(f"{v}/{k}" for v, k in found)
        raise OperationError(f"{key} is in {len(found)} volumes; write one of {choices}")
    return found[0]


def _person_of(people: list[Person], ref: Ref) -> Person:
    return next(p for p in people if any(ref_of(e) == ref for e in p.entries))


def link_entries(project: Project, first: Ref, second: Ref) -> OpResult[Person]:
    """Declare ``first`` and ``second`` the same person: their groups become one."""
    kinds = {e.kind for e in load_glossary(project.db) if ref_of(e) in (first, second)}
    people = load_people(project.db)
    a, b = _person_of(people, first), _person_of(people, second)
    if len(kinds) > 1:
        raise OperationError("a person cannot be linked with a term")
    if a.id == b.id:
        raise OperationError(f"{'/'.join(first)} and {'/'.join(second)} are already the same ({a.name})")

    def work(db: Database) -> OpChanges:
        db.execute(
            "INSERT OR IGNORE INTO glossary_links (volume, key, same_volume, same_key) VALUES (?, ?, ?, ?)",
            [*first, *second],
        )
        return PEOPLE_CHANGED

    changes = history(project).perform(f"Link {a.name} and {b.name}", work)
    return OpResult(changes, _person_of(load_people(project.db), first))


def unlink_entry(project: Project, ref: Ref) -> OpResult[Person]:
    """Take the entry ``ref`` out of its group: it stands alone, linked by nothing (a link that
    joined others through it goes too)."""
    person = _person_of(load_people(project.db), ref)
    if len(person.entries) == 1:
        raise OperationError(f"{'/'.join(ref)} ({person.name}) is linked to no other entry")

    def work(db: Database) -> OpChanges:
        db.execute(
            "DELETE FROM glossary_links WHERE (volume = ? AND key = ?) OR (same_volume = ? AND same_key = ?)",
            [*ref, *ref],
        )
        db.execute("INSERT OR IGNORE INTO glossary_links (volume, key) VALUES (?, ?)", list(ref))
        return PEOPLE_CHANGED

    changes = history(project).perform(f"Unlink {person.name} of {ref[0]}", work)
    return OpResult(changes, _person_of(load_people(project.db), ref))
