"""The annual exams plan as a spreadsheet (Excel or CSV), built to be edited and read back.

The officer's line manager, a head of department or the officer on a home laptop works
on the plan in Excel; ``plan_import`` reads the same columns back. So the first sheet
holds labels a person understands ("Results and post-results", not ``results``), real
dates Excel can sort, and the task ID that ties each row to its task. Colours only
repeat what the words already say, so the sheet still reads in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from eoffice.domain.plan import DATE_RULES, DUE_SOON, OVERDUE, OWNERS, PHASES, STATUSES, Task, progress_by_month
from eoffice.domain.years import AcademicYear
from eoffice.io.tables import Column, Sheet, write_csv, write_xlsx

FORMATS = ("xlsx", "csv")

# Header names are shared with the importer: renaming one here breaks the round trip.
ID, TASK, PHASE, OWNER, START, DUE = "ID", "Task", "Phase", "Owner", "Start", "Due"
STATUS, DONE_ON, RULE, FLAG, NOTES = "Status", "Done on", "Rule", "Flag", "Notes"

PLAN_COLUMNS: tuple[Column, ...] = (
    Column(ID, 7),
    Column(TASK, 48),
    Column(PHASE, 24),
    Column(OWNER, 20),
    Column(START, 12),
    Column(DUE, 12),
    Column(STATUS, 15),
    Column(DONE_ON, 12),
    Column(RULE, 20),
    Column(FLAG, 11),
    Column(NOTES, 50),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in PLAN_COLUMNS)

# Excel's own "good / neutral / bad" palette, so the sheet looks familiar.
GREEN = "FFC6EFCE"  # done
GREY = "FFD9D9D9"  # not applicable
RED = "FFFFC7CE"  # overdue
AMBER = "FFFFEB9C"  # due soon
IN_PROGRESS = "FFFCD5B4"  # in progress: a light orange, told apart from due-soon yellow
STATUS_FILLS = {"done": GREEN, "not_applicable": GREY, "before_eoffice": GREY, "in_progress": IN_PROGRESS}
FLAG_FILLS = {OVERDUE: RED, DUE_SOON: AMBER}


def status_fill(task: Task, today: date) -> str | None:
    """Red for an overdue task, as in the window (the Flag beside it says "Overdue"), else
    the colour of its status; "Not started" has none."""
    if task.urgency(today) == OVERDUE:
        return RED
    return STATUS_FILLS.get(task.status)


def sheet_title(year: AcademicYear) -> str:
    """Excel forbids "/" in a sheet name, so 2026/27 becomes "Plan 2026-27"."""
    return f"Plan {year.label.replace('/', '-')}"


def plan_sheet(year: AcademicYear, year_tasks: Sequence[Task], today: date) -> Sheet:
    """One row per task, in the plan's order (by due date), with the urgency flag."""
    status_col, flag_col = HEADERS.index(STATUS), HEADERS.index(FLAG)
    rows: list[tuple[object, ...]] = []
    cell_fills: dict[tuple[int, int], str] = {}
    for index, t in enumerate(year_tasks):
        flag = t.urgency(today) or ""
        rows.append(
            (
                t.id,
                t.title,
                PHASES.get(t.phase, t.phase),
                OWNERS.get(t.owner, t.owner),
                t.start,
                t.due,
                STATUSES.get(t.status, t.status),
                t.done_on,
                DATE_RULES.get(t.date_rule, t.date_rule),
                flag,
                t.notes,
            )
        )
        colour = status_fill(t, today)
        if colour:
            cell_fills[(index, status_col)] = colour
        if flag in FLAG_FILLS:
            cell_fills[(index, flag_col)] = FLAG_FILLS[flag]
    return Sheet(sheet_title(year), PLAN_COLUMNS, rows, cell_fills=cell_fills)


def month_summary_sheet(year: AcademicYear, year_tasks: Sequence[Task]) -> Sheet:
    """Done out of the tasks that apply, per month, September to August.

    A month with nothing due has a blank percentage rather than 0%, which would read
    as "nothing done".
    """
    columns = (Column("Month", 12), Column("Done", 8), Column("Total", 8), Column("Percent", 10, "0%"))
    rows = [
        (f"{p.label} {y}", p.done, p.total, (p.done / p.total) if p.total else None)
        for (y, _month), p in zip(year.months(), progress_by_month(year, year_tasks), strict=True)
    ]
    return Sheet("Month summary", columns, rows)


def plan_sheets(year: AcademicYear, year_tasks: Sequence[Task], today: date) -> list[Sheet]:
    """The workbook's sheets: what ``write_plan_xlsx`` writes (and the bench writes bare)."""
    return [plan_sheet(year, year_tasks, today), month_summary_sheet(year, year_tasks)]


def write_plan_xlsx(path: Path, year: AcademicYear, year_tasks: Sequence[Task], today: date) -> Path:
    return write_xlsx(path, plan_sheets(year, year_tasks, today))


def write_plan_csv(path: Path, year: AcademicYear, year_tasks: Sequence[Task], today: date) -> Path:
    """The first sheet only: a CSV file has no second sheet to put the summary on."""
    return write_csv(path, plan_sheet(year, year_tasks, today))


def export_plan(year: AcademicYear, year_tasks: Sequence[Task], fmt: str, out: Path, today: date) -> Path:
    if fmt == "xlsx":
        return write_plan_xlsx(out, year, year_tasks, today)
    if fmt == "csv":
        return write_plan_csv(out, year, year_tasks, today)
    raise ValueError(f"unknown format {fmt!r}")
