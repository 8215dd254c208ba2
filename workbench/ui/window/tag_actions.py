"""The tag tree's commands as the window runs them: each asks what it needs, then one operation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from workbench.model.annotation import TagId
from workbench.model.text import counted
from workbench.ops import tags as tag_ops
from workbench.ops.changes import OpResult
from workbench.ops.errors import Cancelled
from workbench.ops.search_tags import TextHits, find_text_hits, tag_text_hits
from workbench.storage import Project
from workbench.ui.dialogs.modal import run_dialog
from workbench.ui.dialogs.progress import Cancel, Progress, run_cancellable
from workbench.ui.dialogs.tag_palette import TagPalette
from workbench.ui.panels.tags import ask_text

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow


class TagActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _run(self, title: str, operation) -> object:
        return self.window.operations.run(title, operation)

    def new_tag(self, parent_id: TagId | None) -> None:
        name = ask_text(self.window, "New tag", "Name:")
        if name:
            project = self.window.project
            self._run("New tag", lambda: tag_ops.create_tag(project, name, parent_id=parent_id))

    def rename(self, tag_id: TagId, name: str) -> None:
        project = self.window.project
        self._run("Rename tag", lambda: tag_ops.rename_tag(project, tag_id, name))

    def recolor(self, tag_id: TagId, color: QColor) -> None:
        if color.isValid():
            project = self.window.project
            self._run("Colour", lambda: tag_ops.set_tag_color(project, tag_id, color.name()))

    def describe(self, tag_id: TagId) -> None:
        tag = self.window.tags.by_id[tag_id]
        text = ask_text(self.window, "Describe tag", f"What “{tag.name}” marks:", tag.description)
        if text is not None:
            project = self.window.project
            self._run("Description", lambda: tag_ops.set_tag_description(project, tag_id, text))

    def set_key(self, tag_id: TagId, key: int | None) -> None:
        project = self.window.project
        self._run("Key", lambda: tag_ops.set_tag_key(project, tag_id, key))

    def move(self, tag_id: TagId, parent_id: TagId | None, row: int) -> None:
        project = self.window.project
        self._run("Move tag", lambda: tag_ops.move_tag(project, tag_id, parent_id, row if row >= 0 else None))

    def merge(self, source: TagId, target: TagId) -> None:
        project = self.window.project
        self._run("Merge tags", lambda: tag_ops.merge_tags(project, source, target))

    def delete(self, tag_id: TagId, *, keep_spans: bool) -> None:
        project = self.window.project
        self._run("Delete tag", lambda: tag_ops.delete_tag(project, tag_id, keep_spans=keep_spans))

    def tag_search_results(self) -> None:
        """Search › Tag all results…: every hit of the query in the documents' text (not only the pages
        the panel has loaded) a highlight with one tag, chosen or new. The hits are counted in the
        background, the count confirmed, then all tagged in the background, with progress and Cancel,
        as one step of undo."""
        window, search = self.window, self.window.search
        query = search.query
        palette = TagPalette(window.tags, window)
        palette.move(search.tag_all.mapToGlobal(search.tag_all.rect().bottomLeft()))
        if not run_dialog(palette) or (palette.chosen is None and not palette.new_path):
            return
        chosen, path = palette.chosen, palette.new_path or ""
        name = window.tags.path(chosen) if chosen is not None else path
        title = "Tag All Results"

        def count(progress: Progress, cancelled: Cancel) -> TextHits:
            with Project.open(window.project.path) as own:  # a read: on a connection of its own
                return find_text_hits(own.db, query, progress=progress, cancelled=cancelled)

        try:
            hits = run_cancellable(window, title, f"Counting the hits of “{query}”…", count)
        except Cancelled:
            return
        if hits.over_cap:
            too_many = f"“{query}” has more than {hits.cap:,} hits in the documents' text: too many to tag."
            QMessageBox.information(window, title, f"{too_many} Narrow the search (a phrase, more words, AND).")
            return
        where = f"{counted(len(hits.ranges), 'hit')} in {counted(hits.documents, 'document')}"
        asked = QMessageBox.question(window, title, f"Tag {where} with “{name}”?\n\nUndo takes them all back at once.")
        if asked != QMessageBox.StandardButton.Yes:
            return
        project = window.project

        def tag(progress: Progress, cancelled: Cancel) -> OpResult[int]:
            return tag_text_hits(project, hits, tag_id=chosen, tag_path=path, progress=progress, cancelled=cancelled)

        window.operations.busyChanged.emit(True)  # pollers wait: the worker writes on the window's connection
        try:
            self._run(title, lambda: run_cancellable(window, title, f"Tagging {where}…", tag))
        except Cancelled:
            window.statusBar().showMessage("Tagging cancelled: nothing was changed.", 8000)
        finally:
            window.operations.busyChanged.emit(False)
