"""A date field that shows and takes DD/MM/YYYY, weeks starting on Monday."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateEdit, QWidget

DISPLAY_FORMAT = "dd/MM/yyyy"
UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class DateEdit(QDateEdit):
    def __init__(self, value: date | None = None, parent: QWidget | None = None, *, name: str = "Date") -> None:
        super().__init__(parent)
        self.setLocale(UK)
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setCalendarPopup(True)
        self.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setAccessibleName(name)
        if value is not None:
            self.set_date(value)

    def set_date(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> date:
        qdate = self.date()
        return date(qdate.year(), qdate.month(), qdate.day())
