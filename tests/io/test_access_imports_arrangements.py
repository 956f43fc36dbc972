"""Arrangements imported over stored ones: a blank optional cell changes nothing, and an
arrangement made Approved with no approval date is approved today, as the arrangement
dialog does when its status is changed to Approved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from eoffice.db.session import Database
from eoffice.domain import access
from eoffice.domain.access import ArrangementFields, CandidateFields
from eoffice.io.arrangement_import import apply_arrangements, check_arrangements, read_arrangements
from tests.conftest import TODAY
from tests.io.access_import_helpers import KINDS, refused, table_file

HEADERS = ["Candidate Number", "Arrangement", "Status", "Approved On", "Expires On", "Reference"]
STORED = access.new_fields("extra_time_25", status="approved", approved_on=date(2026, 3, 15),
                           expires_on=date(2028, 5, 15), reference="AAO123", notes="tried rest breaks first",
                           rest_minutes_per_hour=5)


def _stored(session: Session, fields: ArrangementFields = STORED) -> int:
    """Candidate 0012 with one arrangement; returns the arrangement's id."""
    candidate = access.add_candidate(session, CandidateFields(12, "Evans", "Siân"), today=TODAY)
    return access.add_arrangement(session, candidate.id, fields).id


def _check(session: Session, folder: Path, kind: str, *rows: list[object], headers: list[str] = HEADERS):
    return check_arrangements(session, read_arrangements(table_file(folder, "a", kind, [headers, *rows])), today=TODAY)


@pytest.mark.parametrize("kind", KINDS)
def test_blank_optional_cells_leave_a_stored_arrangement_as_it_was(db: Database, tmp_path: Path, kind: str) -> None:
    """The reviewer's file: ``12,25% extra time,,,,`` once wiped the approval date, the
    expiry and the reference, leaving an approval that counted on exam day for ever."""
    with db.session() as session:
        arrangement_id = _stored(session)
        result = _check(session, tmp_path, kind, [12, "25% extra time", "", "", "", ""])
        assert (result.lines(), result.unchanged) == ([], 1)
        apply_arrangements(session, result)
        assert access.arrangement(session, arrangement_id).fields == STORED


@pytest.mark.parametrize("kind", KINDS)
def test_every_optional_column_blank_changes_nothing(db: Database, tmp_path: Path, kind: str) -> None:
    headers = ["Candidate Number", "Arrangement", "Extra Time %", "Rest Minutes Per Hour", "Status", "Approved On",
               "Expires On", "Reference", "Notes"]
    with db.session() as session:
        _stored(session)
        result = _check(session, tmp_path, kind, [12, "25% extra time", *[""] * 7], headers=headers)
    assert (result.lines(), result.unchanged) == ([], 1)


@pytest.mark.parametrize("kind", KINDS)
def test_a_filled_cell_changes_only_its_field(db: Database, tmp_path: Path, kind: str) -> None:
    with db.session() as session:
        arrangement_id = _stored(session)
        result = _check(session, tmp_path, kind, [12, "25% extra time", "", "", "", "AAO999"])
        (line,) = result.lines()
        assert line == f"row 2: update arrangement {arrangement_id} for candidate 0012: reference"
        apply_arrangements(session, result)
        assert access.arrangement(session, arrangement_id).fields == replace(STORED, reference="AAO999")


def test_a_new_approval_date_works_out_the_expiry_again(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        arrangement_id = _stored(session)
        apply_arrangements(session, _check(session, tmp_path, "csv", [12, "25% extra time", "", "01/04/2026", "", ""]))
        found = access.arrangement(session, arrangement_id)
    assert (found.approved_on, found.expires_on, found.fields.reference) == (date(2026, 4, 1), date(2028, 6, 1), "AAO123")


@pytest.mark.parametrize("kind", KINDS)
def test_approved_with_no_date_anywhere_is_approved_today_and_says_so(db: Database, tmp_path: Path, kind: str) -> None:
    """As the dialog does when its status is set to Approved: the date is today, and the
    report says so, so a dry run shows it before anything is written."""
    applied = replace(STORED, status="applied", approved_on=None, expires_on=None)
    with db.session() as session:
        arrangement_id = _stored(session, applied)
        result = _check(session, tmp_path, kind, [12, "25% extra time", "Approved", "", "", ""],
                        [12, "Reader", "approved", "", "", ""])
        assert result.lines() == [
            f"row 2: update arrangement {arrangement_id} for candidate 0012: status, approved_on, expires_on; "
            "approval date taken as today, 23/11/2026, as no Approved On was given",
            "row 3: add arrangement for candidate 0012; approval date taken as today, 23/11/2026, "
            "as no Approved On was given",
        ]
        apply_arrangements(session, result)
        found = {r.kind: r for r in access.arrangements(session)}
    assert {(k, r.status, r.approved_on, r.expires_on) for k, r in found.items()} == {
        ("extra_time_25", "approved", TODAY, date(2029, 1, 23)), ("reader", "approved", TODAY, date(2029, 1, 23))}


def test_approved_keeps_a_stored_approval_date(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        arrangement_id = _stored(session, replace(STORED, status="applied"))
        result = _check(session, tmp_path, "csv", [12, "25% extra time", "Approved", "", "", ""])
        assert result.lines() == [f"row 2: update arrangement {arrangement_id} for candidate 0012: status"]


def test_an_expiry_before_an_approval_taken_as_today_says_where_the_date_came_from(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        _stored(session, replace(STORED, status="applied", approved_on=None, expires_on=None))
        error = refused(_check, session, tmp_path, "csv", [12, "25% extra time", "Approved", "", "01/09/2026", ""])
    assert (error.row, error.column) == (2, "Expires On")
    assert error.reason == ("the expiry date 01/09/2026 is before the approval date, taken as today (23/11/2026) "
                            "as no Approved On was given; add Approved On")


def test_an_arrangement_already_approved_without_a_date_is_left_as_it_was(db: Database, tmp_path: Path) -> None:
    """As in the dialog, only a change to Approved brings today's date: the register read
    back with its "Approved" and blank date changes nothing."""
    undated = replace(STORED, approved_on=None, expires_on=None)
    with db.session() as session:
        arrangement_id = _stored(session, undated)
        result = _check(session, tmp_path, "csv", [12, "25% extra time", "Approved", "", "", ""])
        assert (result.lines(), result.unchanged) == ([], 1)
        assert access.arrangement(session, arrangement_id).fields == undated
