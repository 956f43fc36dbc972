"""Working days per nation: weekends and each nation's own bank holidays are skipped."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.domain.working_days import is_working_day, working_days_before

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
