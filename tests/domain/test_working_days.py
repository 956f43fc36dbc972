"""Working days per nation: weekends and each nation's own bank holidays are skipped."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.domain.keydates import first_working_day_on_or_after, is_working_day, working_days_before, working_days_before_from

ENGLAND, SCOTLAND, NORTHERN_IRELAND = "England and Wales", "Scotland", "Northern Ireland"


def test_weekdays_count_back_within_a_week() -> None:
    # Friday 20 November 2026, 3 working days back: Tuesday 17th.
    assert working_days_before(date(2026, 11, 20), 3, ENGLAND) == date(2026, 11, 17)


def test_a_weekend_is_skipped() -> None:
    # Monday 23 November 2026, 1 working day back: Friday 20th, not Sunday 22nd.
    assert working_days_before(date(2026, 11, 23), 1, ENGLAND) == date(2026, 11, 20)
    # Two working weeks before a Monday is the Monday two weeks earlier.
    assert working_days_before(date(2026, 11, 23), 10, ENGLAND) == date(2026, 11, 9)


def test_count_zero_on_a_saturday_gives_the_friday() -> None:
    assert working_days_before(date(2026, 11, 21), 0, ENGLAND) == date(2026, 11, 20)
    assert working_days_before(date(2026, 11, 22), 0, ENGLAND) == date(2026, 11, 20)


def test_count_zero_on_a_working_day_is_that_day() -> None:
    assert working_days_before(date(2026, 11, 18), 0, ENGLAND) == date(2026, 11, 18)


def test_english_christmas_2026_with_boxing_day_observed_on_monday_28th() -> None:
    assert not is_working_day(date(2026, 12, 28), ENGLAND)  # Boxing Day falls on a Saturday
    # Tuesday 29 December, 1 back: not Mon 28 (observed), not the weekend, not Fri 25: Thu 24.
    assert working_days_before(date(2026, 12, 29), 1, ENGLAND) == date(2026, 12, 24)
    # Counting 0 from the observed holiday itself lands on Christmas Eve as well.
    assert working_days_before(date(2026, 12, 28), 0, ENGLAND) == date(2026, 12, 24)


def test_scotland_has_2_january_and_england_does_not() -> None:
    # Monday 5 January 2026, 1 back: Friday 2 January is a holiday only in Scotland.
    assert working_days_before(date(2026, 1, 5), 1, ENGLAND) == date(2026, 1, 2)
    assert working_days_before(date(2026, 1, 5), 1, SCOTLAND) == date(2025, 12, 31)
    assert not is_working_day(date(2026, 1, 2), SCOTLAND)


def test_northern_ireland_has_st_patricks_day() -> None:
    # Wednesday 18 March 2026, 1 back: Tuesday 17 March is a holiday only in Northern Ireland.
    assert working_days_before(date(2026, 3, 18), 1, NORTHERN_IRELAND) == date(2026, 3, 16)
    assert working_days_before(date(2026, 3, 18), 1, ENGLAND) == date(2026, 3, 17)


def test_counting_back_across_new_year_uses_each_years_holidays() -> None:
    # Monday 4 January 2027, 3 back in England: Thu 31 Dec, Wed 30, Tue 29 (Fri 1 Jan is a holiday).
    assert working_days_before(date(2027, 1, 4), 3, ENGLAND) == date(2026, 12, 29)


def test_an_unknown_nation_falls_back_to_england() -> None:
    assert working_days_before(date(2026, 12, 29), 1, "Atlantis") == date(2026, 12, 24)


def test_a_negative_count_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        working_days_before(date(2026, 11, 20), -1, ENGLAND)


# --- never before the start of the year ------------------------------------------------------

SEPTEMBER_2026 = date(2026, 9, 1)  # a Tuesday; Monday 31 August 2026 is the summer bank holiday


def test_a_count_that_stays_inside_the_year_is_not_shortened() -> None:
    assert working_days_before_from(date(2026, 9, 11), 5, ENGLAND, SEPTEMBER_2026) == (date(2026, 9, 4), False)
    # Exactly the first day is inside, not shortened.
    assert working_days_before_from(date(2026, 9, 8), 5, ENGLAND, SEPTEMBER_2026) == (SEPTEMBER_2026, False)


def test_a_count_reaching_back_into_august_gives_the_first_working_day() -> None:
    # Friday 18 September 2026, 15 back: Thursday 27 August (the bank holiday skipped).
    assert working_days_before(date(2026, 9, 18), 15, ENGLAND) == date(2026, 8, 27)
    assert working_days_before_from(date(2026, 9, 18), 15, ENGLAND, SEPTEMBER_2026) == (SEPTEMBER_2026, True)


def test_a_year_starting_on_a_saturday_gives_the_monday() -> None:
    # 1 September 2029 is a Saturday: the first working day is Monday 3rd.
    assert first_working_day_on_or_after(date(2029, 9, 1), ENGLAND) == date(2029, 9, 3)
    assert working_days_before_from(date(2029, 9, 12), 10, ENGLAND, date(2029, 9, 1)) == (date(2029, 9, 3), True)


def test_never_after_the_day_itself() -> None:
    # Sunday 2 September 2029: no working day between the start of the year and the date.
    assert working_days_before_from(date(2029, 9, 2), 5, ENGLAND, date(2029, 9, 1)) == (date(2029, 9, 2), True)


def test_the_first_working_day_skips_each_nations_own_holidays() -> None:
    # Monday 4 January 2027 is a holiday in Scotland only (2 January observed).
    assert first_working_day_on_or_after(date(2027, 1, 2), SCOTLAND) == date(2027, 1, 5)
    assert first_working_day_on_or_after(date(2027, 1, 2), ENGLAND) == date(2027, 1, 4)
