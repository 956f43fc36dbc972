"""Academic years: 1 September to 31 August, labelled 2026/27."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from eoffice.domain.years import SERIES_NAMES, AcademicYear
from eoffice.errors import InputError
from tests.conftest import TODAY, FrozenClock


def test_label_start_and_end() -> None:
    year = AcademicYear(2026)
    assert year.label == "2026/27"
    assert str(year) == "2026/27"
    assert year.start == date(2026, 9, 1)
    assert year.end == date(2027, 8, 31)


def test_label_across_a_century() -> None:
    assert AcademicYear(1999).label == "1999/00"
    assert AcademicYear(2009).label == "2009/10"
    assert AcademicYear(2099).label == "2099/00"


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 9, 1), "2026/27"),
        (date(2027, 8, 31), "2026/27"),
        (date(2027, 9, 1), "2027/28"),
        (date(2027, 1, 1), "2026/27"),
        (date(2026, 8, 31), "2025/26"),
    ],
)
def test_containing(day: date, label: str) -> None:
    assert AcademicYear.containing(day).label == label


def test_current_uses_the_given_day() -> None:
    assert AcademicYear.current(TODAY).label == "2026/27"
    assert AcademicYear.current() == AcademicYear.containing(TODAY)  # the tests' stopped clock


def test_the_year_turns_at_midnight_on_1_september_in_the_uk(frozen_clock: FrozenClock) -> None:
    frozen_clock.set(datetime(2027, 8, 31, 23, 59))
    assert AcademicYear.current().label == "2026/27"
    frozen_clock.set(datetime(2027, 9, 1, 0, 0))
    assert AcademicYear.current().label == "2027/28"
    # 23:30 UTC on 31 August is already 00:30 on 1 September in the UK (BST)
    frozen_clock.set(datetime(2027, 8, 31, 23, 30, tzinfo=UTC))
    assert AcademicYear.current().label == "2027/28"


def test_contains_is_inclusive_at_both_ends() -> None:
    year = AcademicYear(2026)
    assert year.contains(date(2026, 9, 1))
    assert year.contains(date(2027, 8, 31))
    assert not year.contains(date(2026, 8, 31))
    assert not year.contains(date(2027, 9, 1))


def test_next_previous_and_order() -> None:
    year = AcademicYear(2026)
    assert year.next() == AcademicYear(2027)
    assert year.previous() == AcademicYear(2025)
    assert sorted([year.next(), year, year.previous()]) == [AcademicYear(2025), year, AcademicYear(2027)]


def test_months_run_september_to_august() -> None:
    months = AcademicYear(2026).months()
    assert len(months) == 12
    assert months[0] == (2026, 9)
    assert months[3] == (2026, 12)
    assert months[4] == (2027, 1)
    assert months[-1] == (2027, 8)


@pytest.mark.parametrize("text", ["2026/27", " 2026 / 27 "])
def test_parse_accepts_a_label(text: str) -> None:
    assert AcademicYear.parse(text) == AcademicYear(2026)


def test_parse_across_a_century() -> None:
    assert AcademicYear.parse("1999/00") == AcademicYear(1999)


@pytest.mark.parametrize("text", ["2026/28", "26/27", "2026", "", "2026-27", "2026/2027"])
def test_parse_refuses_anything_else(text: str) -> None:
    with pytest.raises(InputError, match="not an academic year"):
        AcademicYear.parse(text)


def test_parse_says_what_the_second_part_should_be() -> None:
    with pytest.raises(InputError, match="2026/27"):
        AcademicYear.parse("2026/28")


def test_series_names() -> None:
    assert SERIES_NAMES == ("November", "January", "Summer")
