"""The tag tree's commands as the window runs them: each asks what it needs, then one operation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

from workbench.model.annotation import TagId
from workbench.ops import tags as tag_ops
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
