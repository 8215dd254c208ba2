"""File › Export Quotations: choose highlights, style and format; see the result as you choose.

The preview is the real output (for the first 40 excerpts), highlighted with Pygments for
text formats; Word is previewed as it will look (quotations, numbered notes). The choices are remembered for next time.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from PySide6.QtCore import QEventLoop, QSettings, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlite_utils import Database

from workbench.citations.csl import StyleError
from workbench.export import FORMATS, Format, Marks, Order, Paragraphs, QuoteOptions, Selection, write_export
from workbench.export.selection import select
from workbench.export.to_file import export_to_file
from workbench.model.annotation import SpanId
from workbench.model.text import counted
from workbench.ops.errors import Cancelled, OperationError
from workbench.storage import Project
from workbench.ui.dialogs import style_choice
from workbench.ui.dialogs.progress import run_cancellable
from workbench.ui.look import theme as themes
from workbench.ui.look.safe_text import SafeBrowser
from workbench.ui.operations import Worker, with_own_connection

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

_PREVIEW_EXCERPTS = 40


class _PathsCompleter(QCompleter):
    """Completes the tag path after the last comma of a comma-separated list."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:
        field = self.widget()
        head = field.text().rsplit(",", 1) if isinstance(field, QLineEdit) else [""]
        prefix = head[0] + ", " if len(head) > 1 else ""
        return prefix + index.data()


