"""The key-dates pack: eoffice's reference dates with where each came from, read and checked
whole, and the dates it gives any year it covers.

A pack is a JSON file: its ``version`` (a whole number, higher is newer), ``as_of`` (the
day its facts were last checked), ``projected_until`` (the last academic year eoffice
projects dates for), a ``description`` and its ``dates``. Each date has its ``key`` (the
same every year, so plan tasks and a reload find it again), ``year``, ``date`` and optional
``end`` (ISO), ``title``, ``series``, ``body``, ``category``, ``source``, ``as_of``, a
``status`` ("confirmed": read in the source for that year; "projected": from an earlier
year's pattern, to check) and, for a date that recurs, its ``rule`` (``date_rules``).

A year the pack lists gets its listed dates; every recurring date the pack does not list for
a year from its first year to ``projected_until`` is projected from its rule (the rule of
the latest year that lists it) and marked projected. So a newer pack's confirmed entry
replaces a projection simply by being there.

Anything wrong is refused with one line naming the file, the entry and the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from eoffice.domain.dates import format_date
from eoffice.domain.keydates.date_rules import DateRule, parse_rule
from eoffice.domain.keydates.key_date_fields import BODIES, CATEGORIES, SERIES, KeyDateFields, validate_key_date
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

STATUSES: tuple[str, ...] = ("confirmed", "projected")
ENTRY_FIELDS: tuple[str, ...] = (
    "key", "year", "date", "end", "title", "series", "body", "category", "source", "as_of", "status", "rule",
)
PACK_FIELDS: tuple[str, ...] = ("version", "as_of", "projected_until", "description", "dates")
_OPTIONAL = {"end", "rule", "description"}
KEY_LENGTH = 80  # the stored reference key's width
REACH_BACK = 5  # years before the pack's first a rule may count from ("the year before", twice…)


@dataclass(frozen=True)
class ReferenceDate:
    """One reference date of one academic year: listed in the pack, or projected by its rule."""

    key: str
    year: AcademicYear
    fields: KeyDateFields
    as_of: date | None = None
    rule: DateRule | None = None
    projected: bool = False  # True: the pack does not list this year; eoffice worked it out

    @property
    def status(self) -> str:
        return "projected" if self.fields.needs_check else "confirmed"


@dataclass(frozen=True)
class ReferencePack:
    path: Path
    version: int
    as_of: date
    projected_until: AcademicYear
    description: str
    dates: tuple[ReferenceDate, ...]


class _Problem(ValueError):
    """A wrong value, with the field it is in."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _text(item: Mapping[str, Any], name: str) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(name, "must be some text" if name in item else "is missing")
    return value.strip()


def _day(item: Mapping[str, Any], name: str) -> date:
    if name not in item:
        raise _Problem(name, "is missing")
    value = item[name]
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Problem(name, f"{value!r} is not a date (write it like 2027-08-19)") from None


def _year(item: Mapping[str, Any], name: str) -> AcademicYear:
    value = item.get(name)
    if not isinstance(value, str):
        raise _Problem(name, "is missing" if name not in item else f"{value!r} is not an academic year (write it like 2026/27)")
    try:
        return AcademicYear.parse(value)
    except InputError as error:
        raise _Problem(name, str(error)) from None


def _choice(item: Mapping[str, Any], name: str, options: Iterable[str]) -> str:
    value = _text(item, name)
    if value not in options:
        raise _Problem(name, f"{value!r} is not one of: {', '.join(options)}")
    return value


