"""Go › Compare Authors: where two coders agree and differ, tag by tag.

The table gives each tag's figures (see ``workbench.analysis.agreement``); choosing a tag lists
its passages as coded by both, or by one only, and choosing a passage shows it in the reading view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from workbench.analysis.agreement import TagAgreement, authors, compare
from workbench.model.text import shorten
from workbench.ops.authors import rename_author

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

_COLUMN_COUNT = 6  # tag, both, only the first, only the second, agreement, overlap


class AuthorsWindow(QDialog):
    def __init__(self, window: MainWindow) -> None:  # the MainWindow: its project, and where passages are shown
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made anew each time it is asked for
        self.main = window
        self.setWindowTitle("Compare Authors")
        self.resize(760, 520)
        self.first, self.second = QComboBox(self), QComboBox(self)
        self._fill_names()
        for box in (self.first, self.second):
            box.currentIndexChanged.connect(self.refresh)
        # One person under two names (the login name, then the name set in Settings): make them one.
        self.same_person = QPushButton(self)
        self.same_person.clicked.connect(self.credit_first_to_second)
        self.first.setAccessibleName("First author")
        self.second.setAccessibleName("Second author")
        self.table = QTableWidget(0, _COLUMN_COUNT, self)
        self.table.setAccessibleName("Agreement by tag")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_passages(row))
        self.passages = QListWidget(self)
        self.passages.setAccessibleName("Passages of the chosen tag")
        self.passages.itemActivated.connect(self._open_passage)
        self.passages.itemClicked.connect(self._open_passage)
        self.message = QLabel(self)
        choose = QHBoxLayout()
        for widget in (QLabel("Compare", self), self.first, QLabel("with", self), self.second):
            choose.addWidget(widget)
        choose.addStretch(1)
        choose.addWidget(self.same_person)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.passages)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.message)
        layout.addWidget(split)
        self.results: list[TagAgreement] = []
        self.refresh()

    def _fill_names(self) -> None:
        names = authors(self.main.project.db)
        for box, pick in ((self.first, 0), (self.second, 1)):
            box.blockSignals(True)
            box.clear()
            box.addItems(names)
            box.setCurrentIndex(min(pick, len(names) - 1))
            box.blockSignals(False)

    def credit_first_to_second(self) -> None:
        """The first author is the second under another name: their work becomes the second's (one undo step)."""
        old, new = self.first.currentText(), self.second.currentText()
        if old and new and old != new:
            self.main.operations.run("Claim", lambda: rename_author(self.main.project, old, new))
            self._fill_names()
            self.refresh()

    def refresh(self) -> None:
        a, b = self.first.currentText(), self.second.currentText()
        self.same_person.setText(f"Same Person: Credit {a}’s Work to {b}" if a and b and a != b else "Same Person…")
        self.same_person.setEnabled(bool(a and b and a != b))
        self.results = compare(self.main.project.db, a, b) if a and b and a != b else []
        if not a or a == b:
            self.message.setText("Choose two different authors. Highlights record who made them.")
        else:
            self.message.setText(
                "Agreement: text coded by both or by neither. Overlap: text both coded, of the text either coded."
            )
        self.table.setHorizontalHeaderLabels(["Tag", "Both", f"Only {a}", f"Only {b}", "Agreement", "Overlap"])
        self.table.setRowCount(len(self.results))
        for row, result in enumerate(self.results):
            cells = [result.tag, str(result.both), str(result.only_first), str(result.only_second),
                     _percent(result.agreement), _percent(result.overlap)]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.passages.clear()

    def _show_passages(self, row: int) -> None:
        self.passages.clear()
        if not 0 <= row < len(self.results):
            return
        texts: dict[str, str] = {}
        for doc_id, note_n, start, end, who in self.results[row].passages:
            if doc_id not in texts:
                texts[doc_id] = self.main.project.db.execute(
                    "SELECT text FROM documents WHERE id = ?", [doc_id]
                ).fetchone()[0]
            quote = f"footnote {note_n}" if note_n is not None else shorten(texts[doc_id][start:end], 90)
            label = "both" if who == "both" else f"only {who}"
            item = QListWidgetItem(f"{label:>14}   “{quote}”")
            item.setData(Qt.ItemDataRole.UserRole, (doc_id, note_n, start, end))
            self.passages.addItem(item)

    def _open_passage(self, item: QListWidgetItem) -> None:
        doc_id, note_n, start, end = item.data(Qt.ItemDataRole.UserRole)
        if note_n is None:
            self.main.navigation.show_range(doc_id, start, end)


def _percent(value: float) -> str:
    """One decimal, but never "100.0 %" for a figure that is not exactly 100: a difference stays seen."""
    return "> 99.9 %" if 99.95 <= value < 100 else f"{value:.1f} %"
