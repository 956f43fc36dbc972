"""Dates a plan import should question, and the same new row twice in one file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eoffice.db.session import Database
from eoffice.domain import plan
from eoffice.domain.series import stored_years
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from tests.io.test_plan_import import YEAR, all_tasks, audit_count, bad, edit, exported, run_import

__all__ = ["exported"]  # the fixture, shared with the round-trip tests


def test_a_new_task_far_beyond_the_stored_years_is_refused(db: Database, exported: Path) -> None:
    """Stored years here: 2026/27 only, so a new task may fall in 2026/27 or 2027/28."""
    error = bad(db, exported, {"Task": "Book the hall", "Due": "03/03/2072"}, new_row=True)
    row = len(all_tasks(db)) + 2
    assert (error.row, error.column) == (row, "Due")
    assert error.reason == (
        "the due date 03/03/2072 is in 2071/72, which is not a year in this database; "
        "a new task must fall in 2026/27 or 2027/28"
    )
    with db.session() as session:
        assert stored_years(session) == [YEAR]  # no 2071/72 made on the way


def test_a_new_task_in_a_year_long_past_is_refused_too(db: Database, exported: Path) -> None:
    error = bad(db, exported, {"Task": "Book the hall", "Due": "03/03/2019"}, new_row=True)
    assert error.column == "Due" and "2018/19, which is not a year in this database" in error.reason


def test_a_done_on_date_after_today_is_refused(db: Database, exported: Path) -> None:
    error = bad(db, exported, {"Status": "Done", "Done on": "01/01/2031"})
    assert (error.row, error.column) == (6, "Done on")
    assert error.reason.startswith("the done-on date 01/01/2031 is after today (23/11/2026)")


def test_a_future_done_on_is_refused_on_a_new_row_as_well(db: Database, exported: Path) -> None:
    error = bad(db, exported, {"Task": "Book the hall", "Due": "03/03/2027", "Status": "Done", "Done on": "24/11/2026"}, new_row=True)
    assert error.column == "Done on" and "is after today" in error.reason


def test_a_start_years_before_the_task_is_refused(db: Database, exported: Path) -> None:
    error = bad(db, exported, {"Start": "01/01/2019"})
    assert (error.row, error.column) == (6, "Start")
    assert error.reason == "the start date 01/01/2019 is more than a year before 2026/27 begins; start on or after 01/09/2025"


def test_a_start_within_the_year_before_is_accepted(db: Database, exported: Path) -> None:
    target = all_tasks(db)[4]
    edit(exported, {(target.id, "Start"): "01/09/2025"})
    assert run_import(db, exported)[-1].startswith("1 updated")
    with db.session() as session:
        assert plan.task(session, target.id).start == date(2025, 9, 1)


def test_the_same_new_row_twice_in_one_file_is_added_once(db: Database, exported: Path) -> None:
    row = {"Task": "Order modified papers", "Phase": "entries", "Due": "31/01/2027", "Notes": "for Zoë"}
    edit(exported, {}, [row, dict(row)])
    first = len(all_tasks(db)) + 2
    dry = run_import(db, exported, dry_run=True)
    assert dry[-3:] == [
        f"row {first}: add 'Order modified papers' due 31/01/2027",
        f"row {first + 1}: the same new task as row {first}; it is added once",
        f"0 to update, 1 to add, {first - 2} unchanged, 1 repeated row",
    ]
    before = len(all_tasks(db))
    assert run_import(db, exported)[-1] == f"0 updated, 1 added, {before} unchanged, 1 repeated row"
    assert sum(t.title == "Order modified papers" for t in all_tasks(db)) == 1


def test_two_new_rows_with_one_title_and_due_but_different_details_are_refused(db: Database, exported: Path) -> None:
    before, n_audit = all_tasks(db), audit_count(db)
    row = {"Task": "Order modified papers", "Due": "31/01/2027", "Owner": "SENCo"}
    edit(exported, {}, [row, {**row, "Owner": "Finance"}])
    first = len(before) + 2
    with pytest.raises(InputError) as caught:
        run_import(db, exported)
    assert str(caught.value).endswith(
        f"row {first + 1}: the same task and due date as row {first} with different details; keep one row"
    )
    assert all_tasks(db) == before and audit_count(db) == n_audit


def test_the_year_after_the_last_stored_one_is_open(db: Database, exported: Path) -> None:
    edit(exported, {}, [{"Task": "Plan next year", "Due": "14/09/2027"}])
    run_import(db, exported)
    with db.session() as session:
        assert [t.title for t in plan.tasks(session, AcademicYear(2027))] == ["Plan next year"]
