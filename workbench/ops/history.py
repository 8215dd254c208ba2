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
from workbench.ops.errors import OperationError
from workbench.storage import Project, undo_log
from workbench.storage.undo_log import Step


class History:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []

    def perform(self, label: str, work: Callable[[Database], OpChanges], *, group: str | None = None) -> OpChanges:
        """Run ``work`` as one atomic, undoable step called ``label`` ("Tag 'Troops'").

        Steps with the same ``group`` one after another become one step, named by the last, so that
        a note saved while it is being typed is undone as one edit, not word by word, and the
        volumes of a series (each its own transaction) as one import. (Their stretches of
        the log are adjacent, so undoing the merged step replays both in reverse.)
        """
        db = self.project.db
        with self.project.transaction():
            undo_log.begin_step(db)
            first = undo_log.position(db) + 1
            changes = work(db)
            last = undo_log.position(db)
            if last >= first:
                undo_log.forget(db, self.redo_steps)
        if last >= first:
            self.redo_steps.clear()
            top = self.undo_steps[-1] if self.undo_steps else None
            if group is not None and top is not None and top.group == group:
                top.label, top.last, top.payload = label, last, top.payload | changes
            else:
                self.undo_steps.append(Step(label, first, last, changes, group))
        return changes

    def undo(self) -> OpChanges | None:
        return self._replay(self.undo_steps, self.redo_steps)

    def redo(self) -> OpChanges | None:
        return self._replay(self.redo_steps, self.undo_steps)

    def _replay(self, source: list[Step], target: list[Step]) -> OpChanges | None:
        """Replay the top step of ``source``; if another writer changed what it touched since, refuse
        with a sentence, change nothing, and take the step off the list (it can never be replayed)."""
        if not source:
            return None
        try:
            with self.project.transaction() as db:
                inverse = undo_log.replay(db, source[-1])
        except undo_log.Conflict as conflict:
            step = source.pop()
            with self.project.transaction() as db:
                undo_log.forget(db, [step])
            what = _WHAT.get(conflict.table, "what it changed")
            verb = "undone" if source is self.undo_steps else "redone"
            raise OperationError(
                f"“{step.label}” cannot be {verb}: another window or the command line has changed {what} since. "
                "Nothing was changed, and the step was taken off the list."
            ) from None
        source.pop()
        target.append(inverse)
        return inverse.payload

    @property
    def undo_label(self) -> str | None:
        return self.undo_steps[-1].label if self.undo_steps else None

    @property
    def redo_label(self) -> str | None:
        return self.redo_steps[-1].label if self.redo_steps else None


#: What a row of each table is, for the sentence that refuses an undo.
_WHAT = {"spans": "the same highlight", "span_tags": "the same highlight's tags", "tags": "the same tag",
         "memos": "the same note", "documents": "the same document", "blocks": "the same document",
         "pages": "the same document", "notes": "the same document", "inlines": "the same document",
         "glossary": "the same glossary entry", "glossary_links": "the same person's links"}  # fmt: skip


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
