"""Which year's paper an entry by code alone means, and how far a start may move from
the session's start."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eoffice.db.session import Database
from eoffice.domain import settings
from eoffice.domain.access import PaperFields, PaperRecord
from eoffice.domain.access import timetable as tt
from eoffice.errors import InputError

ENG = PaperFields("AQA", "8700/1", "English Language Paper 1", date(2027, 5, 10), "AM", 540, 105, "GCSE")


def _papers(*days: date) -> list[PaperRecord]:
    return [PaperRecord(i, replace(ENG, sat_on=day)) for i, day in enumerate(days, start=1)]


def _days(found: list[PaperRecord]) -> list[date]:
    return [p.sat_on for p in found]


LAST_JUNE, NEXT_MAY, MAY_2028 = date(2026, 5, 20), date(2027, 5, 10), date(2028, 5, 15)


@pytest.mark.parametrize("today, chosen", [
    (date(2026, 11, 23), [NEXT_MAY]),  # board codes repeat: this year's paper, not last year's
    (date(2026, 6, 30), [LAST_JUNE]),  # the year that contains today, even after its exam
    (date(2026, 8, 31), [LAST_JUNE]),  # the year's last day
    (date(2026, 9, 1), [NEXT_MAY]),  # the next year's first day
    (date(2027, 9, 1), [MAY_2028]),
])
def test_an_entry_by_code_means_the_paper_of_the_year_that_contains_today(today: date, chosen: list[date]) -> None:
    assert _days(tt.papers_for_entry(_papers(LAST_JUNE, NEXT_MAY, MAY_2028), today)) == chosen


def test_with_none_this_year_it_is_the_next_year_that_has_the_code() -> None:
    found = tt.papers_for_entry(_papers(LAST_JUNE, MAY_2028, date(2029, 5, 14)), date(2026, 11, 23))
    assert _days(found) == [MAY_2028]


def test_a_code_sat_twice_in_the_chosen_year_gives_both() -> None:
    november, june = date(2026, 11, 5), date(2027, 6, 5)
    assert _days(tt.papers_for_entry(_papers(LAST_JUNE, june, november), date(2026, 11, 23))) == [november, june]


def test_a_code_timetabled_only_in_years_that_are_over_gives_nothing() -> None:
    assert tt.papers_for_entry(_papers(date(2025, 5, 19), LAST_JUNE), date(2026, 11, 23)) == []


# --- the start of a paper ----------------------------------------------------------------------

def test_a_start_within_30_minutes_of_the_session_start_is_allowed(db: Database) -> None:
    """regulations.md, "Sessions, clashes and late arrivals": "A centre may start up to 30
    minutes before or after the published time without permission | confirmed | JCQ notice,
    ICE section 6". The centre's session starts (settings ``timetable.start.AM``/``PM``,
    09:00 and 13:30) stand for the published times."""
    with db.session() as session:
        for exam_session, start in (("AM", 8 * 60 + 30), ("AM", 9 * 60 + 30), ("PM", 13 * 60), ("PM", 14 * 60)):
            tt.check_start(session, exam_session, start)


@pytest.mark.parametrize("exam_session, start, message", [
    ("AM", 14 * 60, "the start 14:00 is more than 30 minutes from the AM start, 09:00: JCQ lets a centre move a "
                    "start by up to 30 minutes without permission, so give a time from 08:30 to 09:30, or put the "
                    "paper in the PM session"),
    ("AM", 8 * 60 + 29, "the start 08:29 is more than 30 minutes"),
    ("PM", 9 * 60, "from 13:00 to 14:00, or put the paper in the AM session"),
])
def test_a_start_further_from_the_session_start_is_refused(db: Database, exam_session: str, start: int,
                                                           message: str) -> None:
    with db.session() as session, pytest.raises(InputError) as caught:
        tt.check_start(session, exam_session, start)
    assert message in caught.value.reason


def test_the_window_follows_the_centres_session_start(db: Database) -> None:
    with db.session() as session:
        settings.put(session, "timetable.start.PM", "13:15")
        tt.check_start(session, "PM", 13 * 60 + 45)
        with pytest.raises(InputError, match="from 12:45 to 13:45"):
            tt.check_start(session, "PM", 13 * 60 + 46)
