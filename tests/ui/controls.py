"""Find the controls a person can operate, for the accessibility tests of every tab."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTableView, QWidget

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
