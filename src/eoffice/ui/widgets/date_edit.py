"""The one date field: takes a date as people type it, shows its weekday, never guesses.

Qt's ``QDateEdit`` edits a date section by section, so typing a whole date over a
selected one lands digits in the wrong sections (15/01/2027 became 07/01/2027) and an
impossible day is silently corrected. An exams officer types deadlines whole; a wrong
deadline saved without a word is the worst failure the app can have. So this field is
text read by ``parse_typed_date`` (15/01/2027, 15/1/27, 15 Jan 2027, 2027-01-15): the
weekday beside it confirms what was read, and a date that cannot be read turns the field
red with the reason, and ``value()`` refuses it, so no dialog can save it.

The arrows (and Up/Down: a day, Page Up/Down: a month) and the calendar pop-up (the
button, Alt+Down or F4) still work, on the last good date.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from eoffice.domain.dates import format_date, parse_typed_date, weekday_short
from eoffice.errors import InputError
from eoffice.ui.colours import ERROR_TEXT

DISPLAY_FORMAT = "dd/MM/yyyy"
UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
_RED = f"QAbstractSpinBox {{ border: 2px solid {ERROR_TEXT}; }}"


def _add_months(day: date, months: int) -> date:
    """The same day some months on, kept inside a shorter month (31 Jan + 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("every month has at least 28 days")


class _TypedDate(QAbstractSpinBox):
    """The text box with arrows. Every text is allowed, so Qt never corrects what was typed."""

    stepped = Signal(int, int)  # days, months
    calendar_asked = Signal()

    def __init__(self, owner: DateEdit) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setAccelerated(True)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return QValidator.State.Acceptable, text, pos

    def stepBy(self, steps: int) -> None:
        self.stepped.emit(steps, 0)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.isReadOnly():
            return flags
        good = self.owner.last_good
        if good > self.owner.earliest:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if good < self.owner.latest:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.calendar_asked.emit()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.stepped.emit(0, 1 if key == Qt.Key.Key_PageUp else -1)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Select the whole date on arriving, by keyboard or mouse, so typing replaces it."""
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)


class DateEdit(QWidget):
    """A date field: ``value()`` is the date typed, or an ``InputError`` saying why not."""

    dateChanged = Signal(object)  # the new date, each time the field holds a different real one

    def __init__(self, value: date | None = None, parent: QWidget | None = None, *, name: str = "Date") -> None:
        super().__init__(parent)
        self.name = name
        self.earliest, self.latest = EARLIEST, LATEST
        self.last_good = value or date(2000, 1, 1)  # the last date read: live hints follow it
        self.problem: str | None = None
        self.box = _TypedDate(self)
        self.box.setAccessibleName(name)
        self.box.setMinimumWidth(self.box.fontMetrics().horizontalAdvance("00/00/00000") + 30)
        self.box.lineEdit().textEdited.connect(self._typed)
        self.box.editingFinished.connect(self._tidy)
        self.box.stepped.connect(self._step)
        self.box.calendar_asked.connect(self.open_calendar)
        self.pick = QToolButton()
        self.pick.setText("▾")
        self.pick.setToolTip("Choose from a calendar (Alt+Down)")
        self.pick.setAccessibleName(f"{name}: calendar")
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own: Alt+Down from the date
        self.pick.setProperty("keyboard_route", "Alt+Down or F4 in the date")
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")  # "▾" says it
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(UK)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self.pick)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._calendar_at_value)
        self.pick.setMenu(menu)
        self.note = QLabel()
        self.note.setAccessibleName(f"{name}: weekday")
        self.note.setMinimumWidth(self.note.fontMetrics().horizontalAdvance("not a date") + 4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.pick)
        layout.addWidget(self.note)
        self.setFocusProxy(self.box)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._show(self.last_good)

    # --- the public face ---------------------------------------------------------------

    def value(self) -> date:
        """The date in the field; an ``InputError`` naming the field when it holds none."""
        if self.problem is not None:
            raise InputError(f"{self.name}: {self.problem}")
        return self.last_good

    def set_date(self, value: date) -> None:
        self._show(value)

    def set_range(self, earliest: date, latest: date) -> None:
        self.earliest, self.latest = earliest, latest
        self.calendar.setDateRange(QDate(earliest.year, earliest.month, earliest.day),
                                   QDate(latest.year, latest.month, latest.day))
        self._typed(self.box.text())

    def text(self) -> str:
        return self.box.text()

    def open_calendar(self) -> None:
        if self.isEnabled() and not self.box.isReadOnly():
            self.pick.showMenu()

    # --- typing, stepping and picking ---------------------------------------------------

    def _show(self, value: date) -> None:
        self.box.lineEdit().setText(format_date(value))
        self._typed(self.box.text())

    def _typed(self, text: str) -> None:
        try:
            day = parse_typed_date(text)
            if day < self.earliest or day > self.latest:
                raise InputError(f"{format_date(day)} is outside {format_date(self.earliest)} to {format_date(self.latest)}")
        except InputError as error:
            self.problem = str(error)
            self.box.setStyleSheet(_RED)
            self.note.setText("not a date")
            self.note.setStyleSheet(f"color: {ERROR_TEXT}; font-weight: bold;")
            self.box.setToolTip(self.problem)
            self.box.setAccessibleDescription(self.problem)
            return
        self.problem = None
        self.box.setStyleSheet("")
        self.note.setStyleSheet("")
        self.note.setText(weekday_short(day))
        self.box.setToolTip("")
        self.box.setAccessibleDescription(f"{day:%A %d %B %Y}")
        if day != self.last_good:
            self.last_good = day
            self.dateChanged.emit(day)

    def _tidy(self) -> None:
        """On leaving the field a date that was read is written back the one way (15/01/2027)."""
        if self.problem is None and self.box.text() != format_date(self.last_good):
            self.box.lineEdit().setText(format_date(self.last_good))

    def _step(self, days: int, months: int) -> None:
        moved = _add_months(self.last_good, months) + timedelta(days=days)
        self._show(min(max(moved, self.earliest), self.latest))
        self.box.selectAll()

    def _calendar_at_value(self) -> None:
        day = self.last_good
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, day: QDate) -> None:
        self._show(date(day.year(), day.month(), day.day()))
        menu = self.pick.menu()
        if menu is not None:
            menu.close()
        self.box.setFocus()
