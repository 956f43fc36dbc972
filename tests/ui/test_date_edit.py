"""The date field takes what people type, and never turns a date into another one."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QFocusEvent
from pytestqt.qtbot import QtBot

from eoffice.errors import InputError
from eoffice.ui.widgets.date_edit import DateEdit


def _field(qtbot: QtBot, day: date = date(2026, 12, 7)) -> DateEdit:
    edit = DateEdit(day, name="Due date")
    qtbot.addWidget(edit)
    return edit


def _type_over(qtbot: QtBot, edit: DateEdit, text: str) -> None:
    """Ctrl+A then the keys, as the officer in the report did, then Tab away."""
    qtbot.keyClick(edit.box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit.box, text)
    edit.box.editingFinished.emit()


def test_shows_and_returns_uk_dates_with_the_weekday(qtbot: QtBot) -> None:
    edit = _field(qtbot, date(2027, 5, 19))
    assert edit.text() == "19/05/2027"
    assert edit.value() == date(2027, 5, 19)
    assert edit.note.text() == "Wed"
    assert edit.box.accessibleName() == "Due date"
    assert edit.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday


@pytest.mark.parametrize("typed", ["15/01/2027", "15/1/27", "15 Jan 2027", "2027-01-15", "15 January 2027",
                                   "15.01.2027", "Fri 15/01/2027"])
def test_every_usual_way_of_typing_a_date_is_read_as_typed(qtbot: QtBot, typed: str) -> None:
    edit = _field(qtbot)
    changed: list[date] = []
    edit.dateChanged.connect(changed.append)
    _type_over(qtbot, edit, typed)
    assert edit.value() == date(2027, 1, 15)  # the report: this gave 07/01/2027
    assert changed[-1] == date(2027, 1, 15)
    assert edit.note.text() == "Fri"
    assert edit.text() == "15/01/2027"  # written back the one way on leaving the field


def test_arriving_in_the_field_selects_the_date_so_typing_replaces_it(qtbot: QtBot) -> None:
    edit = _field(qtbot, date(2027, 1, 5))
    edit.box.lineEdit().setCursorPosition(1)
    edit.box.focusInEvent(QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.MouseFocusReason))
    qtbot.waitUntil(lambda: edit.box.lineEdit().selectedText() == "05/01/2027")
    qtbot.keyClicks(edit.box, "29/01/2027")
    assert edit.value() == date(2027, 1, 29)  # the report: the key date dialog gave 05/01/2027


def test_an_impossible_date_is_refused_in_red_with_the_reason_never_rolled_on(qtbot: QtBot) -> None:
    edit = _field(qtbot, date(2027, 2, 1))
    changed: list[date] = []
    edit.dateChanged.connect(changed.append)
    _type_over(qtbot, edit, "31/02/2027")
    assert edit.text() == "31/02/2027"  # left as typed, for the officer to correct
    assert edit.note.text() == "not a date"
    assert "solid" in edit.box.styleSheet()
    assert edit.box.toolTip() == "February 2027 has 28 days, not 31"
    with pytest.raises(InputError, match="Due date: February 2027 has 28 days, not 31"):
        edit.value()
    assert changed == []
    _type_over(qtbot, edit, "28/02/2027")
    assert edit.value() == date(2027, 2, 28)
    assert edit.note.text() == "Sun" and edit.box.styleSheet() == ""


@pytest.mark.parametrize(("typed", "reason"), [
    ("15/13/2027", "there is no month 13"),
    ("15/01", "add the year"),
    ("15/01/202", "four digits"),
    ("next friday", "type it as"),
    ("", "no date"),
])
def test_text_that_is_not_a_date_says_why(qtbot: QtBot, typed: str, reason: str) -> None:
    edit = _field(qtbot)
    _type_over(qtbot, edit, typed or "x")
    if not typed:
        qtbot.keyClick(edit.box, Qt.Key.Key_Backspace)
    with pytest.raises(InputError, match=reason):
        edit.value()


def test_a_date_outside_the_fields_range_is_refused_in_words(qtbot: QtBot) -> None:
    edit = _field(qtbot, date(2026, 9, 1))
    edit.set_range(date(2025, 9, 1), date(2028, 9, 1))
    _type_over(qtbot, edit, "01/09/2029")
    with pytest.raises(InputError, match="01/09/2029 is outside 01/09/2025 to 01/09/2028"):
        edit.value()


def test_arrows_step_a_day_and_page_keys_a_month_from_the_last_good_date(qtbot: QtBot) -> None:
    edit = _field(qtbot, date(2027, 1, 31))
    qtbot.keyClick(edit.box, Qt.Key.Key_Up)
    assert edit.value() == date(2027, 2, 1)
    qtbot.keyClick(edit.box, Qt.Key.Key_Down)
    qtbot.keyClick(edit.box, Qt.Key.Key_PageUp)
    assert edit.value() == date(2027, 2, 28)  # 31 January + a month stays in February
    edit.set_range(date(2027, 1, 1), date(2027, 2, 28))
    qtbot.keyClick(edit.box, Qt.Key.Key_Up)
    assert edit.value() == date(2027, 2, 28)  # not past the end of the range


def test_the_calendar_pop_up_still_picks_a_date(qtbot: QtBot) -> None:
    edit = _field(qtbot, date(2027, 1, 5))
    edit._calendar_at_value()
    assert edit.calendar.selectedDate().day() == 5
    edit.calendar.clicked.emit(QDate(2027, 3, 12))
    assert edit.value() == date(2027, 3, 12)
    assert edit.note.text() == "Fri"
