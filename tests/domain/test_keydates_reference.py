"""The built-in reference list of key dates: readable, complete for both years, and honest
about which dates are confirmed and which must be checked."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

import pytest

from eoffice.domain import keydates
from eoffice.domain.keydates import BODIES, CATEGORIES, SERIES
from eoffice.domain.years import AcademicYear

YEARS = (AcademicYear(2025), AcademicYear(2026))
# The only dates regulations.md confirms for a particular year; everything else is a pattern.
CONFIRMED = {
    ("2025/26", "summer-contingency-day"): date(2026, 6, 24),
    ("2025/26", "a-level-restricted-release"): date(2026, 8, 12),
    ("2025/26", "a-level-results-day"): date(2026, 8, 13),
    ("2025/26", "gcse-restricted-release"): date(2026, 8, 19),
    ("2025/26", "gcse-results-day"): date(2026, 8, 20),
    # regulations.md: "31 October | National Centre Number register annual update … | confirmed (JCQ, OCR)"
    ("2025/26", "ncn-annual-update"): date(2025, 10, 31),
    ("2026/27", "ncn-annual-update"): date(2026, 10, 31),
}
REMINDERS = {"certificates-unclaimed", "certificates-destruction-records"}  # a confirmed rule, our own date


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return json.loads(keydates.reference_path().read_text(encoding="utf-8"))


def test_the_file_loads_through_the_domain_and_validates() -> None:
    loaded = keydates.load_reference()
    assert loaded and all(isinstance(r, keydates.ReferenceDate) for r in loaded)
    assert keydates.reference_years() == list(YEARS)


def test_the_file_has_a_description_and_only_known_fields(raw: dict[str, Any]) -> None:
    assert raw["description"].strip()
    # issue 15: "check" became "status", with the day each fact was checked and the rule of a recurring date
    allowed = {"key", "year", "date", "end", "title", "series", "body", "category", "source", "as_of", "status", "rule"}
    for item in raw["dates"]:
        assert set(item) == allowed, item["key"]
        assert item["status"] in ("confirmed", "projected")
        assert item["source"].strip() and item["title"].strip()


@pytest.mark.parametrize("year", YEARS, ids=lambda y: y.label)
def test_at_least_30_dates_a_year_with_unique_keys(year: AcademicYear) -> None:
    keys = [r.key for r in keydates.load_reference() if r.year == year]
    assert len(keys) >= 30
    assert [k for k, n in Counter(keys).items() if n > 1] == []


def test_both_years_have_the_same_keys_so_a_plan_link_carries_over() -> None:
    by_year = {y: {r.key for r in keydates.load_reference() if r.year == y} for y in YEARS}
    assert by_year[YEARS[0]] == by_year[YEARS[1]]


def test_every_date_is_inside_its_year_and_every_choice_is_valid() -> None:
    for r in keydates.load_reference():
        assert r.year.contains(r.fields.on), r.key
        assert r.fields.end is None or r.year.contains(r.fields.end)
        assert r.fields.series in SERIES
        assert r.fields.body in BODIES
        assert r.fields.category in CATEGORIES


def test_each_awarding_body_named_in_the_regulations_appears_every_year() -> None:
    for year in YEARS:
        bodies = {r.fields.body for r in keydates.load_reference() if r.year == year}
        assert {"JCQ", "AQA", "OCR", "Pearson", "WJEC/Eduqas"} <= bodies
        assert bodies <= set(BODIES)


def test_only_dates_confirmed_for_that_year_are_not_marked_check() -> None:
    for r in keydates.load_reference():
        if r.key in REMINDERS:
            continue
        confirmed = CONFIRMED.get((r.year.label, r.key))
        assert r.fields.needs_check is (confirmed is None), (r.year.label, r.key)
        if confirmed is not None:
            assert r.fields.on == confirmed


def test_the_regulations_pattern_dates_are_there() -> None:
    def on(year: AcademicYear, key: str) -> date:
        return next(r.fields.on for r in keydates.load_reference() if r.year == year and r.key == key)

    for year in YEARS:
        s, n = year.start_year, year.start_year + 1
        assert on(year, "ncn-annual-update") == date(s, 10, 31)
        assert on(year, "nov-entries-aqa") == date(s, 10, 4)
        assert on(year, "jan-entries-aqa") == date(s, 10, 21)
        assert on(year, "summer-entries-wjec") == date(n, 2, 21)
        assert on(year, "nov-amendments-aqa") == date(s, 10, 25)
        assert on(year, "jan-amendments-aqa") == date(s, 12, 15)
        assert on(year, "summer-amendments-aqa") == date(n, 4, 21)
        assert on(year, "summer-modified-papers") == date(n, 1, 31)
        assert on(year, "summer-aao-applications") == date(n, 3, 21)
        assert on(year, "nov-modified-papers-pearson") == date(s, 9, 20)
        assert on(year, "nov-aao-pearson") == date(s, 11, 1)
        assert on(year, "jan-modified-papers-pearson") == date(s, 10, 4)
        assert on(year, "jan-aao-pearson") == date(s, 10, 21)
        assert on(year, "nea-marks-ocr") == date(n, 5, 15)
        assert on(year, "reviews-of-marking").month == 9 and on(year, "reviews-of-marking").day >= 20
    assert on(YEARS[0], "summer-contingency-day") == date(2026, 6, 24)
    assert on(YEARS[1], "gcse-results-day").weekday() == 3  # a Thursday, as every year


def test_weekend_deadlines_are_kept_as_published() -> None:
    saturday_entries = [r for r in keydates.load_reference() if r.key == "summer-entries-aqa" and r.year == YEARS[0]]
    assert saturday_entries[0].fields.on == date(2026, 2, 21) and saturday_entries[0].fields.on.weekday() == 5
