"""The annual exams plan: tasks per academic year, the template, rolling forward.

Every function takes a Session and plain values and returns frozen records, so the
board, the table, the exports and the command line all see the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from eoffice import paths
from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import PlanTask
from eoffice.domain import audit
from eoffice.domain.dates import format_date
from eoffice.domain.plan_rules import CLOSED, DATE_RULES, OWNERS, PHASES, STATUSES, roll_date, urgency
from eoffice.domain.series import ensure_year, year_id
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

TITLE_MAX = 300


@dataclass(frozen=True)
class TaskFields:
    """What a person edits; validated by ``validate_fields`` before anything is written."""

    title: str
    phase: str
    owner: str
    due: date
    start: date | None = None
    status: str = "not_started"
    done_on: date | None = None
    notes: str = ""
    date_rule: str = "fixed"


@dataclass(frozen=True)
class Task:
    id: int
    year: AcademicYear
    fields: TaskFields
    template_key: str | None = None
    key_date_id: int | None = None  # the key date this task prepares for, if linked

    # Shortcuts that read naturally in views and exports.
    title = property(lambda self: self.fields.title)
    phase = property(lambda self: self.fields.phase)
    owner = property(lambda self: self.fields.owner)
    due = property(lambda self: self.fields.due)
    start = property(lambda self: self.fields.start)
    status = property(lambda self: self.fields.status)
    done_on = property(lambda self: self.fields.done_on)
    notes = property(lambda self: self.fields.notes)
    date_rule = property(lambda self: self.fields.date_rule)

    def urgency(self, today: date) -> str | None:
        return urgency(self.due, self.status, today)


@dataclass(frozen=True)
class Progress:
    label: str
    done: int
    total: int  # tasks that apply: "not applicable" ones are left out


@dataclass(frozen=True)
class TemplateTask:
    key: str
    fields: TaskFields


@dataclass(frozen=True)
class Template:
    reference_year: AcademicYear
    tasks: tuple[TemplateTask, ...] = field(default_factory=tuple)


def validate_fields(fields: TaskFields, year: AcademicYear, *, today: date | None = None) -> TaskFields:
    """Plain messages for every mistake; returns the cleaned fields."""
    title = " ".join(fields.title.split())
    if not title:
        raise InputError("the task needs a title")
    if len(title) > TITLE_MAX:
        raise InputError(f"the title is longer than {TITLE_MAX} characters")
    for value, options, what in (
        (fields.phase, PHASES, "phase"),
        (fields.owner, OWNERS, "owner"),
        (fields.status, STATUSES, "status"),
        (fields.date_rule, DATE_RULES, "date rule"),
    ):
        if value not in options:
            raise InputError(f"{value!r} is not a {what}; use one of: {', '.join(options.values())}")
    if not year.contains(fields.due):
        raise InputError(
            f"the due date {format_date(fields.due)} is outside {year.label} "
            f"({format_date(year.start)} to {format_date(year.end)})"
        )
    if fields.start is not None and fields.start > fields.due:
        raise InputError(f"the start date {format_date(fields.start)} is after the due date {format_date(fields.due)}")
    done_on = fields.done_on
    if fields.status == "done" and done_on is None:
        done_on = today or date.today()
    if fields.status != "done":
        done_on = None
    return replace(fields, title=title, notes=fields.notes.strip(), done_on=done_on)


def _task(row: PlanTask, year: AcademicYear) -> Task:
    return Task(
        id=row.id,
        year=year,
        fields=TaskFields(
            title=row.title,
            phase=row.phase,
            owner=row.owner,
            due=row.due,
            start=row.start,
            status=row.status,
            done_on=row.done_on,
            notes=row.notes,
            date_rule=row.date_rule,
        ),
        template_key=row.template_key,
        key_date_id=row.key_date_id,
    )


def tasks(session: Session, year: AcademicYear) -> list[Task]:
    stored_id = year_id(session, year)
    if stored_id is None:
        return []
    rows = session.scalars(select(PlanTask).where(PlanTask.year_id == stored_id).order_by(PlanTask.due, PlanTask.id))
    return [_task(row, year) for row in rows]


def task(session: Session, task_id: int) -> Task:
    row = session.get(PlanTask, task_id)
    if row is None:
        raise InputError(f"there is no task {task_id}")
    start_year = session.scalar(select(YearRow.start_year).where(YearRow.id == row.year_id))
    return _task(row, AcademicYear(start_year))  # type: ignore[arg-type]


def count_tasks(session: Session, year: AcademicYear) -> int:
    stored_id = year_id(session, year)
    if stored_id is None:
        return 0
    return session.scalar(select(func.count()).select_from(PlanTask).where(PlanTask.year_id == stored_id)) or 0


def add_task(
    session: Session,
    year: AcademicYear,
    fields: TaskFields,
    *,
    template_key: str | None = None,
    task_id: int | None = None,
    today: date | None = None,
) -> Task:
    """Add a task; ``task_id`` is given only when undo puts a deleted task back."""
    fields = validate_fields(fields, year, today=today)
    row = PlanTask(year_id=ensure_year(session, year).id, template_key=template_key, **asdict(fields))
    if task_id is not None:
        row.id = task_id
    session.add(row)
    session.flush()
    audit.record(session, "create", "plan_task", row.id, f"task added to {year.label}")
    return _task(row, year)


def update_task(session: Session, task_id: int, fields: TaskFields, *, today: date | None = None) -> Task:
    current = task(session, task_id)
    fields = validate_fields(fields, current.year, today=today)
    row = session.get(PlanTask, task_id)
    assert row is not None
    changed = [name for name, value in asdict(fields).items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, getattr(fields, name))
    if changed:
        session.flush()
        audit.record(session, "update", "plan_task", task_id, f"changed: {', '.join(changed)}")
    return _task(row, current.year)


def delete_tasks(session: Session, task_ids: Iterable[int]) -> list[Task]:
    """Delete and return what was deleted, so undo can put it back exactly."""
    ids = list(task_ids)
    gone = [task(session, i) for i in ids]
    session.execute(delete(PlanTask).where(PlanTask.id.in_(ids)))
    for t in gone:
        audit.record(session, "delete", "plan_task", t.id, f"task deleted from {t.year.label}")
    return gone


def restore_tasks(session: Session, snapshot: Sequence[Task]) -> None:
    """Put tasks back with their ids (used by undo of delete)."""
    for t in snapshot:
        add_task(session, t.year, t.fields, template_key=t.template_key, task_id=t.id, today=t.fields.done_on)


def set_status(session: Session, task_ids: Iterable[int], status: str, *, today: date | None = None) -> dict[int, TaskFields]:
    """Set many tasks' status at once; returns each task's previous fields for undo."""
    before: dict[int, TaskFields] = {}
    for task_id in task_ids:
        current = task(session, task_id)
        before[task_id] = current.fields
        # done_on is kept: a task already done keeps the day it was done; validation
        # clears it for any other status and sets today for a newly done one.
        update_task(session, task_id, replace(current.fields, status=status), today=today)
    return before


def put_back_fields(session: Session, previous: dict[int, TaskFields]) -> None:
    for task_id, fields in previous.items():
        update_task(session, task_id, fields, today=fields.done_on)


# --- template and rolling forward ---------------------------------------------------

def template_path() -> Path:
    return paths.resource("plan_template.json")


@cache
def load_template(path: Path | None = None) -> Template:
    data = json.loads((path or template_path()).read_text(encoding="utf-8"))
    reference = AcademicYear.parse(data["reference_year"])
    loaded = []
    for item in data["tasks"]:
        fields = TaskFields(
            title=item["title"],
            phase=item["phase"],
            owner=item["owner"],
            due=date.fromisoformat(item["due"]),
            start=date.fromisoformat(item["start"]) if item.get("start") else None,
            notes=item.get("notes", ""),
            date_rule=item.get("rule", "fixed"),
        )
        loaded.append(TemplateTask(item["key"], validate_fields(fields, reference)))
    return Template(reference, tuple(loaded))


def _into_year(day: date, rule: str, year: AcademicYear) -> date:
    """A same-weekday shift (at most 3 days) can cross 1 September or 31 August: a week
    back or forward brings it inside the year on the same weekday. A fixed date never
    leaves its year."""
    if rule == "weekday":
        if day > year.end:
            return day - timedelta(days=7)
        if day < year.start:
            return day + timedelta(days=7)
    return min(max(day, year.start), year.end)


def _moved(fields: TaskFields, years: int, target: AcademicYear) -> TaskFields:
    due = _into_year(roll_date(fields.due, fields.date_rule, years), fields.date_rule, target)
    start = None
    if fields.start is not None:
        start = min(_into_year(roll_date(fields.start, fields.date_rule, years), fields.date_rule, target), due)
    return replace(fields, due=due, start=start, status="not_started", done_on=None)


def new_year_from_template(session: Session, year: AcademicYear, template: Template | None = None) -> list[Task]:
    """Fill an empty year with the template's tasks, on this year's dates."""
    template = template or load_template()
    existing = count_tasks(session, year)
    if existing:
        raise InputError(
            f"{year.label} already has {existing} task{'s' if existing != 1 else ''}; the template only fills an empty year"
        )
    years = year.start_year - template.reference_year.start_year
    added = [
        add_task(session, year, _moved(t.fields, years, year), template_key=t.key) for t in template.tasks
    ]
    audit.record(session, "create", "plan", year.label, f"{len(added)} tasks from the template")
    return added


def roll_forward(session: Session, source: AcademicYear, target: AcademicYear) -> list[Task]:
    """Copy a year's tasks into another, dates moved by their rule, statuses reset.

    Each copy remembers where it came from, so running it twice adds nothing new.
    """
    if target == source:
        raise InputError("choose a different year to roll forward into")
    originals = tasks(session, source)
    if not originals:
        raise InputError(f"{source.label} has no tasks to roll forward")
    years = target.start_year - source.start_year
    present = {t.template_key for t in tasks(session, target) if t.template_key}
    added = []
    for original in originals:
        key = original.template_key or f"task-{original.id}"
        if key in present:
            continue
        added.append(add_task(session, target, _moved(original.fields, years, target), template_key=key))
    audit.record(session, "create", "plan", target.label, f"{len(added)} tasks rolled forward from {source.label}")
    return added


# --- progress -----------------------------------------------------------------------

def progress_by_month(year: AcademicYear, year_tasks: Sequence[Task]) -> list[Progress]:
    counts = {ym: [0, 0] for ym in year.months()}
    for t in year_tasks:
        if t.status == "not_applicable":
            continue
        cell = counts.get((t.due.year, t.due.month))
        if cell is not None:
            cell[1] += 1
            cell[0] += t.status == "done"
    return [Progress(date(y, m, 1).strftime("%b"), done, total) for (y, m), (done, total) in counts.items()]


def progress_by_phase(year_tasks: Sequence[Task]) -> list[Progress]:
    counts = {key: [0, 0] for key in PHASES}
    for t in year_tasks:
        if t.status == "not_applicable":
            continue
        counts[t.phase][1] += 1
        counts[t.phase][0] += t.status == "done"
    return [Progress(PHASES[key], done, total) for key, (done, total) in counts.items()]


def open_tasks(year_tasks: Sequence[Task]) -> list[Task]:
    return [t for t in year_tasks if t.status not in CLOSED]
