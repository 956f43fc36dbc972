"""The annual exams plan: validating, editing with undo, the template and rolling forward."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import PlanTask
from eoffice.db.session import Database
from eoffice.domain import audit, plan
from eoffice.domain.plan import Progress, Task, TaskFields, Template, TemplateTask, validate_fields
from eoffice.domain.plan_rules import roll_date
from eoffice.domain.series import ensure_year
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

TODAY = date(2026, 11, 23)
YEAR = AcademicYear(2026)  # the template's reference year
NEXT = AcademicYear(2027)


def fields(**changes: object) -> TaskFields:
    base = TaskFields(title="Book the sports hall", phase="planning", owner="exams_officer", due=date(2026, 10, 1))
    return replace(base, **changes)


def audit_rows(db: Database) -> list[tuple[str, str, str | None, str]]:
    """Oldest first."""
    with db.session() as session:
        ordered = sorted(audit.entries(session), key=lambda e: e.id)
        return [(e.action, e.entity, e.entity_id, e.summary) for e in ordered]


def task_rows(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(PlanTask)) or 0


def template_json() -> dict:
    return json.loads(plan.template_path().read_text(encoding="utf-8"))


# --- validate_fields ------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\t\n "])
def test_a_blank_title_is_refused(blank: str) -> None:
    with pytest.raises(InputError, match="the task needs a title"):
        validate_fields(fields(title=blank), YEAR)


def test_title_whitespace_is_collapsed_and_notes_trimmed() -> None:
    clean = validate_fields(fields(title="  Book   the\tsports\nhall ", notes="  Ring the caretaker.\n"), YEAR)
    assert clean.title == "Book the sports hall"
    assert clean.notes == "Ring the caretaker."
    assert clean == fields(notes="Ring the caretaker.")


def test_a_title_of_300_characters_is_the_longest_allowed() -> None:
    assert validate_fields(fields(title="x" * 300), YEAR).title == "x" * 300
    with pytest.raises(InputError, match="longer than 300 characters"):
        validate_fields(fields(title="x" * 301), YEAR)


@pytest.mark.parametrize(("due", "shown"), [(date(2027, 9, 1), "01/09/2027"), (date(2026, 8, 31), "31/08/2026")])
def test_a_due_date_outside_the_academic_year_is_refused(due: date, shown: str) -> None:
    with pytest.raises(InputError) as caught:
        validate_fields(fields(due=due), YEAR)
    message = str(caught.value)
    assert message == f"the due date {shown} is outside 2026/27 (01/09/2026 to 31/08/2027)"
    assert "01/09/2026 to 31/08/2027" in message


@pytest.mark.parametrize("due", [date(2026, 9, 1), date(2027, 8, 31), date(2027, 2, 28)])
def test_the_first_and_last_days_of_the_year_are_inside_it(due: date) -> None:
    assert validate_fields(fields(due=due), YEAR).due == due


def test_a_start_after_the_due_date_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        validate_fields(fields(start=date(2026, 10, 2), due=date(2026, 10, 1)), YEAR)
    assert str(caught.value) == "the start date 02/10/2026 is after the due date 01/10/2026"
    same_day = validate_fields(fields(start=date(2026, 10, 1), due=date(2026, 10, 1)), YEAR)
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
        validate_fields(fields(**{name: value}), YEAR)
    assert str(caught.value).startswith(f"{value!r} is not a {what}; use one of: ")


def test_unknown_status_message_names_the_options() -> None:
    with pytest.raises(InputError) as caught:
        validate_fields(fields(status="finished"), YEAR)
    assert str(caught.value) == "'finished' is not a status; use one of: Not started, In progress, Done, Not applicable"


def test_done_without_a_date_is_done_today() -> None:
    assert validate_fields(fields(status="done"), YEAR, today=TODAY).done_on == TODAY
    assert validate_fields(fields(status="done"), YEAR).done_on == date.today()


def test_done_with_a_date_keeps_it() -> None:
    clean = validate_fields(fields(status="done", done_on=date(2026, 9, 20)), YEAR, today=TODAY)
    assert clean.done_on == date(2026, 9, 20)


@pytest.mark.parametrize("status", ["not_started", "in_progress", "not_applicable"])
def test_a_status_other_than_done_clears_the_done_date(status: str) -> None:
    clean = validate_fields(fields(status=status, done_on=date(2026, 9, 20)), YEAR, today=TODAY)
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
    with db.session() as session:
        with pytest.raises(InputError, match="there is no task 999"):
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
    with pytest.raises(InputError, match="needs a title"):
        with db.session() as session:
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
    with db.session() as session:
        with pytest.raises(InputError, match="there is no task 999"):
            plan.update_task(session, 999, fields())
    assert audit_rows(db) == before
    with db.session() as session:
        assert plan.task(session, added.id) == added


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
    with db.session() as session:
        with pytest.raises(InputError, match="there is no task 999"):
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
    with pytest.raises(InputError, match="'finished' is not a status"):
        with db.session() as session:
            plan.set_status(session, [a.id, b.id], "finished", today=TODAY)
    with pytest.raises(InputError, match="there is no task 999"):
        with db.session() as session:
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


# --- new year from the template -------------------------------------------------------


def test_the_template_fills_an_empty_year(db: Database) -> None:
    template = plan.load_template()
    by_key = {t.key: t.fields for t in template.tasks}
    with db.session() as session:
        added = plan.new_year_from_template(session, NEXT)
    assert len(added) == len(template.tasks) == 72
    with db.session() as session:
        stored = plan.tasks(session, NEXT)
        assert plan.count_tasks(session, NEXT) == 72
        assert plan.count_tasks(session, YEAR) == 0
    assert sorted(t.id for t in stored) == sorted(t.id for t in added)
    assert {t.template_key for t in stored} == set(by_key)
    for t in stored:
        original = by_key[t.template_key]
        assert (t.status, t.done_on) == ("not_started", None)
        assert (t.title, t.phase, t.owner, t.notes, t.date_rule) == (
            original.title, original.phase, original.owner, original.notes, original.date_rule
        )
        assert NEXT.contains(t.due)
        assert t.due == roll_date(original.due, original.date_rule, 1)
        if t.date_rule == "fixed":
            assert (t.due.day, t.due.month) == (original.due.day, original.due.month)
        else:
            assert t.due.weekday() == original.due.weekday()
            assert abs((t.due - original.due.replace(year=original.due.year + 1)).days) <= 3
        if t.start is not None:
            assert NEXT.start <= t.start <= t.due
    assert audit_rows(db)[-1] == ("create", "plan", "2027/28", "72 tasks from the template")


def test_the_template_in_its_own_year_matches_the_file(db: Database) -> None:
    with db.session() as session:
        added = plan.new_year_from_template(session, YEAR)
    data = template_json()
    assert data["reference_year"] == "2026/27"
    by_key = {t.template_key: t for t in added}
    assert len(by_key) == len(data["tasks"])
    for item in data["tasks"]:
        t = by_key[item["key"]]
        assert t.due == date.fromisoformat(item["due"])
        assert t.start == (date.fromisoformat(item["start"]) if item.get("start") else None)
        assert t.date_rule == item.get("rule", "fixed")


@pytest.mark.parametrize("start_year", [2022, 2023, 2024, 2025, 2027, 2028, 2029, 2030, 2031, 2032, 2035])
def test_the_template_moves_into_any_year(db: Database, start_year: int) -> None:
    year = AcademicYear(start_year)
    template = plan.load_template()
    by_key = {t.key: t.fields for t in template.tasks}
    with db.session() as session:
        added = plan.new_year_from_template(session, year)
    assert len(added) == 72
    for t in added:
        original = by_key[t.template_key]
        assert year.contains(t.due), (t.template_key, t.due)
        if t.start is not None:
            assert year.start <= t.start <= t.due
        if t.date_rule == "fixed":
            assert (t.due.day, t.due.month) == (original.due.day, original.due.month)
        elif t.due not in (year.start, year.end):  # pinned to the edge of the year
            assert t.due.weekday() == original.due.weekday(), t.template_key


@pytest.mark.parametrize(("start_year", "wrong_day"), [(2025, date(2026, 8, 31)), (2029, date(2030, 8, 31))])
def test_every_weekday_task_keeps_its_weekday_in_every_year(db: Database, start_year: int, wrong_day: date) -> None:
    # "next-year-jcq-documents" is due Tuesday 31/08/2027; in 2025/26 it lands on Monday
    # 31/08/2026 and in 2029/30 on Saturday 31/08/2030.
    year = AcademicYear(start_year)
    by_key = {t.key: t.fields for t in plan.load_template().tasks}
    with db.session() as session:
        added = plan.new_year_from_template(session, year)
    moved = {t.template_key: t.due for t in added}
    assert moved["next-year-jcq-documents"] != wrong_day
    for t in added:
        if t.date_rule == "weekday":
            assert t.due.weekday() == by_key[t.template_key].due.weekday(), t.template_key
            assert t.due.weekday() < 5


def test_the_template_refuses_a_year_that_has_tasks(db: Database) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, fields())
    before = audit_rows(db)
    with db.session() as session:
        with pytest.raises(InputError) as caught:
            plan.new_year_from_template(session, YEAR)
        assert not session.new
    assert str(caught.value) == "2026/27 already has 1 task; the template only fills an empty year"
    assert task_rows(db) == 1
    assert audit_rows(db) == before


def test_a_template_of_our_own(db: Database) -> None:
    template = Template(
        YEAR,
        (
            TemplateTask("first-day", fields(title="First day", due=date(2026, 9, 1), date_rule="weekday")),
            TemplateTask("halloween", fields(title="Halloween", due=date(2026, 10, 31))),
        ),
    )
    with db.session() as session:
        added = plan.new_year_from_template(session, NEXT, template)
    first, halloween = added
    # Tuesday 1/9/2026 -> the nearest Tuesday is 31/8/2027, outside 2027/28; kept inside.
    assert NEXT.contains(first.due)
    assert abs((first.due - date(2027, 9, 1)).days) <= 7
    assert halloween.due == date(2027, 10, 31)
    assert [t.template_key for t in added] == ["first-day", "halloween"]


# --- rolling forward ------------------------------------------------------------------


def _year_with_progress(db: Database) -> dict[str, Task]:
    """2026/27 from the template with some progress, plus one task the officer added."""
    with db.session() as session:
        plan.new_year_from_template(session, YEAR)
        by_key = {t.template_key: t for t in plan.tasks(session, YEAR)}
        first, second = sorted(by_key.values(), key=lambda t: t.id)[:2]
        plan.update_task(
            session, first.id, replace(first.fields, status="done", done_on=date(2026, 9, 10), notes="Done early")
        )
        plan.update_task(session, second.id, replace(second.fields, status="not_applicable"))
        custom = plan.add_task(
            session,
            YEAR,
            fields(
                title="Mock exams room plan",
                due=date(2026, 11, 30),
                start=date(2026, 11, 16),
                status="in_progress",
                notes="Ask site team",
            ),
        )
        return {t.template_key or f"task-{custom.id}": t for t in plan.tasks(session, YEAR)}


def test_roll_forward_copies_every_task_with_dates_moved_and_statuses_reset(db: Database) -> None:
    source = _year_with_progress(db)
    custom = next(t for t in source.values() if t.template_key is None)
    with db.session() as session:
        added = plan.roll_forward(session, YEAR, NEXT).added
    assert len(added) == len(source) == 73
    with db.session() as session:
        rolled = {t.template_key: t for t in plan.tasks(session, NEXT)}
        assert plan.count_tasks(session, YEAR) == 73  # the source is untouched
    assert set(rolled) == set(source)
    assert f"task-{custom.id}" in rolled
    for key, t in rolled.items():
        original = source[key]
        assert (t.status, t.done_on) == ("not_started", None)
        assert (t.title, t.phase, t.owner, t.notes, t.date_rule) == (
            original.title, original.phase, original.owner, original.notes, original.date_rule
        )
        assert t.due == roll_date(original.due, original.date_rule, 1)
        assert NEXT.contains(t.due)
    assert rolled[f"task-{custom.id}"].notes == "Ask site team"
    assert rolled[f"task-{custom.id}"].due == date(2027, 11, 30)
    assert rolled[f"task-{custom.id}"].start == date(2027, 11, 16)
    assert [n for n in (t.notes for t in rolled.values()) if n == "Done early"] == ["Done early"]
    assert audit_rows(db)[-1] == ("create", "plan", "2027/28", "73 tasks rolled forward from 2026/27")


def test_rolling_forward_twice_adds_nothing_the_second_time(db: Database) -> None:
    _year_with_progress(db)
    with db.session() as session:
        plan.roll_forward(session, YEAR, NEXT)
    with db.session() as session:
        first = plan.tasks(session, NEXT)
        assert plan.roll_forward(session, YEAR, NEXT).added == ()
    with db.session() as session:
        assert plan.tasks(session, NEXT) == first
        assert plan.count_tasks(session, NEXT) == 73


def test_a_custom_task_added_later_is_rolled_once(db: Database) -> None:
    _year_with_progress(db)
    with db.session() as session:
        plan.roll_forward(session, YEAR, NEXT)
        late = plan.add_task(session, YEAR, fields(title="Late addition", due=date(2027, 3, 3)))
    with db.session() as session:
        [added] = plan.roll_forward(session, YEAR, NEXT).added
    assert (added.title, added.due, added.template_key) == ("Late addition", date(2028, 3, 3), f"task-{late.id}")
    with db.session() as session:
        assert plan.roll_forward(session, YEAR, NEXT).added == ()
        assert plan.count_tasks(session, NEXT) == 74
        assert sum(t.title == "Late addition" for t in plan.tasks(session, NEXT)) == 1


def test_a_rolled_custom_task_keeps_its_origin_on_the_next_roll(db: Database) -> None:
    with db.session() as session:
        custom = plan.add_task(session, YEAR, fields(title="Only mine"))
        plan.roll_forward(session, YEAR, NEXT)
        [rolled] = plan.roll_forward(session, NEXT, AcademicYear(2028)).added
        assert rolled.template_key == f"task-{custom.id}"
        assert rolled.due == date(2028, 10, 1)
        assert plan.roll_forward(session, NEXT, AcademicYear(2028)).added == ()


def test_roll_forward_two_years(db: Database) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, fields(title="Monday", due=date(2026, 9, 7), date_rule="weekday"))
        [rolled] = plan.roll_forward(session, YEAR, AcademicYear(2028)).added
    assert rolled.due == date(2028, 9, 4)


def test_roll_forward_refuses_the_same_year_and_an_empty_source(db: Database) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, fields())
    before = audit_rows(db)
    with db.session() as session:
        with pytest.raises(InputError, match="choose a different year to roll forward into"):
            plan.roll_forward(session, YEAR, YEAR)
        with pytest.raises(InputError) as caught:
            plan.roll_forward(session, AcademicYear(2025), YEAR)
        assert str(caught.value) == "2025/26 has no tasks to roll forward"
        with pytest.raises(InputError, match="2027/28 has no tasks to roll forward"):
            plan.roll_forward(session, NEXT, AcademicYear(2028))
        assert not session.new
    assert task_rows(db) == 1
    assert audit_rows(db) == before


def test_a_weekday_shift_across_the_year_boundary_stays_in_the_target_year(db: Database) -> None:
    with db.session() as session:
        # Tuesday 1/9/2026: the nearest Tuesday a year on is 31/8/2027, in the wrong year.
        first = plan.add_task(
            session, YEAR, fields(title="First", due=date(2026, 9, 1), start=date(2026, 9, 1), date_rule="weekday")
        )
        # Tuesday 31/8/2027: three years on the nearest Tuesday is 3/9/2030, in the wrong year.
        last = plan.add_task(session, YEAR, fields(title="Last", due=date(2027, 8, 31), date_rule="weekday"))
        assert roll_date(first.due, "weekday") == date(2027, 8, 31)
        assert roll_date(last.due, "weekday", 3) == date(2030, 9, 3)
        rolled = {t.title: t for t in plan.roll_forward(session, YEAR, NEXT).added}
        far = {t.title: t for t in plan.roll_forward(session, YEAR, AcademicYear(2029)).added}
    assert NEXT.contains(rolled["First"].due)
    assert NEXT.start <= rolled["First"].start <= rolled["First"].due
    assert abs((rolled["First"].due - date(2027, 9, 1)).days) <= 7
    assert NEXT.contains(rolled["Last"].due)
    assert AcademicYear(2029).contains(far["Last"].due)
    assert AcademicYear(2029).contains(far["First"].due)


# --- progress -------------------------------------------------------------------------


def _t(task_id: int, due: date, status: str, phase: str = "planning") -> Task:
    return Task(task_id, YEAR, fields(due=due, status=status, phase=phase))


def test_progress_by_month_runs_september_to_august() -> None:
    year_tasks = [
        _t(1, date(2026, 9, 5), "done"),
        _t(2, date(2026, 9, 30), "not_started"),
        _t(3, date(2026, 9, 12), "not_applicable"),
        _t(4, date(2027, 1, 10), "done"),
        _t(5, date(2027, 1, 11), "done"),
        _t(6, date(2027, 8, 31), "in_progress"),
        _t(7, date(2027, 3, 1), "not_applicable"),
    ]
    months = plan.progress_by_month(YEAR, year_tasks)
    assert [p.label for p in months] == [
        "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"
    ]
    assert months[0] == Progress("Sep", 1, 2)
    assert months[4] == Progress("Jan", 2, 2)
    assert months[6] == Progress("Mar", 0, 0)  # only a "not applicable" task
    assert months[11] == Progress("Aug", 0, 1)
    assert [(p.done, p.total) for p in months] == [
        (1, 2), (0, 0), (0, 0), (0, 0), (2, 2), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 1)
    ]


def test_progress_by_month_of_nothing() -> None:
    months = plan.progress_by_month(NEXT, [])
    assert len(months) == 12
    assert all((p.done, p.total) == (0, 0) for p in months)


def test_progress_by_phase() -> None:
    year_tasks = [
        _t(1, date(2026, 9, 5), "done", "planning"),
        _t(2, date(2026, 9, 6), "in_progress", "planning"),
        _t(3, date(2026, 9, 7), "not_applicable", "planning"),
        _t(4, date(2027, 1, 10), "done", "entries"),
        _t(5, date(2027, 8, 20), "not_started", "results"),
        _t(6, date(2027, 6, 1), "not_applicable", "exam_time"),
    ]
    assert plan.progress_by_phase(year_tasks) == [
        Progress("Planning", 1, 2),
        Progress("Entries", 1, 1),
        Progress("Pre-exams", 0, 0),
        Progress("Exam time", 0, 0),
        Progress("Results and post-results", 0, 1),
        Progress("Other", 0, 0),
    ]


def test_progress_of_a_stored_year(db: Database) -> None:
    with db.session() as session:
        added = plan.new_year_from_template(session, YEAR)
        plan.set_status(session, [t.id for t in added if t.due.month == 9], "done", today=TODAY)
        plan.set_status(session, [t.id for t in added if t.due.month == 10][:2], "not_applicable")
        year_tasks = plan.tasks(session, YEAR)
    months = plan.progress_by_month(YEAR, year_tasks)
    assert months[0] == Progress("Sep", 6, 6)
    assert months[1] == Progress("Oct", 0, 8)
    assert sum(p.total for p in months) == 70
    assert sum(p.done for p in months) == 6
    phases = plan.progress_by_phase(year_tasks)
    assert sum(p.total for p in phases) == 70
    assert sum(p.done for p in phases) == 6
    open_ = plan.open_tasks(year_tasks)
    assert len(open_) == 72 - 6 - 2
    assert all(t.status == "not_started" for t in open_)


def test_ensure_year_first_then_add_audits_only_the_task(db: Database) -> None:
    with db.session() as session:
        ensure_year(session, NEXT)
    before = audit_rows(db)
    with db.session() as session:
        added = plan.add_task(session, NEXT, fields(due=date(2027, 10, 1)))
    assert audit_rows(db)[len(before) :] == [("create", "plan_task", str(added.id), "task added to 2027/28")]
