"""Entries by code when board codes repeat every year, an entry's Session that must match
its paper, and a timetable Start that must sit near its session's start."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from eoffice.db.session import Database
from eoffice.domain import access
from eoffice.domain.access import CandidateFields, PaperFields, timetable
from eoffice.io.timetable_import import apply_entries, apply_timetable, check_entries, check_timetable, read_entries, read_timetable
from tests.conftest import TODAY
from tests.io.access_import_helpers import KINDS, refused, table_file

LAST_YEAR = PaperFields("AQA", "8700/1", "English Language Paper 1", date(2026, 5, 20), "AM", 540, 105, "GCSE")
THIS_YEAR = PaperFields("AQA", "8700/1", "English Language Paper 1", date(2027, 5, 10), "AM", 540, 105, "GCSE")
PM_ONLY = PaperFields("OCR", "ZZ99/1", "Afternoon paper", date(2027, 5, 12), "PM", 810, 60)


def _centre(session: Session, *papers: PaperFields) -> dict[date, int]:
    """Candidate 0012 and the papers; returns each paper's id by its date."""
    access.add_candidate(session, CandidateFields(12, "Evans", "Siân"), today=TODAY)
    return {p.sat_on: timetable.add_paper(session, p).id for p in papers}


def _entries(session: Session, folder: Path, kind: str, headers: list[str], *rows: list[object]):
    return check_entries(session, read_entries(table_file(folder, "e", kind, [headers, *rows])), today=TODAY)


@pytest.mark.parametrize("kind", KINDS)
def test_a_code_alone_means_this_years_paper_when_last_years_is_stored(db: Database, tmp_path: Path, kind: str) -> None:
    """The reviewer's case: with the 2026 8700/1 kept, ``12,8700/1`` was refused as
    "timetabled more than once (20/05/2026 AM, 10/05/2027 AM)"."""
    with db.session() as session:
        ids = _centre(session, LAST_YEAR, THIS_YEAR)
        result = _entries(session, tmp_path, kind, ["Candidate Number", "Code"], [12, "8700/1"])
        assert result.lines() == ["row 2: enter candidate 0012 for 8700/1"]
        apply_entries(session, result)
        assert {p for _c, p in timetable.entered_pairs(session)} == {ids[THIS_YEAR.sat_on]}


