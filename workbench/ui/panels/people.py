"""The people and terms indexes: a volume's glossary, and every mention of an entry in the project.

Read from the project session; listed anew when the documents change or the project is read again."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.model import GlossaryEntry
from workbench.model.text import counted
from workbench.ops import OpChanges
from workbench.storage.glossary import Mention
from workbench.ui.look import theme as themes
from workbench.ui.look.safe_text import SafeBrowser, tooltip
from workbench.ui.session import ProjectSession


class PeoplePanel(QWidget):
    entryChosen = Signal(str, str)  # kind, key: show its mentions
    mentionActivated = Signal(str, int, int)  # document id, start, end

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = QComboBox(self)
        self.kind.addItem("People", "person")
        self.kind.addItem("Terms", "term")
        self.kind.setAccessibleName("Index")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter names")
        self.filter.setAccessibleName("Filter names")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.entries = QListWidget(self)
        self.entries.setAccessibleName("Glossary entries")
        self.entries.currentItemChanged.connect(self._chosen)
        self.heading = QLabel(self)
        self.heading.setObjectName("panelTitle")
        self.heading.setWordWrap(True)
        self.mentions = SafeBrowser(self, web_links=False)
        self.mentions.setOpenLinks(False)
        self.mentions.setAccessibleName("Mentions")
        self.mentions.anchorClicked.connect(self._on_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        for widget in (self.kind, self.filter):
            layout.addWidget(widget)
        layout.addWidget(self.entries, 2)
        layout.addWidget(self.heading)
        layout.addWidget(self.mentions, 3)
        self._mentions: list[Mention] = []
        self._title = ""
        self.kind.currentIndexChanged.connect(self.reload)
        self.entryChosen.connect(self._show_mentions)
        session.changed.connect(self._on_changes)
        session.reloaded.connect(self.reload)

    def _on_changes(self, changes: OpChanges, _initiator: object) -> None:
        if changes.document_list:
            self.reload()

    def reload(self) -> None:
        self.set_entries(self.session.glossary(self.kind.currentData()))

    def _show_mentions(self, kind: str, key: str) -> None:
        entry = next((e for e in self.session.glossary(kind) if e.key == key), None)
        self.show_mentions(entry.name if entry else key, self.session.mentions(kind, key))

    def set_entries(self, entries: list[GlossaryEntry]) -> None:
        self.entries.blockSignals(True)
        self.entries.clear()
        for entry in entries:
            item = QListWidgetItem(f"{entry.name} — {entry.description}" if entry.description else entry.name)
            item.setData(Qt.ItemDataRole.UserRole, (entry.kind, entry.key))
            item.setToolTip(tooltip(entry.description))
            self.entries.addItem(item)
        self.entries.blockSignals(False)
        self._filter(self.filter.text())

    def choose(self, kind: str, key: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))
        for row in range(self.entries.count()):
            if self.entries.item(row).data(Qt.ItemDataRole.UserRole) == (kind, key):
                self.entries.setCurrentRow(row)
                return
        self.entryChosen.emit(kind, key)

    def show_mentions(self, title: str, mentions: list[Mention]) -> None:
        self._mentions, self._title = mentions, title
        self.heading.setText(f"{title}: {counted(len(mentions), 'mention')}")
        link = f"text-decoration:none; color:{themes.current().muted}"
        parts = [
            f"<p style='margin:0 0 8px 0'><a href='m:{i}' style='{link}'>No. {html.escape(m.number)}</a><br>"
            f"{html.escape(m.context)}</p>"
            for i, m in enumerate(mentions)
        ]
        self.mentions.setHtml("".join(parts))

    def restyle(self) -> None:
        """Show the mentions again in the theme's colours."""
        if self._mentions:
            self.show_mentions(self._title, self._mentions)

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.entries.count()):
            item = self.entries.item(row)
            item.setHidden(not all(word in item.text().lower() for word in words))

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.entryChosen.emit(*item.data(Qt.ItemDataRole.UserRole))

    def _on_link(self, url: QUrl) -> None:
        value = url.toString()
        if value.startswith("m:"):
            mention = self._mentions[int(value[2:])]
            self.mentionActivated.emit(mention.doc_id, mention.start, mention.end)
