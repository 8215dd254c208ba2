"""The people and terms indexes: each person once across the volumes' glossaries, and their mentions.

A person is the entries of many volumes taken for one (``workbench.model.people``): the panel lists
people, shows the chosen one's entries (one a volume, each with a link that sets it apart when it
is somebody else) and their mentions in the whole project. Right-click another person to join
them with the chosen one. Each correction is one operation, one undo step.

Read from the project session; listed anew when the documents or the links change, or the project
is read again."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from workbench.model.people import Person, Ref, ref_of
from workbench.model.text import counted
from workbench.ops import OpChanges
from workbench.ops.people import link_entries, unlink_entry
from workbench.storage.glossary import Mention
from workbench.ui.look import theme as themes
from workbench.ui.look.safe_text import SafeBrowser
from workbench.ui.panels.people_model import CHOICE_ROLE, PeopleModel
from workbench.ui.session import ProjectSession

_READING = "Listing the people of every volume…"

#: Mentions listed at once (Kissinger is named tens of thousands of times in the series).
MENTIONS_SHOWN = 500


class PeoplePanel(QWidget):
    entryChosen = Signal(str, str)  # kind, person id ("VOLUME/KEY" of their first entry): show the mentions
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
        self.model = PeopleModel()
        self.entries = QListView(self)
        self.entries.setAccessibleName("Glossary entries")
        self.entries.setUniformItemSizes(True)  # 60,000 people: the view measures one row, not each
        self.entries.setModel(self.model)
        self.entries.selectionModel().currentChanged.connect(self._chosen)
        self.entries.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.entries.customContextMenuRequested.connect(self._context_menu)
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
        self._shown: tuple[Person | None, str, int] = (None, "", 0)
        self._stale = True  # listed when first shown
        self.kind.currentIndexChanged.connect(self.reload)
        self.entryChosen.connect(self._show_mentions)
        session.changed.connect(self._on_changes)
        session.reloaded.connect(self.reload)

    def _on_changes(self, changes: OpChanges, _initiator: object) -> None:
        if changes.document_list or changes.people:
            self.reload()

    def reload(self) -> None:
        """List the people again, now if the panel is shown, else when it next is: grouping the
        glossaries of 200 volumes takes most of a second, and an import of many volumes changes
        the documents after each one."""
        self._stale = not self.isVisible()
        if not self._stale:
            if not self.model.people:
                self.heading.setText(_READING)
            self.session.people_later(self.kind.currentData(), self._read)

    def _read(self, kind: str, people: list[Person]) -> None:
        """The people read (on a thread, the first time after a change): listed if still wanted."""
        if kind == self.kind.currentData() and not self._stale:
            self.set_people(people)
        if self.heading.text() == _READING:
            self.heading.clear()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _show_mentions(self, kind: str, person_id: str) -> None:
        person = self.model.by_id.get(person_id)
        volume, _, key = person_id.rpartition("/")
        refs = [(e.volume, e.key) for e in person.entries] if person else [(volume, key)]
        total, shown = self.session.mentions(kind, refs, MENTIONS_SHOWN)
        self.show_mentions(person, person.name if person else key, shown, total)

    def set_people(self, people: list[Person]) -> None:
        if people is not self.model.people:  # (the same, kept by the session: the list stays as it is)
            self.model.set_people(people)

    def choose(self, kind: str, volume: str, key: str) -> None:
        """The person whose entry ``key`` of ``volume`` is (a name clicked in the text)."""
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.set_people(self.session.people(kind))  # at once: the name clicked waits for its person
        self._stale = False
        person, row = self.model.person_of((volume, key)), self.model.row_of((volume, key))
        if person is None:  # not in the glossary: the mentions of the key in its volume
            self.entryChosen.emit(kind, f"{volume}/{key}")
        elif row is None:  # filtered out of the list: their mentions all the same
            self.entryChosen.emit(kind, person.id)
        elif self.entries.currentIndex().row() == row:
            self._chosen(self.entries.currentIndex(), QModelIndex())
        else:
            self.entries.setCurrentIndex(self.model.index(row))

    def show_mentions(self, person: Person | None, title: str, mentions: list[Mention], total: int) -> None:
        """``mentions``: the first of ``total`` in the project; ``person``'s entries above them."""
        self._mentions, self._shown = mentions, (person, title, total)
        volumes = len(person.volumes) if person else 1
        where = f" in {volumes} volumes" if volumes > 1 else ""
        shown = f" (the first {len(mentions)} shown)" if total > len(mentions) else ""
        self.heading.setText(f"{title}: {counted(total, 'mention')}{where}{shown}")
        link = f"text-decoration:none; color:{themes.current().muted}"
        parts = []
        if person is not None and len(person.entries) > 1:
            parts.append("<p style='margin:0 0 8px 0'>" + "<br>".join(
                f"{html.escape(e.volume)}: {html.escape(e.name)} "
                f"<a href='apart:{i}' style='{link}'>(not this person)</a>" for i, e in enumerate(person.entries)
            ) + "</p>")  # fmt: skip
        parts += [
            f"<p style='margin:0 0 8px 0'><a href='m:{i}' style='{link}'>No. {html.escape(m.number)}</a><br>"
            f"{html.escape(m.context)}</p>"
            for i, m in enumerate(mentions)
        ]
        self.mentions.setHtml("".join(parts))

    def restyle(self) -> None:
        """Show the mentions again in the theme's colours."""
        if self._mentions or self._shown[0] is not None:
            self.show_mentions(*self._shown[:2], self._mentions, self._shown[2])

    def set_apart(self, volume: str, key: str) -> None:
        """The entry ``key`` of ``volume`` is somebody else: it leaves its person (one undo step)."""
        session = self.session
        if session.run("Not This Person", lambda: unlink_entry(session.project, (volume, key))):
            self.choose(self.kind.currentData(), volume, key)

    def link(self, first: Ref, second: Ref) -> None:
        """The entries ``first`` and ``second`` are one person: their people become one (one undo step)."""
        session = self.session
        if session.run("Same Person", lambda: link_entries(session.project, first, second)):
            self.choose(self.kind.currentData(), *first)

    def _context_menu(self, position: QPoint) -> None:
        """On another person than the chosen one: "Same Person as <the chosen one>"."""
        chosen = self.model.person_at(self.entries.currentIndex())
        other = self.model.person_at(self.entries.indexAt(position))
        if chosen is None or other is None or other is chosen:
            return
        menu = QMenu(self)
        join = menu.addAction(f"Same Person as {chosen.name}")
        if menu.exec(self.entries.viewport().mapToGlobal(position)) is join:
            self.link(ref_of(chosen.entries[0]), ref_of(other.entries[0]))

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.entryChosen.emit(*current.data(CHOICE_ROLE))

    def _on_link(self, url: QUrl) -> None:
        value = url.toString()
        if value.startswith("m:"):
            mention = self._mentions[int(value[2:])]
            self.mentionActivated.emit(mention.doc_id, mention.start, mention.end)
        elif value.startswith("apart:") and self._shown[0] is not None:
            entry = self._shown[0].entries[int(value[6:])]
            self.set_apart(entry.volume, entry.key)
