"""The tag tree's commands as the window runs them: each asks what it needs, then one operation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

from workbench.model.annotation import TagId
from workbench.ops import tags as tag_ops
from workbench.ops.spans import tag_ranges
from workbench.ui.dialogs.modal import run_dialog
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
        """Search › Tag all results…: every text hit a highlight with one tag (chosen or new), one step."""
        search = self.window.search
        hits = search.text_hits()
        palette = TagPalette(self.window.tags, self.window)
        palette.move(search.tag_all.mapToGlobal(search.tag_all.rect().bottomLeft()))
        if not run_dialog(palette) or (palette.chosen is None and not palette.new_path):
            return
        ranges = [(hit.doc_id, hit.start, hit.end) for hit in hits]
        chosen, path, project = palette.chosen, palette.new_path or "", self.window.project
        self._run("Tag search results", lambda: tag_ranges(project, ranges, tag_id=chosen, tag_path=path))
