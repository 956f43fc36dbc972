"""What the annual plan's tests share: the years they use, a task's fields, and what was stored."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from sqlalchemy import func, select

from eoffice.db.models import PlanTask
from eoffice.db.session import Database
from eoffice.domain import audit, plan
from eoffice.domain.plan import TaskFields
from eoffice.domain.years import AcademicYear

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
