"""Add or edit an exam room (with its desk layout), and choose a room for a candidate.
Each gathers and checks input; the tab saves it undoably.

With a desk layout the capacity is the count of desks switched on, shown and not typed,
because ``roster.validate_room`` makes it so when the room is saved: the dialog shows the
number that will be stored. Without one the capacity is typed as before and seating lays
the room out from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.roster import (
    MAX_CAPACITY,
    MAX_COLUMNS,
    MAX_ROWS,
    POSITIONS,
    Room,
    RoomFields,
    RoomLayout,
    default_layout,
    validate_room,
)
from eoffice.errors import InputError
from eoffice.ui.dialogs.form_dialog import OK, FormDialog
from eoffice.ui.widgets.desk_grid import DeskGrid

VIEW_WIDTH, VIEW_HEIGHT = 760, 400  # the most of the screen the desks take before they scroll


def _positions(name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for where in POSITIONS:
        box.addItem(where[:1].upper() + where[1:], where)
    return box


def _count_box(name: str, high: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, high)
    box.setAccessibleName(name)
    return box


def _starting_layout(capacity: int) -> RoomLayout:
    """What "Desk layout" first shows for a room without one: the grid seating would use,
    cut to what can be typed (a very big room is bigger than the largest grid)."""
    made = default_layout(max(1, capacity))
    if made.columns > MAX_COLUMNS:
        return RoomLayout(MAX_ROWS, MAX_COLUMNS)
    return made


class DeskLayoutSection(QWidget):
    """Rows, columns, where the exit and the invigilator's desk are, the spacing note, and the desks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = _count_box("Rows of desks (A is the front row)", MAX_ROWS)
        self.columns = _count_box("Columns of desks", MAX_COLUMNS)
        self.exit = _positions("Exit")
        self.invigilator = _positions("Invigilator's desk")
        self.spacing = QLineEdit()
        self.spacing.setMaxLength(200)
        self.spacing.setPlaceholderText("e.g. 1.25 m between desks, centre to centre")
        self.spacing.setAccessibleName("Spacing note")
        self.grid = DeskGrid()
        self.view = QScrollArea()
        self.view.setWidget(self.grid)
        self.view.setWidgetResizable(True)
        self.view.setAccessibleName("Desks")
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the grid itself takes the focus
        how = QLabel("Click a desk, or move to it with the arrow keys and press Space, to switch it off or on. "
                     "A desk switched off is greyed and hatched.")  # fmt: skip
        how.setWordWrap(True)
        size = QHBoxLayout()
        size.addWidget(self.rows)
        size.addWidget(QLabel("rows  ×"))
        size.addWidget(self.columns)
        size.addWidget(QLabel("columns"))
        size.addStretch(1)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        rows_label = QLabel("&Desks:")
        rows_label.setBuddy(self.rows)
        form.addRow(rows_label, size)
        form.addRow("E&xit:", self.exit)
        form.addRow("In&vigilator's desk:", self.invigilator)
        form.addRow("S&pacing note:", self.spacing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(how)
        layout.addWidget(self.view, 1)
        self.grid.changed.connect(self._fit_view)
        self.rows.valueChanged.connect(self._resize)
        self.columns.valueChanged.connect(self._resize)
        self.exit.currentIndexChanged.connect(self._move_positions)
        self.invigilator.currentIndexChanged.connect(self._move_positions)

    def show_layout(self, layout: RoomLayout) -> None:
        self.grid.set_layout(layout)
        for box, value in ((self.rows, layout.rows), (self.columns, layout.columns)):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self.exit.setCurrentIndex(max(0, self.exit.findData(layout.exit)))
        self.invigilator.setCurrentIndex(max(0, self.invigilator.findData(layout.invigilator_desk)))
        self.spacing.setText(layout.spacing_note)

    def layout_shown(self) -> RoomLayout:
        return RoomLayout(self.rows.value(), self.columns.value(), self.grid.off, str(self.exit.currentData()),
                          str(self.invigilator.currentData()), self.spacing.text())  # fmt: skip

    def _fit_view(self) -> None:
        """Show a usual room whole; a bigger one scrolls."""
        hint = self.grid.sizeHint()
        frame = 2 * self.view.frameWidth() + self.view.verticalScrollBar().sizeHint().width()
        self.view.setMinimumSize(min(hint.width() + frame, VIEW_WIDTH), min(hint.height() + frame, VIEW_HEIGHT))

    def _resize(self) -> None:
        self.grid.resize_grid(self.rows.value(), self.columns.value())

    def _move_positions(self) -> None:
        self.grid.set_positions(str(self.exit.currentData()), str(self.invigilator.currentData()))


class RoomDialog(FormDialog[RoomFields]):
    def __init__(self, fields: RoomFields | None, parent: QWidget | None = None, *, title: str = "Room") -> None:
        super().__init__(title, parent, problem="Problem with the room")
        self.name = QLineEdit()
        self.name.setMinimumWidth(300)
        self.name.setAccessibleName("Room name")
        self.capacity = QSpinBox()
        self.capacity.setRange(0, MAX_CAPACITY)
        self.capacity.setSuffix(" seats")
        self.capacity.setAccessibleName("Capacity in seats")
        self.on_screen = QCheckBox("Has computers for on-screen tests")
        self.on_screen.setAccessibleName("On-screen")
        self.separate = QCheckBox("Suitable for separate invigilation (a reader, a scribe, a room of their own)")
        self.separate.setAccessibleName("Separate invigilation")
        self.has_layout = QCheckBox("Desk &layout: rows and columns of desks, for seating plans")
        self.has_layout.setAccessibleName("Desk layout")
        self.desks = DeskLayoutSection()
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Capacity:", self.capacity)
        form.addRow(self.on_screen)
        form.addRow(self.separate)
        form.addRow(self.has_layout)
        layout = self.lay_out(form, (self.desks, 1))
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with the desks shown
        fields = fields or RoomFields("", 30)
        self.name.setText(fields.name)
        self.capacity.setValue(fields.capacity)
        self.on_screen.setChecked(fields.on_screen)
        self.separate.setChecked(fields.separate)
        self.desks.show_layout(fields.layout or _starting_layout(fields.capacity))
        self.has_layout.setChecked(fields.layout is not None)
        self.desks.grid.changed.connect(self._show_capacity)
        self.has_layout.toggled.connect(self._switch_layout)
        self._show_mode(fields.layout is not None)

    def _switch_layout(self, on: bool) -> None:
        """Ticked, the desks start from the capacity typed unless they already hold it."""
        if on and self.desks.grid.on_count != self.capacity.value():
            shown = self.desks.layout_shown()
            self.desks.show_layout(replace(_starting_layout(self.capacity.value()), exit=shown.exit,
                                           invigilator_desk=shown.invigilator_desk, spacing_note=shown.spacing_note))  # fmt: skip
        self._show_mode(on)

    def _show_mode(self, on: bool) -> None:
        """With a layout the capacity is the desks switched on, shown not typed; without, it is typed."""
        self.desks.setVisible(on)
        self.capacity.setReadOnly(on)
        arrows = QAbstractSpinBox.ButtonSymbols
        self.capacity.setButtonSymbols(arrows.NoButtons if on else arrows.UpDownArrows)
        self.capacity.setToolTip("The desks switched on in the desk layout below" if on else "")
        self._show_capacity()
        self.adjustSize()

    def _show_capacity(self) -> None:
        if self.has_layout.isChecked():
            self.capacity.setValue(self.desks.grid.on_count)

    def fields(self) -> RoomFields:
        layout = self.desks.layout_shown() if self.has_layout.isChecked() else None
        return RoomFields(self.name.text(), self.capacity.value(), self.on_screen.isChecked(), self.separate.isChecked(), layout)

    def checked(self) -> RoomFields:
        return validate_room(self.fields())


class RoomChoiceDialog(FormDialog[int]):
    """Where one candidate sits in one session: the officer's choice, which seating keeps."""

    def __init__(self, who: str, rooms: Sequence[Room], current: int | None, parent: QWidget | None = None) -> None:
        super().__init__("Choose a room", parent, problem="Problem with the room chosen", ok=OK)
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
        self.lay_out(form, problem_in=form)

    @property
    def room_id(self) -> int | None:
        value = self.room.currentData()
        return int(value) if value is not None else None

    def checked(self) -> int:
        if self.room_id is None:
            raise InputError("there is no room to choose: add one on the Rooms page first")
        return self.room_id
