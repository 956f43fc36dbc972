"""Read an edited plan spreadsheet back: rows with an ID update that task, rows without add one.

The file has been through a person's hands in Excel, so the reader is tolerant of what
Excel does (columns moved, extra columns added, dates as real dates or typed text,
labels in any case) and strict about meaning: one bad cell refuses the whole file,
naming the row as Excel numbers it and the column by its header, before anything is
written. Everything is checked first (``plan_import``), then written in the caller's
one transaction (``apply_import``) through the domain functions, which audit each change.

Dates a person can mistype are questioned: a new task must fall in a year the database
holds, or the one after (a slip of 2072 for 2027 would otherwise make a year of its
own); a task cannot have been done after today; and the same new row pasted twice is
added once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.domain import plan
from eoffice.domain.bulk import bulk, values_of
from eoffice.domain.dates import format_date
from eoffice.domain.plan import DATE_RULES, OWNERS, PHASES, STATUSES, TITLE_MAX, TaskFields
from eoffice.domain.series import years_to_offer
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.io import plan_xlsx as cols
from eoffice.io.mis_import import Chooser, date_cell, text, whole_number
from eoffice.io.tables import Locate, Table, blank, read_table

REQUIRED = (cols.ID, cols.TASK)  # what makes a header row a plan's; Due is needed only to add a task
OPTIONAL = tuple(h for h in cols.HEADERS if h not in (*REQUIRED, cols.FLAG))  # Flag is worked out, never read
ALIASES = {"title": cols.TASK, "task id": cols.ID, "due date": cols.DUE, "start date": cols.START, "date rule": cols.RULE}
# Defaults for a new row that leaves a choice blank: the officer typing a quick row at the
# bottom should not have to fill in every column.
_ADD_DEFAULTS = {cols.PHASE: "other", cols.OWNER: "exams_officer", cols.STATUS: "not_started", cols.RULE: "fixed"}
_CHOICES = {  # header -> (field, options, what, the column's reader)
    cols.PHASE: ("phase", PHASES, "phase", Chooser(PHASES, "phase")),
    cols.OWNER: ("owner", OWNERS, "owner", Chooser(OWNERS, "owner")),
    cols.STATUS: ("status", STATUSES, "status", Chooser(STATUSES, "status")),
    cols.RULE: ("date_rule", DATE_RULES, "date rule", Chooser(DATE_RULES, "date rule")),
}
_ABSENT = object()  # a column the sheet has not got
_DATES = (  # header, field, what, required
    (cols.DUE, "due", "due date", True),
    (cols.START, "start", "start date", False),
    (cols.DONE_ON, "done_on", "done-on date", False),
)
_SHOWN = (  # field, name in a change line
    ("title", "title"), ("phase", "phase"), ("owner", "owner"), ("start", "start"), ("due", "due"),
    ("status", "status"), ("done_on", "done on"), ("date_rule", "rule"), ("notes", "notes"),
)  # fmt: skip
_LABELS = {"phase": PHASES, "owner": OWNERS, "status": STATUSES, "date_rule": DATE_RULES}


@dataclass(frozen=True)
class Update:
    row: int
    task_id: int
    before: TaskFields
    after: TaskFields


@dataclass(frozen=True)
class Addition:
    row: int
    year: AcademicYear
    fields: TaskFields


@dataclass(frozen=True)
class Repeat:
    row: int
    same_as: int  # the earlier row of the file adding the same task


@dataclass
class ImportResult:
    updates: list[Update] = field(default_factory=list)
    additions: list[Addition] = field(default_factory=list)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)  # about the file, e.g. columns not read
    repeats: list[Repeat] = field(default_factory=list)  # new rows the file has twice

    def lines(self) -> list[str]:
        """The notes, then one line per change in row order, for a dry run or a log."""
        found = [(u.row, f"row {u.row}: update task {u.task_id}: {describe(u.before, u.after)}") for u in self.updates]
        found += [(a.row, f"row {a.row}: add {a.fields.title!r} due {format_date(a.fields.due)}") for a in self.additions]
        found += [(r.row, f"row {r.row}: the same new task as row {r.same_as}; it is added once") for r in self.repeats]
        return [*self.notes, *(line for _row, line in sorted(found))]

    def summary(self, *, dry_run: bool) -> str:
        n = len(self.repeats)
        repeats = f", {n} repeated row{'s' if n != 1 else ''}" if n else ""
        if dry_run:
            return f"{len(self.updates)} to update, {len(self.additions)} to add, {self.unchanged} unchanged{repeats}"
        return f"{len(self.updates)} updated, {len(self.additions)} added, {self.unchanged} unchanged{repeats}"


def _shown(name: str, value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, date):
        return format_date(value)
    if name in _LABELS:
        return _LABELS[name].get(str(value), str(value))
    shown = str(value)
    return repr(shown if len(shown) <= 40 else shown[:39] + "…")


def describe(before: TaskFields, after: TaskFields) -> str:
    """``status Not started -> Done; due 31/01/2027 -> 07/02/2027``, in labels a person knows."""
    old, new = asdict(before), asdict(after)
    return "; ".join(
        f"{label} {_shown(name, old[name])} -> {_shown(name, new[name])}" for name, label in _SHOWN if old[name] != new[name]
    )


# --- reading the workbook --------------------------------------------------------------

def read_plan_sheet(path: Path | str) -> Table:
    """The first sheet's rows under its ``ID`` and ``Task`` header row, as raw cell values."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() != ".xlsx":
        raise InputError("is not an Excel workbook (.xlsx); import a plan exported with `--format xlsx`", file=path)
    return read_table(path, REQUIRED, OPTIONAL, ALIASES, ignored=(cols.FLAG,), advice="import a plan exported by eoffice")


