"""The demo centre's key dates: last year done, this year mostly done with one or two overdue,
and plan tasks linked to the key dates they work towards."""

from __future__ import annotations

import json
from datetime import date, timedelta

from eoffice.db.session import Database
from eoffice.domain import keydates, plan
from eoffice.domain.demo import DEMO_STEPS, build_demo
from eoffice.domain.keydates import DONE_BEFORE_DAYS, keydates_step, left_overdue, template_task_links
from eoffice.domain.plan import plan_step
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

CURRENT, PREVIOUS = AcademicYear(2026), AcademicYear(2025)


def test_the_step_runs_after_the_plan_step() -> None:
    assert DEMO_STEPS.index(keydates_step) == DEMO_STEPS.index(plan_step) + 1


def test_last_year_is_loaded_and_all_done(demo_db: Database) -> None:
    with demo_db.session() as session:
        records = keydates.key_dates(session, PREVIOUS)
    assert len(records) >= 30 and all(r.done for r in records) and all(r.reference_key for r in records)


def test_this_year_is_done_up_to_a_week_ago_but_for_two_overdue(demo_db: Database) -> None:
    cutoff = TODAY - timedelta(days=DONE_BEFORE_DAYS)
    with demo_db.session() as session:
        records = keydates.key_dates(session, CURRENT)
    past = [r for r in records if r.on < cutoff]
    assert len(past) >= 10
    overdue = [r for r in past if not r.done]
    assert len(overdue) == 2
    assert all(r.on >= max(p.on for p in past if p.done) for r in overdue)  # the most recent are still open
    assert not any(r.done for r in records if r.on >= cutoff)


def test_plan_tasks_are_linked_to_their_key_dates(demo_db: Database) -> None:
    with demo_db.session() as session:
        by_id = {r.id: r for r in keydates.key_dates(session, CURRENT)}
        linked = {t.template_key: t.key_date_id for t in plan.tasks(session, CURRENT) if t.key_date_id is not None}
        assert linked and set(linked) <= set(template_task_links())
        for template_key, key_date_id in linked.items():
            assert by_id[key_date_id].reference_key == template_task_links()[template_key]
        entries = next(r for r in by_id.values() if r.reference_key == "summer-entries-aqa")
        titles = {plan.task(session, i).title for i in keydates.linked_task_ids(session, entries.id)}
    assert titles == {"Submit summer series entries", "Collect summer entries from heads of department"}


def test_every_link_names_a_template_task_and_a_reference_date() -> None:
    template = {t["key"] for t in json.loads(plan.template_path().read_text(encoding="utf-8"))["tasks"]}
    reference = {r.key for r in keydates.load_reference()}
    assert set(template_task_links()) <= template
    assert set(template_task_links().values()) <= reference


def test_how_many_are_left_overdue() -> None:
    assert [left_overdue(n) for n in (0, 1, 2, 3, 9, 10, 30)] == [0, 0, 0, 1, 1, 2, 2]


def test_a_year_with_no_reference_dates_gets_none(db: Database) -> None:
    with db.session() as session:
        build_demo(session, today=date(2031, 11, 23))
        assert keydates.key_dates(session, AcademicYear(2031)) == []
