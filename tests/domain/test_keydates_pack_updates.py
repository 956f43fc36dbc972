"""Bringing a year up to a newer pack: reference dates the officer has not edited follow the
pack, edited ones never change, linked plan tasks move with a date that moved, and every
change is said; template tasks on their key date's day follow it by key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from eoffice.db.session import Database
from eoffice.domain import audit, keydates, plan
from eoffice.domain.keydates import KeyDateRecord, ReferencePack
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from tests.domain import keydates_packs as packs
from tests.domain.keydates_packs import RESULTS

YEAR = AcademicYear(2026)


def pack_file(tmp_path: Path, name: str, change: Callable[[dict[str, Any]], None]) -> ReferencePack:
    return keydates.read_pack(packs.pack_file(tmp_path, name, change))


def week_early(data: dict[str, Any]) -> None:
    """The pack eoffice shipped before issue 15: 2027's results days a week early."""
    data["version"] = 1
    for item in data["dates"]:
        if item["year"] == YEAR.label and item["key"] in RESULTS:
            item["date"] = (date.fromisoformat(item["date"]) - timedelta(days=7)).isoformat()


def by_key(session: Session, year: AcademicYear = YEAR) -> dict[str, KeyDateRecord]:
    return {r.reference_key: r for r in keydates.key_dates(session, year) if r.reference_key}


def test_a_newer_pack_moves_the_dates_not_edited_and_keeps_the_edited_one(db: Database, tmp_path: Path) -> None:
    old = pack_file(tmp_path, "old.json", week_early)
    with db.session() as session:
        keydates.load_reference_dates(session, YEAR, old)
        before = by_key(session)
        assert before["a-level-results-day"].on == date(2027, 8, 12)
        gcse = before["gcse-results-day"]
        keydates.update_key_date(session, gcse.id, replace(gcse.fields, title="GCSE results day (our own)"))  # the officer's
        keydates.set_done(session, [before["a-level-restricted-release"].id], True)  # done is no edit
        task = plan.add_task(session, YEAR, plan.TaskFields("Results day staffing", "results", "exams_officer",
                                                            date(2027, 8, 12), start=date(2027, 8, 2)))
        keydates.link_task(session, task.id, before["a-level-results-day"].id)
        audits = audit.count(session)

        result = keydates.update_reference_dates(session, YEAR)

        assert result.added == () and result.total == len(before) and result.projected == 0
        assert [(c.key, c.changes, c.days_moved) for c in result.changed] == [
            ("a-level-restricted-release", ("date 11/08/2027 to 18/08/2027",), 7),
            ("a-level-results-day", ("date 12/08/2027 to 19/08/2027",), 7),
            ("gcse-restricted-release", ("date 18/08/2027 to 25/08/2027",), 7),
        ]
        after = by_key(session)
        assert after["a-level-results-day"].on == date(2027, 8, 19) and not after["a-level-results-day"].edited
        assert after["a-level-restricted-release"].done  # still done, on the corrected day
        assert (after["gcse-results-day"].on, after["gcse-results-day"].edited) == (date(2027, 8, 19), True)
        assert after["a-level-results-day"].internal_deadline == keydates.derive_internal_deadline(
            session, date(2027, 8, 19), "results")
        moved = plan.task(session, task.id)
        assert (moved.start, moved.due) == (date(2027, 8, 9), date(2027, 8, 19))
        assert result.moved_tasks == 1 and result.staying == ()
        assert audit.count(session) == audits + 3 + 1 + 1 + 1  # each date, the summary, the task, the load
        assert result.lines() == [
            "updated: 'A level results: restricted release to centres': date 11/08/2027 to 18/08/2027",
            "updated: 'A level results day': date 12/08/2027 to 19/08/2027",
            "updated: 'GCSE results: restricted release to centres': date 18/08/2027 to 25/08/2027",
            "updated 3 reference dates in 2026/27",
            "kept: 'GCSE results day (our own)' on 19/08/2027, as you changed it; the pack has 26/08/2027 "
            "and the title 'GCSE results day'",
            "plan: 1 task moved with its key date",
        ]
        again = keydates.update_reference_dates(session, YEAR)
        assert again.changed == () and again.added == () and [k.key for k in again.kept] == ["gcse-results-day"]


