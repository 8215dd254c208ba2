"""The application around the text: settings, recent projects, the welcome, help, keyboard and accessibility."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from workbench import __version__
from workbench.citations import Style
from workbench.export import Marks, Paragraphs
from workbench.storage import Project
from workbench.ui import preferences
from workbench.ui.dialogs.export import ExportDialog
from workbench.ui.look.theme import Appearance
from workbench.ui.preferences import Preferences
from workbench.ui.window.help import GuideWindow, ShortcutSheet, all_shortcuts, slug
from workbench.ui.window.main_window import MainWindow
from workbench.ui.window.project_files import RECENT_KEY, remember


@pytest.fixture
def window(open_window, sample_project: Project) -> MainWindow:
    return open_window(sample_project)


# -- settings -----------------------------------------------------------------------------------


def test_preferences_round_trip_through_qsettings() -> None:
    chosen = Preferences(author="Ada", appearance=Appearance.DARK, reading_family="Inter", reading_size=15.5,
                         underline_patterns=True, citation_style=Style.FRUS, paragraphs=Paragraphs.JOIN,
                         marks=Marks.STRAIGHT, backup_minutes=30)  # fmt: skip
    preferences.save(chosen)
    assert preferences.load() == chosen
    assert preferences.load() != Preferences()


def test_nonsense_in_the_settings_file_falls_back_to_the_defaults() -> None:
    settings = QSettings()
    for key, value in (("appearance/theme", "purple"), ("reading/size", "huge"), ("backups/minutes", "7"),
                       ("export/style", "mla"), ("reading/underline-patterns", "maybe")):  # fmt: skip
        settings.setValue(key, value)
    assert preferences.load() == Preferences()


def test_the_settings_dialog_shows_stored_values_and_applies_them_to_the_window(window: MainWindow) -> None:
    preferences.save(Preferences(appearance=Appearance.DARK, reading_size=14.0, citation_style=Style.FRUS))
    dialog = window.settings_dialog()
    assert dialog.chosen() == preferences.load()
    assert "Foreign Relations of the United States" in dialog.sample.text()  # the example is the open document's
    dialog.size_box.setValue(16.0)
    dialog.backups.setCurrentIndex(dialog.backups.findData(0))
    dialog.patterns.setChecked(True)
    dialog.accept()
    assert window.theme.dark and window.reading.theme.reading_size == 16.0 and window.reading.patterns
    assert not window.files._backup_timer.isActive()  # backups only when the project opens
    assert preferences.load().reading_size == 16.0
    window.apply_preferences(replace(window.preferences, backup_minutes=5))
    assert window.files._backup_timer.interval() == 5 * 60 * 1000


def test_copy_with_citation_uses_the_default_style(window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    window.apply_preferences(replace(window.preferences, citation_style=Style.FRUS))
    text = window.document.text
    start = text.index("a balking GVN")
    window.reading.select_range(start, start + len("a balking GVN"))
    window.annotator.copy_with_citation()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("“a balking GVN”") and "Document 124" in copied  # the FRUS form names the document


# -- recent projects ------------------------------------------------------------------------------


def test_remember_puts_a_project_first_once_and_keeps_ten(tmp_path: Path) -> None:
    paths = [str(tmp_path / f"p{i}.wbproj") for i in range(12)]
    recent: list[str] = []
    for path in paths:
        recent = remember(recent, Path(path))
    assert recent == list(reversed(paths))[:10]
    assert remember(recent, Path(paths[5]))[:2] == [paths[5], paths[11]]


def test_open_recent_lists_other_projects_and_drops_one_that_is_gone(window: MainWindow, tmp_path: Path,
                                                                     monkeypatch) -> None:  # fmt: skip
    first = window.project.path
    window.files.open_project(str(tmp_path / "second"), create=True)
    window.menus.recent.aboutToShow.emit()
    labels = [a.text() for a in window.menus.recent.actions() if a.text()]
    assert labels[0].startswith(f"&1 {first.stem}") and labels[-1] == "&Clear Menu"
    Project.open(tmp_path / "gone.wbproj", create=True).close()
    window.files.open_project(str(tmp_path / "gone.wbproj"))
    window.files.open_project(str(tmp_path / "second.wbproj"))
    (tmp_path / "gone.wbproj").unlink()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    gone = next(p for p in QSettings().value(RECENT_KEY) if p.endswith("gone.wbproj"))
    window.files.open_project(gone)
    assert warned and "no longer there" in warned[0]
    assert not any(p.endswith("gone.wbproj") for p in QSettings().value(RECENT_KEY))
    assert window.project.path.name == "second.wbproj"  # the open project stays open


# -- the welcome ----------------------------------------------------------------------------------


def test_the_welcome_shows_on_a_first_run_and_stays_closed(open_window, sample_project: Project) -> None:
    window = open_window(sample_project)
    assert window.welcome.isVisible()
    window.welcome.dismiss()
    again = open_window(sample_project)
    assert not again.welcome.isVisible()
    again.show_welcome()
    assert again.welcome.isVisible()


def test_the_welcome_buttons_do_the_three_things(window: MainWindow, monkeypatch) -> None:
    footnote, tag, export = window.welcome.buttons
    footnote.click()
    assert window.side.currentWidget() is window.notes and window.notes.current == 1
    tag.click()
    chosen = window.reading.selected_range()
    assert chosen is not None
    assert (
        window.document.text[chosen[0] : chosen[1]]
        == "Please immediately pass the following message to the President from me."
    )
    assert window.annotator.toolbar.isVisible()  # the tags are offered, as after a selection by hand
    opened: list[ExportDialog] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    export.click()
    assert len(opened) == 1


# -- help -----------------------------------------------------------------------------------------


def test_the_about_box_names_the_version(window: MainWindow, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window.help.about()
    assert f"Workbench {__version__}" in shown[0] and str(window.project.path) in shown[0]


def test_the_user_guide_opens_with_its_sections_and_pictures(window: MainWindow) -> None:
    guide = window.help.open_guide()
    assert isinstance(guide, GuideWindow)
    for section in ("installing", "reading", "tagging", "notes", "searching", "exporting-with-citations",
                    "exchange-and-teamwork", "backups"):  # fmt: skip
        assert any(name.startswith(section) for name in guide.headings), section
    assert len(guide._images) >= 8
    first = next(name for name in guide.headings if name.startswith("backups"))
    guide.show_section(first)
    assert guide.text.verticalScrollBar().value() > 0


def test_slugs_match_githubs_anchors() -> None:
    assert slug("Exporting with citations") == "exporting-with-citations"
    assert slug("Exchange & teamwork") == "exchange--teamwork"
    assert slug("Keyboard: the whole list") == "keyboard-the-whole-list"


def test_the_shortcut_sheet_lists_every_menu_action(window: MainWindow, qtbot) -> None:
    QTest.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    sheet = next(w for w in window.findChildren(ShortcutSheet))
    qtbot.addWidget(sheet)
    listed = {(sheet.tree.topLevelItem(i).text(0), sheet.tree.topLevelItem(i).child(j).text(0))
              for i in range(sheet.tree.topLevelItemCount()) for j in range(sheet.tree.topLevelItem(i).childCount())}  # fmt: skip
    assert {(s.group, s.action) for s in all_shortcuts(window)} == listed
    assert ("Edit", "Settings…") in listed
    assert any(
        group == "File › Export for Other Tools" and name.startswith("1 REFI-QDA project") for group, name in listed
    )
    keys = {s.action: s.keys for s in all_shortcuts(window)}
    assert keys["Export Quotations…"] == "Ctrl+E" and keys["Keyboard Shortcuts"] == "Ctrl+/"
    sheet.filter.setText("citation")
    shown = [sheet.tree.topLevelItem(i).child(j).text(0) for i in range(sheet.tree.topLevelItemCount())
             for j in range(sheet.tree.topLevelItem(i).childCount()) if not sheet.tree.topLevelItem(i).child(j).isHidden()]  # fmt: skip
    assert shown == ["Copy Quote with Citation"]


# -- keyboard and accessibility -----------------------------------------------------------------


def test_every_menu_item_has_its_own_mnemonic(window: MainWindow) -> None:
    def check(menu, where: str) -> None:
        letters = []
        for action in menu.actions():
            if action.isSeparator() or not action.text() or not action.isEnabled():
                continue  # a disabled line ("No other projects yet") is not a choice
            found = re.search(r"&([^&])", action.text())
            assert found, f"{where} › {action.text()} has no mnemonic"
            letters.append(found.group(1).lower())
            if action.menu() is not None:
                check(action.menu(), f"{where} › {action.text()}")
        assert len(letters) == len(set(letters)), f"{where}: {letters}"

    for action in window.menuBar().actions():
        check(action.menu(), action.text())
    check(window.menuBar(), "the menu bar")


def _controls(root: QWidget) -> list[QWidget]:
    """The controls a keyboard or screen reader user meets (not the inner parts of a combo or spin box)."""
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextEdit)

    def inner(widget: QWidget) -> bool:
        parent = widget.parentWidget()
        for _ in range(2):
            if isinstance(parent, QComboBox | QAbstractSpinBox):
                return True
            parent = parent.parentWidget() if parent is not None else None
        return False

    return [w for w in root.findChildren(QWidget)
            if isinstance(w, kinds) and w.focusPolicy() != Qt.FocusPolicy.NoFocus and not inner(w)]  # fmt: skip


def _named(widget: QWidget) -> bool:
    """A name a screen reader can say: its own, a button's text, or the label of its form row."""
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    labelled = any(label.buddy() is widget and label.text().strip() for label in widget.window().findChildren(QLabel))
    return bool(widget.accessibleName() or text.replace("&", "").strip() or labelled)


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    unnamed = [f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
               for w in _controls(window) if not _named(w)]  # fmt: skip
    assert unnamed == []


