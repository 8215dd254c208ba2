"""Undo and redo for every operation: one step per operation, named for the Edit menu.

``perform`` runs an operation's work in one transaction while the undo log's triggers record
its inverse (``workbench.storage.undo_log``); ``undo`` and ``redo`` replay a step in one
transaction. The history belongs to an open project and lasts as long as it stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from sqlite_utils import Database

from workbench.ops.changes import OpChanges
from workbench.storage import Project, undo_log
from workbench.storage.undo_log import Step


class History:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []

    def perform(self, label: str, work: Callable[[Database], OpChanges], *, group: str | None = None) -> OpChanges:
        """Run ``work`` as one atomic, undoable step called ``label`` ("Tag 'Troops'").

        Steps with the same ``group`` one after another become one step, so that a note saved
        while it is being typed is undone as one edit, not word by word. (Their stretches of
        the log are adjacent, so undoing the merged step replays both in reverse.)
        """
        db = self.project.db
        with self.project.transaction():
            first = undo_log.position(db) + 1
            changes = work(db)
            last = undo_log.position(db)
            if last >= first:
                undo_log.forget(db, self.redo_steps)
        if last >= first:
            self.redo_steps.clear()
            top = self.undo_steps[-1] if self.undo_steps else None
            if group is not None and top is not None and top.group == group:
                top.last, top.payload = last, top.payload | changes
            else:
                self.undo_steps.append(Step(label, first, last, changes, group))
        return changes

    def undo(self) -> OpChanges | None:
        return self._replay(self.undo_steps, self.redo_steps)

    def redo(self) -> OpChanges | None:
        return self._replay(self.redo_steps, self.undo_steps)

    def _replay(self, source: list[Step], target: list[Step]) -> OpChanges | None:
        if not source:
            return None
        with self.project.transaction() as db:
            inverse = undo_log.replay(db, source[-1])
        source.pop()
        target.append(inverse)
        return inverse.payload

    @property
    def undo_label(self) -> str | None:
        return self.undo_steps[-1].label if self.undo_steps else None

    @property
    def redo_label(self) -> str | None:
        return self.redo_steps[-1].label if self.redo_steps else None


_HISTORIES: WeakKeyDictionary[Project, History] = WeakKeyDictionary()


def history(project: Project) -> History:
    """The project's history (made on first use)."""
    if project not in _HISTORIES:
        _HISTORIES[project] = History(project)
    return _HISTORIES[project]


def undo(project: Project) -> OpChanges | None:
    return history(project).undo()


def redo(project: Project) -> OpChanges | None:
    return history(project).redo()