def test_a_pack_that_confirms_a_projection_says_so(db: Database, tmp_path: Path) -> None:
    def confirm(data: dict[str, Any]) -> None:
        data["version"], data["as_of"] = 3, "2027-03-01"
        for item in data["dates"]:
            if item["year"] == YEAR.label and item["key"] == "a-level-results-day":
                item.update(status="confirmed", source="JCQ key dates 2026/27", as_of="2027-03-01")

    newer = pack_file(tmp_path, "newer.json", confirm)
    with db.session() as session:
        keydates.load_reference_dates(session, YEAR)
        assert by_key(session)["a-level-results-day"].needs_check
        result = keydates.update_reference_dates(session, YEAR, newer)
        assert [c.line() for c in result.changed] == ["updated: 'A level results day': now confirmed; new source"]
        record = by_key(session)["a-level-results-day"]
        assert (record.needs_check, record.source, record.edited) == (False, "JCQ key dates 2026/27", False)
        assert keydates.reference_summary(YEAR, newer) == (
            "reference dates as of 01/03/2027: 4 confirmed, 38 projected, check before relying")


def test_a_year_the_pack_does_not_list_is_added_projected_and_said_so(db: Database) -> None:
    year = AcademicYear(2030)
    with db.session() as session:
        result = keydates.update_reference_dates(session, year)
        assert len(result.added) == result.total == result.projected == 42
        assert all(r.needs_check and r.source.startswith("Projected by eoffice for 2030/31") for r in result.added)
        assert result.lines() == [
            "projected: 2030/31 is not in the pack: its 42 reference dates are projected from their rules; "
            "check them before relying on them"
        ]
        results_day = by_key(session, year)["a-level-results-day"]
        assert results_day.on == date(2031, 8, 14)


def test_a_year_beyond_the_pack_is_refused(db: Database) -> None:
    with db.session() as session, pytest.raises(InputError, match="no reference dates for 2036/37; eoffice has them for"):
        keydates.update_reference_dates(session, AcademicYear(2036))


def test_the_template_results_day_tasks_follow_their_key_dates(db: Database) -> None:
    # The template's anchor (19/08/2027) rolled to 2025/26 is Thursday 20/08/2026; results
    # day was 13/08/2026. Linked by key, the tasks follow the key date, not the anchor.
    last = AcademicYear(2025)
    assert {"a-level-results-day", "gcse-results-day"} <= keydates.on_the_day_tasks()
    with db.session() as session:
        plan.new_year_from_template(session, last)
        placed = {t.template_key: t.due for t in plan.tasks(session, last)}
        assert placed["a-level-results-day"] == date(2026, 8, 20)
        keydates.load_reference_dates(session, last)
        assert keydates.link_template_tasks(session, last) == 23
        now = {t.template_key: t.due for t in plan.tasks(session, last)}
        assert (now["a-level-results-day"], now["gcse-results-day"]) == (date(2026, 8, 13), date(2026, 8, 20))
        assert now["internal-deadline-november-entries"] == placed["internal-deadline-november-entries"]  # due before: stays
        assert now["a-level-restricted-release"] == date(2026, 8, 12)  # the day before results day, linked too


def test_the_template_results_day_anchors_are_2027s_by_the_rule() -> None:
    template = {t.key: t for t in plan.load_template().tasks}
    assert template["a-level-results-day"].fields.due == date(2027, 8, 19)
    assert template["gcse-results-day"].fields.due == date(2027, 8, 26)
    assert template["a-level-restricted-release"].fields.due == date(2027, 8, 18)
    assert template["gcse-restricted-release"].fields.due == date(2027, 8, 25)
    assert (template["a-level-results-day"].key_date, template["gcse-results-day"].key_date) == (
        "a-level-results-day", "gcse-results-day")
