"""The plan's date rules for a done-on date and a start date, shared by the window and imports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eoffice.domain.plan import TaskFields, validate_task
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from tests.conftest import TODAY

YEAR = AcademicYear(2026)


def fields(**changes: object) -> TaskFields:
    base = TaskFields(title="Check the seating plans", phase="exam_time", owner="exams_officer", due=date(2027, 5, 10))
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_done_on_date_after_today_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        validate_task(fields(status="done", done_on=date(2031, 1, 1)), YEAR, today=TODAY)
    assert str(caught.value) == "the done-on date 01/01/2031 is after today (23/11/2026); a task is done on the day it was done"


def test_done_today_or_earlier_is_kept() -> None:
    assert validate_task(fields(status="done", done_on=TODAY), YEAR, today=TODAY).done_on == TODAY
    early = date(2026, 8, 20)  # done before its year began: fine, an officer gets ahead
    assert validate_task(fields(status="done", done_on=early), YEAR, today=TODAY).done_on == early


def test_a_start_more_than_a_year_before_the_tasks_year_is_refused() -> None:
    """The rule chosen: a start date is on or before the due date, and no earlier than
    1 September of the academic year before the task's own (at most a year's run-up);
    anything earlier is a typing slip such as 2019 for 2026."""
    with pytest.raises(InputError) as caught:
        validate_task(fields(start=date(2019, 1, 1)), YEAR, today=TODAY)
    assert str(caught.value) == (
        "the start date 01/01/2019 is more than a year before 2026/27 begins; start on or after 01/09/2025"
    )
    with pytest.raises(InputError, match="on or after 01/09/2025"):
        validate_task(fields(start=date(2025, 8, 31)), YEAR, today=TODAY)
    assert validate_task(fields(start=date(2025, 9, 1)), YEAR, today=TODAY).start == date(2025, 9, 1)
