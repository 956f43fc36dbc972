"""The key-dates pack (issue 15): provenance for every date, the corrections and additions from
regulations.md, every year from 2025/26 to 2035/36 covered, and a bad pack refused with one
line naming the file, the entry and the field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eoffice.domain import keydates
from eoffice.domain.keydates import ReferenceDate, ReferencePack
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

FIRST, LAST = AcademicYear(2025), AcademicYear(2035)
PROJECTED_YEARS = [AcademicYear(y) for y in range(2027, 2036)]
THURSDAY, WEDNESDAY, MONDAY = 3, 2, 0


@pytest.fixture(scope="module")
def pack() -> ReferencePack:
    return keydates.reference_pack()


def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(keydates.reference_path().read_text(encoding="utf-8"))
    return data


def on(year: AcademicYear, key: str, pack: ReferencePack | None = None) -> ReferenceDate:
    return next(r for r in keydates.reference_dates(year, pack) if r.key == key)


# --- the pack and its provenance -------------------------------------------------------------------

def test_the_pack_has_a_version_an_as_of_date_and_its_last_projected_year(pack: ReferencePack) -> None:
    assert pack.version >= 2 and pack.as_of == date(2026, 12, 7)
    assert pack.projected_until == LAST
    assert pack.path == keydates.reference_path()
    assert keydates.covered_years() == [AcademicYear(y) for y in range(2025, 2036)]
    assert keydates.reference_years() == [FIRST, AcademicYear(2026)]  # the years it lists


def test_every_date_has_its_source_as_of_date_and_status(pack: ReferencePack) -> None:
    for item in raw()["dates"]:
        assert item["source"].strip() and item["status"] in keydates.STATUSES, item["key"]
        assert date.fromisoformat(item["as_of"]) <= pack.as_of
        assert item["rule"], item["key"]  # every shipped date recurs
    for r in pack.dates:
        assert r.status == ("projected" if r.fields.needs_check else "confirmed")
        assert r.as_of is not None and r.rule is not None and not r.projected


def test_the_listed_dates_follow_their_own_rules_but_for_the_quoted_summer_2027_start(pack: ReferencePack) -> None:
    # Schools quote Monday 10 May 2027 for the first exam; the rule keeps the earlier pattern
    # (the Thursday after the early May bank holiday, 07/05/2026), so a projection errs early.
    exceptions = {("summer-series-starts", AcademicYear(2026))}
    listed = {(r.key, r.year): r.fields.on for r in pack.dates}
    rules = {r.key: r.rule for r in pack.dates if r.year == AcademicYear(2026)}

    def lookup(key: str, year: AcademicYear) -> date:  # listed, else by rule (2024/25's results too)
        rule = rules[key]
        assert rule is not None
        return listed.get((key, year)) or rule.day_in(year, lookup)

    for r in pack.dates:
        assert r.rule is not None
        if (r.key, r.year) not in exceptions:
            assert r.rule.day_in(r.year, lookup) == r.fields.on, (r.key, r.year.label)
    summer_start = next(r for r in pack.dates if (r.key, r.year) in exceptions)
    assert summer_start.rule is not None and summer_start.rule.day_in(AcademicYear(2026), lookup) == date(2027, 5, 6)


# --- issue 15's corrections and additions ---------------------------------------------------------

@pytest.mark.parametrize(
    ("year", "key", "day", "status", "in_source"),
    [
        (2026, "a-level-restricted-release", date(2027, 8, 18), "projected", "Thursday from 13 to 19 August"),
        (2026, "a-level-results-day", date(2027, 8, 19), "projected", "2027 by that rule"),
        (2026, "gcse-restricted-release", date(2027, 8, 25), "projected", "the day before"),
        (2026, "gcse-results-day", date(2027, 8, 26), "projected", "one week after A level results"),
        (2025, "summer-contingency-half-day", date(2026, 6, 10), "projected", "Wednesday 10 June"),
        (2025, "summer-contingency-day", date(2026, 6, 24), "confirmed", "24 June 2026"),
        (2025, "priority-review-of-marking-a-level", date(2026, 8, 20), "projected", "21 August 2025"),
        (2026, "priority-review-of-marking-a-level", date(2027, 8, 26), "projected", "one week after A level results"),
        (2025, "nov-results-day", date(2026, 1, 8), "projected", "second Thursday of January"),
        (2025, "jan-results-day", date(2026, 3, 19), "projected", "19/03/2026"),
        (2025, "summer-series-starts", date(2026, 5, 7), "projected", "7 May 2026"),
        (2026, "summer-series-starts", date(2027, 5, 10), "projected", "10 May 2027"),
        (2025, "mar-entries-aqa", date(2026, 1, 21), "projected", "21 January"),
        (2025, "mar-amendments-aqa", date(2026, 2, 21), "projected", "21 February"),
        (2025, "overnight-supervision-form", date(2026, 4, 23), "projected", "no later than two weeks before the series"),
        (2026, "overnight-supervision-form", date(2027, 4, 26), "projected", "two weeks before"),
        (2025, "ncn-spring-update", date(2026, 4, 13), "projected", "after Easter"),
        (2025, "jan-entries-pearson", date(2025, 10, 17), "projected", "17 October 2025"),
    ],
)
def test_each_correction_and_addition_with_its_source(
    year: int, key: str, day: date, status: str, in_source: str
) -> None:
    found = on(AcademicYear(year), key)
    assert (found.fields.on, found.status, found.projected) == (day, status, False)
    assert in_source in found.fields.source


def test_special_consideration_is_a_rule_per_candidate_not_a_date(pack: ReferencePack) -> None:
    assert not [r for r in pack.dates if "special" in r.key or "special consideration" in r.fields.title.lower()]


# --- every year covered ----------------------------------------------------------------------------

@pytest.mark.parametrize("year", PROJECTED_YEARS, ids=lambda y: y.label)
def test_a_year_the_pack_does_not_list_is_projected_in_order_on_the_right_weekdays(year: AcademicYear) -> None:
    found = {r.key: r for r in keydates.reference_dates(year)}
    assert set(found) == {r.key for r in keydates.reference_dates(AcademicYear(2026))}
    for r in found.values():
        assert r.projected and r.fields.needs_check and r.status == "projected", r.key
        assert year.contains(r.fields.on), r.key
        assert r.fields.source.startswith(f"Projected by eoffice for {year.label}: ")

    def day(key: str) -> date:
        return found[key].fields.on

    a_level = day("a-level-results-day")
    assert a_level.weekday() == THURSDAY and a_level.month == 8 and 13 <= a_level.day <= 19
    assert day("gcse-results-day") == date.fromordinal(a_level.toordinal() + 7)
    for key, weekday in (
        ("gcse-results-day", THURSDAY), ("a-level-restricted-release", WEDNESDAY), ("gcse-restricted-release", WEDNESDAY),
        ("priority-review-of-marking-a-level", THURSDAY), ("reviews-of-marking", THURSDAY),
        ("nov-results-day", THURSDAY), ("jan-results-day", THURSDAY), ("summer-series-starts", THURSDAY),
        ("overnight-supervision-form", THURSDAY), ("summer-contingency-half-day", WEDNESDAY),
        ("summer-contingency-day", WEDNESDAY), ("ncn-spring-update", MONDAY),
    ):
        assert day(key).weekday() == weekday, (key, day(key))
    for reminder in ("certificates-unclaimed", "certificates-destruction-records"):
        assert day(reminder).weekday() < 5  # moved off the weekend, as its rule says
    before = [
        ("a-level-restricted-release", "a-level-results-day"), ("gcse-restricted-release", "gcse-results-day"),
        ("a-level-results-day", "gcse-restricted-release"),
        ("nov-entries-aqa", "nov-amendments-aqa"), ("jan-entries-aqa", "jan-amendments-aqa"),
        ("mar-entries-aqa", "mar-amendments-aqa"), ("summer-entries-aqa", "summer-amendments-aqa"),
        ("a-level-results-day", "priority-review-of-marking-a-level"),
        ("overnight-supervision-form", "summer-series-starts"), ("summer-series-starts", "summer-contingency-half-day"),
        ("summer-contingency-half-day", "summer-contingency-day"), ("summer-contingency-day", "a-level-restricted-release"),
        ("nov-entries-aqa", "nov-results-day"), ("jan-entries-aqa", "jan-results-day"),
    ]
    for first, second in before:
        assert day(first) < day(second), (first, day(first), second, day(second))
    # last summer's results come before the review-of-marking deadline that follows them
    last_summer = on(year.previous(), "a-level-results-day").fields.on
    assert last_summer < day("reviews-of-marking")
    assert (day("reviews-of-marking") - last_summer).days == 42


def test_2027_28_follows_the_corrected_2027_results_days() -> None:
    assert on(AcademicYear(2027), "reviews-of-marking").fields.on == date(2027, 9, 30)  # 19/08/2027 + 6 weeks
    assert on(AcademicYear(2027), "a-level-results-day").fields.on == date(2028, 8, 17)


def test_a_confirmed_entry_in_a_newer_pack_replaces_the_projection(pack: ReferencePack) -> None:
    projected = on(AcademicYear(2027), "a-level-results-day")
    confirmed = ReferenceDate(
        "a-level-results-day", AcademicYear(2027),
        keydates.KeyDateFields(date(2028, 8, 17), "A level results day", "Summer", "JCQ", "results",
                               source="JCQ key dates 2027/28 (confirmed)"),
        date(2027, 10, 1), projected.rule,
    )
    newer = ReferencePack(pack.path, pack.version + 1, date(2027, 10, 1), LAST, "", (*pack.dates, confirmed))
    found = on(AcademicYear(2027), "a-level-results-day", newer)
    assert (found.status, found.projected, found.fields.source) == ("confirmed", False, "JCQ key dates 2027/28 (confirmed)")
    assert len(keydates.reference_dates(AcademicYear(2027), newer)) == len(keydates.reference_dates(AcademicYear(2027)))
    assert on(AcademicYear(2027), "gcse-results-day", newer).projected  # the rest still projected


def test_a_year_beyond_the_pack_has_none_and_says_which_years_there_are() -> None:
    assert keydates.reference_dates(AcademicYear(2036)) == []
    assert keydates.reference_dates(AcademicYear(2024)) == []
    assert keydates.no_reference_dates(AcademicYear(2040)) == (
        "there are no reference dates for 2040/41; eoffice has them for 2025/26 to 2035/36")
    assert keydates.years_text([AcademicYear(2025), AcademicYear(2026)]) == "2025/26, 2026/27"
    assert keydates.years_text([AcademicYear(2025), AcademicYear(2026), AcademicYear(2027), AcademicYear(2030)]) == (
        "2025/26 to 2027/28, 2030/31")


# --- the Key dates tab's line --------------------------------------------------------------------------

def test_the_summary_line_for_the_key_dates_tab() -> None:
    assert keydates.reference_summary(AcademicYear(2025)) == (
        "reference dates as of 07/12/2026: 8 confirmed, 34 projected, check before relying")
    assert keydates.reference_summary(AcademicYear(2026)) == (
        "reference dates as of 07/12/2026: 3 confirmed, 39 projected, check before relying")
    assert keydates.reference_summary(AcademicYear(2031)) == (
        "reference dates as of 07/12/2026: 0 confirmed, 42 projected, check before relying")
    assert keydates.reference_summary(AcademicYear(2040)) == (
        "no reference dates for 2040/41: eoffice has them for 2025/26 to 2035/36")


def test_the_summary_of_an_all_confirmed_year_and_of_an_unreadable_pack(tmp_path: Path) -> None:
    data = raw()
    data["dates"] = [dict(d, status="confirmed") for d in data["dates"] if d["year"] == "2025/26"]
    path = tmp_path / "confirmed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert keydates.reference_summary(AcademicYear(2025), keydates.read_pack(path)) == (
        "reference dates as of 07/12/2026: 42 confirmed")
    missing = ReferencePack(tmp_path / "gone.json", 2, date(2026, 12, 7), LAST, "", ())
    assert keydates.reference_summary(AcademicYear(2025), missing).startswith("no reference dates for 2025/26")


# --- a bad pack: one line naming the file, the entry and the field --------------------------------

def write(tmp_path: Path, change: Any) -> Path:
    data = raw()
    change(data)
    path = tmp_path / "pack.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def entry(data: dict[str, Any], key: str, year: str = "2026/27") -> dict[str, Any]:
    found: dict[str, Any] = next(d for d in data["dates"] if d["key"] == key and d["year"] == year)
    return found


def number(key: str, year: str = "2026/27") -> int:
    return next(i for i, d in enumerate(raw()["dates"], start=1) if d["key"] == key and d["year"] == year)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("version"), "field 'version': is missing"),
        (lambda d: d.update(version="two"), "field 'version': 'two' is not a whole number of 1 or more"),
        (lambda d: d.update(as_of="7/12/2026"), "field 'as_of': '7/12/2026' is not a date (write it like 2027-08-19)"),
        (lambda d: d.update(projected_until="2035-36"), "field 'projected_until': '2035-36' is not an academic year"),
        (lambda d: d.update(dates=[]), "field 'dates': must be a list of at least one date"),
        (lambda d: d.update(checked_by="me"), "field 'checked_by': a key dates pack has no such field"),
        (lambda d: entry(d, "gcse-results-day").update(date="2027-02-30"),
         "entry {gcse-results-day} ('gcse-results-day', 2026/27), field 'date': '2027-02-30' is not a date"),
        (lambda d: entry(d, "gcse-results-day").update(date="2027-09-02"),
         "entry {gcse-results-day} ('gcse-results-day', 2026/27), field 'date': 02/09/2027 is outside 2026/27"),
        (lambda d: entry(d, "gcse-results-day").update(status="maybe"),
         "field 'status': 'maybe' is not one of: confirmed, projected"),
        (lambda d: entry(d, "gcse-results-day").pop("as_of"), "field 'as_of': is missing"),
        (lambda d: entry(d, "gcse-results-day").pop("source"), "field 'source': is missing"),
        (lambda d: entry(d, "gcse-results-day").update(body="Edexcel"), "field 'body': 'Edexcel' is not one of: JCQ"),
        (lambda d: entry(d, "gcse-results-day").update(series="March"), "field 'series': 'March' is not one of"),
        (lambda d: entry(d, "gcse-results-day").update(check=True), "field 'check': a pack's date has no such field (the old"),
        (lambda d: entry(d, "gcse-results-day").update(end="2027-08-01"), "field 'end': 01/08/2027 must be from the date"),
        (lambda d: entry(d, "gcse-results-day").update(key="GCSE results"), "field 'key': 'GCSE results' must be lower case"),
        (lambda d: entry(d, "gcse-results-day").update(rule={"kind": "fixed", "month": 8}),
         "field 'rule': 'day' must be a whole number"),
        (lambda d: entry(d, "gcse-results-day").update(rule={"kind": "after", "key": "results-day", "days": 7}),
         "field 'rule': it counts from 'results-day', which has no rule in the pack"),
        (lambda d: entry(d, "a-level-results-day").update(rule={"kind": "after", "key": "gcse-results-day", "days": -7}),
         "entry {a-level-results-day} ('a-level-results-day', 2026/27), field 'rule': it counts from itself in the end "
         "(a-level-results-day → gcse-results-day → a-level-results-day)"),
        (lambda d: entry(d, "nea-marks-late").update(rule={"kind": "fixed", "month": 8, "day": 31, "days": 3}),
         "field 'rule': it gives 03/09/2028 for 2027/28, outside that year"),
        (lambda d: d["dates"].append(dict(entry(d, "gcse-results-day"))),
         "('gcse-results-day', 2026/27), field 'key': 'gcse-results-day' is listed for 2026/27 already (entry {gcse-results-day})"),
        (lambda d: d["dates"].append("a date"), "is not an object with a key, year, date and so on"),
    ],
)
def test_a_bad_pack_is_refused_naming_the_file_entry_and_field(tmp_path: Path, change: Any, message: str) -> None:
    path = write(tmp_path, change)
    with pytest.raises(InputError) as caught:
        keydates.read_pack(path)
    text = str(caught.value)
    expected = message.replace("{gcse-results-day}", str(number("gcse-results-day"))).replace(
        "{a-level-results-day}", str(number("a-level-results-day")))
    assert text.startswith(f"{path}: ") and expected in text, text
    assert "\n" not in text


def test_a_file_that_is_not_a_pack(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("{\"dates\": [", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes.json: not a key dates pack: not JSON"):
        keydates.read_pack(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes.json: not a key dates pack: there is no list of \"dates\""):
        keydates.read_pack(path)
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputError, match=r"notes.json: not a key dates pack: not UTF-8 text"):
        keydates.read_pack(path)
    with pytest.raises(FileNotFoundError):
        keydates.read_pack(tmp_path / "missing.json")
