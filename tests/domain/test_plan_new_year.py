"""The annual exams plan: filling a new year from the template."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.db.session import Database
from eoffice.domain import plan
from eoffice.domain.plan import Template, TemplateTask, roll_date
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from tests.domain.plan_helpers import NEXT, YEAR, audit_rows, fields, task_rows, template_json

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
