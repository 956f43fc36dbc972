"""Migration 0006 adds the plan tasks' anchor dates; tasks already stored keep every field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import inspect, text

from eoffice.db.migrations import downgrade, upgrade
from eoffice.db.session import Database, open_database
from eoffice.domain import plan
from eoffice.domain.plan import TaskFields
from eoffice.domain.years import AcademicYear

YEAR = AcademicYear(2026)


def _columns(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return {c["name"] for c in inspect(conn).get_columns("plan_task")}


def test_an_older_database_upgrades_with_its_tasks_unanchored_and_rolls_from_their_own_dates(
    db: Database, db_path: Path
) -> None:
    with db.session() as session:
        task = plan.add_task(session, YEAR, TaskFields("Meeting", "planning", "line_manager", date(2026, 9, 11), date_rule="weekday"))
    with db.engine.connect() as conn:
        downgrade(conn, "0005")
        conn.commit()
    assert not {"anchor_due", "anchor_start"} & _columns(db)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT title, due FROM plan_task")).all() == [("Meeting", "2026-09-11")]
    db.close()

    reopened = open_database(db_path)  # what the window does with an older file: back up, then upgrade
    try:
        assert {"anchor_due", "anchor_start"} <= _columns(reopened)
        with reopened.session() as session:
            stored = plan.task(session, task.id)
            assert stored.fields == task.fields and stored.anchors is None
            [rolled] = plan.roll_forward(session, YEAR, YEAR.next()).added
        assert rolled.due == date(2027, 9, 10)
        assert rolled.anchors is not None and rolled.anchors.due == date(2026, 9, 11)
    finally:
        reopened.close()


def test_downgrade_drops_only_the_anchors(db: Database) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, TaskFields("Meeting", "planning", "line_manager", date(2026, 9, 11)))
        plan.roll_forward(session, YEAR, YEAR.next())
    with db.engine.connect() as conn:
        downgrade(conn, "0005")
        conn.commit()
        assert conn.execute(text("SELECT count(*) FROM plan_task")).scalar() == 2
        upgrade(conn)
        conn.commit()
        assert conn.execute(text("SELECT count(*) FROM plan_task WHERE anchor_due IS NULL")).scalar() == 2
