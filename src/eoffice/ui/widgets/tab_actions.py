"""Tab toolbar actions made one way in every tab.

A shortcut works while its tab is shown, wherever the focus is (the tab bar just clicked
included); a hidden tab's actions are not live, so "Ctrl+Shift+N" is a new task on the plan
and a new key date on Key dates. Its tooltip names the key, and its toolbar button can be
reached with Tab and read by a screen reader.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from eoffice.ui import hotkeys

Shortcut = QKeySequence | QKeySequence.StandardKey | None


def plain(text: str) -> str:
    """Button text as a person reads it: no mnemonic "&", no trailing "…"."""
    return text.replace("&", "").rstrip("…")


def tab_action(owner: QWidget, text: str, shortcut: Shortcut, slot: Callable[[], object]) -> QAction:
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{plain(text)} ({hotkeys.key_text(shortcut)})")
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


def add_tool_button(toolbar: QToolBar, action: QAction) -> None:
    toolbar.addAction(action)
    button = toolbar.widgetForAction(action)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, not only by shortcut
    button.setAccessibleName(plain(action.text()))