def _entry(item: object) -> ReferenceDate:
    if not isinstance(item, dict):
        raise _Problem("", "is not an object with a key, year, date and so on")
    unknown = sorted(set(item) - set(ENTRY_FIELDS))
    if unknown:
        hint = " (the old 'check' is now 'status': confirmed or projected)" if unknown[0] == "check" else ""
        raise _Problem(unknown[0], f"a pack's date has no such field{hint}")
    key = _text(item, "key")
    if len(key) > KEY_LENGTH or key != key.lower() or " " in key:
        raise _Problem("key", f"{key!r} must be lower case, without spaces, at most {KEY_LENGTH} characters")
    year = _year(item, "year")
    on = _day(item, "date")
    end = _day(item, "end") if item.get("end") is not None else None
    title = _text(item, "title")
    fields = KeyDateFields(
        on=on, end=end, title=title,
        series=_choice(item, "series", SERIES), body=_choice(item, "body", BODIES),
        category=_choice(item, "category", CATEGORIES),
        source=_text(item, "source"),
        needs_check=_choice(item, "status", STATUSES) == "projected",
    )
    as_of = _day(item, "as_of")
    if not year.contains(on):
        raise _Problem("date", f"{format_date(on)} is outside {year.label}")
    if end is not None and not on <= end <= year.end:
        raise _Problem("end", f"{format_date(end)} must be from the date to the end of {year.label}")
    try:
        rule = parse_rule(item["rule"]) if item.get("rule") is not None else None
    except ValueError as error:
        raise _Problem("rule", str(error)) from None
    try:
        fields = validate_key_date(fields, year)
    except InputError as error:
        raise _Problem("title", str(error)) from None  # the rest was checked above, field by field
    return ReferenceDate(key, year, fields, as_of, rule)


def _where(number: int, item: object) -> str:
    if isinstance(item, dict) and isinstance(item.get("key"), str):
        return f"entry {number} ({item['key']!r}, {item.get('year')})"
    return f"entry {number}"


def read_pack(path: Path) -> ReferencePack:
    """The pack at ``path``, checked whole. OSError if it cannot be read; InputError, naming
    the file, the entry and the field, if it is not a sound pack."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError("not a key dates pack: not UTF-8 text", file=path) from None
    except json.JSONDecodeError as error:
        raise InputError(f"not a key dates pack: not JSON ({error})", file=path) from None
    if not isinstance(data, dict) or "dates" not in data:
        raise InputError("not a key dates pack: there is no list of \"dates\"", file=path)
    try:
        unknown = sorted(set(data) - set(PACK_FIELDS))
        if unknown:
            raise _Problem(unknown[0], "a key dates pack has no such field")
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise _Problem("version", "is missing" if "version" not in data else f"{version!r} is not a whole number of 1 or more")
        as_of = _day(data, "as_of")
        until = _year(data, "projected_until")
        description = data.get("description", "")
        if not isinstance(description, str):
            raise _Problem("description", "must be some text")
        if not isinstance(data["dates"], list) or not data["dates"]:
            raise _Problem("dates", "must be a list of at least one date")
    except _Problem as problem:
        raise InputError(f"field {problem.field!r}: {problem}", file=path) from None
    found: list[ReferenceDate] = []
    seen: dict[tuple[str, AcademicYear], int] = {}
    for number, item in enumerate(data["dates"], start=1):
        try:
            entry = _entry(item)
            if (entry.key, entry.year) in seen:
                raise _Problem("key", f"{entry.key!r} is listed for {entry.year.label} already (entry {seen[entry.key, entry.year]})")
        except _Problem as problem:
            field = f", field {problem.field!r}" if problem.field else ""
            raise InputError(f"{_where(number, item)}{field}: {problem}", file=path) from None
        seen[entry.key, entry.year] = number
        found.append(entry)
    dates = tuple(found)
    _check_rules(dates, until, path, seen)
    return ReferencePack(path, version, as_of, until, description.strip(), dates)


def _check_rules(
    dates: Sequence[ReferenceDate], until: AcademicYear, path: Path, numbers: Mapping[tuple[str, AcademicYear], int]
) -> None:
    """Every rule counts from a date that has a rule, never in a circle, and gives each year
    the pack covers a date inside that year."""
    patterns = _patterns(dates)

    def fail(pattern: ReferenceDate, message: str) -> NoReturn:
        where = f"entry {numbers[pattern.key, pattern.year]} ({pattern.key!r}, {pattern.year.label})"
        raise InputError(f"{where}, field 'rule': {message}", file=path)

    for pattern in patterns.values():
        assert pattern.rule is not None
        if pattern.rule.kind == "after" and pattern.rule.key not in patterns:
            fail(pattern, f"it counts from {pattern.rule.key!r}, which has no rule in the pack")
    for pattern in patterns.values():
        seen = [pattern.key]
        follows = pattern.rule.depends_on() if pattern.rule else None
        while follows is not None:
            if follows in seen:
                circle = [*seen[seen.index(follows):], follows]
                fail(patterns[follows], f"it counts from itself in the end ({' → '.join(circle)})")
            seen.append(follows)
            rule = patterns[follows].rule
            follows = rule.depends_on() if rule else None
    projector = _Projector(dates)
    for year in covered_years(dates, until):
        for key, pattern in patterns.items():
            try:
                day = projector.day(key, year)
            except (ValueError, RecursionError) as error:
                fail(pattern, f"it gives no date for {year.label} ({error})")
            if not year.contains(day):
                fail(pattern, f"it gives {format_date(day)} for {year.label}, outside that year")


def _patterns(dates: Iterable[ReferenceDate]) -> dict[str, ReferenceDate]:
    """Each recurring date's pattern: its entry of the latest year that has a rule."""
    found: dict[str, ReferenceDate] = {}
    for entry in sorted(dates, key=lambda r: r.year):
        if entry.rule is not None:
            found[entry.key] = entry
    return found


