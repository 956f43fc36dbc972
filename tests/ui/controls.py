"""Find the controls a person can operate, for the accessibility tests of every tab."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialog, QLineEdit, QTableView, QWidget

CONTROL_TYPES = (QAbstractButton, QComboBox, QLineEdit, QTableView)


def visible_controls(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, CONTROL_TYPES)
        and w.isVisibleTo(root)
        and not w.objectName().startswith("qt_")  # Qt's own sub-widgets (scroll buttons, ...)
        and not (isinstance(w, QLineEdit) and isinstance(w.parent(), QComboBox | QAbstractButton))
    ]


def unnamed(controls: list[QWidget]) -> list[str]:
    """Controls a screen reader could not name: no accessible name and no text."""
    return [
        type(w).__name__
        for w in controls
        if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text().replace("&", ""))
    ]


Fill = Callable[[QDialog], None]


def answer_dialogs(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> Callable[[Fill], list[QDialog]]:
    """Answer the dialogs a page runs through ``module.run_dialog`` with ``fill(dialog)`` then
    Save; ``install(fill)`` returns the list of dialogs seen."""

    def install(fill: Fill) -> list[QDialog]:
        seen: list[QDialog] = []

        def run(dialog: QDialog) -> bool:
            seen.append(dialog)
            fill(dialog)
            dialog.accept()
            return dialog.result() == QDialog.DialogCode.Accepted

        monkeypatch.setattr(module, "run_dialog", run)
        return seen

    return install
