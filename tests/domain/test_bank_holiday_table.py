"""The written-down bank holidays (``bank_holiday_table``) are the ``holidays`` library's own,
year by year, and a year outside them still asks the library (issue 17)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from eoffice.domain.keydates import working_days
from eoffice.domain.keydates.bank_holiday_table import DATES
from eoffice.domain.keydates.working_days import NATION_SUBDIVISIONS, library_bank_holidays
from tools import bank_holidays


def test_every_nation_and_every_year_is_written_down() -> None:
    assert set(DATES) == set(NATION_SUBDIVISIONS.values())
    years = range(bank_holidays.FIRST_YEAR, bank_holidays.LAST_YEAR + 1)
    assert all(list(by_year) == list(years) for by_year in DATES.values())


@pytest.mark.parametrize("subdiv", sorted(set(NATION_SUBDIVISIONS.values())))
def test_the_table_says_what_the_installed_library_says(subdiv: str) -> None:
    """Fails after a new ``holidays`` knows a new bank holiday: run ``python -m tools.bank_holidays``."""
    assert DATES[subdiv] == bank_holidays.table()[subdiv]


def test_a_year_is_read_from_the_table_with_the_days_the_library_gives() -> None:
    working_days._bank_holidays.cache_clear()
    # the late Queen's state funeral, and the Spring bank holiday moved for her Platinum Jubilee
    assert {date(2022, 9, 19), date(2022, 6, 2), date(2022, 6, 3)} <= working_days._bank_holidays("England and Wales", 2022)
    for nation, subdiv in NATION_SUBDIVISIONS.items():
        assert working_days._bank_holidays(nation, 2027) == library_bank_holidays(subdiv, 2027)


def test_a_year_outside_the_table_asks_the_library() -> None:
    working_days._bank_holidays.cache_clear()
    year = bank_holidays.LAST_YEAR + 1
    assert year not in DATES["ENG"]
    assert working_days._bank_holidays("England and Wales", year) == library_bank_holidays("ENG", year)
    assert date(year, 12, 25) in working_days._bank_holidays("England and Wales", year) or \
        date(year, 12, 27) in working_days._bank_holidays("England and Wales", year)


def test_working_days_in_the_table_years_load_no_library() -> None:
    """What start-up relies on: the Overview's internal deadlines cost no import of ``holidays``."""
    code = ("import sys; from datetime import date; from eoffice.domain.keydates import working_days_before; "
            "working_days_before(date(2027, 5, 4), 10, 'Scotland'); print('holidays' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
