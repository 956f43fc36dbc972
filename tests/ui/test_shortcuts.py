"""Keyboard shortcuts: one table, listed in Help, never two jobs for one key, live at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QStackedWidget, QTabWidget
from pytestqt.qtbot import QtBot

from eoffice.ui import hotkeys
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.widgets.filter_box import FilterBox
from tests.ui.controls import alt_letters, live_keys, shared
from tests.ui.dialog_factories import EVERY


def test_every_key_in_hotkeys_is_in_the_table_help_lists() -> None:
    bound = {name for name, value in vars(hotkeys).items()
             if name.isupper() and isinstance(value, QKeySequence | QKeySequence.StandardKey)}
    listed = {id(key) for _where, _what, key in hotkeys.TABLE}
    missing = {name for name in bound if id(vars(hotkeys)[name]) not in listed}
    assert not missing, f"add to hotkeys.TABLE: {sorted(missing)}"


def test_help_lists_every_shortcut(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[ShortcutsDialog] = []
    monkeypatch.setattr(ask, "run_dialog", lambda dialog: shown.append(dialog) or False)
    window.shortcuts_action.trigger()
    table = shown[0].table
    assert table.rowCount() == len(hotkeys.TABLE)
    rows = {(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    assert ("Annual exams plan", "New task", "Ctrl+Shift+N") in rows
    assert ("Everywhere", "Keyboard shortcuts (this list)", "F1") in rows


def _every_page(window: MainWindow) -> Iterator[str]:
    """Show each tab, and each page within it, in turn; yields where the window is."""
    tabs = window.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        yield tabs.tabText(i)
        page = tabs.widget(i)
        for stack in page.findChildren(QStackedWidget):
            if isinstance(stack.parent(), QTabWidget):
                continue  # a tab widget's own
            for j in range(stack.count()):
                stack.setCurrentIndex(j)
                yield f"{tabs.tabText(i)}, page {j + 1}"


def test_no_two_actions_or_alt_letters_share_a_key_anywhere_in_the_window(window: MainWindow) -> None:
    clashes = {}
    for where in _every_page(window):
        for found in (shared(live_keys(window)), shared(alt_letters(window))):
            if found:
                clashes[where] = found
    assert clashes == {}


@pytest.mark.parametrize("which", EVERY)
def test_no_dialog_gives_one_alt_letter_two_jobs(qtbot: QtBot, which: str) -> None:
    dialog: QDialog = EVERY[which]()
    qtbot.addWidget(dialog)
    dialog.show()
    assert shared(alt_letters(dialog)) == {}
    assert shared(live_keys(dialog)) == {}


def test_a_pages_shortcut_works_as_soon_as_its_tab_is_shown(window: MainWindow, qtbot: QtBot,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    monkeypatch.setattr(ask, "run_dialog", lambda dialog: opened.append(dialog) or False)
    window.tabs.setCurrentIndex(1)
    built = window.tab("plan")  # built, as showing the tab builds it
    qtbot.waitUntil(built.isVisible)
    window.tabs.tabBar().setFocus()  # clicked on the tab: the focus is on the tab bar, not in the page
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(opened) == 1


def test_ctrl_f_goes_to_the_filter_of_the_page_shown(window: MainWindow, qtbot: QtBot) -> None:
    window.tabs.setCurrentIndex(1)
    built = window.tab("plan")
    qtbot.waitUntil(built.isVisible)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    focused = window.focusWidget()
    assert isinstance(focused, FilterBox) and window.tabs.currentWidget().isAncestorOf(focused)
