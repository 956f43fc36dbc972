"""The rules recurring reference dates are projected by, each with its cases from
regulations.md (key dates pattern; results-day pattern; contingency; series)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from eoffice.domain.keydates import DateRule, parse_rule
from eoffice.domain.years import AcademicYear

A_LEVEL = parse_rule({"kind": "weekday_between", "month": 8, "weekday": "Thursday", "from": 13, "to": 19})


def summer(start: int) -> AcademicYear:
    """The academic year whose summer is in ``start`` (summer 2026 is 2025/26's)."""
    return AcademicYear(start - 1)


def no_lookup(key: str, year: AcademicYear) -> date:
    raise AssertionError(f"the rule should not need {key} {year.label}")


def results(a_level: dict[AcademicYear, date]) -> Callable[[str, AcademicYear], date]:
    def lookup(key: str, year: AcademicYear) -> date:
        assert key == "a-level-results-day"
        return a_level[year]

    return lookup


# regulations.md: "the Thursday from 13 to 19 August every year since 2010 except 2021 (13/08/2015
# then 18/08/2016; 13/08/2020 then 18/08/2022) ... 2027 by that rule: 19 and 26 August 2027";
# 12-13 August 2026 confirmed (AQA).
@pytest.mark.parametrize(
    ("summer_of", "expected"),
    [(2015, date(2015, 8, 13)), (2016, date(2016, 8, 18)), (2020, date(2020, 8, 13)), (2022, date(2022, 8, 18)),
     (2026, date(2026, 8, 13)), (2027, date(2027, 8, 19))],
)
def test_a_level_results_day_is_the_thursday_from_13_to_19_august(summer_of: int, expected: date) -> None:
    assert A_LEVEL.day_in(summer(summer_of), no_lookup) == expected
    assert A_LEVEL.text() == "the Thursday from 13 to 19 August"


@pytest.mark.parametrize("summer_of", range(2025, 2037))
def test_the_a_level_rule_gives_a_thursday_from_13_to_19_every_year(summer_of: int) -> None:
    day = A_LEVEL.day_in(summer(summer_of), no_lookup)
    assert day.weekday() == 3 and 13 <= day.day <= 19 and day.month == 8


def test_gcse_results_one_week_after_and_restricted_release_the_day_before() -> None:
    gcse = parse_rule({"kind": "after", "key": "a-level-results-day", "days": 7})
    release = parse_rule({"kind": "after", "key": "a-level-results-day", "days": -1})
    lookup = results({summer(2026): date(2026, 8, 13), summer(2027): date(2027, 8, 19)})
    assert gcse.day_in(summer(2026), lookup) == date(2026, 8, 20)  # AQA 2026, confirmed
    assert gcse.day_in(summer(2027), lookup) == date(2027, 8, 26)  # regulations.md: 26 August 2027
    assert release.day_in(summer(2026), lookup) == date(2026, 8, 12)
    assert release.day_in(summer(2027), lookup) == date(2027, 8, 18)
    titles = {"a-level-results-day": "A level results day"}
    assert (gcse.text(titles), release.text(titles)) == ("one week after A level results day", "the day before A level results day")


def test_priority_review_of_marking_one_week_after_a_level_results() -> None:
    # regulations.md: 20 August 2026 (21 August 2025); A level results were 14/08/2025 and 13/08/2026.
    priority = parse_rule({"kind": "after", "key": "a-level-results-day", "days": 7})
    lookup = results({summer(2025): A_LEVEL.day_in(summer(2025), no_lookup), summer(2026): date(2026, 8, 13)})
    assert priority.day_in(summer(2025), lookup) == date(2025, 8, 21)
    assert priority.day_in(summer(2026), lookup) == date(2026, 8, 20)


def test_reviews_of_marking_six_weeks_after_last_summers_a_level_results() -> None:
    rule = parse_rule({"kind": "after", "key": "a-level-results-day", "days": 42, "year": "previous"})
    lookup = results({AcademicYear(y): A_LEVEL.day_in(AcademicYear(y), no_lookup) for y in range(2023, 2030)})
    # the shipped pack's late-September Thursdays: 25/09/2025 and 24/09/2026
    assert rule.day_in(AcademicYear(2025), lookup) == date(2025, 9, 25)
    assert rule.day_in(AcademicYear(2026), lookup) == date(2026, 9, 24)
    assert rule.day_in(AcademicYear(2027), lookup) == date(2027, 9, 30)
    assert rule.text({"a-level-results-day": "A level results day"}) == "6 weeks after A level results day the year before"


@pytest.mark.parametrize(
    ("rule", "year", "expected"),
    [
        # November series results: the second Thursday of January (08/01/2026, 11/01/2024, 12/01/2023)
        ({"kind": "nth_weekday", "month": 1, "weekday": "Thursday", "nth": 2}, 2025, date(2026, 1, 8)),
        ({"kind": "nth_weekday", "month": 1, "weekday": "Thursday", "nth": 2}, 2023, date(2024, 1, 11)),
        ({"kind": "nth_weekday", "month": 1, "weekday": "Thursday", "nth": 2}, 2022, date(2023, 1, 12)),
        # January series results mid March: 19/03/2026
        ({"kind": "nth_weekday", "month": 3, "weekday": "Thursday", "nth": 3}, 2025, date(2026, 3, 19)),
        # contingency day: Wednesday 24 June 2026, Wednesday 23 June 2027
        ({"kind": "nth_weekday", "month": 6, "weekday": "Wednesday", "nth": 4}, 2025, date(2026, 6, 24)),
        ({"kind": "nth_weekday", "month": 6, "weekday": "Wednesday", "nth": 4}, 2026, date(2027, 6, 23)),
        # mid-series contingency half-day: 2026 Wednesday 10 June, 2025 11 June
        ({"kind": "nth_weekday", "month": 6, "weekday": "Wednesday", "nth": 2}, 2025, date(2026, 6, 10)),
        ({"kind": "nth_weekday", "month": 6, "weekday": "Wednesday", "nth": 2}, 2024, date(2025, 6, 11)),
        # first day of the summer series 2026: Thursday 7 May, after the early May bank holiday
        ({"kind": "nth_weekday", "month": 5, "weekday": "Monday", "nth": 1, "days": 3}, 2025, date(2026, 5, 7)),
        # Pearson's January entries for Award and Project: 17/10/2025, the third Friday of October
        ({"kind": "nth_weekday", "month": 10, "weekday": "Friday", "nth": 3}, 2025, date(2025, 10, 17)),
        ({"kind": "nth_weekday", "month": 10, "weekday": "Friday", "nth": -1}, 2025, date(2025, 10, 31)),
        # fixed days: entries 4 October (autumn, the year's first calendar year), 21 February (the second)
        ({"kind": "fixed", "month": 10, "day": 4}, 2026, date(2026, 10, 4)),
        ({"kind": "fixed", "month": 2, "day": 21}, 2025, date(2026, 2, 21)),  # a Saturday, kept as published
        # a reminder moved off the weekend: 18/12/2027 is a Saturday, 18/12/2033 a Sunday
        ({"kind": "fixed", "month": 12, "day": 18, "weekend": "friday_before"}, 2027, date(2027, 12, 17)),
        ({"kind": "fixed", "month": 12, "day": 18, "weekend": "friday_before"}, 2033, date(2033, 12, 16)),
        ({"kind": "fixed", "month": 12, "day": 18, "weekend": "monday_after"}, 2027, date(2027, 12, 20)),
        ({"kind": "fixed", "month": 12, "day": 18, "weekend": "friday_before"}, 2026, date(2026, 12, 18)),
        # NCN spring update after Easter: Easter 2026 is 5 April, 2027 28 March
        ({"kind": "easter", "days": 8}, 2025, date(2026, 4, 13)),
        ({"kind": "easter", "days": 8}, 2026, date(2027, 4, 5)),
    ],
)
def test_each_rule_with_its_case(rule: dict[str, object], year: int, expected: date) -> None:
    assert parse_rule(rule).day_in(AcademicYear(year), no_lookup) == expected


def test_the_overnight_supervision_form_two_weeks_before_the_series() -> None:
    rule = parse_rule({"kind": "after", "key": "summer-series-starts", "days": -14})
    assert rule.day_in(summer(2027), lambda key, year: date(2027, 5, 10)) == date(2027, 4, 26)
    assert rule.text({"summer-series-starts": "the summer series"}) == "2 weeks before the summer series"


def test_rules_in_words() -> None:
    assert parse_rule({"kind": "fixed", "month": 10, "day": 31}).text() == "31 October"
    assert parse_rule({"kind": "nth_weekday", "month": 1, "weekday": "Thursday", "nth": 2}).text() == (
        "the second Thursday of January")
    assert parse_rule({"kind": "nth_weekday", "month": 5, "weekday": "Monday", "nth": 1, "days": 3}).text() == (
        "3 days after the first Monday of May")
    assert parse_rule({"kind": "fixed", "month": 12, "day": 18, "weekend": "friday_before"}).text() == (
        "18 December, moved to the Friday before at a weekend")
    assert parse_rule({"kind": "easter", "days": 8}).text() == "8 days after Easter Sunday"


def test_a_rule_is_a_plain_value() -> None:
    assert parse_rule({"kind": "fixed", "month": 10, "day": 4}) == DateRule("fixed", month=10, day=4)
    assert DateRule("after", key="x").depends_on() == "x"
    assert DateRule("after", key="x", previous_year=True).depends_on() is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("fixed", "a rule is an object"),
        ({"kind": "sometimes"}, "'kind' must be one of fixed, nth_weekday, weekday_between, after, easter"),
        ({"kind": "fixed", "month": 13, "day": 1}, "'month' must be a whole number from 1 to 12, not 13"),
        ({"kind": "fixed", "month": 2, "day": 29}, "'day' must be a whole number from 1 to 28, not 29"),
        ({"kind": "fixed", "month": 4, "day": 31}, "'day' must be a whole number from 1 to 30, not 31"),
        ({"kind": "fixed", "month": 4, "day": "1"}, "'day' must be a whole number"),
        ({"kind": "fixed", "month": 4, "day": 1, "weekday": "Monday"}, "a fixed rule has no 'weekday'"),
        ({"kind": "nth_weekday", "month": 1, "weekday": "Thurs", "nth": 2}, "'weekday' must be a day's name"),
        ({"kind": "nth_weekday", "month": 1, "weekday": "Thursday", "nth": 5}, "'nth' must be 1, 2, 3, 4 or -1"),
        ({"kind": "weekday_between", "month": 8, "weekday": "Thursday", "from": 13, "to": 20}, "span one week"),
        ({"kind": "after", "days": 7}, "an after rule needs the 'key'"),
        ({"kind": "after", "key": "x", "year": "next"}, "'year' must be same or previous"),
        ({"kind": "easter", "days": 400}, "'days' must be a whole number from -366 to 366"),
        ({"kind": "easter", "weekend": "skip"}, "'weekend' must be one of keep, friday_before, monday_after"),
    ],
)
def test_a_wrong_rule_says_what_is_wrong(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rule(raw)
