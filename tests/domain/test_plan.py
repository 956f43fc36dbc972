"""The annual exams plan: validating a task, adding, reading and updating it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.session import Database
from eoffice.domain import audit, plan
from eoffice.domain.plan import validate_task
from eoffice.domain.series import ensure_year
from eoffice.errors import InputError
from tests.conftest import TODAY, FrozenClock
from tests.domain.plan_helpers import NEXT, YEAR, audit_rows, fields, task_rows

# --- validate_task ------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\t\n "])
def test_a_blank_title_is_refused(blank: str) -> None:
    with pytest.raises(InputError, match="the task needs a title"):
        validate_task(fields(title=blank), YEAR)


def test_title_whitespace_is_collapsed_and_notes_trimmed() -> None:
    clean = validate_task(fields(title="  Book   the\tsports\nhall ", notes="  Ring the caretaker.\n"), YEAR)
    assert clean.title == "Book the sports hall"
    assert clean.notes == "Ring the caretaker."
    assert clean == fields(notes="Ring the caretaker.")


def test_a_title_of_300_characters_is_the_longest_allowed() -> None:
    assert validate_task(fields(title="x" * 300), YEAR).title == "x" * 300
    with pytest.raises(InputError, match="longer than 300 characters"):
        validate_task(fields(title="x" * 301), YEAR)


@pytest.mark.parametrize(("due", "shown"), [(date(2027, 9, 1), "01/09/2027"), (date(2026, 8, 31), "31/08/2026")])
def test_a_due_date_outside_the_academic_year_is_refused(due: date, shown: str) -> None:
    with pytest.raises(InputError) as caught:
        validate_task(fields(due=due), YEAR)
    message = str(caught.value)
    assert message == f"the due date {shown} is outside 2026/27 (01/09/2026 to 31/08/2027)"
    assert "01/09/2026 to 31/08/2027" in message


@pytest.mark.parametrize("due", [date(2026, 9, 1), date(2027, 8, 31), date(2027, 2, 28)])
def test_the_first_and_last_days_of_the_year_are_inside_it(due: date) -> None:
    assert validate_task(fields(due=due), YEAR).due == due


def test_a_start_after_the_due_date_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        validate_task(fields(start=date(2026, 10, 2), due=date(2026, 10, 1)), YEAR)
    assert str(caught.value) == "the start date 02/10/2026 is after the due date 01/10/2026"
    same_day = validate_task(fields(start=date(2026, 10, 1), due=date(2026, 10, 1)), YEAR)
    assert same_day.start == date(2026, 10, 1)


@pytest.mark.parametrize(
    ("name", "value", "what"),
    [
        ("phase", "marking", "phase"),
        ("owner", "caretaker", "owner"),
        ("status", "finished", "status"),
        ("date_rule", "monthly", "date rule"),
        ("phase", "", "phase"),
    ],
)
def test_unknown_vocabulary_is_refused(name: str, value: str, what: str) -> None:
    with pytest.raises(InputError) as caught:
        validate_task(fields(**{name: value}), YEAR)
    assert str(caught.value).startswith(f"{value!r} is not a {what}; use one of: ")


def test_unknown_status_message_names_the_options() -> None:
    with pytest.raises(InputError) as caught:
        validate_task(fields(status="finished"), YEAR)
    assert str(caught.value) == "'finished' is not a status; use one of: Not started, In progress, Done, Not applicable, Before eoffice"


def test_done_without_a_date_is_done_today(frozen_clock: FrozenClock) -> None:
    assert validate_task(fields(status="done"), YEAR, today=TODAY).done_on == TODAY
    frozen_clock.set(datetime(2027, 2, 1, 23, 30))  # late on a Monday evening in the UK
    assert validate_task(fields(status="done"), YEAR).done_on == date(2027, 2, 1)


def test_done_with_a_date_keeps_it() -> None:
    clean = validate_task(fields(status="done", done_on=date(2026, 9, 20)), YEAR, today=TODAY)
    assert clean.done_on == date(2026, 9, 20)


@pytest.mark.parametrize("status", ["not_started", "in_progress", "not_applicable"])
def test_a_status_other_than_done_clears_the_done_date(status: str) -> None:
    clean = validate_task(fields(status=status, done_on=date(2026, 9, 20)), YEAR, today=TODAY)
    assert clean.status == status
    assert clean.done_on is None


# --- add, read ------------------------------------------------------------------------


def test_add_task_saves_the_cleaned_fields(db: Database) -> None:
    with db.session() as session:
        added = plan.add_task(session, YEAR, fields(title=" Book  the sports hall ", status="done"), today=TODAY)
    assert added.year == YEAR
    assert added.template_key is None
    assert added.fields == fields(status="done", done_on=TODAY)
    with db.session() as session:
        assert plan.task(session, added.id) == added
        assert plan.tasks(session, YEAR) == [added]
        assert plan.count_tasks(session, YEAR) == 1
        assert plan.count_tasks(session, NEXT) == 0
        assert plan.tasks(session, NEXT) == []


def test_task_shortcuts(db: Database) -> None:
    with db.session() as session:
        added = plan.add_task(
            session,
            YEAR,
            fields(start=date(2026, 9, 20), notes="Ask the caretaker", date_rule="weekday"),
            template_key="hall",
        )
    assert (added.title, added.phase, added.owner) == ("Book the sports hall", "planning", "exams_officer")
    assert (added.start, added.due) == (date(2026, 9, 20), date(2026, 10, 1))
    assert (added.status, added.done_on) == ("not_started", None)
    assert (added.notes, added.date_rule, added.template_key) == ("Ask the caretaker", "weekday", "hall")
    assert added.urgency(date(2026, 9, 20)) == "Due soon"
    assert added.urgency(date(2026, 10, 2)) == "Overdue"
    assert added.urgency(date(2026, 9, 1)) is None


def test_tasks_are_listed_by_due_date_then_id(db: Database) -> None:
    with db.session() as session:
        late = plan.add_task(session, YEAR, fields(title="Late", due=date(2027, 6, 1)))
        early = plan.add_task(session, YEAR, fields(title="Early", due=date(2026, 9, 5)))
        twin = plan.add_task(session, YEAR, fields(title="Twin", due=date(2027, 6, 1)))
        plan.add_task(session, NEXT, fields(title="Other year", due=date(2027, 9, 5)))
    with db.session() as session:
        assert [t.title for t in plan.tasks(session, YEAR)] == ["Early", "Late", "Twin"]
        assert [t.id for t in plan.tasks(session, YEAR)] == [early.id, late.id, twin.id]
        assert [t.title for t in plan.tasks(session, NEXT)] == ["Other year"]


def test_there_is_no_task_999(db: Database) -> None:
    with db.session() as session, pytest.raises(InputError, match="there is no task 999"):
        plan.task(session, 999)


def test_add_task_audits_the_task_and_a_new_year(db: Database) -> None:
    with db.session() as session:
        added = plan.add_task(session, YEAR, fields())
    assert audit_rows(db) == [
        ("create", "academic_year", "2026/27", "year 2026/27 added"),
        ("create", "plan_task", str(added.id), "task added to 2026/27"),
    ]
    with db.session() as session:
        second = plan.add_task(session, YEAR, fields(title="Second"))
    assert audit_rows(db)[2:] == [("create", "plan_task", str(second.id), "task added to 2026/27")]


def test_a_refused_task_writes_nothing(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(InputError, match="outside 2026/27"):
            plan.add_task(session, YEAR, fields(due=date(2027, 9, 1)))
        assert not session.new
        assert audit.count(session) == 0
        assert session.scalar(select(func.count()).select_from(YearRow)) == 0  # not even the year
    assert task_rows(db) == 0
    assert audit_rows(db) == []


def test_an_error_inside_a_unit_of_work_rolls_back_all_of_it(db: Database) -> None:
    with pytest.raises(InputError, match="needs a title"), db.session() as session:
        plan.add_task(session, YEAR, fields(title="Good"))
        plan.add_task(session, YEAR, fields(title="  "))
    assert task_rows(db) == 0
    assert audit_rows(db) == []
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(YearRow)) == 0


# --- update ---------------------------------------------------------------------------


def test_update_task_changes_fields_and_audits_what_changed(db: Database) -> None:
    with db.session() as session:
        added = plan.add_task(session, YEAR, fields())
    before = audit_rows(db)
    with db.session() as session:
        updated = plan.update_task(session, added.id, fields(title="Book the main hall", due=date(2026, 10, 8)))
    assert updated.id == added.id
    assert updated.fields == fields(title="Book the main hall", due=date(2026, 10, 8))
    assert audit_rows(db)[len(before) :] == [("update", "plan_task", str(added.id), "changed: title, due")]
    with db.session() as session:
        assert plan.task(session, added.id) == updated


def test_an_identical_update_writes_no_audit_entry(db: Database) -> None:
    with db.session() as session:
        added = plan.add_task(session, YEAR, fields(notes="Same"))
    before = audit_rows(db)
    with db.session() as session:
        again = plan.update_task(session, added.id, fields(title="  Book the   sports hall", notes=" Same "))
    assert again == added
    assert audit_rows(db) == before


def test_update_to_done_and_back(db: Database) -> None:
    with db.session() as session:
        added = plan.add_task(session, YEAR, fields())
        done = plan.update_task(session, added.id, fields(status="done"), today=TODAY)
        assert (done.status, done.done_on) == ("done", TODAY)
        reopened = plan.update_task(session, added.id, replace(done.fields, status="in_progress"), today=TODAY)
        assert (reopened.status, reopened.done_on) == ("in_progress", None)
    with db.session() as session:
        assert plan.task(session, added.id).fields == fields(status="in_progress")


def test_a_refused_update_changes_nothing(db: Database) -> None:
    with db.session() as session:
        added = plan.add_task(session, YEAR, fields())
    before = audit_rows(db)
    with db.session() as session:
        with pytest.raises(InputError, match="01/09/2026 to 31/08/2027"):
            plan.update_task(session, added.id, fields(title="New", due=date(2027, 9, 30)))
        assert not session.dirty
        assert plan.task(session, added.id) == added
    with db.session() as session, pytest.raises(InputError, match="there is no task 999"):
        plan.update_task(session, 999, fields())
    assert audit_rows(db) == before
    with db.session() as session:
        assert plan.task(session, added.id) == added


def test_ensure_year_first_then_add_audits_only_the_task(db: Database) -> None:
    with db.session() as session:
        ensure_year(session, NEXT)
    before = audit_rows(db)
    with db.session() as session:
        added = plan.add_task(session, NEXT, fields(due=date(2027, 10, 1)))
    assert audit_rows(db)[len(before) :] == [("create", "plan_task", str(added.id), "task added to 2027/28")]
