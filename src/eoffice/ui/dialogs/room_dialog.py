"""Add or edit an exam room, and choose a room for a candidate. Each gathers and checks
input; the tab saves it undoably."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.roster import MAX_CAPACITY, Room, RoomFields, validate_room
from eoffice.errors import InputError
from eoffice.ui.colours import ERROR_STYLE


def _problem_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setAccessibleName(name)
    label.hide()
    return label


def _buttons(dialog: QDialog, ok: QDialogButtonBox.StandardButton) -> QDialogButtonBox:
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class RoomDialog(QDialog):
    def __init__(self, fields: RoomFields | None, parent: QWidget | None = None, *, title: str = "Room") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(420)
        self.name = QLineEdit()
        self.name.setAccessibleName("Room name")
        self.capacity = QSpinBox()
        self.capacity.setRange(0, MAX_CAPACITY)
        self.capacity.setSuffix(" seats")
        self.capacity.setAccessibleName("Capacity in seats")
        self.on_screen = QCheckBox("Has computers for on-screen tests")
        self.on_screen.setAccessibleName("On-screen")
        self.separate = QCheckBox("Suitable for separate invigilation (a reader, a scribe, a room of their own)")
        self.separate.setAccessibleName("Separate invigilation")
        self.problem = _problem_label("Problem with the room")
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Capacity:", self.capacity)
        form.addRow(self.on_screen)
        form.addRow(self.separate)
        form.addRow(self.problem)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, QDialogButtonBox.StandardButton.Save))
        self.result_fields: RoomFields | None = None
        fields = fields or RoomFields("", 30)
        self.name.setText(fields.name)
        self.capacity.setValue(fields.capacity)
        self.on_screen.setChecked(fields.on_screen)
        self.separate.setChecked(fields.separate)

    def fields(self) -> RoomFields:
        return RoomFields(self.name.text(), self.capacity.value(), self.on_screen.isChecked(), self.separate.isChecked())

    def accept(self) -> None:
        try:
            self.result_fields = validate_room(self.fields())
        except InputError as error:
            message = str(error)
            self.problem.setText(f"⚠ {message[:1].upper()}{message[1:]}")
            self.problem.show()
            return
        super().accept()


class RoomChoiceDialog(QDialog):
    """Where one candidate sits in one session: the officer's choice, which seating keeps."""

    def __init__(self, who: str, rooms: Sequence[Room], current: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose a room")
        self.setAccessibleName("Choose a room")
        self.room = QComboBox()
        self.room.setAccessibleName("Room")
        for r in rooms:
            suits = f", {r.suitability}" if r.suitability else ""
            self.room.addItem(f"{r.name} ({r.capacity} seats{suits})", r.id)
        if current is not None and self.room.findData(current) >= 0:
            self.room.setCurrentIndex(self.room.findData(current))
        note = QLabel(f"{who}. Seating keeps your choice until you let the app choose again.")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(note)
        form.addRow("&Room:", self.room)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, QDialogButtonBox.StandardButton.Ok))

    @property
    def room_id(self) -> int | None:
        value = self.room.currentData()
        return int(value) if value is not None else None
