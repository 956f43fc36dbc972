"""Two rows of one file that describe the same thing differently are refused, naming both
rows (issue 14): the file cannot mean both, and taking either in silence would be a guess.
Every import kind where that can happen is here; each refusal is one line, exit 2, and
nothing is written. The same row given twice is no conflict: it is taken once."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from eoffice.db.models import AuditEntry
from eoffice.db.session import Database, open_database
from eoffice.domain import access, roster
from eoffice.domain.access import CandidateFields
from eoffice.domain.years import AcademicYear
from tests.cli.cli_helpers import Capture, one_line, run

YEAR = AcademicYear.current()  # the command line works out "this year" from the real date
ON = f"10/02/{YEAR.start_year + 1}"
DUE = f"15/03/{YEAR.start_year + 1}"


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


def audit_rows(path: Path) -> int:
    with open_database(path, read_only=True) as db, db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


@pytest.fixture
def centre(db: Database, db_path: Path) -> Path:
    """Candidates 0001 and 0002 and one invigilator, Ada."""
    with db.session() as session:
        for number in (1, 2):
            access.add_candidate(session, CandidateFields(number, "Evans", f"Pupil {number}"))
        roster.add_invigilator(session, roster.InvigilatorFields(name="Ada Lovelace"))
    db.close()
    return db_path


CONFLICTS = {
    "keydates: same date, title and body, another category": (
        "keydates", "csv", [["Date", "Title", "Series", "Body", "Category"],
                            [ON, "Entries due", "Summer", "AQA", "Entries"],
                            [ON, "ENTRIES DUE", "Summer", "AQA", "Coursework"]],
        3, "Category", "row 2 has the same date, title and body with a different Category"),
    "keydates: another internal deadline": (
        "keydates", "csv", [["Date", "Title", "Series", "Body", "Category", "Internal deadline"],
                            [ON, "Entries due", "Summer", "AQA", "Entries", ""],
                            [ON, "Entries due", "Summer", "AQA", "Entries", f"01/02/{YEAR.start_year + 1}"]],
        3, "Internal deadline", "row 2 has the same date, title and body with a different Internal deadline"),
    "candidates: one number, two names": (
        "candidates", "csv", [["Candidate Number", "Surname", "Forenames"], ["7", "Evans", "Siân"],
                              ["0007", "Khan", "Amir"]],
        3, "Candidate Number", "candidate number 0007 is on rows 2 and 3"),
    "candidates: one ULN, two numbers": (
        "candidates", "csv", [["Candidate Number", "Surname", "Forenames", "ULN"],
                              ["7", "Evans", "Siân", "9276308686"], ["8", "Khan", "Amir", "9276308686"]],
        3, "ULN", "row 2 gives this ULN to candidate 0007"),
    "timetable: one paper, two titles": (
        "timetable", "csv", [["Date", "Session", "Board", "Code", "Title", "Duration"],
                             [ON, "AM", "AQA", "8700/1", "English Language 1", "105"],
                             [ON, "AM", "AQA", "8700/1", "English Literature 1", "105"]],
        3, "Code", "is on rows 2 and 3"),
    "arrangements: one candidate, one type, two extra times": (
        "arrangements", "csv", [["Candidate Number", "Arrangement", "Extra Time %"],
                                ["1", "25% extra time", "25"], ["1", "25% extra time", "20"]],
        3, "Arrangement", "candidate 0001 has this arrangement on rows 2 and 3"),
    "plan: one new task, two owners": (
        "plan", "xlsx", [["ID", "Task", "Owner", "Due"], ["", "Order papers", "Exams officer", DUE],
                         ["", "Order papers", "SENCo", DUE]],
        3, None, "the same task and due date as row 2 with different details"),
    "invigilators: one name, two phones": (
        "invigilators", "csv", [["Name", "Phone"], ["Grace Hopper", "01234"], ["grace hopper", "05678"]],
        3, "Name", "is also on row 2"),
    "availability: one session, two answers": (
        "availability", "csv", [["Name", "Date", "Session", "Available"], ["Ada Lovelace", ON, "AM", "Yes"],
                                ["Ada Lovelace", ON, "All", "No"]],
        3, None, "row 2 gives the opposite answer for Ada Lovelace"),
    "rooms: one room, two capacities": (
        "rooms", "csv", [["Room", "Capacity"], ["Hall", "120"], ["HALL", "100"]],
        3, "Room", "is also on row 2"),
}


@pytest.mark.parametrize("case", CONFLICTS)
def test_two_rows_that_disagree_are_refused_naming_both(tmp_path: Path, centre: Path, capsys: Capture,
                                                        case: str) -> None:
    kind, suffix, rows, row, column, says = CONFLICTS[case]
    path = write(tmp_path / f"{kind}.{suffix}", rows)
    before = audit_rows(centre)
    code, out, err = run(capsys, "import", kind, path, "--db", centre)
    line = one_line(err)
    assert (code, out) == (2, "")
    where = f"eoffice: {path}, row {row}" + (f", column {column!r}" if column else "") + ": "
    assert line.startswith(where), line
    assert says in line and re.search(r"\brow 2\b|rows 2 and 3", line), line
    assert audit_rows(centre) == before  # nothing written


def test_the_same_key_date_twice_is_added_once_and_said_so(tmp_path: Path, centre: Path, capsys: Capture) -> None:
    row = [ON, "Entries due", "Summer", "AQA", "Entries"]
    path = write(tmp_path / "kd.csv", [["Date", "Title", "Series", "Body", "Category"], row, row])
    code, out, _err = run(capsys, "import", "keydates", path, "--db", centre)
    assert code == 0
    assert out.splitlines()[:3] == [f"row 2: add 'Entries due' on {ON}",
                                    f"row 3: unchanged 'Entries due' on {ON} (the same as row 2)",
                                    "1 added, 1 unchanged"]


def test_the_same_entry_or_answer_twice_is_no_conflict(tmp_path: Path, centre: Path, capsys: Capture) -> None:
    path = write(tmp_path / "av.csv", [["Name", "Date", "Session", "Available"], ["Ada Lovelace", ON, "AM", "Yes"],
                                       ["Ada Lovelace", ON, "AM", "Yes"]])
    code, out, _err = run(capsys, "import", "availability", path, "--db", centre)
    assert code == 0 and out.splitlines()[-1] == "1 added, 0 changed, 0 unchanged"
