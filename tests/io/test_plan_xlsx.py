"""The plan exported to Excel and CSV: read back the way Excel and a script would see it."""

from __future__ import annotations

import csv
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from eoffice.db.session import Database
from eoffice.domain import plan
from eoffice.domain.plan import Task, TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.io import plan_xlsx
from eoffice.io.plan_xlsx import AMBER, GREEN, GREY, HEADERS, RED
from tests.conftest import TODAY

YEAR = AcademicYear(2026)


@pytest.fixture
def year_tasks(db: Database) -> list[Task]:
    """One task of each kind the sheet treats differently; TODAY is 23/11/2026."""
    specs = [
        TaskFields("=SUM(A1)", "planning", "exams_officer", date(2026, 10, 1), notes="-5 papers"),
        TaskFields("Order modified papers", "entries", "senco", date(2026, 12, 1), start=date(2026, 11, 2)),
        TaskFields("Pay entry fees", "entries", "finance", date(2027, 1, 15), status="done", done_on=date(2026, 11, 20)),
        TaskFields("Book the sports hall", "pre_exams", "line_manager", date(2027, 3, 1), status="not_applicable"),
        TaskFields("Results day staffing", "results", "exams_officer", date(2027, 8, 19), date_rule="weekday"),
    ]
    with db.session() as session:
        for fields in specs:
            plan.add_task(session, YEAR, fields, today=TODAY)
    with db.session() as session:
        return plan.tasks(session, YEAR)


def row_of(ws: openpyxl.worksheet.worksheet.Worksheet, title: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == title)


def column(header: str) -> int:
    return HEADERS.index(header) + 1


def test_first_sheet_has_one_row_per_task_with_labels(year_tasks: list[Task], tmp_path: Path) -> None:
    out = plan_xlsx.write_plan_xlsx(tmp_path / "plan.xlsx", YEAR, year_tasks, TODAY)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Plan 2026-27", "Month summary"]
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert {"ID", "Task", "Phase", "Owner", "Due", "Status", "Notes"} <= set(HEADERS)
    assert all(c.font.b for c in ws[1])
    assert ws.max_row == 1 + len(year_tasks)
    r = row_of(ws, "Order modified papers")
    values = {h: ws.cell(r, column(h)).value for h in HEADERS}
    task = next(t for t in year_tasks if t.title == "Order modified papers")
    assert values["ID"] == task.id
    assert (values["Phase"], values["Owner"], values["Status"]) == ("Entries", "SENCo", "Not started")
    assert values["Rule"] == "Same calendar date"
    assert values["Flag"] == "Due soon"  # 1 December is 8 days after TODAY
    weekday = row_of(ws, "Results day staffing")
    assert ws.cell(weekday, column("Rule")).value == "Same weekday"
    assert ws.cell(weekday, column("Phase")).value == "Results and post-results"


