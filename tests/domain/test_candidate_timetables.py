"""Candidates' own timetables and statements of entry: the demo's candidate 0012 with their
clash, chosen by number, form, year group or everyone, each carrying only its own data."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.db.session import Database
from eoffice.domain import examday
from eoffice.domain.access import clock
from eoffice.domain.examday import TimetableChoice
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

YEAR = AcademicYear(2026)


def test_candidate_0012s_timetable_has_every_entry_and_sitting_with_the_clash_in_words(demo_db: Database) -> None:
    with demo_db.session() as session:
        (finn,) = examday.candidate_timetables(session, YEAR, TimetableChoice(candidate=12))
    assert (finn.number, finn.name, finn.form, finn.year_group) == ("0012", "Finn Watson", "11F", 11)
    assert len(finn.entries) == 14 and len(finn.sittings) == 14
    maths = next(e for e in finn.entries if e.code == "1MA1/1H")
    assert (maths.board, maths.qualification, maths.tier) == ("Pearson", "GCSE", "Higher")
    day = [(s.session, s.code, clock(s.start), clock(s.finish), s.room, s.arrangement)
           for s in finn.sittings if s.on == date(2027, 5, 12)]
    assert day == [
        ("AM", "8035/1", "09:00", "10:53", "Library", ""),
        ("AM", "8145/1", "11:03", "13:33", "Library", "sit 8145/1 after 8035/1, with a supervised break of 10 minutes"),
        ("PM", "8702/1", "13:43", "15:55", "Library", "supervised from 13:33 until 13:43, after the AM papers"),
    ]
    assert all(s.desk for s in finn.sittings)  # the demo seats every session


def test_the_timetable_reads_the_one_model_of_sittings(demo_db: Database) -> None:
    with demo_db.session() as session:
        (finn,) = examday.candidate_timetables(session, YEAR, TimetableChoice(candidate=12))
        model = {(r.sat_on, r.code): (r.room, r.desk, r.start, r.finish)
                 for r in examday.sittings(session, YEAR.start, YEAR.end) if r.candidate == "0012"}
    assert {(s.on, s.code): (s.room, s.desk, s.start, s.finish) for s in finn.sittings} == model


def test_a_form_gives_one_timetable_per_candidate_in_number_order_each_with_only_their_own_papers(
        demo_db: Database) -> None:
    with demo_db.session() as session:
        form = examday.candidate_timetables(session, YEAR, TimetableChoice(form="11F"))
        everyone = examday.candidate_timetables(session, YEAR)
        year_13 = examday.candidate_timetables(session, YEAR, TimetableChoice(year_group=13))
    assert {t.form for t in form} == {"11F"} and [t.number for t in form] == sorted(t.number for t in form)
    assert len(everyone) > len(form) and {t.year_group for t in year_13} == {13}
    mine = {t.number: {s.code for s in t.sittings} for t in everyone}
    assert all({e.code for e in t.entries} >= mine[t.number] for t in everyone)


def test_nobody_chosen_is_one_plain_line_that_names_the_choice() -> None:
    assert examday.choice_from("12").candidate == 12
    with pytest.raises(InputError, match="choose one of --candidate, --form and --year-group"):
        examday.choice_from("12", "11F")
    with pytest.raises(InputError, match="--year-group eleven: write the year as a number"):
        examday.choice_from(year_group="eleven")


def test_an_unknown_candidate_or_form_is_refused_naming_it(demo_db: Database) -> None:
    with demo_db.session() as session:
        with pytest.raises(InputError, match="there is no candidate 9999"):
            examday.candidate_timetables(session, YEAR, TimetableChoice(candidate=9999))
        with pytest.raises(InputError, match="nobody is in form 12Z; the forms are 11A, 11B"):
            examday.candidate_timetables(session, YEAR, TimetableChoice(form="12Z"))
        with pytest.raises(InputError, match="nobody in year 11 has entries in 2030/31"):
            examday.candidate_timetables(session, AcademicYear(2030), TimetableChoice(year_group=11))


@pytest.mark.parametrize(("code", "title", "tier"), [
    ("1MA1/1H", "Mathematics Paper 1", "Higher"),
    ("8464/B/1F", "Combined Science: Trilogy Biology Paper 1", "Foundation"),
    ("8300/2F", "Mathematics Paper 2 (Foundation)", "Foundation"),
    ("8035/1", "Geography Paper 1", ""),
    ("9MA0/01", "Pure Mathematics 1", ""),
    ("J560/04", "Mathematics Paper 4 (Higher tier)", "Higher"),
])
def test_the_tier_comes_from_the_title_or_the_components_last_letter(code: str, title: str, tier: str) -> None:
    assert examday.tier_of(code, title) == tier
