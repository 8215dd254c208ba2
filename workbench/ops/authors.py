"""Giving the highlights, notes and tags made under one name to another: claiming one's own work.

The first highlights of a new user carry the login name (``root``, ``jdoe``) until they set their
name; afterwards the Compare Authors window would see two coders. One rename, one undo step,
moves everything credited to the old name (as its maker, or as its last editor) to the new one.
"""

from __future__ import annotations

from sqlite_utils import Database

from workbench.ops.changes import OpChanges, OpResult
from workbench.ops.errors import OperationError
from workbench.ops.history import history
from workbench.storage import Project

#: The tables that record who made a row and who changed it last.
_CREDITED = ("spans", "memos", "tags")


def credited_names(db: Database) -> list[str]:
    """Every name something in the project is credited to, alphabetically."""
    union = " UNION ".join(f"SELECT author FROM {t} UNION SELECT modified_by FROM {t}" for t in _CREDITED)
    return [row[0] for row in db.execute(f"SELECT * FROM ({union}) WHERE author <> '' ORDER BY author")]


def rename_author(project: Project, old: str, new: str) -> OpResult[int]:
    """Credit to ``new`` every highlight, note and tag made or last changed by ``old``; return how
    many of them changed."""
    old, new = old.strip(), new.strip()
    if not new:
        raise OperationError("give the new name")
    if old not in credited_names(project.db):
        known = ", ".join(credited_names(project.db)) or "none"
        raise OperationError(f"nothing here is credited to {old!r} (names here: {known})")
    changed = 0

    def work(db: Database) -> OpChanges:
        nonlocal changed
        spans = db.execute("SELECT id, doc_id FROM spans WHERE ? IN (author, modified_by)", [old]).fetchall()
        span_ids, span_docs = frozenset(row[0] for row in spans), frozenset(row[1] for row in spans)
        for table in _CREDITED:
            changed += db.execute(
                f"UPDATE {table} SET author = iif(author = :old, :new, author), "
                "modified_by = iif(modified_by = :old, :new, modified_by) WHERE :old IN (author, modified_by)",
                {"old": old, "new": new},
            ).rowcount
        return OpChanges(span_documents=span_docs, spans=span_ids, tags=True, memos=True)

    changes = history(project).perform(f"Credit {old}'s Work to {new}", work)
    return OpResult(changes, changed)
