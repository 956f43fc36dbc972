"""The rule a recurring reference date follows, so that a year the pack does not list still
gets the date, projected (and marked so) until a pack confirms it.

A rule is stored with its date in the pack, as JSON:

- ``{"kind": "fixed", "month": 10, "day": 4}``: 4 October every year;
- ``{"kind": "nth_weekday", "month": 1, "weekday": "Thursday", "nth": 2}``: the second
  Thursday of January (``nth`` 1 to 4, or -1 for the last);
- ``{"kind": "weekday_between", "month": 8, "weekday": "Thursday", "from": 13, "to": 19}``:
  the Thursday from 13 to 19 August (A level results day since 2010, 2021 aside);
- ``{"kind": "after", "key": "a-level-results-day", "days": 7}``: a week after another
  reference date of the same academic year, or of the year before with ``"year": "previous"``
  (reviews of marking close six weeks after last summer's A level results);
- ``{"kind": "easter", "days": 8}``: counted from Easter Sunday.

Any rule may add ``"days"`` (counted from the day the rule finds; negative is before) and
``"weekend"``: ``"keep"`` (the default: a published deadline on a Saturday stays there),
``"friday_before"`` or ``"monday_after"``. A month from September to December falls in the
academic year's first calendar year, January to August in its second.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.easter import easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from eoffice.domain.years import YEAR_STARTS_MONTH, AcademicYear

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # as date.weekday()
MONTHS: tuple[str, ...] = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # not calendar.month_name: that follows the machine's locale
KINDS: tuple[str, ...] = ("fixed", "nth_weekday", "weekday_between", "after", "easter")
WEEKENDS: tuple[str, ...] = ("keep", "friday_before", "monday_after")
ORDINALS: dict[int, str] = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
MAX_DAYS = 366
_FIELDS: dict[str, set[str]] = {
    "fixed": {"month", "day"},
    "nth_weekday": {"month", "weekday", "nth"},
    "weekday_between": {"month", "weekday", "from", "to"},
    "after": {"key", "year"},
    "easter": set(),
}
_COMMON = {"kind", "days", "weekend"}
_RELATIVE_DAYS = (MO, TU, WE, TH, FR, SA, SU)

Lookup = Callable[[str, AcademicYear], date]  # (reference key, academic year) -> its date


@dataclass(frozen=True)
class DateRule:
    kind: str
    month: int = 0
    day: int = 0  # fixed: the day of the month; weekday_between: the window's first day
    weekday: int = 0  # Monday 0 … Sunday 6
    nth: int = 0
    key: str = ""  # after: the reference date it follows
    previous_year: bool = False  # after: that date in the academic year before
    days: int = 0
    weekend: str = "keep"

    def depends_on(self) -> str | None:
        """The reference key this rule counts from in the same year (a cycle would never end)."""
        return self.key if self.kind == "after" and not self.previous_year else None

    def day_in(self, year: AcademicYear, lookup: Lookup) -> date:
        """The date this rule gives in ``year``; ``lookup`` finds another reference date."""
        if self.kind == "after":
            base = lookup(self.key, year.previous() if self.previous_year else year)
        elif self.kind == "easter":
            base = easter(year.start_year + 1)
        else:
            first: date = date(_calendar_year(self.month, year), self.month, 1)
            if self.kind == "fixed":
                base = first.replace(day=self.day)
            elif self.kind == "weekday_between":
                base = first.replace(day=self.day) + relativedelta(weekday=_RELATIVE_DAYS[self.weekday](+1))
            elif self.nth > 0:
                base = first + relativedelta(weekday=_RELATIVE_DAYS[self.weekday](+self.nth))
            else:
                base = first + relativedelta(day=31, weekday=_RELATIVE_DAYS[self.weekday](-1))
        return _off_weekend(base + timedelta(days=self.days), self.weekend)

    def text(self, titles: Mapping[str, str] | None = None) -> str:
        """The rule in words: "the Thursday from 13 to 19 August", "one week after A level results day"."""
        month = MONTHS[self.month]
        if self.kind == "fixed":
            base = f"{self.day} {month}"
        elif self.kind == "nth_weekday":
            base = f"the {ORDINALS[self.nth]} {WEEKDAYS[self.weekday]} of {month}"
        elif self.kind == "weekday_between":
            base = f"the {WEEKDAYS[self.weekday]} from {self.day} to {self.day + 6} {month}"
        elif self.kind == "after":
            name = (titles or {}).get(self.key, self.key)
            base = f"{name}{' the year before' if self.previous_year else ''}"
        else:
            base = "Easter Sunday"
        words = _offset(self.days, base) if self.days or self.kind == "after" else base
        if self.weekend != "keep":
            words += f", moved to the {'Friday before' if self.weekend == 'friday_before' else 'Monday after'} at a weekend"
        return words


def _calendar_year(month: int, year: AcademicYear) -> int:
    return year.start_year if month >= YEAR_STARTS_MONTH else year.start_year + 1


def _off_weekend(day: date, weekend: str) -> date:
    if day.weekday() < 5 or weekend == "keep":
        return day
    if weekend == "friday_before":
        return day - timedelta(days=day.weekday() - 4)
    return day + timedelta(days=7 - day.weekday())


def _offset(days: int, base: str) -> str:
    if days == 0:
        return f"on {base}"
    if abs(days) == 1:
        return f"the day {'after' if days > 0 else 'before'} {base}"
    if days % 7 == 0:
        weeks = abs(days) // 7
        amount = "one week" if weeks == 1 else f"{weeks} weeks"
    else:
        amount = f"{abs(days)} days"
    return f"{amount} {'after' if days > 0 else 'before'} {base}"


def _whole(raw: Mapping[str, Any], name: str, low: int, high: int) -> int:
    value = raw.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name!r} must be a whole number from {low} to {high}, not {value!r}")
    return value


def _weekday(raw: Mapping[str, Any]) -> int:
    value = raw.get("weekday")
    if value not in WEEKDAYS:
        raise ValueError(f"'weekday' must be a day's name (Monday to Sunday), not {value!r}")
    return WEEKDAYS.index(value)


def parse_rule(raw: object) -> DateRule:
    """A rule read from a pack; ValueError says plainly which part of it is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("a rule is an object like {\"kind\": \"fixed\", \"month\": 10, \"day\": 4}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ValueError(f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = sorted(set(raw) - _COMMON - _FIELDS[kind])
    if unknown:
        raise ValueError(f"a {kind} rule has no {unknown[0]!r}")
    days = _whole(raw, "days", -MAX_DAYS, MAX_DAYS) if "days" in raw else 0
    weekend = raw.get("weekend", "keep")
    if weekend not in WEEKENDS:
        raise ValueError(f"'weekend' must be one of {', '.join(WEEKENDS)}, not {weekend!r}")
    common: dict[str, Any] = {"days": days, "weekend": weekend}
    if kind == "after":
        key = raw.get("key")
        if not isinstance(key, str) or not key.strip():
            raise ValueError("an after rule needs the 'key' of the reference date it follows")
        which = raw.get("year", "same")
        if which not in ("same", "previous"):
            raise ValueError(f"'year' must be same or previous, not {which!r}")
        return DateRule(kind, key=key.strip(), previous_year=which == "previous", **common)
    if kind == "easter":
        return DateRule(kind, **common)
    month = _whole(raw, "month", 1, 12)
    if kind == "fixed":
        longest = 28 if month == 2 else calendar.monthrange(2001, month)[1]  # 29 February is not every year's
        return DateRule(kind, month=month, day=_whole(raw, "day", 1, longest), **common)
    if kind == "nth_weekday":
        nth = raw.get("nth")
        if nth not in ORDINALS or isinstance(nth, bool):
            raise ValueError(f"'nth' must be 1, 2, 3, 4 or -1 (the last), not {nth!r}")
        return DateRule(kind, month=month, weekday=_weekday(raw), nth=nth, **common)
    longest = 28 if month == 2 else calendar.monthrange(2001, month)[1]
    first = _whole(raw, "from", 1, longest - 6)
    if raw.get("to") != first + 6:
        raise ValueError(f"'from' and 'to' span one week: from {first} the rule needs 'to' {first + 6}")
    return DateRule(kind, month=month, day=first, weekday=_weekday(raw), **common)