def test_dates_are_real_excel_dates(year_tasks: list[Task], tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(plan_xlsx.write_plan_xlsx(tmp_path / "p.xlsx", YEAR, year_tasks, TODAY)).worksheets[0]
    r = row_of(ws, "Order modified papers")
    for header, expected in (("Due", datetime(2026, 12, 1)), ("Start", datetime(2026, 11, 2))):
        cell = ws.cell(r, column(header))
        assert cell.is_date and cell.data_type == "d"
        assert cell.value == expected
        assert cell.number_format == "DD/MM/YYYY"
    done = ws.cell(row_of(ws, "Pay entry fees"), column("Done on"))
    assert done.is_date and done.value == datetime(2026, 11, 20)
    assert ws.cell(r, column("Done on")).value is None


def test_header_is_frozen_filtered_and_columns_are_sized(year_tasks: list[Task], tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(plan_xlsx.write_plan_xlsx(tmp_path / "p.xlsx", YEAR, year_tasks, TODAY)).worksheets[0]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:K{1 + len(year_tasks)}"
    assert ws.column_dimensions["B"].width == 48  # the task title
    assert ws.column_dimensions["K"].width == 50  # notes
    assert ws.column_dimensions["A"].width < 10  # ID


def test_status_and_flag_cells_are_coloured_and_still_say_it(year_tasks: list[Task], tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(plan_xlsx.write_plan_xlsx(tmp_path / "p.xlsx", YEAR, year_tasks, TODAY)).worksheets[0]

    def fill(title: str, header: str) -> tuple[object, str | None]:
        cell = ws.cell(row_of(ws, title), column(header))
        return cell.value, cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None

    assert fill("Pay entry fees", "Status") == ("Done", GREEN)
    assert fill("Book the sports hall", "Status") == ("Not applicable", GREY)
    assert fill("=SUM(A1)", "Flag") == ("Overdue", RED)
    assert fill("Order modified papers", "Flag") == ("Due soon", AMBER)
    assert fill("Results day staffing", "Flag") == (None, None)  # written as "", nothing to say
    assert fill("Results day staffing", "Status") == ("Not started", None)
    assert fill("Pay entry fees", "Task")[1] is None  # only the status cell, not the row


def test_formula_like_text_stays_text(year_tasks: list[Task], tmp_path: Path) -> None:
    out = plan_xlsx.write_plan_xlsx(tmp_path / "p.xlsx", YEAR, year_tasks, TODAY)
    ws = openpyxl.load_workbook(out).worksheets[0]
    r = row_of(ws, "=SUM(A1)")
    title, notes = ws.cell(r, column("Task")), ws.cell(r, column("Notes"))
    assert (title.value, title.data_type) == ("=SUM(A1)", "s")
    assert (notes.value, notes.data_type) == ("-5 papers", "s")
    with zipfile.ZipFile(out) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_month_summary_counts_done_out_of_tasks_that_apply(year_tasks: list[Task], tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(plan_xlsx.write_plan_xlsx(tmp_path / "p.xlsx", YEAR, year_tasks, TODAY))["Month summary"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Month", "Done", "Total", "Percent")
    by_month = {r[0]: r[1:] for r in rows[1:]}
    assert next(iter(by_month)) == "Sep 2026" and list(by_month)[-1] == "Aug 2027" and len(by_month) == 12
    assert by_month["Jan 2027"] == (1, 1, 1)  # the done fee payment
    assert by_month["Dec 2026"] == (0, 1, 0)
    assert by_month["Mar 2027"] == (0, 0, None)  # the not-applicable booking does not count
    percent = ws.cell(row=1 + list(by_month).index("Jan 2027") + 1, column=4)
    assert percent.data_type == "n" and percent.number_format == "0%"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D13"


def test_half_done_month_is_a_fraction(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, TaskFields("A", "other", "other", date(2027, 2, 1), status="done"), today=TODAY)
        plan.add_task(session, YEAR, TaskFields("B", "other", "other", date(2027, 2, 2)))
        year_tasks = plan.tasks(session, YEAR)
    sheet = plan_xlsx.month_summary_sheet(YEAR, year_tasks)
    assert ("Feb 2027", 1, 2, 0.5) in sheet.rows


def test_empty_year_exports_just_the_header(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(plan_xlsx.write_plan_xlsx(tmp_path / "p.xlsx", YEAR, [], TODAY)).worksheets[0]
    assert ws.max_row == 1 and ws.freeze_panes == "A2"


def test_csv_has_the_same_columns_escaped_with_a_bom(year_tasks: list[Task], tmp_path: Path) -> None:
    out = plan_xlsx.export_plan(YEAR, year_tasks, "csv", tmp_path / "plan.csv", TODAY)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(HEADERS)
    assert len(rows) == 1 + len(year_tasks)
    by_title = {r[1]: dict(zip(HEADERS, r, strict=True)) for r in rows[1:]}
    formula = by_title["'=SUM(A1)"]  # a spreadsheet opening the CSV shows text, never runs it
    assert formula["Notes"] == "'-5 papers"
    assert formula["Due"] == "01/10/2026" and formula["Flag"] == "Overdue"
    paid = by_title["Pay entry fees"]
    assert (paid["Status"], paid["Done on"], paid["Phase"], paid["Owner"]) == ("Done", "20/11/2026", "Entries", "Finance")
    assert by_title["Order modified papers"]["Start"] == "02/11/2026"


def test_unknown_format_is_a_programming_error(year_tasks: list[Task], tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        plan_xlsx.export_plan(YEAR, year_tasks, "ods", tmp_path / "p.ods", TODAY)
    assert not (tmp_path / "p.ods").exists()


def test_a_cell_fill_wins_over_its_row_fill_and_touches_only_that_cell(tmp_path: Path) -> None:
    from eoffice.io.tables import Column, Sheet, write_xlsx

    sheet = Sheet("S", [Column("A"), Column("B")], [("x", "y"), ("z", "w")], fills={0: GREY}, cell_fills={(0, 1): GREEN, (1, 0): RED})
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "s.xlsx", [sheet]))["S"]
    assert [ws[ref].fill.fgColor.rgb for ref in ("A2", "B2", "A3")] == [GREY, GREEN, RED]
    assert ws["B3"].fill.fill_type is None and ws["A1"].fill.fill_type is None
