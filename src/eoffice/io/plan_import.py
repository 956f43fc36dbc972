"""Read an edited plan spreadsheet back: rows with an ID update that task, rows without add one.

The file has been through a person's hands in Excel, so the reader is tolerant of what
Excel does (columns moved, extra columns added, dates as real dates or typed text,
labels in any case) and strict about meaning: one bad cell refuses the whole file,
naming the row as Excel numbers it and the column by its header, before anything is
written. Everything is checked first (``plan_import``), then written in the caller's
one transaction (``apply_import``) through the domain functions, which audit each change.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from eoffice.domain import plan
from eoffice.domain.dates import format_date, parse_date
from eoffice.domain.plan import TITLE_MAX, TaskFields
from eoffice.domain.plan_rules import DATE_RULES, OWNERS, PHASES, STATUSES, choice
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.io.mis_import import located
from eoffice.io import plan_xlsx as cols

HEADER_SEARCH_ROWS = 20
Locate = Callable[[str | None], AbstractContextManager[None]]  # header -> "errors here name this cell"
# Canonical header (casefolded) for each spelling a person might use.
_ALIASES = {h.casefold(): h for h in cols.HEADERS if h != cols.FLAG}  # Flag is worked out, never read
_ALIASES |= {"title": cols.TASK, "task id": cols.ID, "due date": cols.DUE, "start date": cols.START}
_ALIASES |= {"date rule": cols.RULE}
# Defaults for a new row that leaves a choice blank: the officer typing a quick row at the
# bottom should not have to fill in every column.
_ADD_DEFAULTS = {cols.PHASE: "other", cols.OWNER: "exams_officer", cols.STATUS: "not_started", cols.RULE: "fixed"}
_CHOICES = {  # header -> (field, options, what)
    cols.PHASE: ("phase", PHASES, "phase"),
    cols.OWNER: ("owner", OWNERS, "owner"),
    cols.STATUS: ("status", STATUSES, "status"),
    cols.RULE: ("date_rule", DATE_RULES, "date rule"),
}
_SHOWN = (  # field, name in a change line
    ("title", "title"), ("phase", "phase"), ("owner", "owner"), ("start", "start"), ("due", "due"),
    ("status", "status"), ("done_on", "done on"), ("date_rule", "rule"), ("notes", "notes"),
)  # fmt: skip
_LABELS = {"phase": PHASES, "owner": OWNERS, "status": STATUSES, "date_rule": DATE_RULES}


@dataclass(frozen=True)
class SheetRow:
    number: int  # as Excel shows it
    cells: dict[str, Any]  # canonical header -> raw value, for the columns the file has


@dataclass(frozen=True)
class PlanSheet:
    path: Path
    headers: dict[str, str]  # canonical header -> the header as written in the file
    rows: list[SheetRow]


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


@dataclass
class ImportResult:
    updates: list[Update] = field(default_factory=list)
    additions: list[Addition] = field(default_factory=list)
    unchanged: int = 0

    def lines(self) -> list[str]:
        """One line per change, in row order, for a dry run or a log."""
        found = [(u.row, f"row {u.row}: update task {u.task_id}: {describe(u.before, u.after)}") for u in self.updates]
        found += [(a.row, f"row {a.row}: add {a.fields.title!r} due {format_date(a.fields.due)}") for a in self.additions]
        return [line for _row, line in sorted(found)]

    def summary(self, *, dry_run: bool) -> str:
        if dry_run:
            return f"{len(self.updates)} to update, {len(self.additions)} to add, {self.unchanged} unchanged"
        return f"{len(self.updates)} updated, {len(self.additions)} added, {self.unchanged} unchanged"


def _shown(name: str, value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, date):
        return format_date(value)
    if name in _LABELS:
        return _LABELS[name].get(str(value), str(value))
    text = str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def describe(before: TaskFields, after: TaskFields) -> str:
    """``status Not started -> Done; due 31/01/2027 -> 07/02/2027``, in labels a person knows."""
    old, new = asdict(before), asdict(after)
    return "; ".join(
        f"{label} {_shown(name, old[name])} -> {_shown(name, new[name])}" for name, label in _SHOWN if old[name] != new[name]
    )


# --- reading the workbook --------------------------------------------------------------

def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_map(values: tuple[Any, ...]) -> dict[str, tuple[int, str]] | None:
    found: dict[str, tuple[int, str]] = {}
    for index, value in enumerate(values):
        if isinstance(value, str):
            canonical = _ALIASES.get(" ".join(value.split()).casefold())
            if canonical and canonical not in found:
                found[canonical] = (index, value.strip())
    return found if cols.ID in found and cols.TASK in found else None


def read_plan_sheet(path: Path) -> PlanSheet:
    """The first sheet with an ``ID`` and ``Task`` header row, as raw cell values."""
    path = Path(path)
    if not path.is_file():
        raise InputError("there is no such file", file=path)
    if path.suffix.lower() != ".xlsx":
        raise InputError("is not an Excel workbook (.xlsx); import a plan exported with `--format xlsx`", file=path)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extras mean nothing to the user
            workbook = load_workbook(path, data_only=True)  # what Excel last worked out
            formulas = load_workbook(path)  # which cells are formulas, to refuse ones never worked out
    except (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, ValueError, TypeError) as error:
        reason = "cannot be read as an Excel workbook; is it damaged, or another kind of file renamed .xlsx?"
        raise InputError(reason, file=path) from error
    for ws, fws in zip(workbook.worksheets, formulas.worksheets, strict=True):
        columns: dict[str, tuple[int, str]] | None = None
        rows: list[SheetRow] = []
        for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            if columns is None:
                if number > HEADER_SEARCH_ROWS:
                    break
                columns = _header_map(values)
                continue
            cells = {name: (values[i] if i < len(values) else None) for name, (i, _text) in columns.items()}
            for name, (i, text) in columns.items():
                if cells[name] is None and fws.cell(number, i + 1).data_type == "f":
                    raise InputError(
                        "the cell holds a formula with no saved result; type the value itself, "
                        "or open and save the file in Excel first",
                        file=path, row=number, column=text,
                    )  # fmt: skip
            if not all(_blank(v) for v in cells.values()):
                rows.append(SheetRow(number, cells))
        if columns is not None:
            return PlanSheet(path, {name: text for name, (_i, text) in columns.items()}, rows)
    raise InputError(
        f"no header row with 'ID' and 'Task' in the first {HEADER_SEARCH_ROWS} rows of any sheet; "
        "import a plan exported by eoffice",
        file=path,
    )


# --- checking every row -------------------------------------------------------------------

def _located(sheet: PlanSheet, row: int, header: str | None) -> AbstractContextManager[None]:
    return located(sheet.path, sheet.headers, row, header)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return format_date(value)
    return str(value).strip()


def _date(value: object, what: str, *, required: bool) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _blank(value):
        if required:
            raise InputError(f"the {what} is empty; write it as DD/MM/YYYY")
        return None
    if isinstance(value, str):
        return parse_date(value, what="date")
    raise InputError(f"{value!r} is not a date; write it as DD/MM/YYYY")


def _task_id(value: object) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise InputError(f"{value!r} is not a task ID; leave the ID blank to add a new task")


def _fields(sheet: SheetRow, base: TaskFields, located: Locate, *, adding: bool) -> TaskFields:
    """``base`` with every column the sheet has put in, each checked where it stands."""
    cells, values = sheet.cells, asdict(base)
    if cols.TASK in cells:
        with located(cols.TASK):
            title = " ".join(_text(cells[cols.TASK]).split())
            if not title:
                raise InputError("the task needs a title")
            if len(title) > TITLE_MAX:
                raise InputError(f"the title is longer than {TITLE_MAX} characters")
            values["title"] = title
    for header, (name, options, what) in _CHOICES.items():
        if header in cells:
            with located(header):
                raw = cells[header]
                if _blank(raw) and adding:
                    values[name] = _ADD_DEFAULTS[header]
                elif _blank(raw):
                    raise InputError(f"the {what} is empty; use one of: {', '.join(options.values())}")
                else:
                    values[name] = choice(raw, options, what)
    for header, name, what, required in (
        (cols.DUE, "due", "due date", True),
        (cols.START, "start", "start date", False),
        (cols.DONE_ON, "done_on", "done-on date", False),
    ):
        if header in cells:
            with located(header):
                values[name] = _date(cells[header], what, required=required)
    if cols.NOTES in cells:
        values["notes"] = _text(cells[cols.NOTES])  # blank means no notes
    return TaskFields(**values)


def _check_dates(fields: TaskFields, year: AcademicYear, located: Locate, whose: str) -> None:
    with located(cols.DUE):
        if not year.contains(fields.due):
            raise InputError(
                f"the due date {format_date(fields.due)} is outside {whose} {year.label} "
                f"({format_date(year.start)} to {format_date(year.end)})"
            )
    with located(cols.START):
        if fields.start is not None and fields.start > fields.due:
            raise InputError(
                f"the start date {format_date(fields.start)} is after the due date {format_date(fields.due)}"
            )


def plan_import(session: Session, sheet: PlanSheet, *, today: date | None = None) -> ImportResult:
    """Check every row against the database and say what would change; writes nothing."""
    today = today or date.today()
    result = ImportResult()
    seen: dict[int, int] = {}  # task id -> row
    existing: dict[AcademicYear, set[tuple[str, date]]] = {}
    for row in sheet.rows:

        def located(header: str | None, _row: int = row.number) -> AbstractContextManager[None]:
            return _located(sheet, _row, header)

        current = None
        with located(cols.ID):
            task_id = _task_id(row.cells.get(cols.ID))
            if task_id is not None:
                if task_id in seen:
                    raise InputError(f"task {task_id} is also on row {seen[task_id]}; each task may appear once")
                try:
                    current = plan.task(session, task_id)
                except InputError as error:
                    raise InputError(f"{error.reason}; leave the ID blank to add a new task") from None
                seen[task_id] = row.number
        if current is not None:
            after = _fields(row, current.fields, located, adding=False)
            _check_dates(after, current.year, located, f"task {current.id}'s year")
            with located(None):
                after = plan.validate_fields(after, current.year, today=today)
            if after == current.fields:
                result.unchanged += 1
            else:
                result.updates.append(Update(row.number, current.id, current.fields, after))
            continue
        if cols.DUE not in row.cells:
            raise InputError("a new task needs a due date, but the sheet has no 'Due' column", file=sheet.path, row=row.number)
        blank = TaskFields(title="", phase="other", owner="exams_officer", due=today)
        fields = _fields(row, blank, located, adding=True)
        year = AcademicYear.containing(fields.due)
        _check_dates(fields, year, located, "its academic year")
        with located(None):
            fields = plan.validate_fields(fields, year, today=today)
        if year not in existing:
            existing[year] = {(t.title.casefold(), t.due) for t in plan.tasks(session, year)}
        if (fields.title.casefold(), fields.due) in existing[year]:
            result.unchanged += 1  # imported before: the row still has no ID, but the task is there
        else:
            result.additions.append(Addition(row.number, year, fields))
    return result


def apply_import(session: Session, result: ImportResult, *, today: date | None = None) -> None:
    """Write a checked import in the caller's transaction; each change is audited by the domain."""
    for update in result.updates:
        plan.update_task(session, update.task_id, update.after, today=today)
    for addition in result.additions:
        plan.add_task(session, addition.year, addition.fields, today=today)

