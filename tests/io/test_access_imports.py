"""The MIS imports: candidates, timetable, entries, arrangements, from good and bad files."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from eoffice.db.session import Database
from eoffice.domain import access
from eoffice.domain.access import CandidateFields, PaperFields, timetable
from eoffice.io.arrangement_import import apply_arrangements, check_arrangements, read_arrangements
from eoffice.io.candidate_import import apply_candidates, check_candidates, read_candidates
from eoffice.io.tables import read_table
from eoffice.io.timetable_import import apply_entries, apply_timetable, check_entries, check_timetable, read_entries, read_timetable
from tests.conftest import TODAY
from tests.io.access_import_helpers import csv_file, refused, xlsx_file

ULN = "9276308686"


# --- reading tables ---------------------------------------------------------------------

def test_headers_in_any_case_below_a_title_row(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", [["SIMS export 23/11/2026"], [], ["candidate number", "SURNAME", " Forenames "],
                                         ["42", "Evans", "Siân"], ["", "", ""], ["43", "Khan", "Amir"]])
    table = read_candidates(path)
    assert table.headers["Candidate Number"] == "candidate number"
    assert [(r.number, r.cells["Surname"]) for r in table.rows] == [(4, "Evans"), (6, "Khan")]


def test_semicolons_and_windows_text(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", [["Candidate Number", "Surname", "Forenames"], ["42", "Brontë", "Zoë"]],
                    sep=";", encoding="cp1252")
    assert read_candidates(path).rows[0].cells == {"Candidate Number": "42", "Surname": "Brontë", "Forenames": "Zoë"}


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", [["Candidate Number", "Surname"], ["42", "Evans"]])
    error = refused(read_candidates, path)
    assert "'Forenames'" in str(error) and error.file == path


@pytest.mark.parametrize("name, message", [("c.xls", "old Excel"), ("c.txt", "not a CSV or Excel"), ("none.csv", "no such file")])
def test_files_that_cannot_be_read(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    if name != "none.csv":
        path.write_text("x")
    assert message in str(refused(read_table, path, ("A",)))


def test_a_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    path.write_bytes(b"not a zip")
    assert "cannot be read as an Excel workbook" in str(refused(read_candidates, path))


# --- candidates --------------------------------------------------------------------------

GOOD_CANDIDATES = [
    ["Candidate Number", "Surname", "Forenames", "Date of Birth", "Year", "Form", "UCI", "ULN"],
    [42, "Evans", "Siân", "14/03/2011", "11", "11A", "741252700042K", ULN],
    ["0043", "Ó Briain", "Aoife", "2009-01-02", "Year 13", "13B", "", ""],
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_candidates_from_a_good_file(db: Database, tmp_path: Path, kind: str) -> None:
    rows = [list(r) for r in GOOD_CANDIDATES]
    if kind == "xlsx":
        rows[1][3] = datetime(2011, 3, 14)  # Excel gives a real date
        path = xlsx_file(tmp_path / "c.xlsx", rows)
    else:
        path = csv_file(tmp_path / "c.csv", rows)
    with db.session() as session:
        result = check_candidates(session, read_candidates(path), today=TODAY)
        assert result.lines() == ["row 2: add candidate 0042", "row 3: add candidate 0043"]
        apply_candidates(session, result, today=TODAY)
        found = access.candidates(session)
    assert [(c.number, c.fields.date_of_birth, c.year_group, c.fields.uln) for c in found] == [
        (42, date(2011, 3, 14), 11, ULN), (43, date(2009, 1, 2), 13, None)]


def test_a_column_the_import_does_not_know_is_noted_first(db: Database, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", [["Candidate Number", "Surname", "Forenames", "House"], [42, "Evans", "Siân", "Red"]])
    with db.session() as session:
        result = check_candidates(session, read_candidates(path), today=TODAY)
    assert result.lines() == ["column not read (not known to this import): 'House'", "row 2: add candidate 0042"]


def test_importing_again_updates_only_what_changed(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        access.add_candidate(session, CandidateFields(42, "Evans", "Sian", form="11B"), today=TODAY)
        path = csv_file(tmp_path / "c.csv", [["Candidate Number", "Surname", "Forenames"], [42, "Evans", "Siân"]])
        result = check_candidates(session, read_candidates(path), today=TODAY)
        assert result.lines() == ["row 2: update candidate 0042: forenames"]
        apply_candidates(session, result, today=TODAY)
        assert access.by_number(session, 42).fields.form == "11B"  # a column the file lacks is kept
        assert check_candidates(session, read_candidates(path), today=TODAY).unchanged == 1


@pytest.mark.parametrize("row, column, message", [
    (["12a", "Evans", "Siân", "", "", "", "", ""], "Candidate Number", "not a candidate number"),
    (["10000", "Evans", "Siân", "", "", "", "", ""], "Candidate Number", "1 to 9999"),
    (["44", "", "Siân", "", "", "", "", ""], "Surname", "needs a surname"),
    (["44", "Evans", "Siân", "30/02/2011", "", "", "", ""], "Date of Birth", "no such day"),
    (["44", "Evans", "Siân", "01/01/2030", "", "", "", ""], "Date of Birth", "in the future"),
    (["44", "Evans", "Siân", "", "15", "", "", ""], "Year", "year group"),
    (["44", "Evans", "Siân", "", "", "", "74125-2700042", ""], "UCI", "UCI"),
    (["44", "Evans", "Siân", "", "", "", "", "9276308687"], "ULN", "check digit"),
])
def test_a_bad_candidate_row_names_row_and_column(db: Database, tmp_path: Path, row: list, column: str, message: str) -> None:
    path = csv_file(tmp_path / "c.csv", [*GOOD_CANDIDATES, row])
    with db.session() as session:
        error = refused(check_candidates, session, read_candidates(path))
        assert access.candidates(session) == []
    assert (error.row, error.column, error.file) == (4, column, path)
    assert message in error.reason


def test_the_same_number_twice_names_both_rows(db: Database, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "c.csv", [["Candidate Number", "Surname", "Forenames"], [42, "A", "B"], [7, "C", "D"],
                                         ["0042", "E", "F"]])
    with db.session() as session:
        error = refused(check_candidates, session, read_candidates(path))
    assert error.reason == "candidate number 0042 is on rows 2 and 4; each candidate may appear once"


# --- timetable ---------------------------------------------------------------------------------

TIMETABLE = [
    ["Date", "Session", "Board", "Code", "Title", "Duration", "Start", "Qualification", "Mode"],
    ["10/05/2027", "AM", "AQA", "8700/1", "English Language Paper 1", "1h 45m", "", "GCSE", ""],
    ["2027-05-10", "pm", "OCR", "J277/01", "Computer systems", "90", "13:45", "GCSE", "On-screen"],
]


def test_timetable_from_a_good_csv(db: Database, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "t.csv", TIMETABLE)
    with db.session() as session:
        result = check_timetable(session, read_timetable(path))
        assert result.lines() == ["row 2: add paper 8700/1 on 10/05/2027 AM", "row 3: add paper J277/01 on 10/05/2027 PM"]
        apply_timetable(session, result)
        found = timetable.papers(session)
    assert [(p.code, p.start_minutes, p.duration_minutes, p.mode) for p in found] == [
        ("8700/1", 540, 105, "written"), ("J277/01", 825, 90, "on_screen")]


def test_timetable_from_excel_with_real_dates_and_times(db: Database, tmp_path: Path) -> None:
    path = xlsx_file(tmp_path / "t.xlsx", [TIMETABLE[0][:7], [datetime(2027, 5, 11), "AM", "AQA", "8702/1", "Lit 1",
                                                              time(1, 45), time(9, 15)]])
    with db.session() as session:
        apply_timetable(session, check_timetable(session, read_timetable(path)))
        (paper,) = timetable.papers(session)
    assert (paper.sat_on, paper.duration_minutes, paper.start_minutes) == (date(2027, 5, 11), 105, 555)


@pytest.mark.parametrize("row, column, message", [
    (["31/06/2027", "AM", "AQA", "X", "T", "90"], "Date", "no such day"),
    (["10/05/2027", "EV", "AQA", "X", "T", "90"], "Session", "AM or PM"),
    (["10/05/2027", "AM", "AQA", "X", "T", "ninety"], "Duration", "not a duration"),
    (["10/05/2027", "AM", "AQA", "X", "T", "90", "25:00"], "Start", "not a time"),
    (["10/05/2027", "AM", "AQA", "X", "T", "90", "", "", "oral"], "Mode", "mode"),
    (["10/05/2027", "AM", "", "X", "T", "90"], "Board", "empty"),
    (["10/05/2027", "AM", "AQA", "8700/1", "T", "90"], "Code", "rows 2 and 4"),
])
def test_a_bad_timetable_row(db: Database, tmp_path: Path, row: list, column: str, message: str) -> None:
    path = csv_file(tmp_path / "t.csv", [*TIMETABLE, row + [""] * (9 - len(row))])
    with db.session() as session:
        error = refused(check_timetable, session, read_timetable(path))
    assert (error.row, error.column) == (4, column)
    assert message in error.reason


# --- entries -------------------------------------------------------------------------------------

def _centre(session: Session) -> None:
    for n in (42, 43):
        access.add_candidate(session, CandidateFields(n, "Evans", "Siân"), today=TODAY)
    timetable.add_paper(session, PaperFields("AQA", "8700/1", "Eng 1", date(2027, 5, 10), "AM", 540, 105))
    timetable.add_paper(session, PaperFields("AQA", "RESIT", "Resit", date(2026, 11, 5), "AM", 540, 60))
    timetable.add_paper(session, PaperFields("AQA", "RESIT", "Resit", date(2027, 6, 5), "AM", 540, 60))


def test_entries_from_a_good_file(db: Database, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "e.csv", [["Candidate Number", "Code", "Date"], [42, "8700/1", ""], [43, "8700/1", ""],
                                         [42, "8700/1", ""], [43, "RESIT", "05/06/2027"]])
    with db.session() as session:
        _centre(session)
        result = check_entries(session, read_entries(path), today=TODAY)
        assert (result.added, result.unchanged) == (3, 1)
        apply_entries(session, result)
        assert len(timetable.entered_pairs(session)) == 3
        again = check_entries(session, read_entries(path), today=TODAY)
    assert (again.added, again.unchanged) == (0, 4)


@pytest.mark.parametrize("row, column, message", [
    (["99", "8700/1", ""], "Candidate Number", "no candidate 0099; import the candidates first"),
    (["42", "9999/9", ""], "Code", "not in the timetable"),
    (["42", "RESIT", ""], "Code", "timetabled more than once in 2026/27 (05/11/2026 AM, 05/06/2027 AM)"),
    (["42", "RESIT", "06/06/2027"], "Date", "not timetabled on 06/06/2027"),
])
def test_a_bad_entry_row(db: Database, tmp_path: Path, row: list, column: str, message: str) -> None:
    path = csv_file(tmp_path / "e.csv", [["Candidate Number", "Code", "Date"], ["43", "8700/1", ""], row])
    with db.session() as session:
        _centre(session)
        error = refused(check_entries, session, read_entries(path), today=TODAY)
    assert (error.row, error.column) == (3, column)
    assert message in error.reason


# --- arrangements ----------------------------------------------------------------------------------

ARRANGEMENTS = [
    ["Candidate Number", "Arrangement", "Extra Time %", "Rest Minutes Per Hour", "Status", "Approved On", "Expires On",
     "Reference", "Notes"],
    [42, "25% extra time", "25%", "", "Approved", "15/03/2026", "", "AAO123", ""],
    [42, "Supervised rest breaks", "", "10", "approved", "", "", "", "tried first"],
    [43, "Extra time over 25%, up to 50%", "up to 50", "", "Applied", "", "", "", ""],
    [43, "Reader", "", "", "", "", "", "", ""],
]


def test_arrangements_from_a_good_file(db: Database, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "a.csv", ARRANGEMENTS)
    with db.session() as session:
        _centre(session)
        result = check_arrangements(session, read_arrangements(path), today=TODAY)
        today = "; approval date taken as today, 23/11/2026, as no Approved On was given"
        assert result.lines() == [f"row {n}: add arrangement for candidate {c}" for n, c in
                                  ((2, "0042"), (3, f"0042{today}"), (4, "0043"), (5, "0043"))]
        apply_arrangements(session, result)
        found = {(r.candidate_number, r.kind): r for r in access.arrangements(session)}
    timed = found[(42, "extra_time_25")]
    assert (timed.status, timed.extra_time_percent, timed.expires_on, timed.route) == (
        "approved", 25, date(2028, 5, 15), "aao")
    assert (found[(42, "rest_breaks")].rest_minutes_per_hour, found[(42, "rest_breaks")].approved_on) == (10, TODAY)
    assert (found[(43, "extra_time_up_to_50")].extra_time_percent, found[(43, "extra_time_up_to_50")].route) == (50, "referred")
    assert (found[(43, "reader")].status, found[(43, "reader")].room_need) == ("to_assess", "reader")


def test_arrangements_update_by_candidate_and_type_without_details_in_the_lines(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        _centre(session)
        first = check_arrangements(session, read_arrangements(csv_file(tmp_path / "a.csv", ARRANGEMENTS)), today=TODAY)
        apply_arrangements(session, first)
        path = csv_file(tmp_path / "b.csv", [ARRANGEMENTS[0], [43, "reader", "", "", "Evidence gathered", "", "", "", ""]])
        result = check_arrangements(session, read_arrangements(path), today=TODAY)
        (line,) = result.lines()
    assert line.startswith("row 2: update arrangement ") and line.endswith(" for candidate 0043: status")
    assert "eader" not in line


@pytest.mark.parametrize("row, column, message", [
    ([42, "Hovercraft", "", "", "", "", "", "", ""], "Arrangement", "not an arrangement type"),
    ([42, "Reader", "lots", "", "", "", "", "", ""], "Extra Time %", "extra time"),
    ([42, "Reader", "", "45", "", "", "", "", ""], "Rest Minutes Per Hour", "0 to 30"),
    ([42, "Reader", "", "", "pending", "", "", "", ""], "Status", "not a status"),
    ([42, "Reader", "", "", "", "31/02/2026", "", "", ""], "Approved On", "no such day"),
    ([42, "Reader", "", "", "", "01/03/2026", "01/02/2026", "", ""], "Expires On", "before the approval"),
    ([42, "Reader", "", "", "", "", "", "R" * 61, ""], "Reference", "longer than 60"),
    ([99, "Reader", "", "", "", "", "", "", ""], "Candidate Number", "no candidate 0099"),
    ([42, "extra_time_25", "", "", "", "", "", "", ""], "Arrangement", "rows 2 and 6"),
])
def test_a_bad_arrangement_row(db: Database, tmp_path: Path, row: list, column: str, message: str) -> None:
    path = csv_file(tmp_path / "a.csv", [*ARRANGEMENTS, row])
    with db.session() as session:
        _centre(session)
        error = refused(check_arrangements, session, read_arrangements(path), today=TODAY)
        assert access.arrangements(session) == []
    assert (error.row, error.column) == (6, column)
    assert message in error.reason
