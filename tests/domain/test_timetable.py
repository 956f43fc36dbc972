"""Papers and entries: validation, default starts from settings, series, bulk entries, undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from eoffice.db.models import Entry
from eoffice.db.session import Database
from eoffice.domain import audit, settings
from eoffice.domain.access import CandidateFields, PaperFields, add_candidate
from eoffice.domain.access import timetable as tt
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

ENG = PaperFields("AQA", "8700/1", "English Language Paper 1", date(2027, 5, 10), "AM", 540, 105, "GCSE")


def test_default_starts_are_settings(db: Database) -> None:
    with db.session() as session:
        assert tt.default_start(session, "AM") == 9 * 60
        assert tt.default_start(session, "PM") == 13 * 60 + 30
        settings.put(session, "timetable.start.PM", "13:15")
        assert tt.default_start(session, "PM") == 13 * 60 + 15
        with pytest.raises(InputError, match="session"):
            tt.default_start(session, "EV")


@pytest.mark.parametrize("text, session", [("AM", "AM"), ("pm", "PM"), ("a.m.", "AM"), ("Afternoon", "PM")])
def test_sessions(text: str, session: str) -> None:
    assert tt.parse_session(text) == session


def test_bad_session_is_refused() -> None:
    with pytest.raises(InputError, match="AM or PM"):
        tt.parse_session("evening")


@pytest.mark.parametrize("text, mode", [("", "written"), ("Written", "written"), ("on-screen", "on_screen"),
                                        ("On screen", "on_screen"), ("PRACTICAL", "practical")])
def test_modes(text: str, mode: str) -> None:
    assert tt.parse_mode(text) == mode


def test_bad_mode_is_refused() -> None:
    with pytest.raises(InputError, match="mode"):
        tt.parse_mode("oral")


@pytest.mark.parametrize("day, series", [(date(2026, 11, 4), "November"), (date(2027, 1, 12), "January"),
                                         (date(2027, 5, 10), "Summer"), (date(2027, 6, 24), "Summer")])
def test_series_of_a_date(day: date, series: str) -> None:
    assert tt.series_of(day) == series


@pytest.mark.parametrize("qualification, gce", [("GCE A level", True), ("A Level", True), ("AS", True),
                                                ("GCSE", False), ("", False), ("Entry Level Certificate", False)])
def test_gce_or_not(qualification: str, gce: bool) -> None:
    assert tt.is_gce(qualification) is gce


def test_validation_tidies_and_refuses() -> None:
    cleaned = tt.validate_paper(replace(ENG, code=" 8700/1 ", board=" AQA "))
    assert (cleaned.code, cleaned.board) == ("8700/1", "AQA")
    for bad, message in (
        (replace(ENG, code=""), "code"), (replace(ENG, title=" "), "title"), (replace(ENG, board=""), "awarding body"),
        (replace(ENG, session="EV"), "session"), (replace(ENG, mode="oral"), "mode"),
        (replace(ENG, duration_minutes=0), "duration"), (replace(ENG, start_minutes=24 * 60), "start"),
    ):
        with pytest.raises(InputError, match=message):
            tt.validate_paper(bad)


def test_add_update_and_refuse_a_second_copy(db: Database) -> None:
    with db.session() as session:
        paper = tt.add_paper(session, ENG)
        assert tt.paper(session, paper.id) == paper
        assert tt.find_paper(session, "8700/1", ENG.sat_on, "AM") == paper
        with pytest.raises(InputError, match="already timetabled on 10/05/2027 AM"):
            tt.add_paper(session, ENG)
        changed = tt.update_paper(session, paper.id, replace(ENG, duration_minutes=110))
        assert changed.duration_minutes == 110
        assert audit.entries(session, limit=1)[0].summary == "paper 8700/1 changed: duration_minutes"
        assert tt.papers(session, AcademicYear(2026)) == [changed]
        assert tt.papers(session, AcademicYear(2027)) == []


def test_entries_go_in_bulk_once(db: Database) -> None:
    with db.session() as session:
        paper = tt.add_paper(session, ENG)
        ids = [add_candidate(session, CandidateFields(n, "Smith", "Sam"), today=date(2026, 11, 23)).id for n in (1, 2, 3)]
        assert tt.add_entries(session, [(i, paper.id) for i in ids]) == 3
        assert tt.add_entries(session, [(ids[0], paper.id), (ids[0], paper.id)]) == 0  # already entered
        assert tt.entered_pairs(session) == {(i, paper.id) for i in ids}
        assert tt.papers_for_candidate(session, ids[0]) == [paper]
        assert audit.entries(session, limit=1)[0].summary == "3 entries added"
        removed = tt.remove_entries(session, [(ids[0], paper.id), (ids[0], 999)])
        assert removed == [(ids[0], paper.id)]
        tt.add_entries(session, removed)
        assert len(tt.entered_pairs(session)) == 3


def test_delete_and_restore_a_paper_with_its_entries(db: Database) -> None:
    with db.session() as session:
        paper = tt.add_paper(session, ENG)
        cid = add_candidate(session, CandidateFields(1, "Smith", "Sam"), today=date(2026, 11, 23)).id
        tt.add_entries(session, [(cid, paper.id)])
        snapshot = tt.delete_papers(session, [paper.id])
        assert session.scalar(select(func.count()).select_from(Entry)) == 0
        tt.restore_papers(session, snapshot)
        assert tt.paper(session, paper.id) == paper
        assert tt.entered_pairs(session) == {(cid, paper.id)}


def test_first_exam_of_each_series(db: Database) -> None:
    with db.session() as session:
        tt.add_paper(session, replace(ENG, sat_on=date(2027, 6, 1)))
        tt.add_paper(session, replace(ENG, sat_on=date(2027, 5, 12)))
        tt.add_paper(session, replace(ENG, sat_on=date(2026, 11, 5)))
        assert tt.first_exam_of_series(session, AcademicYear(2026)) == {
            "November": date(2026, 11, 5), "Summer": date(2027, 5, 12)}


def test_exam_sessions_and_entry_counts_read_what_is_stored(db: Database) -> None:
    with db.session() as session:
        english = tt.add_paper(session, ENG)
        maths = tt.add_paper(session, replace(ENG, code="8300/1", title="Mathematics Paper 1", session="PM"))
        tt.add_paper(session, replace(ENG, code="8700/2", title="English Language Paper 2", sat_on=date(2027, 6, 7)))
        ids = [add_candidate(session, CandidateFields(number, "Surname", "Forename")).id for number in (1, 2)]
        tt.add_entries(session, [(ids[0], english.id), (ids[1], english.id), (ids[0], maths.id)])
    with db.session() as session:
        assert tt.exam_sessions(session, date(2027, 5, 1), date(2027, 5, 31)) == [(date(2027, 5, 10), "AM"),
                                                                                 (date(2027, 5, 10), "PM")]
        assert tt.entry_counts(session) == ({ids[0]: 2, ids[1]: 1}, {english.id: 2, maths.id: 1})
