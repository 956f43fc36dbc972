"""Rolling a plan forward: key-date links carried into the new year, and no drift over years."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from eoffice.db.session import Database, open_database
from eoffice.domain import audit, keydates, plan
from eoffice.domain.keydates import KeyDateFields, template_task_links
from eoffice.domain.plan import TaskFields
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

LAST = AcademicYear(2025)
YEAR = AcademicYear(2026)
NEXT = AcademicYear(2027)


def _audit(session: Session) -> list[tuple[str, str | None, str]]:
    return [(e.entity, e.entity_id, e.summary) for e in sorted(audit.entries(session), key=lambda e: e.id)]


def _typed_key_date(session: Session, year: AcademicYear, on: date, title: str = "Order question papers for mocks") -> int:
    fields = KeyDateFields(on=on, title=title, series="All year", body="Other", category="centre_admin")
    return keydates.add_key_date(session, year, fields).id


def _linked_year(session: Session) -> dict[str, int]:
    """2025/26 from the template with its reference dates, linked as the demo links them."""
    keydates.load_reference_dates(session, LAST)
    by_reference = {r.reference_key: r.id for r in keydates.key_dates(session, LAST)}
    tasks = {t.template_key: t.id for t in plan.new_year_from_template(session, LAST)}
    for template_key, reference_key in template_task_links().items():
        keydates.link_task(session, tasks[template_key], by_reference[reference_key])
    return tasks  # type: ignore[return-value]


def test_rolled_tasks_link_to_the_same_reference_date_of_the_new_year(db: Database) -> None:
    with db.session() as session:
        _linked_year(session)
        keydates.load_reference_dates(session, YEAR)
        result = plan.roll_forward(session, LAST, YEAR)
        target = {r.id: r for r in keydates.key_dates(session, YEAR)}
        rolled = {t.template_key: t for t in plan.tasks(session, YEAR)}
    assert len(result.added) == 72
    assert (result.linked, result.unlinked) == (len(template_task_links()), 0)
    for template_key, reference_key in template_task_links().items():
        link = rolled[template_key].key_date_id
        assert link in target and target[link].reference_key == reference_key, template_key
    assert sum(t.key_date_id is not None for t in rolled.values()) == len(template_task_links())
    assert result.links_note() == f"{len(template_task_links())} linked to their 2026/27 key dates"


def test_a_typed_key_date_is_matched_on_body_category_and_title(db: Database) -> None:
    with db.session() as session:
        mine = plan.add_task(session, YEAR, TaskFields("Order mock papers", "pre_exams", "exams_officer", date(2026, 10, 5)))
        keydates.link_task(session, mine.id, _typed_key_date(session, YEAR, date(2026, 10, 9)))
        other = _typed_key_date(session, NEXT, date(2027, 10, 8), "Book the exam hall")  # same body and kind, not it
        twin = _typed_key_date(session, NEXT, date(2027, 10, 8), "  order question papers  for mocks")
        result = plan.roll_forward(session, YEAR, NEXT)
        [rolled] = result.added
    assert rolled.key_date_id == twin != other
    assert (result.linked, result.unlinked) == (1, 0)


def test_a_link_with_no_match_in_the_new_year_is_left_off_and_counted(demo_db: Database) -> None:
    """The demo's 2026/27 has 23 tasks linked; eoffice has no reference dates for 2027/28."""
    with demo_db.session() as session:
        linked = [t for t in plan.tasks(session, YEAR) if t.key_date_id is not None]
        result = plan.roll_forward(session, YEAR, NEXT)
        rolled = plan.tasks(session, NEXT)
    assert len(linked) == len(template_task_links()) == 23
    assert all(t.key_date_id is None for t in rolled)
    assert (result.linked, result.unlinked) == (0, 23)
    assert result.links_note() == "23 left unlinked: 2027/28 has no matching key date"


def test_some_linked_and_some_not(db: Database) -> None:
    with db.session() as session:
        first = plan.add_task(session, YEAR, TaskFields("Order mock papers", "pre_exams", "exams_officer", date(2026, 10, 5)))
        second = plan.add_task(session, YEAR, TaskFields("Chase the caretaker", "pre_exams", "exams_officer", date(2026, 10, 6)))
        plan.add_task(session, YEAR, TaskFields("Not linked at all", "other", "exams_officer", date(2026, 10, 7)))
        keydates.link_task(session, first.id, _typed_key_date(session, YEAR, date(2026, 10, 9)))
        keydates.link_task(session, second.id, _typed_key_date(session, YEAR, date(2026, 10, 9), "Caretaker's list"))
        _typed_key_date(session, NEXT, date(2027, 10, 8))
        result = plan.roll_forward(session, YEAR, NEXT)
    assert (len(result.added), result.linked, result.unlinked) == (3, 1, 1)
    assert result.links_note() == "1 linked to their 2027/28 key dates; 1 left unlinked: 2027/28 has no matching key date"