def test_a_date_still_chooses_last_years_paper(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        ids = _centre(session, LAST_YEAR, THIS_YEAR)
        result = _entries(session, tmp_path, "csv", ["Candidate Number", "Code", "Date"], [12, "8700/1", "20/05/2026"])
        assert result.actions == [(access.by_number(session, 12).id, ids[LAST_YEAR.sat_on])]


def test_a_code_only_in_years_that_are_over_is_refused(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        _centre(session, LAST_YEAR)
        error = refused(_entries, session, tmp_path, "csv", ["Candidate Number", "Code"], [12, "8700/1"])
    assert (error.row, error.column) == (2, "Code")
    assert error.reason == ("paper 8700/1 is timetabled only in 2025/26, which is over; import this year's "
                            "timetable first, or add a Date column to enter the past paper")


@pytest.mark.parametrize("headers, row, hint", [
    (["Candidate Number", "Code"], [12, "8700/1"], "add a Date column to say which"),
    (["Candidate Number", "Code", "Date"], [12, "8700/1", ""], "fill in its Date to say which"),
])
def test_a_code_sat_twice_in_this_year_asks_for_the_date(db: Database, tmp_path: Path, headers: list[str],
                                                         row: list[object], hint: str) -> None:
    november = PaperFields("AQA", "8700/1", "Resit", date(2026, 11, 5), "AM", 540, 105)
    with db.session() as session:
        _centre(session, LAST_YEAR, november, THIS_YEAR)
        error = refused(_entries, session, tmp_path, "csv", headers, row)
    assert (error.row, error.column) == (2, "Code")
    assert error.reason == f"paper 8700/1 is timetabled more than once in 2026/27 (05/11/2026 AM, 10/05/2027 AM); {hint}"


# --- an entry's Session --------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_a_session_that_does_not_match_the_paper_is_refused(db: Database, tmp_path: Path, kind: str) -> None:
    """``12,ZZ99/1,AM`` for a paper sat only in the afternoon was once accepted in silence."""
    with db.session() as session:
        _centre(session, PM_ONLY)
        error = refused(_entries, session, tmp_path, kind, ["Candidate Number", "Code", "Session"], [12, "ZZ99/1", "AM"])
    assert (error.row, error.column) == (2, "Session")
    assert error.reason == ("paper ZZ99/1 is not timetabled in the AM session: it is on 12/05/2027 PM; "
                            "correct the Session or leave it blank")


def test_a_session_that_matches_is_accepted_and_chooses_between_two_on_one_day(db: Database, tmp_path: Path) -> None:
    morning = PaperFields("OCR", "ZZ99/1", "Morning sitting", date(2027, 5, 12), "AM", 540, 60)
    with db.session() as session:
        _centre(session, PM_ONLY, morning)
        pm_id = timetable.find_paper(session, "ZZ99/1", PM_ONLY.sat_on, "PM").id  # type: ignore[union-attr]
        result = _entries(session, tmp_path, "csv", ["Candidate Number", "Code", "Date", "Session"],
                          [12, "ZZ99/1", "12/05/2027", "pm"])
        assert [p for _c, p in result.actions] == [pm_id]
        error = refused(_entries, session, tmp_path, "csv", ["Candidate Number", "Code", "Date"],
                        [12, "ZZ99/1", "12/05/2027"])
    assert (error.column, error.reason) == ("Code", "paper ZZ99/1 is timetabled more than once on 12/05/2027 "
                                                     "(12/05/2027 AM, 12/05/2027 PM); add a Session column to say which")


# --- a timetable Start ----------------------------------------------------------------------------

HEADERS = ["Date", "Session", "Board", "Code", "Title", "Duration", "Start"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_start_far_from_its_session_is_refused(db: Database, tmp_path: Path, kind: str) -> None:
    """An AM paper at 14:00 was once accepted; JCQ allows a start to move up to 30 minutes."""
    start: object = time(14, 0) if kind == "xlsx" else "14:00"
    path = table_file(tmp_path, "t", kind, [HEADERS, ["10/05/2027", "AM", "AQA", "8700/1", "Eng 1", "105", start]])
    with db.session() as session:
        error = refused(check_timetable, session, read_timetable(path))
        assert timetable.papers(session) == []
    assert (error.file, error.row, error.column) == (path, 2, "Start")
    assert error.reason.startswith("the start 14:00 is more than 30 minutes from the AM start, 09:00")
    assert error.reason.endswith("give a time from 08:30 to 09:30, or put the paper in the PM session")


@pytest.mark.parametrize("kind", KINDS)
def test_starts_within_30_minutes_or_blank_are_taken(db: Database, tmp_path: Path, kind: str) -> None:
    early: object = time(8, 30) if kind == "xlsx" else "08:30"
    rows = [HEADERS, ["10/05/2027", "AM", "AQA", "8700/1", "Eng 1", "105", early],
            ["10/05/2027", "PM", "AQA", "8700/2", "Eng 2", "105", ""]]
    with db.session() as session:
        apply_timetable(session, check_timetable(session, read_timetable(table_file(tmp_path, "t", kind, rows))))
        assert [(p.code, p.start_minutes) for p in timetable.papers(session)] == [("8700/1", 510), ("8700/2", 810)]


@pytest.mark.parametrize("kind", KINDS)
def test_blank_start_qualification_and_mode_leave_a_stored_paper_as_it_was(db: Database, tmp_path: Path,
                                                                          kind: str) -> None:
    """A blank Mode once made an on-screen paper written (a 1-in-30 invigilation ratio
    instead of 1 in 20), and a blank Start moved a paper the officer had set at 09:15."""
    stored = PaperFields("OCR", "J277/01", "Computer systems", date(2027, 5, 10), "AM", 555, 90, "GCSE", "on_screen")
    rows = [[*HEADERS, "Qualification", "Mode"],
            ["10/05/2027", "AM", "OCR", "J277/01", "Computer systems", "90", "", "", ""]]
    with db.session() as session:
        paper_id = timetable.add_paper(session, stored).id
        result = check_timetable(session, read_timetable(table_file(tmp_path, "t", kind, rows)))
        assert (result.lines(), result.unchanged) == ([], 1)
        apply_timetable(session, result)
        assert timetable.paper(session, paper_id).fields == stored
