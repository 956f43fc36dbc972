"""The one way a dialog says what is wrong: a red line under the form, and room to read it.

A dialog does not grow by itself when a wrapped label gains text, so a long message was
clipped (the welcome form's). ``show_problem`` grows the dialog, once the layouts have
taken in the new text, to the height its contents need at its width; it never shrinks it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from eoffice.ui.colours import ERROR_STYLE


def problem_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setAccessibleName(name)
    label.hide()
    return label


def show_problem(label: QLabel, message: str) -> None:
    label.setText(f"⚠ {message[:1].upper()}{message[1:]}")
    label.setMinimumHeight(0)  # grow_to_fit sets it again for this message
    label.show()
    grow_to_fit(label.window())


def grow_to_fit(window: QWidget, tries: int = 3) -> None:
    """Make ``window`` tall enough for its contents at its width, after the layouts settle.

    A form inside a widget inside the dialog does not always pass its wrapped labels' needs
    up (QFormLayout's height-for-width), so the shortfall of any wrapped label shown is
    added too, and the fit checked again once the layouts have taken in the new height.
    """

    def fit() -> None:
        layout = window.layout()
        if layout is None:
            return
        layout.activate()
        width = window.width()
        needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        short = 0
        for label in window.findChildren(QLabel):
            want = label.heightForWidth(label.width()) if label.isVisible() and label.wordWrap() else -1
            if want > label.height():
                label.setMinimumHeight(want)  # a form in a widget may not pass the need up by itself
                short = max(short, want - label.height())
        needed = max(needed, window.minimumSizeHint().height(), window.height() + short)
        if needed > window.height():
            window.resize(width, needed)
            if tries > 1:
                grow_to_fit(window, tries - 1)

    QTimer.singleShot(0, window, fit)
