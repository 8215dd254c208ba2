"""Who is working: the name each new highlight, note and tag carries, and each change records.

One name per process: the window sets it from its settings at start, the command line uses the
login name. Operations read it here rather than taking it as an argument everywhere, so a change
made by any path (a key, a drag, a merge of tags) says who made it.
"""

from __future__ import annotations

import getpass

from workbench.storage.clock import now

_name = ""


def login_name() -> str:
    """The login name, the author until the settings say otherwise."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown"


def set_author(name: str) -> None:
    global _name
    _name = name.strip()


def author() -> str:
    return _name or login_name()


def stamp() -> dict[str, str]:
    """The columns a change writes on the row it changes: when, and by whom."""
    return {"modified": now(), "modified_by": author()}


def created(by: str | None = None) -> dict[str, str]:
    """The columns of a new row: its author, when it was made, and the first change's stamp."""
    name = by or author()
    moment = now()
    return {"author": name, "created": moment, "modified": moment, "modified_by": name}
