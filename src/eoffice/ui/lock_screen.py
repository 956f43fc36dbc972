"""The screen that covers the whole window while eoffice is locked (``ui.sign_in`` decides
when): a message, "Sign in…" and "Forgotten password…", and nothing of the data behind.

Kept apart from ``sign_in`` so that module holds only who is signed in and when to lock.
"""

from __future__ import annotations

from PySide6 import QtCore  # ``QtCore.Qt`` where used, not imported: on the way to the first paint (``MainWindow.set_shortcuts``)
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class LockScreen(QWidget):
    """Covers the whole window while it is locked."""

    def __init__(self, parent: QWidget, message: str) -> None:
        super().__init__(parent)
        self.setObjectName("LockScreen")
        self.setAccessibleName("eoffice is locked")
        self.setAutoFillBackground(True)
        title = QLabel("<h2>eoffice is locked</h2>")
        title.setAccessibleName("eoffice is locked")
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setFixedWidth(460)
        self.message.setAlignment(QtCore.Qt.AlignmentFlag.AlignHCenter)
        self.message.setAccessibleName("Why eoffice is locked")
        self.sign_in_button = QPushButton("&Sign in…")
        self.sign_in_button.setAccessibleName("Sign in")
        self.sign_in_button.setDefault(True)
        self.forgotten_button = QPushButton("&Forgotten password…")
        self.forgotten_button.setAccessibleName("Reset a forgotten password")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, self.message, self.sign_in_button, self.forgotten_button):
            layout.addWidget(widget, 0, QtCore.Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
