"""The plan's vocabulary and date rules: urgency, rolling a date forward, choosing a key."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eoffice.domain.plan import CLOSED, DATE_RULES, DUE_SOON, DUE_SOON_DAYS, OVERDUE, OWNERS, PHASES, STATUSES, choice, roll_date, urgency
from eoffice.errors import InputError
from tests.conftest import TODAY

# --- vocabulary -----------------------------------------------------------------------


def test_vocabulary() -> None:
    assert list(STATUSES) == ["not_started", "in_progress", "done", "not_applicable", "before_eoffice"]
    assert {"done", "not_applicable", "before_eoffice"} == CLOSED
    assert list(DATE_RULES) == ["fixed", "weekday"]
    assert list(PHASES) == ["planning", "entries", "pre_exams", "exam_time", "results", "other"]
    assert OWNERS["senco"] == "SENCo"
    assert DUE_SOON_DAYS == 14
    assert (OVERDUE, DUE_SOON) == ("Overdue", "Due soon")


# --- urgency --------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["not_started", "in_progress"])
def test_an_open_task_due_yesterday_is_overdue(status: str) -> None:
    assert urgency(TODAY - timedelta(days=1), status, TODAY) == "Overdue"
    assert urgency(TODAY - timedelta(days=300), status, TODAY) == "Overdue"


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, "Due soon"), (1, "Due soon"), (13, "Due soon"), (14, "Due soon"), (15, None), (200, None)],
)
def test_due_soon_runs_from_today_to_fourteen_days_ahead(days: int, expected: str | None) -> None:
    assert urgency(TODAY + timedelta(days=days), "not_started", TODAY) == expected
    assert urgency(TODAY + timedelta(days=days), "in_progress", TODAY) == expected


@pytest.mark.parametrize("status", ["done", "not_applicable"])
@pytest.mark.parametrize("days", [-30, -1, 0, 5, 14, 15])
def test_a_closed_task_is_never_urgent(status: str, days: int) -> None:
    assert urgency(TODAY + timedelta(days=days), status, TODAY) is None


def test_urgency_moves_with_today() -> None:
    due = date(2027, 1, 15)
    assert urgency(due, "not_started", date(2026, 12, 31)) is None  # 15 days ahead
    assert urgency(due, "not_started", date(2027, 1, 1)) == "Due soon"  # 14 days ahead
    assert urgency(due, "not_started", date(2027, 1, 15)) == "Due soon"
    assert urgency(due, "not_started", date(2027, 1, 16)) == "Overdue"


# --- roll_date ------------------------------------------------------------------------


def test_fixed_keeps_the_calendar_date() -> None:
    assert roll_date(date(2026, 10, 31), "fixed") == date(2027, 10, 31)
    assert roll_date(date(2026, 9, 1), "fixed") == date(2027, 9, 1)
    assert roll_date(date(2027, 8, 31), "fixed") == date(2028, 8, 31)


def test_fixed_29_february_becomes_28_february() -> None:
    assert roll_date(date(2028, 2, 29), "fixed") == date(2029, 2, 28)
    assert roll_date(date(2028, 2, 29), "fixed", years=4) == date(2032, 2, 29)  # a leap year again


def test_weekday_keeps_a_monday_a_monday() -> None:
    rolled = roll_date(date(2026, 9, 7), "weekday")
    assert rolled == date(2027, 9, 6)
    assert rolled.weekday() == date(2026, 9, 7).weekday() == 0


def test_weekday_29_february_stays_near_28_february() -> None:
    day = date(2028, 2, 29)  # a Tuesday
    rolled = roll_date(day, "weekday")
    assert rolled.weekday() == day.weekday() == 1
    assert rolled == date(2029, 2, 27)
    assert abs((rolled - date(2029, 2, 28)).days) <= 3


def _same_date_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@pytest.mark.parametrize("years", [1, 2, -1])
def test_weekday_rule_for_every_day_of_2026_to_2028(years: int) -> None:
    day = date(2026, 1, 1)
    checked = 0
    while day <= date(2028, 12, 31):
        rolled = roll_date(day, "weekday", years)
        assert rolled.weekday() == day.weekday(), day
        assert abs((rolled - _same_date_later(day, years)).days) <= 3, day
        fixed = roll_date(day, "fixed", years)
        assert fixed == _same_date_later(day, years), day
        day += timedelta(days=1)
        checked += 1
    assert checked == 365 + 365 + 366


def test_two_years_on() -> None:
    assert roll_date(date(2026, 10, 31), "fixed", years=2) == date(2028, 10, 31)
    # Monday 7 September 2026 -> the Monday nearest 7 September 2028 (a Thursday) is 4 September.
    assert roll_date(date(2026, 9, 7), "weekday", years=2) == date(2028, 9, 4)


def test_zero_years_changes_nothing() -> None:
    for day in (date(2026, 9, 7), date(2027, 2, 28), date(2027, 8, 31)):
        assert roll_date(day, "fixed", 0) == day
        assert roll_date(day, "weekday", 0) == day


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown date rule 'monthly'"):
        roll_date(date(2026, 10, 31), "monthly")


# --- choice ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in_progress", "in_progress"),
        ("In progress", "in_progress"),
        ("in progress", "in_progress"),
        ("IN PROGRESS", "in_progress"),
        ("  In   Progress ", "in_progress"),
        ("done", "done"),
        ("DONE", "done"),
        ("Not applicable", "not_applicable"),
        ("not_started", "not_started"),
    ],
)
def test_choice_accepts_key_or_label_in_any_case(text: str, expected: str) -> None:
    assert choice(text, STATUSES, "status") == expected


def test_choice_in_other_vocabularies() -> None:
    assert choice("Results and post-results", PHASES, "phase") == "results"
    assert choice("pre exams", PHASES, "phase") == "pre_exams"
    assert choice("senco", OWNERS, "owner") == "senco"
    assert choice("Heads of department", OWNERS, "owner") == "heads_of_department"
    assert choice("Same weekday", DATE_RULES, "date rule") == "weekday"


@pytest.mark.parametrize("bad", ["finished", "", None, "in-progress"])
def test_choice_refuses_an_unknown_value_and_names_the_options(bad: str | None) -> None:
    with pytest.raises(InputError) as caught:
        choice(bad, STATUSES, "status")
    message = str(caught.value)
    assert f"{bad!r} is not a status" in message
    assert "use one of: Not started, In progress, Done, Not applicable" in message
