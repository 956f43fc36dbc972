"""Shown when a database has no centre yet: set it up, or explore the demo centre first."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from eoffice.domain.centre import CentreDetails
from eoffice.errors import InputError
from eoffice.ui.dialogs.centre_form import CentreForm

SAVE = "save"
DEMO = "demo"


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to eoffice")
        self.setAccessibleName("Welcome to eoffice")
        self.setMinimumWidth(480)  # the placeholders and the message read whole
        heading = QLabel("<h2>Welcome to eoffice</h2>")
        intro = QLabel(
            "Tell eoffice about your exams centre. You can change these details at any time "
            "from the Centre tab.<br>Not ready yet? Explore a demo centre first: it lives in a "
            "separate file and never mixes with your own data."
        )
        intro.setWordWrap(True)
        self.form = CentreForm()
        self.demo_button = QPushButton("E&xplore a demo centre first")
        self.demo_button.setAccessibleName("Explore a demo centre first")
        self.save_button = QPushButton("&Save and start")
        self.save_button.setAccessibleName("Save and start")
        self.save_button.setDefault(True)
        self.demo_button.clicked.connect(self._demo)
        self.save_button.clicked.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self.choice: str | None = None
        self.details: CentreDetails | None = None

    def _demo(self) -> None:
        self.choice = DEMO
        self.accept()

    def _save(self) -> None:
        try:
            self.details = self.form.details()
        except InputError:
            return
        self.choice = SAVE
        self.accept()