def _paths(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


class ExportDialog(QDialog):
    def __init__(self, window: MainWindow, picked_span_ids: list[SpanId]) -> None:
        super().__init__(window)
        self.main = window
        self.setWindowTitle("Export Quotations")
        self.resize(1080, 700)
        self.picked = picked_span_ids
        tag_paths = [window.tags.path(tag.id) for tag in window.tags]

        def choices(items: list[tuple[str, str]]) -> QComboBox:
            box = QComboBox(self)
            for label, value in items:
                box.addItem(label, value)
            box.currentIndexChanged.connect(self._schedule)
            return box

        def tags_field(placeholder: str) -> QLineEdit:
            field = QLineEdit(self)
            field.setPlaceholderText(placeholder)
            field.setAccessibleName(f"Tags: {placeholder}")
            completer = _PathsCompleter(QStringListModel(tag_paths, self), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            field.setCompleter(completer)
            field.textChanged.connect(self._schedule)
            return field

        self.all_tags = tags_field("all of these tags (sub-tags count)")
        self.any_tags = tags_field("at least one of these")
        self.not_tags = tags_field("none of these")
        self.words = QLineEdit(self)
        self.words.setPlaceholderText("words in the quotation or note")
        self.words.textChanged.connect(self._schedule)
        self.this_document = QCheckBox("Only the open document", self)
        self.only_picked = QCheckBox(f"Only the {len(picked_span_ids)} chosen in the Highlights list", self)
        self.only_picked.setEnabled(bool(picked_span_ids))
        for box in (self.this_document, self.only_picked):
            box.toggled.connect(self._schedule)
        self.order = choices([("By document and position", Order.DOCUMENT), ("By tag", Order.TAG),
                              ("By document date", Order.DATE)])  # fmt: skip
        self.format = choices([(info.label, fmt.value) for fmt, info in FORMATS.items()])
        self.style_box = QComboBox(self)
        style_choice.fill(self.style_box)  # filled before it is listened to: filling is not choosing
        self.style_box.currentIndexChanged.connect(self._schedule)
        self.paragraphs = choices([("Keep paragraph breaks", Paragraphs.KEEP), ("Join paragraphs", Paragraphs.JOIN)])
        self.marks = choices(
            [("“Typographic” quotation marks", Marks.TYPOGRAPHIC), ('"Straight" marks', Marks.STRAIGHT)]
        )
        self.marks.setAccessibleName("Quotation marks")
        self.title = QLineEdit("Quotations", self)
        self.title.textChanged.connect(self._schedule)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(f"color: {themes.current().accent}")
        self.problem.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Tags", self.all_tags)
        form.addRow("", self.any_tags)
        form.addRow("", self.not_tags)
        form.addRow("Words", self.words)
        form.addRow("", self.this_document)
        form.addRow("", self.only_picked)
        form.addRow("Order", self.order)
        form.addRow("Format", self.format)
        form.addRow("Citations", self.style_box)
        form.addRow("Quotations", self.paragraphs)
        form.addRow("", self.marks)
        form.addRow("Title", self.title)
        form.addRow(self.problem)
        options = QWidget(self)
        options.setLayout(form)
        options.setMaximumWidth(430)
        self.preview = SafeBrowser(self, web_links=False)
        self.preview.setAccessibleName("Preview")
        self.preview.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        panes = QHBoxLayout()
        panes.addWidget(options)
        panes.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(panes, 1)
        layout.addWidget(buttons)
        self._rendering = self._again = False  # a preview being made; another asked for meanwhile
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self._restore()
        self._timer.stop()  # what restoring the choices scheduled, done now
        self.refresh()

    # -- the choices ------------------------------------------------------------------------

    def selection(self) -> Selection:
        document = self.main.document
        return Selection(
            all_tags=_paths(self.all_tags.text()),
            any_tags=_paths(self.any_tags.text()),
            not_tags=_paths(self.not_tags.text()),
            documents=(document.id,) if self.this_document.isChecked() and document else (),
            words=self.words.text(),
            span_ids=tuple(self.picked) if self.only_picked.isChecked() else None,
            order=Order(self.order.currentData()),
        )

    def options(self) -> QuoteOptions:
        return QuoteOptions(Paragraphs(self.paragraphs.currentData()), Marks(self.marks.currentData()))

    def render_output(self, fmt: Format, *, limit: int | None = None) -> tuple[str | bytes, int]:
        """The output in ``fmt`` (of the first ``limit`` excerpts), and how many highlights match."""
        return self._renderer(fmt, limit)(self.main.project.db)

    def _renderer(self, fmt: Format, limit: int | None) -> Callable[[Database], tuple[str | bytes, int]]:
        """What ``render`` does, with the dialog's choices read now: the work can then run anywhere."""
        selection, options = self.selection(), self.options()
        style, title = style_choice.chosen(self.style_box), self.title.text() or "Quotations"

        def run(db: Database) -> tuple[str | bytes, int]:
            selected, out = select(db, selection), io.BytesIO()
            write_export(db, selection, fmt, out, style, options, title=title, limit=limit, selected=selected)
            output = out.getvalue()
            return (output if FORMATS[fmt].binary else output.decode("utf-8")), selected.count

        return run

    # -- preview and saving -----------------------------------------------------------------

    def _schedule(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        """The preview, made on a worker thread with a connection of its own (selecting among
        10,000 highlights takes a while): the dialog keeps taking keys meanwhile, and a change
        made while it works is previewed as soon as it is done."""
        if self._rendering:
            self._again = True
            return
        self._rendering = True
        try:
            self._again = True
            while self._again:
                self._again = False
                self._preview()
        finally:
            self._rendering = False

    def _preview(self) -> None:
        fmt = Format(self.format.currentData())
        shown = Format.HTML if FORMATS[fmt].binary else fmt  # Word as it will look: quotations and real notes
        try:
            run = self._renderer(shown, _PREVIEW_EXCERPTS)  # (a style that cannot be read raises here)
            worker = Worker(with_own_connection(self.main.project.path, lambda project: run(project.db)))
            loop = QEventLoop()
            worker.finished.connect(loop.quit)
            worker.start()
            if not worker.isFinished():
                loop.exec()
            worker.wait()
            worker.deleteLater()
            if not isValid(self.problem):
                return  # the dialog was closed and deleted while the preview was being made
            if worker.error is not None:
                raise worker.error
            text, count = worker.result
        except (OperationError, StyleError) as error:
            self.problem.setText(str(error)[:1].upper() + str(error)[1:] + ".")
            self.save_button.setEnabled(False)
            return
        self.problem.setText("" if count else "No highlight matches these choices.")
        self.save_button.setEnabled(count > 0)
        assert isinstance(text, str)
        if FORMATS[fmt].binary:
            self.preview.setHtml(text)  # Word: as a page, the citations as notes below (loads nothing)
        else:
            # Only the coloured spans (nowrap): Qt draws Pygments' own <pre> background as stripes and
            # does not wrap it, so the preview sets the text in a wrapping block of its own.
            formatter = HtmlFormatter(noclasses=True, nowrap=True, style=themes.current().code_style)
            spans = highlight(text, get_lexer_by_name(FORMATS[shown].lexer or "text"), formatter)
            self.preview.setHtml(f"<div style='white-space: pre-wrap; font-family: \"DejaVu Sans Mono\", monospace;"
                                 f" font-size: 9pt'>{spans}</div>")  # fmt: skip
        self.setWindowTitle(f"Export Quotations — {counted(count, 'highlight')}")

    def save(self) -> None:
        fmt = Format(self.format.currentData())
        info = FORMATS[fmt]
        settings = QSettings()
        folder = str(settings.value("export/folder", str(Path.home())))
        suggested = str(Path(folder) / f"{(self.title.text() or 'Quotations').strip()}{info.suffix}")
        path, _ = QFileDialog.getSaveFileName(self, "Export Quotations", suggested, f"{info.label} (*{info.suffix})")
        if not path:
            return
        try:
            count, warnings = self._write_file(fmt, Path(path))
        except Cancelled:
            self.problem.setText(f"Export cancelled: {Path(path).name} was not written.")
            return
        except (OSError, OperationError, StyleError) as error:
            self.problem.setText(f"Could not write {Path(path).name}: {error}")
            return
        if warnings:
            QMessageBox.information(self, "Export Quotations", "\n".join(warnings))
        settings.setValue("export/folder", str(Path(path).parent))
        self._remember()
        self.main.statusBar().showMessage(f"Exported {counted(count, 'quotation')} to {path}", 5000)
        self.accept()

    def _write_file(self, fmt: Format, path: Path) -> tuple[int, list[str]]:
        """The export written on a thread of its own, with a connection of its own, as it is made (its
        memory does not grow with the highlights), with progress and Cancel; whole or not at all."""
        selection, options = self.selection(), self.options()
        style, title = style_choice.chosen(self.style_box), self.title.text() or "Quotations"

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> tuple[int, list[str]]:
            with Project.open(self.main.project.path) as project:
                return export_to_file(project.db, selection, fmt, path, style, options, title=title,
                                      progress=progress, cancelled=cancelled)  # fmt: skip

        return run_cancellable(self, "Export Quotations", f"Writing {path.name}…", work)

    def _remember(self) -> None:
        settings = QSettings()
        for key, box in self._combos().items():
            settings.setValue(f"export/{key}", box.currentData())
        for key, field in self._fields().items():
            settings.setValue(f"export/{key}", field.text())

    def _restore(self) -> None:
        settings = QSettings()
        for key, box in self._combos().items():
            index = box.findData(settings.value(f"export/{key}"))
            if index >= 0:
                box.setCurrentIndex(index)
        for key, field in self._fields().items():
            value = settings.value(f"export/{key}")
            if value:
                field.setText(str(value))

    def _combos(self) -> dict[str, QComboBox]:
        return {"order": self.order, "format": self.format, "style": self.style_box, "paragraphs": self.paragraphs,
                "marks": self.marks}  # fmt: skip

    def _fields(self) -> dict[str, QLineEdit]:
        return {"all_tags": self.all_tags, "any_tags": self.any_tags, "not_tags": self.not_tags, "title": self.title}

    def done(self, result: int) -> None:
        self._timer.stop()
        self._remember()
        super().done(result)
