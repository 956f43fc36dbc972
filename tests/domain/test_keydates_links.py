"""Plan tasks linked to a key date move with it, but never out of their academic year."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from eoffice.db.session import Database
from eoffice.domain import audit, keydates, plan
from eoffice.domain.keydates import KeyDateFields, linked_tasks
from eoffice.domain.plan import TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

YEAR = AcademicYear(2026)
FRIDAY = date(2027, 2, 19)


def _key_date(session: Session, on: date = FRIDAY) -> int:
    fields = KeyDateFields(on=on, title="AQA: summer entries", series="Summer", body="AQA", category="entries")
    return keydates.add_key_date(session, YEAR, fields).id


def _linked(session: Session, key_date_id: int, title: str, due: date, start: date | None = None) -> int:
    task = plan.add_task(session, YEAR, TaskFields(title, "entries", "exams_officer", due, start=start))
    keydates.link_task(session, task.id, key_date_id)
    return task.id


def test_shift_linked_tasks_moves_due_and_start_and_audits_each(db: Database) -> None:
    with db.session() as session:
        record = _key_date(session)
        first = _linked(session, record, "Collect entries", date(2027, 2, 5), start=date(2027, 1, 25))
        second = _linked(session, record, "Submit entries", FRIDAY)
        loose = plan.add_task(session, YEAR, TaskFields("Unrelated", "other", "exams_officer", date(2027, 2, 5)))
        assert keydates.linked_task_ids(session, record) == [first, second]
        before = audit.count(session)
        shift = linked_tasks.shift_linked_tasks(session, record, 3)
        assert (shift.days, shift.moving, shift.staying, shift.explanation()) == (3, (first, second), (), "")
        session.flush()
        moved = plan.task(session, first)
        assert (moved.start, moved.due) == (date(2027, 1, 28), date(2027, 2, 8))
        assert plan.task(session, second).due == date(2027, 2, 22)
        assert plan.task(session, loose.id).due == date(2027, 2, 5)
        assert audit.count(session) == before + 2
        summaries = [(e.entity, e.entity_id, e.summary) for e in audit.entries(session, limit=2)]
        assert sorted(summaries) == [
            ("plan_task", str(first), "moved +3 days with its key date"),
            ("plan_task", str(second), "moved +3 days with its key date"),
        ]
        linked_tasks.move_tasks(session, shift.moving, -3)
        session.flush()
        assert plan.task(session, first).due == date(2027, 2, 5)


def test_tasks_that_would_leave_the_year_stay_and_the_rest_move(db: Database) -> None:
    with db.session() as session:
        record = _key_date(session, date(2027, 8, 20))
        inside = _linked(session, record, "Results day staffing", date(2027, 8, 13))
        late = _linked(session, record, "Certificates to post", date(2027, 8, 27))
        shift = linked_tasks.shift_linked_tasks(session, record, 7)
        session.flush()
        assert shift.moving == (inside,)
        assert [(t.task_id, t.title) for t in shift.staying] == [(late, "Certificates to post")]
        assert plan.task(session, inside).due == date(2027, 8, 20)
        assert plan.task(session, late).due == date(2027, 8, 27)  # not moved
        assert shift.explanation() == (
            "Linked tasks that would leave the academic year stay where they are:\n"
            "• “Certificates to post”: its due date would move from 27/08/2027 to 03/09/2027, "
            "after 2026/27 ends on 31/08/2027."
        )


def test_a_start_date_pulled_before_the_first_of_september_keeps_the_task_where_it_is(db: Database) -> None:
    with db.session() as session:
        record = _key_date(session, date(2026, 9, 25))
        task = _linked(session, record, "Brief new invigilators", date(2026, 9, 18), start=date(2026, 9, 3))
        planned = linked_tasks.planned_shift(session, record, -5)
        assert planned.moving == ()
        assert planned.staying[0].reason == (
            "its start date would move from 03/09/2026 to 29/08/2026, before 2026/27 starts on 01/09/2026")
        assert (plan.task(session, task).due, plan.task(session, task).start) == (date(2026, 9, 18), date(2026, 9, 3))


def test_both_dates_outside_are_named_together(db: Database) -> None:
    with db.session() as session:
        record = _key_date(session, date(2027, 8, 2))
        _linked(session, record, "Summer clear-up", date(2027, 8, 25), start=date(2027, 8, 24))
        reason = linked_tasks.planned_shift(session, record, 10).staying[0].reason
    assert reason == (
        "its due date would move from 25/08/2027 to 04/09/2027, after 2026/27 ends on 31/08/2027; "
        "its start date would move from 24/08/2027 to 03/09/2027, after 2026/27 ends on 31/08/2027"
    )


def test_planning_writes_nothing(db: Database) -> None:
    with db.session() as session:
        record = _key_date(session)
        task = _linked(session, record, "Collect entries", date(2027, 2, 5))
        before = audit.count(session)
        assert linked_tasks.planned_shift(session, record, 4).moving == (task,)
        assert plan.task(session, task).due == date(2027, 2, 5) and audit.count(session) == before


def test_moving_a_task_that_is_gone_is_refused(db: Database) -> None:
    with db.session() as session, pytest.raises(InputError, match="there is no task 999"):
        linked_tasks.move_tasks(session, [999], 3)
