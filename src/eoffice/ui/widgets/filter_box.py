"""A type-to-filter box with a short pause, so a table is not refiltered on every key."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 200


class FilterBox(QLineEdit):
    filterChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "Filter…") -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(placeholder.rstrip("…"))
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.filterChanged.emit(self.text()))
        self.textChanged.connect(lambda _text: self._timer.start())