class _Projector:
    """Dates by key and year: the pack's own where it lists them, else worked out by rule."""

    def __init__(self, dates: Sequence[ReferenceDate]) -> None:
        self.listed = {(r.key, r.year): r for r in dates}
        self.patterns = _patterns(dates)
        self.titles = {key: r.fields.title for key, r in self.patterns.items()}
        self.floor = min((r.year.start_year for r in dates), default=0) - REACH_BACK
        self.memo: dict[tuple[str, AcademicYear], date] = {}

    def day(self, key: str, year: AcademicYear) -> date:
        listed = self.listed.get((key, year))
        if listed is not None:
            return listed.fields.on
        if (key, year) not in self.memo:
            if year.start_year < self.floor:
                raise ValueError(f"its rules count back beyond {AcademicYear(self.floor).label}")
            rule = self.patterns[key].rule
            assert rule is not None
            self.memo[key, year] = rule.day_in(year, self.day)
        return self.memo[key, year]

    def projected(self, key: str, year: AcademicYear) -> ReferenceDate:
        pattern = self.patterns[key]
        assert pattern.rule is not None
        on = self.day(key, year)
        end = on + (pattern.fields.end - pattern.fields.on) if pattern.fields.end else None
        source = (
            f"Projected by eoffice for {year.label}: {pattern.rule.text(self.titles)} "
            f"(pattern from {pattern.year.label}: {pattern.fields.source})"
        )
        fields = replace(pattern.fields, on=on, end=end, source=source, needs_check=True)
        return ReferenceDate(key, year, fields, pattern.as_of, pattern.rule, projected=True)


def covered_years(dates: Sequence[ReferenceDate], until: AcademicYear | None) -> list[AcademicYear]:
    """The years the pack lists, and with any rule, every year from its first to ``until``."""
    listed = {r.year for r in dates}
    if until is not None and listed and any(r.rule for r in dates):
        listed |= {AcademicYear(y) for y in range(min(listed).start_year, until.start_year + 1)}
    return sorted(listed)


def dates_for_year(dates: Sequence[ReferenceDate], year: AcademicYear, until: AcademicYear | None) -> list[ReferenceDate]:
    """The year's reference dates, in date order: those the pack lists for it, and, in a year
    it covers, each recurring date it does not list there, projected from its rule."""
    found = [r for r in dates if r.year == year]
    if year in covered_years(dates, until):
        projector = _Projector(dates)
        listed = {r.key for r in found}
        found += [projector.projected(key, year) for key in projector.patterns if key not in listed]
    return sorted(found, key=lambda r: (r.fields.on, r.key))


def years_text(years: Sequence[AcademicYear]) -> str:
    """"2025/26 to 2035/36"; short runs one by one: "2025/26, 2026/27"."""
    runs: list[list[AcademicYear]] = []
    for year in sorted(years):
        if runs and runs[-1][-1].next() == year:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [f"{run[0].label} to {run[-1].label}" if len(run) > 2 else ", ".join(y.label for y in run) for run in runs]
    return ", ".join(parts) or "no year"
