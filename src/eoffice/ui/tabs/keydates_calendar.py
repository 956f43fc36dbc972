"""The key dates as a month calendar: marked days, and the chosen day's list beside it.

Key dates are bold, internal deadlines underlined italics, days inside a window lightly
tinted, so the marks differ in shape as well as colour; the day's list says in words
what each item is and how far off it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.keydates import KeyDateRecord, is_overdue
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.ui import colours
from eoffice.ui.models.keydates_table import DayEntry, DayModel, entries_on
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.widgets.columns import fit_columns
from eoffice.ui.widgets.date_edit import UK

KEY_DATE_TINT = QColor(37, 99, 235, 60)
WINDOW_TINT = QColor(37, 99, 235, 22)
EXTERNAL, INTERNAL, WINDOW = "external", "internal", "window"
LEGEND = (
    "<b>Bold</b>: a key date (red tint: overdue, green: done) &nbsp;·&nbsp; "
    "<i><u>Underlined italics</u></i>, amber: an internal deadline &nbsp;·&nbsp; light blue: inside a window"
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def day_marks(records: Iterable[KeyDateRecord]) -> dict[date, set[str]]:
    """What falls on each day: "external", "internal", "window" (a day inside a window)."""
    marks: dict[date, set[str]] = {}
    for r in records:
        marks.setdefault(r.on, set()).add(EXTERNAL)
        if r.end is not None and r.end != r.on:
            marks.setdefault(r.end, set()).add(EXTERNAL)
            day = r.on + timedelta(days=1)
            while day < r.end:
                marks.setdefault(day, set()).add(WINDOW)
                day += timedelta(days=1)
        if r.internal_deadline is not None:
            marks.setdefault(r.internal_deadline, set()).add(INTERNAL)
    return marks


class CalendarPage(QWidget):
    recordActivated = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.records: list[KeyDateRecord] = []
        self.marks: dict[date, set[str]] = {}

        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName("Key dates calendar")
        self.calendar.setLocale(UK)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMinimumSize(440, 300)
        self.calendar.selectionChanged.connect(self._show_day)
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)
        legend.setAccessibleName("Calendar key")

        self.day_heading = QLabel()
        self.day_heading.setAccessibleName("Chosen day")
        self.day_heading.setWordWrap(True)  # a long line would widen the window past a small screen
        self.day_model = DayModel(today, self)
        self.day_table = QTableView()
        self.day_table.setAccessibleName("Key dates on the chosen day")
        self.day_table.setModel(self.day_model)
        self.day_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.day_table.setWordWrap(False)
        self.day_table.verticalHeader().hide()
        # What, the title (stretching), the date and the countdown always show; the check and the
        # body when there is room. "Internal deadline (shortened)" is cut short: its tooltip says why.
        fit_columns(self.day_table, (150, 300, 85, 100, 115, 56), stretch=1, secondary=(5, 2))
        self.day_table.activated.connect(lambda index: self.recordActivated.emit(index.data(RECORD_ROLE).record))

        left = QVBoxLayout()
        left.addWidget(self.calendar, 3)
        left.addWidget(legend)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.day_heading)
        right.addWidget(self.day_table, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)

    def set_year(self, year: AcademicYear) -> None:
        self.calendar.setDateRange(_qdate(year.start), _qdate(year.end))
        self.show_date(self.today if year.contains(self.today) else year.start)

    def show_date(self, day: date) -> None:
        self.calendar.setSelectedDate(_qdate(day))
        self.calendar.setCurrentPage(day.year, day.month)
        self._show_day()

    def selected_date(self) -> date:
        return _pydate(self.calendar.selectedDate())

    def set_records(self, records: Iterable[KeyDateRecord], today: date) -> None:
        """The key dates the filters let through: marked on the calendar."""
        self.records, self.today = list(records), today
        self.day_model.today = today
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every mark
        self.marks = day_marks(self.records)
        state: dict[date, QColor] = {}
        for r in self.records:
            if r.done or is_overdue(r, today):
                for day in {r.on, r.end or r.on}:
                    if state.get(day) is not colours.OVERDUE:
                        state[day] = colours.OVERDUE if is_overdue(r, today) else colours.DONE
        for day, kinds in self.marks.items():
            self.calendar.setDateTextFormat(_qdate(day), self._format(kinds, state.get(day)))
        self._show_day()

    @staticmethod
    def _format(kinds: set[str], state: QColor | None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if EXTERNAL in kinds:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setBackground(state or KEY_DATE_TINT)
        elif INTERNAL in kinds:
            fmt.setBackground(colours.DUE_SOON)
        elif WINDOW in kinds:
            fmt.setBackground(WINDOW_TINT)
        if INTERNAL in kinds:
            fmt.setFontItalic(True)
            fmt.setFontUnderline(True)
        return fmt

    def _show_day(self) -> None:
        day = self.selected_date()
        entries = entries_on(self.records, day)
        self.day_model.set_rows(entries)
        if entries:
            count = plural(len(entries), "item")
        else:
            count = "nothing on this day. Choose a marked day (bold or underlined) to list its key dates."
        self.day_heading.setText(f"<b>{day:%A} {day.day} {day:%B %Y}</b>: {count}")
        self.day_heading.setAccessibleDescription(self.day_heading.text().replace("<b>", "").replace("</b>", ""))

    def selected_records(self) -> list[KeyDateRecord]:
        found: dict[int, KeyDateRecord] = {}
        for index in self.day_table.selectionModel().selectedRows():
            entry = index.data(RECORD_ROLE)
            if isinstance(entry, DayEntry):
                found.setdefault(entry.record.id, entry.record)
        return list(found.values())
