"""The menu bar: every action the window offers, with its shortcut and mnemonic, in one table.

Every action is reachable from the keyboard (Alt and the underlined letter, or its shortcut), and
the shortcut sheet (Help › Keyboard Shortcuts, Ctrl+/) is read from these menus, so it cannot
fall out of date. A test checks that no two items of one menu share a mnemonic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from workbench.exchange.formats import EXCHANGES
from workbench.ui.dialogs.authors import AuthorsWindow
from workbench.ui.dialogs.themes import ThemesWindow
from workbench.ui.dialogs.zotero import details_from_zotero
from workbench.ui.window.help import SHEET_LABEL

if TYPE_CHECKING:
    from workbench.ui.window.main_window import MainWindow

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
Keys = QKeySequence.StandardKey


@dataclass(slots=True)
class Menus:
    undo: QAction
    redo: QAction
    tag_keys: list[QAction]  # Tag 1 … Tag 9, renamed for the tags on those keys
    recent: QMenu


def _action(window: MainWindow, menu: QMenu, text: str, slot: Callable, shortcut: Shortcut = None) -> QAction:
    act = QAction(text, window)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    act.triggered.connect(slot)
    menu.addAction(act)
    return act


def build_menus(window: MainWindow) -> Menus:
    bar = window.menuBar()
    files, annotator, reading = window.files, window.annotator, window.reading

    def add(menu: QMenu, text: str, slot: Callable, shortcut: Shortcut = None) -> QAction:
        return _action(window, menu, text, slot, shortcut)

    file_menu = bar.addMenu("&File")
    add(file_menu, "&Import Documents…", lambda: window.transfers.import_files(), "Ctrl+I")
    add(file_menu, "Import a &Folder…", lambda: window.transfers.import_folder())
    add(file_menu, "&New Project…", lambda: files.open_project(create=True), Keys.New)
    add(file_menu, "&Open Project…", lambda: files.open_project(), Keys.Open)
    recent = file_menu.addMenu("Open &Recent")
    recent.menuAction().setProperty(SHEET_LABEL, "Open Recent")  # its items come and go
    recent.aboutToShow.connect(lambda: files.fill_recent_menu(recent))
    files.fill_recent_menu(recent)
    add(file_menu, "Save a &Copy As…", lambda: files.save_copy(), "Ctrl+Shift+S")
    file_menu.addSeparator()
    add(file_menu, "&Export Quotations…", window.transfers.export_quotations, "Ctrl+E")
    exchange_menu = file_menu.addMenu("Export for O&ther Tools")
    export = window.transfers.export_for_other_tools
    for number, (kind, info) in enumerate(EXCHANGES.items(), start=1):
        add(exchange_menu, f"&{number} {info.label}…", lambda _=False, k=kind: export(k))
    add(file_menu, "&Merge a Colleague's Project…", lambda: files.merge_project())
    add(file_menu, "Details from &Zotero…", lambda: details_from_zotero(window))
    file_menu.addSeparator()
    add(file_menu, "Restore from &Backup…", files.restore_backup)
    file_menu.addSeparator()
    add(file_menu, "&Quit", window.close, Keys.Quit)

    edit_menu = bar.addMenu("&Edit")
    undo = add(edit_menu, "&Undo", window.operations.undo, Keys.Undo)
    redo = add(edit_menu, "&Redo", window.operations.redo, "Ctrl+Shift+Z")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.setProperty(SHEET_LABEL, "Undo")  # not "Undo Tag 'Troops'"
    redo.setProperty(SHEET_LABEL, "Redo")
    edit_menu.addSeparator()
    add(edit_menu, "&Copy", lambda: _copy_focused(window), Keys.Copy)
    add(edit_menu, "Select &All", reading.selectAll, Keys.SelectAll)
    edit_menu.addSeparator()
    add(edit_menu, "&Delete Document…", lambda: window.document_actions.delete())
    edit_menu.addSeparator()
    add(edit_menu, "&Settings…", window.open_settings, "Ctrl+,")

    document_menu = bar.addMenu("&Document")
    add(document_menu, "&Details…", lambda: window.document_actions.edit_details(), "Ctrl+D")
    add(document_menu, "De&lete…", lambda: window.document_actions.delete())

    tag_menu = bar.addMenu("&Tag")
    reading.context_actions = [  # also in the text's context menu
        add(tag_menu, "&Tag…", annotator.open_palette, "Ctrl+T"),
        add(tag_menu, "&Note on Passage…", annotator.edit_note, "Ctrl+M"),
        add(tag_menu, "Cop&y Quote with Citation", annotator.copy_with_citation, "Ctrl+Shift+C"),
    ]
    window.notes.context_actions = reading.context_actions
    add(tag_menu, "&Place Highlight Here", window.navigation.place_orphan)
    delete = QAction("&Delete Highlight", window)
    delete.setShortcut(QKeySequence(Keys.Delete))
    delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    delete.triggered.connect(annotator.delete_current)
    reading.addAction(delete)
    tag_menu.addAction(delete)
    tag_menu.addSeparator()
    tag_keys = []
    for key in range(1, 10):
        apply = lambda _=False, k=key: annotator.apply_key(k)  # noqa: E731 - one per key
        tag_keys.append(add(tag_menu, f"Tag &{key}", apply, str(key)))
        tag_keys[-1].setProperty(SHEET_LABEL, "")  # the sheet has one line for 1 … 9
    tag_menu.addSeparator()
    add(tag_menu, "New T&ag…", lambda: window.tag_actions.new_tag(None))

    go_menu = bar.addMenu("&Go")
    add(go_menu, "&Previous Document", lambda: window.documents.step(-1), "Ctrl+PgUp")
    add(go_menu, "&Next Document", lambda: window.documents.step(+1), "Ctrl+PgDown")
    add(go_menu, "&Find Document…", window.focus_document_filter, "Ctrl+L")
    add(go_menu, "&Highlights", lambda: window.show_side(window.highlights), "Ctrl+Shift+H")
    add(go_menu, "&Search…", window.focus_search, "Ctrl+F")
    add(go_menu, "&Themes…", lambda: ThemesWindow(window).show(), "Ctrl+Shift+T")
    add(go_menu, "Compare &Authors…", lambda: AuthorsWindow(window).show())
    go_menu.addSeparator()
    add(go_menu, "The Te&xt", lambda: reading.setFocus(), "F6")

    view_menu = bar.addMenu("&View")
    for widget, text, keys in ((window.left, "&Documents and Tags", "Ctrl+1"), (window.side, "&Side Panel", "Ctrl+2")):
        toggle = add(view_menu, text, lambda checked, w=widget: w.setVisible(checked), keys)
        toggle.setCheckable(True)
        toggle.setChecked(True)
    page_image = add(view_menu, "&Page Image", lambda checked: window.page_images.set_visible(checked), "F7")
    page_image.setCheckable(True)
    view_menu.addSeparator()
    add(view_menu, "Zoom &In", lambda: reading.zoom(+1), Keys.ZoomIn)
    add(view_menu, "Zoom &Out", lambda: reading.zoom(-1), Keys.ZoomOut)
    add(view_menu, "&Actual Size", lambda: reading.zoom(0), "Ctrl+0")

    help_menu = bar.addMenu("&Help")
    add(help_menu, "&User Guide", window.help.open_guide, Keys.HelpContents)
    add(help_menu, "&Keyboard Shortcuts", window.help.open_shortcuts, "Ctrl+/")
    add(help_menu, "&Welcome", window.show_welcome)
    help_menu.addSeparator()
    add(help_menu, "&About Workbench", window.help.about)
    return Menus(undo, redo, tag_keys, recent)


def _copy_focused(window: MainWindow) -> None:
    """Edit › Copy (Ctrl+C) copies the selection of the view that has the focus (the footnotes, a
    field), and otherwise the text's."""
    focused = QApplication.focusWidget()
    cursor = getattr(focused, "textCursor", None)
    selected = cursor().hasSelection() if callable(cursor) else getattr(focused, "hasSelectedText", bool)()
    copy = getattr(focused, "copy", None)
    if focused is not window.reading and selected and callable(copy):
        copy()
    else:
        window.reading.copy()
