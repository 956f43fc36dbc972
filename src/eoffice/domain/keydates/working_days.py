"""Working days for the centre's nation: weekends and bank holidays are not working days.

Bank holidays come from the ``holidays`` library (England and Wales share theirs;
Scotland and Northern Ireland have their own), so they are right for any year without a
table kept by hand. Its answers for 2000 to 2060 are written down in ``bank_holiday_table``
(by ``tools/bank_holidays.py``, checked against the library by the tests): loading the
library takes about 0.1 s, which the window paid on every start before the Overview could
show an internal deadline (issue 17). Other years ask the library itself.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from eoffice.domain.keydates.bank_holiday_table import DATES

NATION_SUBDIVISIONS = {
    "England and Wales": "ENG",
    "Scotland": "SCT",
    "Northern Ireland": "NIR",
}


@cache
def _bank_holidays(nation: str, year: int) -> frozenset[date]:
    subdiv = NATION_SUBDIVISIONS.get(nation, "ENG")
    listed = DATES.get(subdiv, {}).get(year)
    if listed is not None:
        return frozenset(date(year, int(day[:2]), int(day[2:])) for day in listed.split())
    return library_bank_holidays(subdiv, year)


def library_bank_holidays(subdiv: str, year: int) -> frozenset[date]:
    """The ``holidays`` library's bank holidays for a GB subdivision ("ENG", "SCT", "NIR")."""
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv=subdiv, years=year).keys())


def is_working_day(day: date, nation: str) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation, day.year)


def working_days_before(day: date, count: int, nation: str) -> date:
    """The date ``count`` working days before ``day`` (0 gives the last working day on or
    before it), so an internal deadline never lands on a weekend or bank holiday."""
    if count < 0:
        raise ValueError("count must not be negative")
    current = day
    while not is_working_day(current, nation):
        current -= timedelta(days=1)
    for _ in range(count):
        current -= timedelta(days=1)
        while not is_working_day(current, nation):
            current -= timedelta(days=1)
    return current


def first_working_day_on_or_after(day: date, nation: str) -> date:
    current = day
    while not is_working_day(current, nation):
        current += timedelta(days=1)
    return current


def working_days_before_from(day: date, count: int, nation: str, earliest: date) -> tuple[date, bool]:
    """``count`` working days before ``day``, but never before ``earliest``; True when shortened.

    A deadline counted back across the summer would land in the holiday, in the year
    before, when nobody is in school to meet it. It moves forward to the first working
    day from ``earliest`` instead, and never past ``day`` itself: with no working day in
    between, the deadline is ``day``.
    """
    wanted = working_days_before(day, count, nation)
    if wanted >= earliest:
        return wanted, False
    return min(first_working_day_on_or_after(earliest, nation), day), True
