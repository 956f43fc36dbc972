"""Every status has its colour in the Excel plan, and an overdue row says so in red twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from eoffice.db.session import Database
from eoffice.domain import plan
from eoffice.domain.plan import TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.io import plan_xlsx
from eoffice.io.plan_xlsx import AMBER, GREEN, GREY, HEADERS, IN_PROGRESS, RED
from tests.conftest import TODAY

YEAR = AcademicYear(2026)


def test_status_cells_have_a_fill_for_every_status_and_red_when_overdue(db: Database, tmp_path: Path) -> None:
    specs = {
        "Underway": TaskFields("Underway", "entries", "senco", date(2027, 2, 1), status="in_progress"),
        "Underway, due soon": TaskFields("Underway, due soon", "entries", "senco", date(2026, 12, 1), status="in_progress"),
        "Underway, late": TaskFields("Underway, late", "entries", "senco", date(2026, 11, 2), status="in_progress"),
        "Late": TaskFields("Late", "entries", "senco", date(2026, 10, 2)),
        "Done late": TaskFields("Done late", "entries", "senco", date(2026, 10, 2), status="done", done_on=date(2026, 10, 9)),
        "Skipped": TaskFields("Skipped", "entries", "senco", date(2026, 10, 2), status="not_applicable"),
        "Later": TaskFields("Later", "entries", "senco", date(2027, 3, 1)),
    }
    with db.session() as session:
        for fields in specs.values():
            plan.add_task(session, YEAR, fields, today=TODAY)
        year_tasks = plan.tasks(session, YEAR)
    ws = openpyxl.load_workbook(plan_xlsx.write_plan_xlsx(tmp_path / "p.xlsx", YEAR, year_tasks, TODAY)).worksheets[0]
    status, flag = HEADERS.index("Status") + 1, HEADERS.index("Flag") + 1

    def seen(title: str, col: int) -> tuple[object, str | None]:
        r = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == title)
        cell = ws.cell(r, col)
        return cell.value or None, cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None

    assert len({IN_PROGRESS, AMBER, RED, GREEN, GREY}) == 5  # in progress is its own colour, not due-soon amber
    assert seen("Underway", status) == ("In progress", IN_PROGRESS)
    assert seen("Underway, due soon", status) == ("In progress", IN_PROGRESS)
    assert seen("Underway, due soon", flag) == ("Due soon", AMBER)
    # Overdue: the status cell turns red as in the window, and the flag beside it says why.
    assert seen("Underway, late", status) == ("In progress", RED)
    assert seen("Underway, late", flag) == ("Overdue", RED)
    assert seen("Late", status) == ("Not started", RED)
    assert seen("Late", flag) == ("Overdue", RED)
    assert seen("Done late", status) == ("Done", GREEN)
    assert seen("Skipped", status) == ("Not applicable", GREY)
    assert seen("Later", status) == ("Not started", None)
    assert seen("Later", flag) == (None, None)
