"""The annual exams plan: deleting tasks and setting statuses in bulk, each with its undo."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.db.session import Database
from eoffice.domain import plan
from eoffice.errors import InputError
from tests.conftest import TODAY
from tests.domain.plan_helpers import YEAR, audit_rows, fields

# --- delete and undo ------------------------------------------------------------------


def test_delete_then_restore_brings_back_the_same_tasks(db: Database) -> None:
    with db.session() as session:
        keep = plan.add_task(session, YEAR, fields(title="Keep"))
        a = plan.add_task(
            session,
            YEAR,
            fields(title="A", status="done", done_on=date(2026, 9, 20), start=date(2026, 9, 2), notes="n"),
            template_key="a-key",
        )
        b = plan.add_task(session, YEAR, fields(title="B", status="in_progress", date_rule="weekday"))
    before = audit_rows(db)
    with db.session() as session:
        gone = plan.delete_tasks(session, [a.id, b.id])
    assert gone == [a, b]
    assert audit_rows(db)[len(before) :] == [
        ("delete", "plan_task", str(a.id), "task deleted from 2026/27"),
        ("delete", "plan_task", str(b.id), "task deleted from 2026/27"),
    ]
    with db.session() as session:
        assert plan.tasks(session, YEAR) == [keep]

    with db.session() as session:
        plan.restore_tasks(session, gone)
    with db.session() as session:
        assert plan.task(session, a.id) == a
        assert plan.task(session, b.id) == b
        assert plan.task(session, a.id).done_on == date(2026, 9, 20)
        assert sorted(plan.tasks(session, YEAR), key=lambda t: t.id) == [keep, a, b]
    assert audit_rows(db)[len(before) + 2 :] == [
        ("create", "plan_task", str(a.id), "task added to 2026/27"),
        ("create", "plan_task", str(b.id), "task added to 2026/27"),
    ]


def test_delete_and_restore_in_one_session(db: Database) -> None:
    with db.session() as session:
        added = plan.add_task(session, YEAR, fields(status="done", done_on=date(2026, 9, 30)))
        gone = plan.delete_tasks(session, [added.id])
        assert plan.count_tasks(session, YEAR) == 0
        plan.restore_tasks(session, gone)
        assert plan.tasks(session, YEAR) == [added]
    with db.session() as session:
        assert plan.tasks(session, YEAR) == [added]


def test_deleting_an_unknown_task_deletes_nothing(db: Database) -> None:
    with db.session() as session:
        added = plan.add_task(session, YEAR, fields())
    before = audit_rows(db)
    with db.session() as session, pytest.raises(InputError, match="there is no task 999"):
        plan.delete_tasks(session, [added.id, 999])
    with db.session() as session:
        assert plan.tasks(session, YEAR) == [added]
    assert audit_rows(db) == before


# --- status in bulk and undo ----------------------------------------------------------


def test_set_status_then_put_back_restores_the_exact_fields(db: Database) -> None:
    with db.session() as session:
        a = plan.add_task(session, YEAR, fields(title="A"))
        b = plan.add_task(session, YEAR, fields(title="B", status="in_progress", notes="half way"))
        c = plan.add_task(session, YEAR, fields(title="C", status="not_applicable"))
    before = audit_rows(db)
    with db.session() as session:
        previous = plan.set_status(session, [a.id, b.id, c.id], "done", today=TODAY)
    assert previous == {a.id: a.fields, b.id: b.fields, c.id: c.fields}
    with db.session() as session:
        assert [(t.status, t.done_on) for t in plan.tasks(session, YEAR)] == [("done", TODAY)] * 3
        assert plan.task(session, b.id).notes == "half way"
    assert audit_rows(db)[len(before) :] == [
        ("update", "plan_task", str(t.id), "changed: status, done_on") for t in (a, b, c)
    ]

    with db.session() as session:
        plan.put_back_fields(session, previous)
    with db.session() as session:
        assert plan.task(session, a.id) == a
        assert plan.task(session, b.id) == b
        assert plan.task(session, c.id) == c
    assert len(audit_rows(db)) == len(before) + 6


def test_reopening_done_tasks_and_undoing_keeps_the_done_dates(db: Database) -> None:
    with db.session() as session:
        a = plan.add_task(session, YEAR, fields(title="A", status="done", done_on=date(2026, 9, 14)))
        b = plan.add_task(session, YEAR, fields(title="B", status="done", done_on=date(2026, 10, 2)))
    with db.session() as session:
        previous = plan.set_status(session, [a.id, b.id], "in_progress", today=TODAY)
        assert [(t.status, t.done_on) for t in plan.tasks(session, YEAR)] == [("in_progress", None)] * 2
    with db.session() as session:
        plan.put_back_fields(session, previous)
    with db.session() as session:
        assert plan.task(session, a.id).fields == fields(title="A", status="done", done_on=date(2026, 9, 14))
        assert plan.task(session, b.id).fields == fields(title="B", status="done", done_on=date(2026, 10, 2))


def test_a_refused_status_rolls_back_the_whole_batch(db: Database) -> None:
    with db.session() as session:
        a = plan.add_task(session, YEAR, fields(title="A"))
        b = plan.add_task(session, YEAR, fields(title="B"))
    before = audit_rows(db)
    with pytest.raises(InputError, match="'finished' is not a status"), db.session() as session:
        plan.set_status(session, [a.id, b.id], "finished", today=TODAY)
    with pytest.raises(InputError, match="there is no task 999"), db.session() as session:
        plan.set_status(session, [a.id, 999], "done", today=TODAY)
    with db.session() as session:
        assert plan.tasks(session, YEAR) == [a, b]
    assert audit_rows(db) == before


def test_marking_an_already_done_task_done_keeps_its_done_date(db: Database) -> None:
    with db.session() as session:
        done = plan.add_task(session, YEAR, fields(title="Done", status="done", done_on=date(2026, 9, 14)))
        todo = plan.add_task(session, YEAR, fields(title="Todo"))
    with db.session() as session:
        plan.set_status(session, [done.id, todo.id], "done", today=TODAY)
    with db.session() as session:
        assert plan.task(session, todo.id).done_on == TODAY
        assert plan.task(session, done.id).done_on == date(2026, 9, 14)
