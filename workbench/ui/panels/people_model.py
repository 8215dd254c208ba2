"""The People panel's list: every person (or term) of the project as a Qt list model, filtered in place.

All of FRUS names some 60,000 people in its glossaries. A list widget makes an item of each (half
a second to fill, and a filter that hides items one by one); this model keeps the people in a
Python list with each one's line of text, and the filter is a list of the rows it leaves. The
view (uniform rows) asks only for the rows it paints.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.model.people import Person, Ref
from workbench.ui.look.safe_text import tooltip

#: ``(kind, person id)`` of a row: what choosing it shows.
CHOICE_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


def person_line(person: Person) -> str:
    """ "Kissinger, Henry A. (12 volumes) — Assistant to the President…": the name, and the latest description."""
    volumes = len({entry.volume for entry in person.entries})
    description = next((e.description for e in reversed(person.entries) if e.description), "")
    text = person.name + (f" ({volumes} volumes)" if volumes > 1 else "")
    return f"{text} — {description}" if description else text


class PeopleModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.people: list[Person] = []
        self.lines: list[str] = []  # each person's line, as listed
        self._folded: list[str] = []  # … in lower case, what the filter looks in
        self.shown: list[int] = []  # the people the filter leaves, by their place in ``people``
        self.words: tuple[str, ...] = ()
        self._by_ref: dict[Ref, int] = {}
        self.by_id: dict[str, Person] = {}

    def set_people(self, people: list[Person]) -> None:
        """New people (the project changed): listed under the filter as it is."""
        self.beginResetModel()
        self.people = people
        self.lines = [person_line(person) for person in people]
        self._folded = [line.lower() for line in self.lines]
        self.by_id = {person.id: person for person in people}
        self._by_ref = {(e.volume, e.key): i for i, person in enumerate(people) for e in person.entries}
        self.shown = self._matching(self.words, range(len(people)))
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Only the people whose line holds every word of ``text`` (in any case). A word typed on
        looks among those already shown, not all of them again."""
        words = tuple(text.lower().split())
        if words == self.words:
            return
        # each word typed on holds the one before it: what holds the new words held the old ones
        pairs = zip(self.words, words, strict=False)
        narrower = bool(self.words) and len(words) >= len(self.words) and all(old in new for old, new in pairs)
        within = self.shown if narrower else range(len(self.people))
        self.beginResetModel()
        self.words = words
        self.shown = self._matching(words, within)
        self.endResetModel()

    def _matching(self, words: tuple[str, ...], among) -> list[int]:
        folded = self._folded
        if not words:
            return list(among)
        if len(words) == 1:
            (word,) = words
            return [i for i in among if word in folded[i]]
        return [i for i in among if all(word in folded[i] for word in words)]

    def row_of(self, ref: Ref) -> int | None:
        """The row of the person whose entry ``ref`` is, if the filter shows them."""
        at = self._by_ref.get(ref)
        if at is None:
            return None
        try:
            return self.shown.index(at)
        except ValueError:
            return None

    def person_of(self, ref: Ref) -> Person | None:
        at = self._by_ref.get(ref)
        return self.people[at] if at is not None else None

    def person_at(self, index: Index) -> Person | None:
        return self.people[self.shown[index.row()]] if index.isValid() and index.row() < len(self.shown) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.shown):
            return None
        at = self.shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.lines[at]
        if role == CHOICE_ROLE:
            person = self.people[at]
            return (person.kind, person.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip("\n".join(f"{e.volume}: {e.description or e.name}" for e in self.people[at].entries))
        return None
