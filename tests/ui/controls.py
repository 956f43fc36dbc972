"""Find the controls a person can operate, for the accessibility tests of every tab."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QTabWidget,
    QToolButton,
    QWidget,
)

from eoffice.ui.dialogs import ask

CONTROL_TYPES = (QAbstractButton, QComboBox, QLineEdit, QTableView)


def visible_controls(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, CONTROL_TYPES)
        and w.isVisibleTo(root)
        and not w.objectName().startswith("qt_")  # Qt's own sub-widgets (scroll buttons, ...)
        and not (isinstance(w, QLineEdit) and isinstance(w.parent(), QComboBox | QAbstractButton))
        # A button its field opens by a key (a date's calendar: Alt+Down) is not a Tab stop by design.
        and not w.property("keyboard_route")
    ]


def unnamed(controls: list[QWidget]) -> list[str]:
    """Controls a screen reader could not name: no accessible name and no text."""
    return [
        type(w).__name__
        for w in controls
        if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text().replace("&", ""))
    ]


Fill = Callable[[QDialog], None]


def answer_dialogs(monkeypatch: pytest.MonkeyPatch) -> Callable[[Fill], list[QDialog]]:
    """Answer the dialogs a page runs through ``ask.run_dialog`` with ``fill(dialog)`` then
    Save; ``install(fill)`` returns the list of dialogs seen."""

    def install(fill: Fill) -> list[QDialog]:
        seen: list[QDialog] = []

        def run(dialog: QDialog) -> bool:
            seen.append(dialog)
            fill(dialog)
            dialog.accept()
            return dialog.result() == QDialog.DialogCode.Accepted

        monkeypatch.setattr(ask, "run_dialog", run)
        return seen

    return install


def _mnemonic(text: str) -> str | None:
    """The Alt letter of a label ("Sa&ve" -> "v"), or None."""
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _live(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled()


def alt_letters(root: QWidget) -> dict[str, list[str]]:
    """Each Alt letter a person can press in ``root`` as it stands, with what it belongs to:
    buttons, labels of fields, group boxes, tab names and (for a main window) its menus."""
    letters: dict[str, list[str]] = defaultdict(list)
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        if not _live(widget):
            continue
        button = isinstance(widget, QAbstractButton) and not isinstance(widget, QToolButton)
        if button or (isinstance(widget, QLabel) and widget.buddy() is not None):
            texts.append(widget.text())  # type: ignore[attr-defined]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()) if widget.isTabEnabled(i))
    if isinstance(root, QMainWindow):
        texts.extend(action.text() for action in root.menuBar().actions())
    for text in texts:
        if letter := _mnemonic(text):
            letters[letter].append(text)
    return letters


def live_keys(root: QWidget) -> dict[str, list[str]]:
    """Each key sequence bound to an enabled action on something shown in ``root``."""
    keys: dict[str, list[str]] = defaultdict(list)
    for action in root.findChildren(QAction):
        shown = [o for o in action.associatedObjects() if isinstance(o, QWidget) and o.isVisible()]
        if action.isEnabled() and shown:
            for key in action.shortcuts():
                keys[key.toString()].append(action.text())
    for button in root.findChildren(QAbstractButton):
        if _live(button) and not button.shortcut().isEmpty() and not _mnemonic(button.text()):
            keys[button.shortcut().toString()].append(button.text())
    return keys


def shared(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key: owners for key, owners in found.items() if len(owners) > 1}
