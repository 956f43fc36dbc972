"""The access imports on the command line, for the reviewer's files: a blank cell that
once wiped an approval, entries by code with last year's timetable kept, an entry's
Session that does not match, a Start far from its session, and a Form too long. A bad
file exits 2 with one line naming file, row and column, and writes nothing."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from eoffice.db.models import Arrangement, AuditEntry, Candidate, Entry, Paper
from eoffice.db.session import Database, open_database
from eoffice.domain import access
from eoffice.domain.access import CandidateFields, PaperFields, timetable
from eoffice.domain.years import AcademicYear
from tests.cli.cli_helpers import Capture, run

YEAR = AcademicYear.current()  # the command line works out "this year" from the real date
LAST_YEARS = PaperFields("AQA", "8700/1", "English Language Paper 1", date(YEAR.start_year, 5, 20), "AM", 540, 105)
THIS_YEARS = PaperFields("AQA", "8700/1", "English Language Paper 1", date(YEAR.start_year + 1, 5, 10), "AM", 540, 105)
PM_ONLY = PaperFields("OCR", "ZZ99/1", "Afternoon paper", date(YEAR.start_year + 1, 5, 12), "PM", 810, 60)
APPROVED = access.new_fields("extra_time_25", status="approved", approved_on=date(YEAR.start_year, 3, 15),
                             reference="AAO123")


def write(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    if path.suffix == ".xlsx":
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append([None if v == "" else v for v in row])
        wb.save(path)
        return path
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def counts(path: Path) -> tuple[int, ...]:
    with open_database(path, read_only=True) as db, db.session() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) or 0
                     for m in (Candidate, Paper, Entry, Arrangement, AuditEntry))


@pytest.fixture
def centre(db: Database, db_path: Path) -> Path:
    """Candidate 0012 with an approved arrangement; 8700/1 last year and this year; ZZ99/1 PM."""
    with db.session() as session:
        candidate = access.add_candidate(session, CandidateFields(12, "Evans", "Siân"))
        access.add_arrangement(session, candidate.id, APPROVED)
        for paper in (LAST_YEARS, THIS_YEARS, PM_ONLY):
            timetable.add_paper(session, paper)
    db.close()
    return db_path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_blank_cells_leave_an_approved_arrangement_alone(centre: Path, tmp_path: Path, capsys: Capture,
                                                         suffix: str) -> None:
    path = write(tmp_path / f"a{suffix}", [["Candidate Number", "Arrangement", "Status", "Approved On", "Expires On",
                                            "Reference"], [12, "25% extra time", "", "", "", ""]])
    code, out, err = run(capsys, "import", "arrangements", path, "--db", centre)
    assert (code, err, out.splitlines()) == (0, "", ["arrangements: 0 added, 0 updated, 1 unchanged"])
    with open_database(centre, read_only=True) as db, db.session() as session:
        (stored,) = access.arrangements(session)
    assert (stored.status, stored.approved_on, stored.fields.reference) == ("approved", APPROVED.approved_on, "AAO123")
    assert stored.expires_on == access.add_months(APPROVED.approved_on, 26)  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_entries_by_code_alone_go_to_this_years_paper(centre: Path, tmp_path: Path, capsys: Capture,
                                                      suffix: str) -> None:
    path = write(tmp_path / f"e{suffix}", [["Candidate Number", "Code"], [12, "8700/1"]])
    code, out, err = run(capsys, "import", "entries", path, "--db", centre)
    assert (code, err) == (0, ""), err
    assert out.splitlines() == ["row 2: enter candidate 0012 for 8700/1", "entries: 1 added, 0 updated, 0 unchanged"]
    with open_database(centre, read_only=True) as db, db.session() as session:
        (paper_id,) = [p for _c, p in timetable.entered_pairs(session)]
        assert timetable.paper(session, paper_id).sat_on == THIS_YEARS.sat_on


@pytest.mark.parametrize("kind, suffix, rows, where", [
    ("entries", ".csv", [["Candidate Number", "Code", "Session"], [12, "ZZ99/1", "AM"]],
     "row 2, column 'Session': paper ZZ99/1 is not timetabled in the AM session"),
    ("entries", ".xlsx", [["Candidate Number", "Code", "Session"], [12, "ZZ99/1", "AM"]],
     "row 2, column 'Session': paper ZZ99/1 is not timetabled in the AM session"),
    ("timetable", ".csv", [["Date", "Session", "Board", "Code", "Title", "Duration", "Start"],
                           ["2027-05-11", "AM", "AQA", "8702/1", "Lit 1", "105", "14:00"]],
     "row 2, column 'Start': the start 14:00 is more than 30 minutes from the AM start, 09:00"),
    ("candidates", ".csv", [["Candidate Number", "Surname", "Forenames", "Form"], [13, "Khan", "Amir", "F" * 21]],
     "row 2, column 'Form': the form"),
])
def test_a_bad_file_exits_2_naming_row_and_column_and_writes_nothing(centre: Path, tmp_path: Path, capsys: Capture,
                                                                      kind: str, suffix: str, rows: list,
                                                                      where: str) -> None:
    before = counts(centre)
    path = write(tmp_path / f"c4{suffix}", rows)
    code, out, err = run(capsys, "import", kind, path, "--db", centre)
    assert (code, out) == (2, "")
    (line,) = err.strip().splitlines()
    assert line.startswith(f"eoffice: {path}, {where}")
    assert counts(centre) == before
