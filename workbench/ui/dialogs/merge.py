"""File › Merge Project…: what a colleague's project would add, share and conflict, before any of it is written."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from workbench.ops.merge import MergePlan


class MergeDialog(QDialog):
    """The preview: accepted means "merge", and nothing has been written until then."""

    def __init__(self, plan: MergePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Merge {plan.source.name}")
        self.resize(560, 420)
        counts = f"<b>{len(plan.added)}</b> to add · already in both: {plan.shared}"
        summary = QLabel(f"{counts} · <b>{len(plan.conflicts)}</b> conflicts", self)
        summary.setWordWrap(True)
        tree = QTreeWidget(self)
        tree.setHeaderHidden(True)
        tree.setAccessibleName("What the merge does")
        groups = [
            ("Will be added", plan.added),
            ("Conflicts — this project's version is kept", plan.conflicts),
            ("Left out", plan.skipped),
            ("Refused — not sound, so not merged", plan.refused),
        ]
        for title, lines in groups:
            if not lines:
                continue
            group = QTreeWidgetItem(tree, [f"{title} ({len(lines)})"])
            for line in lines:
                QTreeWidgetItem(group, [line])
            group.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        merge = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setEnabled(not plan.empty)
        merge.setDefault(not plan.empty)
        if plan.empty:
            summary.setText(summary.text() + "<br>Everything in that project is already here.")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(tree)
        layout.addWidget(buttons)
        self.tree = tree
        self.merge_button = merge