# --- checking every row -------------------------------------------------------------------

def _task_id(value: object) -> int | None:
    try:
        return whole_number(value, "task ID")
    except InputError:
        raise InputError(f"{text(value)!r} is not a task ID; leave the ID blank to add a new task") from None


def _fields(cells: dict[str, object], base: TaskFields, located: Locate, *, adding: bool) -> TaskFields:
    """``base`` with every column the sheet has put in, each checked where it stands.

    Kept lean (a cell is entered under its column only to be read), as it runs for every
    row of a plan of up to 100,000 tasks."""
    values = values_of(base)
    if cols.TASK in cells:
        with located(cols.TASK):
            title = text(cells[cols.TASK])
            if not title:
                raise InputError("the task needs a title")
            if len(title) > TITLE_MAX:
                raise InputError(f"the title is longer than {TITLE_MAX} characters")
            values["title"] = title
    for header, (name, options, what, read) in _CHOICES.items():
        raw = cells.get(header, _ABSENT)
        if raw is _ABSENT:
            continue
        if not blank(raw):
            with located(header):
                values[name] = read(raw)
        elif adding:
            values[name] = _ADD_DEFAULTS[header]
        else:
            with located(header):
                raise InputError(f"the {what} is empty; use one of: {', '.join(options.values())}")
    for header, name, what, required in _DATES:
        raw = cells.get(header, _ABSENT)
        if raw is _ABSENT:
            continue
        if isinstance(raw, datetime):  # a real Excel date, as eoffice's export writes: nothing to check
            values[name] = raw.date()
            continue
        with located(header):
            if required and blank(raw):
                raise InputError(f"the {what} is empty; write it as DD/MM/YYYY")
            values[name] = date_cell(raw)  # "'31/02/2027' is not a real date": the column says which
    if cols.NOTES in cells:
        values["notes"] = text(cells[cols.NOTES], collapse=False)  # blank means no notes; lines are kept
    return TaskFields(**values)


def _check_dates(fields: TaskFields, year: AcademicYear, located: Locate, whose: str, today: date) -> None:
    """The domain's date rules, each under the column it is about."""
    with located(cols.DUE):
        if not year.contains(fields.due):
            raise InputError(
                f"the due date {format_date(fields.due)} is outside {whose} {year.label} "
                f"({format_date(year.start)} to {format_date(year.end)})"
            )
    with located(cols.START):
        plan.check_start(fields.start, fields.due, year)
    with located(cols.DONE_ON):
        plan.check_done_on(fields.done_on, today)


