"""The annual exams plan: tasks per academic year, the template, rolling forward.

Every function takes a Session and plain values and returns frozen records, so the
board, the table, the exports and the command line all see the same thing. What a task is
(``Task``, ``TaskFields``, ``Anchors``) and the year's list (``tasks``) are in ``task_reads``,
plain SQL the Overview reads before SQLAlchemy loads; they are re-exported here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Row, delete, func, select
from sqlalchemy.orm import Session

from eoffice import clock, paths
from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import KeyDate, PlanTask
from eoffice.domain import audit
from eoffice.domain.bulk import Updates, audit_each, by_ids, insert_all, values_of
from eoffice.domain.dates import format_date
from eoffice.domain.plan import roll as plan_roll
from eoffice.domain.plan.rules import CLOSED, DATE_RULES, OWNERS, PHASES, STATUSES, UNCOUNTED
from eoffice.domain.plan.task_reads import Anchors
from eoffice.domain.plan.task_reads import Task as Task
from eoffice.domain.plan.task_reads import TaskFields as TaskFields
from eoffice.domain.plan.task_reads import tasks as tasks
from eoffice.domain.series import ensure_year, year_id
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

TITLE_MAX = 300


@dataclass(frozen=True)
class Progress:
    label: str
    done: int
    total: int  # tasks that apply: "not applicable" ones are left out


@dataclass(frozen=True)
class RollForward:
    """What a roll forward added, and what became of the key-date links it copied."""

    source: AcademicYear
    target: AcademicYear
    added: tuple[Task, ...]
    linked: int = 0  # copies linked to the target year's matching key date
    unlinked: int = 0  # copies of linked tasks left unlinked: no match in the target year

    def links_note(self) -> str:
        return plan_roll.links_note(self.linked, self.unlinked, self.target)


@dataclass(frozen=True)
class TemplateTask:
    key: str
    fields: TaskFields
    key_date: str | None = None  # the reference key date the task works towards, if any


@dataclass(frozen=True)
class Template:
    reference_year: AcademicYear
    tasks: tuple[TemplateTask, ...] = field(default_factory=tuple)


def validate_task(fields: TaskFields, year: AcademicYear, *, today: date | None = None) -> TaskFields:
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
    check_start(fields.start, fields.due, year)
    check_done_on(fields.done_on, today or clock.today())
    done_on = fields.done_on
    if fields.status == "done" and done_on is None:
        done_on = today or clock.today()
    if fields.status != "done":
        done_on = None
    notes = fields.notes.strip()
    if (title, notes, done_on) == (fields.title, fields.notes, fields.done_on):
        return fields  # already clean (an import checks each task, then writes it): no copy
    return replace(fields, title=title, notes=notes, done_on=done_on)


def check_start(start: date | None, due: date, year: AcademicYear) -> None:
    """A start is on or before the due date, and at most a year's run-up before the task's
    year begins: an earlier one is a slip (2019 typed for 2026)."""
    if start is None:
        return
    if start > due:
        raise InputError(f"the start date {format_date(start)} is after the due date {format_date(due)}")
    earliest = year.previous().start
    if start < earliest:
        raise InputError(
            f"the start date {format_date(start)} is more than a year before {year.label} begins; "
            f"start on or after {format_date(earliest)}"
        )


def check_done_on(done_on: date | None, today: date) -> None:
    """The day a task was done cannot be later than today."""
    if done_on is not None and done_on > today:
        raise InputError(
            f"the done-on date {format_date(done_on)} is after today ({format_date(today)}); "
            "a task is done on the day it was done"
        )


def _task(row: PlanTask | Row[Any], year: AcademicYear) -> Task:
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
        anchors=Anchors(row.anchor_due, row.anchor_start) if row.anchor_due is not None else None,
    )


def task(session: Session, task_id: int) -> Task:
    row = session.get(PlanTask, task_id)
    if row is None:
        raise InputError(f"there is no task {task_id}")
    start_year = session.scalar(select(YearRow.start_year).where(YearRow.id == row.year_id))
    return _task(row, AcademicYear(start_year))  # type: ignore[arg-type]


def tasks_by_id(session: Session, task_ids: Iterable[int]) -> dict[int, Task]:
    """The tasks with these ids (those that exist), in a few queries: an import naming
    100,000 task IDs must not ask for each one."""
    rows = by_ids(session, PlanTask, task_ids)  # plain rows: ORM objects cost three times as much
    years = {year_id: AcademicYear(start) for year_id, start in session.execute(select(YearRow.id, YearRow.start_year))}
    return {task_id: _task(row, years[row.year_id]) for task_id, row in rows.items()}


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
    key_date_id: int | None = None,
    anchors: Anchors | None = None,
) -> Task:
    """Add a task; ``task_id`` is given only when undo puts a deleted task back."""
    fields = validate_task(fields, year, today=today)
    row = PlanTask(
        year_id=ensure_year(session, year).id, template_key=template_key, key_date_id=key_date_id,
        anchor_due=anchors.due if anchors else None, anchor_start=anchors.start if anchors else None, **asdict(fields),
    )
    if task_id is not None:
        row.id = task_id
    session.add(row)
    session.flush()
    audit.record(session, "create", "plan_task", row.id, f"task added to {year.label}")
    return _task(row, year)


def update_task(session: Session, task_id: int, fields: TaskFields, *, today: date | None = None) -> Task:
    current = task(session, task_id)
    fields = validate_task(fields, current.year, today=today)
    row = session.get(PlanTask, task_id)
    assert row is not None
    changed = [name for name, value in asdict(fields).items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, getattr(fields, name))
    if changed:
        session.flush()
        audit.record(session, "update", "plan_task", task_id, f"changed: {', '.join(changed)}")
    return _task(row, current.year)


def add_tasks(session: Session, many: Sequence[tuple[AcademicYear, TaskFields]], *,
              today: date | None = None) -> list[int]:
    """Add many tasks, (year, fields) each (an import), checked and audited as ``add_task``
    does; returns their ids. A query a year and one insert, whatever the count."""
    checked = [(year, validate_task(fields, year, today=today)) for year, fields in many]
    year_ids = {year: ensure_year(session, year).id for year in sorted({year for year, _fields in checked})}
    ids = insert_all(session, PlanTask, [{"year_id": year_ids[year], "template_key": None, "key_date_id": None,
                                          "anchor_due": None, "anchor_start": None, **values_of(fields)}
                                         for year, fields in checked])  # fmt: skip
    audit_each(session, "create", "plan_task", ((task_id, f"task added to {year.label}")
                                                for task_id, (year, _fields) in zip(ids, checked, strict=True)))
    return ids


def update_tasks(session: Session, changes: Sequence[tuple[int, TaskFields]], *, today: date | None = None) -> None:
    """Change many tasks (an import), each checked and audited as ``update_task`` does, in a few statements."""
    rows = by_ids(session, PlanTask, (task_id for task_id, _fields in changes))
    years = {year_id: AcademicYear(start) for year_id, start in session.execute(select(YearRow.id, YearRow.start_year))}
    updates = Updates(PlanTask, "plan_task")
    for task_id, fields in changes:
        if task_id not in rows:
            raise InputError(f"there is no task {task_id}")
        row = rows[task_id]
        fields = validate_task(fields, years[row.year_id], today=today)
        updates.compare(task_id, row, values_of(fields))
    updates.write(session)


def delete_tasks(session: Session, task_ids: Iterable[int]) -> list[Task]:
    """Delete and return what was deleted, so undo can put it back exactly."""
    ids = list(task_ids)
    gone = [task(session, i) for i in ids]
    session.execute(delete(PlanTask).where(PlanTask.id.in_(ids)))
    for t in gone:
        audit.record(session, "delete", "plan_task", t.id, f"task deleted from {t.year.label}")
    return gone


def restore_tasks(session: Session, snapshot: Sequence[Task]) -> None:
    """Put tasks back with their ids, key-date links and anchors (used by undo of delete);
    a link to a key date deleted meanwhile is left off."""
    for t in snapshot:
        link = t.key_date_id if t.key_date_id is not None and session.get(KeyDate, t.key_date_id) is not None else None
        add_task(
            session, t.year, t.fields, template_key=t.template_key, task_id=t.id, today=t.fields.done_on,
            key_date_id=link, anchors=t.anchors,
        )


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
        loaded.append(TemplateTask(item["key"], validate_task(fields, reference), item.get("key_date")))
    return Template(reference, tuple(loaded))


def _placed(fields: TaskFields, anchors: Anchors, year: AcademicYear) -> TaskFields:
    due, start = plan_roll.placed(anchors.due, anchors.start, fields.date_rule, year)
    return replace(fields, due=due, start=start, status="not_started", done_on=None)


def new_year_from_template(session: Session, year: AcademicYear, template: Template | None = None) -> list[Task]:
    """Fill an empty year with the template's tasks, on this year's dates."""
    template = template or load_template()
    existing = count_tasks(session, year)
    if existing:
        raise InputError(
            f"{year.label} already has {existing} task{'s' if existing != 1 else ''}; the template only fills an empty year"
        )
    added = []
    for t in template.tasks:
        anchors = Anchors(t.fields.due, t.fields.start)
        added.append(add_task(session, year, _placed(t.fields, anchors, year), template_key=t.key, anchors=anchors))
    audit.record(session, "create", "plan", year.label, f"{len(added)} tasks from the template")
    return added


def roll_forward(session: Session, source: AcademicYear, target: AcademicYear) -> RollForward:
    """Copy a year's tasks into another: dates placed from each task's anchor by its rule,
    statuses reset, key-date links moved to the target year's matching key dates.

    Each copy remembers where it came from, so running it twice adds nothing new (and
    writes nothing to the audit log).
    """
    if target == source:
        raise InputError("choose a different year to roll forward into")
    originals = tasks(session, source)
    if not originals:
        raise InputError(f"{source.label} has no tasks to roll forward")
    present = {t.template_key for t in tasks(session, target) if t.template_key}
    matcher = plan_roll.KeyDateMatcher(session, target.start_year - source.start_year)
    added: list[Task] = []
    unlinked = 0
    for original in originals:
        key = original.template_key or f"task-{original.id}"
        if key in present:
            continue
        anchors = plan_roll.carried(original.due, original.start, original.date_rule, source, original.anchors)
        link = None
        if original.key_date_id is not None:
            link = matcher.match(original.key_date_id)
            unlinked += link is None
        copy = _placed(original.fields, anchors, target)
        added.append(add_task(session, target, copy, template_key=key, key_date_id=link, anchors=anchors))
    if added:
        audit.record(session, "create", "plan", target.label, f"{len(added)} tasks rolled forward from {source.label}")
    linked = sum(t.key_date_id is not None for t in added)
    return RollForward(source, target, tuple(added), linked, unlinked)


# --- progress -----------------------------------------------------------------------

def progress_by_month(year: AcademicYear, year_tasks: Sequence[Task]) -> list[Progress]:
    counts = {ym: [0, 0] for ym in year.months()}
    for t in year_tasks:
        if t.status in UNCOUNTED:
            continue
        cell = counts.get((t.due.year, t.due.month))
        if cell is not None:
            cell[1] += 1
            cell[0] += t.status == "done"
    return [Progress(date(y, m, 1).strftime("%b"), done, total) for (y, m), (done, total) in counts.items()]


def progress_by_phase(year_tasks: Sequence[Task]) -> list[Progress]:
    counts = {key: [0, 0] for key in PHASES}
    for t in year_tasks:
        if t.status in UNCOUNTED:
            continue
        counts[t.phase][1] += 1
        counts[t.phase][0] += t.status == "done"
    return [Progress(PHASES[key], done, total) for key, (done, total) in counts.items()]


def open_tasks(year_tasks: Sequence[Task]) -> list[Task]:
    return [t for t in year_tasks if t.status not in CLOSED]