def test_every_dialog_control_has_an_accessible_name(window: MainWindow, tmp_path: Path) -> None:
    from workbench.ops.merge import preview_merge
    from workbench.ui.dialogs.authors import AuthorsWindow
    from workbench.ui.dialogs.backups import BackupsDialog
    from workbench.ui.dialogs.merge import MergeDialog
    from workbench.ui.dialogs.note_editor import NoteEditor
    from workbench.ui.dialogs.settings import SettingsDialog
    from workbench.ui.dialogs.tag_palette import TagPalette
    from workbench.ui.dialogs.themes import ThemesWindow

    window.files.save_copy(str(tmp_path / "other"))
    dialogs = [
        SettingsDialog(window, document=window.document), ShortcutSheet(window), GuideWindow(window),
        ExportDialog(window, []), ThemesWindow(window), AuthorsWindow(window), BackupsDialog(window.project.path, window),
        MergeDialog(preview_merge(window.project, tmp_path / "other.wbproj"), window), NoteEditor("Note", "", "quote", window),
        TagPalette(window.tags, window),
    ]  # fmt: skip
    for dialog in dialogs:
        assert isinstance(dialog, QDialog)
        unnamed = [f"{type(w).__name__} {w.objectName()!r}" for w in _controls(dialog) if not _named(w)]
        assert unnamed == [], type(dialog).__name__
        dialog.deleteLater()


def test_tab_moves_through_the_window_in_reading_order(window: MainWindow) -> None:
    window.documents.filter.setFocus()
    order = [window.documents.filter]
    for _ in range(5):
        order.append(order[-1].nextInFocusChain())
        while order[-1].focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus:
            order[-1] = order[-1].nextInFocusChain()

    def proxied(widget: QWidget) -> QWidget:
        return widget.focusProxy() or widget

    expected = [window.documents.sort, window.documents.view, window.tag_panel.view, window.reading, window.side]
    assert [proxied(w) for w in order[1:]] == [proxied(w) for w in expected]


def test_f6_puts_the_keyboard_in_the_text(window: MainWindow) -> None:
    window.documents.filter.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F6)
    assert window.reading.hasFocus()


def test_the_texts_context_menu_offers_tagging_and_citing(window: MainWindow) -> None:
    menu = window.reading.context_menu()
    assert [a.text() for a in menu.actions()] == ["&Copy", "Select &All", "", "&Tag…", "&Note on Passage…",
                                                  "Cop&y Quote with Citation"]  # fmt: skip