def _validated(fields: TaskFields, year: AcademicYear, located: Locate, whose: str, today: date) -> TaskFields:
    """``validate_task``, a refusal named by its column: the whole task is checked first, and
    only a task it refuses is checked again date by date (``_check_dates``) to find the column."""
    try:
        return plan.validate_task(fields, year, today=today)
    except InputError:
        _check_dates(fields, year, located, whose, today)
        with located(None):
            return plan.validate_task(fields, year, today=today)


def open_years(session: Session, today: date) -> list[AcademicYear]:
    """The years a new row may add to: those stored (and today's), and the one after."""
    years = years_to_offer(session, today)
    return [*years, years[-1].next()]


def _one_of(years: list[AcademicYear]) -> str:
    labels = [y.label for y in years]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def _check_open(due: date, years: list[AcademicYear], located: Locate) -> None:
    year = AcademicYear.containing(due)
    if year not in years:
        with located(cols.DUE):
            raise InputError(
                f"the due date {format_date(due)} is in {year.label}, which is not a year in this database; "
                f"a new task must fall in {_one_of(years)}"
            )


def _ids(sheet: Table) -> list[int]:
    """The task IDs the sheet gives; one that is not an ID is refused later, at its row."""
    found = []
    for row in sheet.rows:
        try:
            task_id = _task_id(row.cells.get(cols.ID))
        except InputError:
            continue
        if task_id is not None:
            found.append(task_id)
    return found


@bulk
def plan_import(session: Session, sheet: Table, *, today: date | None = None) -> ImportResult:
    """Check every row against the database and say what would change; writes nothing."""
    today = today or clock.today()
    result = ImportResult(notes=sheet.notes())
    seen: dict[int, int] = {}  # task id -> row
    existing: dict[AcademicYear, set[tuple[str, date]]] = {}
    new_rows: dict[tuple[str, date], tuple[int, TaskFields]] = {}  # this file's additions so far
    allowed = open_years(session, today)
    known = plan.tasks_by_id(session, _ids(sheet))  # read at once, not a query a row
    for row in sheet.rows:
        located = sheet.at(row.number)
        current = None
        with located(cols.ID):
            task_id = _task_id(row.cells.get(cols.ID))
            if task_id is not None:
                if task_id in seen:
                    raise InputError(f"task {task_id} is also on row {seen[task_id]}; each task may appear once")
                current = known.get(task_id)
                if current is None:
                    raise InputError(f"there is no task {task_id}; leave the ID blank to add a new task")
                seen[task_id] = row.number
        if current is not None:
            after = _fields(row.cells, current.fields, located, adding=False)
            after = _validated(after, current.year, located, f"task {current.id}'s year", today)
            if after == current.fields:
                result.unchanged += 1
            else:
                result.updates.append(Update(row.number, current.id, current.fields, after))
            continue
        if cols.DUE not in row.cells:
            with located():
                raise InputError("a new task needs a due date, but the sheet has no 'Due' column")
        empty = TaskFields(title="", phase="other", owner="exams_officer", due=today)
        fields = _fields(row.cells, empty, located, adding=True)
        _check_open(fields.due, allowed, located)
        year = AcademicYear.containing(fields.due)
        fields = _validated(fields, year, located, "its academic year", today)
        if year not in existing:
            existing[year] = {(t.title.casefold(), t.due) for t in plan.tasks(session, year)}
        identity = (fields.title.casefold(), fields.due)
        if identity in new_rows:
            first_row, first = new_rows[identity]
            if first != fields:
                with located(None):
                    raise InputError(
                        f"the same task and due date as row {first_row} with different details; keep one row"
                    )
            result.repeats.append(Repeat(row.number, first_row))
        elif identity in existing[year]:
            result.unchanged += 1  # imported before: the row still has no ID, but the task is there
        else:
            new_rows[identity] = (row.number, fields)
            result.additions.append(Addition(row.number, year, fields))
    return result


@bulk
def apply_import(session: Session, result: ImportResult, *, today: date | None = None) -> None:
    """Write a checked import in the caller's transaction, in two bulk calls; the domain audits each change."""
    plan.update_tasks(session, [(update.task_id, update.after) for update in result.updates], today=today)
    plan.add_tasks(session, [(addition.year, addition.fields) for addition in result.additions], today=today)

