"""Every refusal names its column: a cell too long for its field is refused under that
field's column, not only by row (the domain's one rule, checked cell by cell)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eoffice.db.session import Database
from eoffice.domain import access
from eoffice.domain.access import timetable
from eoffice.io.candidate_import import check_candidates, read_candidates
from eoffice.io.timetable_import import check_timetable, read_timetable
from tests.conftest import TODAY
from tests.io.access_import_helpers import KINDS, refused, table_file

CANDIDATE_HEADERS = ["Candidate Number", "Surname", "Forenames", "Form"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("row, column, message", [
    ([42, "Evans", "Siân", "F" * 21], "Form", f"the form {'F' * 21!r} is longer than 20 characters"),
    ([42, "E" * 101, "Siân", "11A"], "Surname", "a name is longer than 100 characters"),
    ([42, "Evans", "S" * 101, "11A"], "Forenames", "a name is longer than 100 characters"),
])
def test_a_candidate_cell_too_long_names_its_column(db: Database, tmp_path: Path, kind: str, row: list[object],
                                                    column: str, message: str) -> None:
    path = table_file(tmp_path, "c4", kind, [CANDIDATE_HEADERS, [43, "Khan", "Amir", "11B"], row])
    with db.session() as session:
        error = refused(check_candidates, session, read_candidates(path), today=TODAY)
        assert access.candidates(session) == []
    assert (error.file, error.row, error.column, error.reason) == (path, 3, column, message)


def test_a_column_written_another_way_is_named_as_written(db: Database, tmp_path: Path) -> None:
    path = table_file(tmp_path, "c", "csv", [["Cand No", "Legal Surname", "Forename", "Reg Group"],
                                              [42, "Evans", "Siân", "F" * 21]])
    with db.session() as session:
        error = refused(check_candidates, session, read_candidates(path), today=TODAY)
    assert (error.row, error.column) == (2, "Reg Group")
    assert str(error).startswith(f"{path}, row 2, column 'Reg Group': the form")


TIMETABLE_HEADERS = ["Date", "Session", "Board", "Code", "Title", "Duration", "Qualification"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("column, value, message", [
    ("Board", "B" * 41, "the awarding body is longer than 40 characters"),
    ("Code", "C" * 31, "the paper code is longer than 30 characters"),
    ("Title", "T" * 201, "the title is longer than 200 characters"),
    ("Qualification", "Q" * 41, "the qualification is longer than 40 characters"),
])
def test_a_timetable_cell_too_long_names_its_column(db: Database, tmp_path: Path, kind: str, column: str,
                                                    value: str, message: str) -> None:
    good = ["10/05/2027", "AM", "AQA", "8700/1", "English Language Paper 1", "105", "GCSE"]
    bad = ["11/05/2027", "PM", "AQA", "8702/1", "English Literature Paper 1", "105", "GCSE"]
    bad[TIMETABLE_HEADERS.index(column)] = value
    path = table_file(tmp_path, "t", kind, [TIMETABLE_HEADERS, good, bad])
    with db.session() as session:
        error = refused(check_timetable, session, read_timetable(path))
        assert timetable.papers(session) == []
    assert (error.row, error.column, error.reason) == (3, column, message)
