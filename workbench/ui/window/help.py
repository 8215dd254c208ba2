"""The Help menu: the user guide (read in the app, offline), the keyboard shortcut sheet, About.

The guide is the Markdown in ``docs/guide/`` (bundled with the packaged app), shown as Qt
typesets Markdown, with its pictures fitted to the window and a contents list of its headings.
The shortcut sheet is read from the window's own menus, so it lists exactly what the menus do.
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, QObject, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QTextCursor, QTextImageFormat
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench import __version__
from workbench.paths import data_dir, guide_path
from workbench.ui.look import theme as themes

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

#: Keys that work in place rather than from a menu (the sheet lists them after the menus).
IN_PLACE_KEYS = (
    ("In the text", "Tag the selection, or the highlight clicked, with the tag on that key", "1 … 9"),
    ("In the text", "Move the end of the clicked highlight by a word", "Shift+← / Shift+→"),
    ("In the text", "Move the start of the clicked highlight by a word", "Shift+Alt+← / Shift+Alt+→"),
    ("In the text", "Select by words, lines, to the end", "Shift+Ctrl+→, Shift+↓, Shift+Ctrl+End"),
    ("Tags", "Rename the chosen tag", "F2"),
    ("Highlights list", "Remove the chosen highlights", "Delete"),
    ("Highlights list", "Open the chosen highlight's note", "Enter (double click)"),
    ("Tag palette", "Choose the tag; type a new name (Parent/Child) to create one", "Enter"),
    ("Note editor", "Save the note", "Ctrl+Enter"),
    ("Everywhere", "Next field or panel", "Tab / Shift+Tab"),
    ("Everywhere", "Close a dialog or popup", "Esc"),
)


@dataclass(frozen=True, slots=True)
class Shortcut:
    group: str
    action: str
    keys: str


#: Set on a menu action whose text changes as the work goes (Undo's step, a recent project): the
#: sheet shows this instead; an empty one leaves the action (and a sub-menu's items) out.
SHEET_LABEL = "sheetLabel"


def menu_shortcuts(menus: list[QMenu]) -> list[Shortcut]:
    """Every action in ``menus`` (and their sub-menus) with its keys, as the sheet shows it."""
    found: list[Shortcut] = []

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            label = action.property(SHEET_LABEL)
            if label == "":
                continue
            text = label or action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            submenu = action.menu()  # typed QObject by PySide6: a QAction's menu is a QMenu here
            if isinstance(submenu, QMenu) and label is None:
                walk(submenu, f"{group} › {text}")
                continue
            keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
            found.append(Shortcut(group, text, keys))

    for menu in menus:
        walk(menu, menu.title().replace("&", ""))
    return found


def all_shortcuts(window: MainWindow) -> list[Shortcut]:
    menus = [menu for action in window.menuBar().actions() if isinstance(menu := action.menu(), QMenu)]
    return menu_shortcuts(menus) + [Shortcut(*row) for row in IN_PLACE_KEYS]


class ShortcutSheet(QDialog):
    """Help › Keyboard Shortcuts (Ctrl+/): every action and its keys, filtered as you type."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(620, 640)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Find an action or a key")
        self.filter.setAccessibleName("Find an action or a key")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in all_shortcuts(window):
            if shortcut.group not in groups:
                heading = QTreeWidgetItem(self.tree, [shortcut.group])
                font = heading.font(0)
                font.setBold(True)
                heading.setFont(0, font)
                heading.setFirstColumnSpanned(True)
                groups[shortcut.group] = heading
            QTreeWidgetItem(groups[shortcut.group], [shortcut.action, shortcut.keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.filter.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is None:  # not within the count: cannot happen
                continue
            shown = 0
            for j in range(group.childCount()):
                item = group.child(j)
                if item is None:
                    continue
                haystack = f"{group.text(0)} {item.text(0)} {item.text(1)}".lower()
                item.setHidden(not all(word in haystack for word in words))
                shown += not item.isHidden()
            group.setHidden(shown == 0)


def slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading, so guide links work there and here alike."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


class GuideWindow(QDialog):
    """Help › User Guide (F1): the guide beside a list of its sections."""

    _MAX_IMAGE_WIDTH = 900

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Workbench User Guide")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.resize(1040, 760)
        self.contents = QListWidget(self)
        self.contents.setAccessibleName("Sections of the guide")
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("User guide")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._follow)
        self.text.viewport().installEventFilter(self)
        font = themes.current().ui_font(themes.current().ui_size + 1)
        self.text.document().setDefaultFont(font)
        self.text.document().setDocumentMargin(18)
        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.text)
        splitter.setSizes([230, 810])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.headings: dict[str, int] = {}  # slug → position in the text
        self._images: list[tuple[int, QImage]] = []  # position of each picture, and the picture
        self._load()
        self.contents.currentRowChanged.connect(self._go_to_row)

    def _load(self) -> None:
        path = guide_path()
        if not path.exists():
            self.text.setPlainText(f"The user guide is not installed here ({path}).")
            return
        document = self.text.document()
        document.setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        document.setMarkdown(path.read_text(encoding="utf-8"))
        block = document.begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level in (1, 2):
                self.headings[slug(block.text())] = block.position()
                self.contents.addItem(("" if level == 1 else "    ") + block.text())
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().isImageFormat():
                    name = fragment.charFormat().toImageFormat().name()
                    image = QImage(str(path.parent / name))
                    if not image.isNull():
                        self._images.append((fragment.position(), image))
                iterator += 1
            block = block.next()
        self._fit_images()

    def _fit_images(self) -> None:
        """Pictures at their own size, or narrowed (keeping their shape) to the text's width."""
        room = min(self.text.viewport().width() - 2 * 18 - 8, self._MAX_IMAGE_WIDTH)
        document = self.text.document()
        for position, image in self._images:
            ratio = image.devicePixelRatio() or 1.0
            natural = image.width() / ratio
            width = max(min(natural, room), 120)
            cursor = QTextCursor(document)
            cursor.setPosition(position)
            cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            form = QTextImageFormat(cursor.charFormat().toImageFormat())
            form.setWidth(width)
            form.setHeight(width * image.height() / image.width())
            cursor.setCharFormat(form)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # the text's own width, once the layout has given it
            self._fit_images()
        return False

    def _go_to_row(self, row: int) -> None:
        if row >= 0:
            self.show_section(list(self.headings)[row])

    def show_section(self, name: str) -> None:
        """Scroll the heading ``name`` (its slug) to the top."""
        position = self.headings.get(name)
        if position is None:
            return
        block = self.text.document().findBlock(position)
        top = self.text.document().documentLayout().blockBoundingRect(block).top()
        self.text.verticalScrollBar().setValue(int(top))

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.show_section(url.fragment())


class Help:
    """What the Help menu opens, for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.guide: GuideWindow | None = None

    def open_guide(self, section: str = "") -> GuideWindow:
        if self.guide is None:
            self.guide = GuideWindow(self.window)
        self.guide.show()
        self.guide.raise_()
        if section:
            self.guide.show_section(section)
        return self.guide

    def open_shortcuts(self) -> ShortcutSheet:
        sheet = ShortcutSheet(self.window)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.show()
        return sheet

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            "About Workbench",
            f"<h3>Workbench {__version__}</h3>"
            "<p>An annotation workbench for historians: read archival documents, tag and annotate them, "
            "and quote them with citations to the printed page.</p>"
            f"<p>Project: {self.window.project.path}<br>Data folder: {data_dir()}</p>"
            f"<p>Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}<br>"
            "Licensed under the MIT licence. Fonts: Noto Serif and Inter (SIL Open Font License).</p>",
        )