def test_undo_of_a_delete_puts_the_link_and_the_anchor_back(db: Database) -> None:
    with db.session() as session:
        key_date = _typed_key_date(session, YEAR, date(2026, 10, 9))
        added = plan.add_task(session, YEAR, TaskFields("Order mock papers", "pre_exams", "exams_officer", date(2026, 10, 5)))
        keydates.link_task(session, added.id, key_date)
        [rolled] = plan.roll_forward(session, YEAR, NEXT).added
        gone = plan.delete_tasks(session, [rolled.id])
        plan.restore_tasks(session, gone)
        assert plan.task(session, rolled.id) == rolled
        plan.restore_tasks(session, plan.delete_tasks(session, [added.id]))
        assert plan.task(session, added.id).key_date_id == key_date


# --- no drift -------------------------------------------------------------------------


def _roll_years(session: Session, first: AcademicYear, count: int) -> list[date]:
    year, dues = first, []
    for _ in range(count):
        [rolled] = plan.roll_forward(session, year, year.next()).added
        dues.append(rolled.due)
        year = year.next()
    return dues


def test_a_same_weekday_task_stays_near_its_own_date_year_after_year(db: Database) -> None:
    """The rule: the same weekday nearest the anchor (the date the task was first set for)
    moved to the target year, never last year's already moved date. Friday 11/09/2026 rolled
    year by year used to creep 10/09/2027, 08/09/2028, 07/09/2029, 06/09/2030 ..."""
    with db.session() as session:
        plan.add_task(session, YEAR, TaskFields("Results analysis", "results", "exams_officer", date(2026, 9, 11), date_rule="weekday"))
        dues = _roll_years(session, YEAR, 6)
    assert dues == [date(2027, 9, 10), date(2028, 9, 8), date(2029, 9, 14), date(2030, 9, 13), date(2031, 9, 12), date(2032, 9, 10)]
    assert all(d.weekday() == 4 and abs((d - d.replace(day=11)).days) <= 3 for d in dues)


def test_rolling_year_by_year_lands_where_the_template_puts_that_year(db: Database, tmp_path: Path) -> None:
    """Five rolls from 2026/27 give 2031/32 exactly the dates a fresh fill from the template gives."""
    with db.session() as session:
        plan.new_year_from_template(session, YEAR)
        year = YEAR
        for _ in range(5):
            plan.roll_forward(session, year, year.next())
            year = year.next()
        stepped = {t.template_key: (t.due, t.start) for t in plan.tasks(session, year)}
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        with fresh.session() as session:
            straight = {t.template_key: (t.due, t.start) for t in plan.new_year_from_template(session, year)}
    finally:
        fresh.close()
    assert year == AcademicYear(2031) and len(stepped) == 72
    assert stepped == straight


def test_a_due_date_moved_by_hand_becomes_the_new_anchor(db: Database) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, TaskFields("Meeting", "planning", "line_manager", date(2026, 9, 11), date_rule="weekday"))
        [rolled] = plan.roll_forward(session, YEAR, NEXT).added
        assert rolled.due == date(2027, 9, 10)
        plan.update_task(session, rolled.id, replace(rolled.fields, due=date(2027, 9, 17)))  # a week later on purpose
        [again] = plan.roll_forward(session, NEXT, AcademicYear(2028)).added
        assert again.due == date(2028, 9, 15)  # the Friday nearest 17/09/2028
    assert again.anchors is not None and again.anchors.due == date(2027, 9, 17)


def test_a_roll_forward_that_adds_nothing_writes_no_audit_entry(db: Database) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, TaskFields("Meeting", "planning", "line_manager", date(2026, 9, 11)), today=TODAY)
        plan.roll_forward(session, YEAR, NEXT)
        before = _audit(session)
        result = plan.roll_forward(session, YEAR, NEXT)
        assert result.added == () and _audit(session) == before


def test_a_fixed_29_february_comes_back_in_the_next_leap_year(db: Database) -> None:
    with db.session() as session:
        plan.add_task(session, NEXT, TaskFields("Leap day check", "other", "exams_officer", date(2028, 2, 29)))
        dues = _roll_years(session, NEXT, 4)
    assert dues == [date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28), date(2032, 2, 29)]
