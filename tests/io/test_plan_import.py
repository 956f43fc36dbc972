"""An exported plan edited in a spreadsheet and read back: the round trip and every refusal."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from eoffice.db.session import Database
from eoffice.domain import audit, plan
from eoffice.domain.plan import Task, TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.io import plan_xlsx
from eoffice.io.plan_import import apply_import, plan_import, read_plan_sheet
from tests.conftest import TODAY

YEAR = AcademicYear(2026)


def fill_year(session: object) -> list[Task]:
    """The template's year when the template is there; ten hand-made tasks otherwise."""
    if plan.template_path().exists():
        return plan.new_year_from_template(session, YEAR)  # type: ignore[arg-type]
    return [
        plan.add_task(session, YEAR, TaskFields(f"Task {i}", "entries", "exams_officer", date(2026, 9 + i % 4, 10), notes=f"note {i}"))  # type: ignore[arg-type]
        for i in range(10)
    ]


@pytest.fixture
def exported(db: Database, tmp_path: Path) -> Path:
    with db.session() as session:
        fill_year(session)
    with db.session() as session:
        return plan_xlsx.write_plan_xlsx(tmp_path / "plan.xlsx", YEAR, plan.tasks(session, YEAR), TODAY)


def all_tasks(db: Database) -> list[Task]:
    with db.session() as session:
        return [t for y in (YEAR.previous(), YEAR, YEAR.next()) for t in plan.tasks(session, y)]


def audit_count(db: Database) -> int:
    with db.session() as session:
        return audit.count(session)


def col(ws: Worksheet, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def row_for(ws: Worksheet, task_id: int) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == task_id)


def edit(path: Path, changes: dict[tuple[int, str], object], append: list[dict[str, object]] = ()) -> Path:  # type: ignore[assignment]
    """Change cells by (task id, header) and add rows by header, as a person would in Excel."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for (task_id, header), value in changes.items():
        ws.cell(row_for(ws, task_id), col(ws, header)).value = value  # cell(..., None) would ignore it
    for new in append:
        r = ws.max_row + 1
        for header, value in new.items():
            ws.cell(r, col(ws, header), value)
    wb.save(path)
    return path


def run_import(db: Database, path: Path, *, dry_run: bool = False) -> list[str]:
    with db.session() as session:
        result = plan_import(session, read_plan_sheet(path), today=TODAY)
        if not dry_run:
            apply_import(session, result, today=TODAY)
    return [*result.lines(), result.summary(dry_run=dry_run)]


def test_unedited_export_imports_as_unchanged(db: Database, exported: Path) -> None:
    before, n_audit = all_tasks(db), audit_count(db)
    lines = run_import(db, exported)
    assert lines == [f"0 updated, 0 added, {len(before)} unchanged"]
    assert all_tasks(db) == before and audit_count(db) == n_audit


def test_round_trip_updates_adds_and_blanks_notes(db: Database, exported: Path) -> None:
    before = {t.id: t for t in all_tasks(db)}
    first, second, third = sorted(before)[:3]
    assert before[third].notes, "the template's task should have a note to blank"
    new_due = before[second].due + timedelta(days=7)
    assert YEAR.contains(new_due)
    edit(
        exported,
        {(first, "Status"): "done", (second, "Due"): new_due, (third, "Notes"): None},
        [{"Task": "Order modified papers", "Phase": "entries", "Owner": "SENCO", "Due": "31/01/2027", "Notes": "-5 papers"}],
    )
    n_audit = audit_count(db)
    lines = run_import(db, exported)
    assert lines[-1] == f"3 updated, 1 added, {len(before) - 3} unchanged"
    after = {t.id: t for t in all_tasks(db)}
    assert after[first].status == "done" and after[first].done_on == TODAY
    assert after[second].due == new_due
    assert after[third].notes == ""
    added = [t for i, t in after.items() if i not in before]
    assert len(added) == 1
    assert added[0].fields == TaskFields(
        "Order modified papers", "entries", "senco", date(2027, 1, 31), notes="-5 papers", status="not_started"
    )
    assert added[0].year == YEAR
    untouched = set(before) - {first, second, third}
    assert all(after[i] == before[i] for i in untouched)
    assert audit_count(db) == n_audit + 4  # one entry per change, written by the domain


def test_formula_like_text_survives_the_round_trip(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        plan.add_task(session, YEAR, TaskFields("=SUM(A1)", "other", "other", date(2027, 5, 4), notes="-5 papers"))
        path = plan_xlsx.write_plan_xlsx(tmp_path / "p.xlsx", YEAR, plan.tasks(session, YEAR), TODAY)
    before = all_tasks(db)
    edit(path, {(before[0].id, "Status"): "In progress"})  # openpyxl loads and saves the text cells too
    assert run_import(db, path)[-1] == "1 updated, 0 added, 0 unchanged"
    assert all_tasks(db)[0].fields == TaskFields("=SUM(A1)", "other", "other", date(2027, 5, 4), notes="-5 papers", status="in_progress")


def test_a_formula_with_no_saved_result_is_refused_not_read_as_blank(db: Database, exported: Path) -> None:
    first = all_tasks(db)[0]
    wb = openpyxl.load_workbook(exported)
    ws = wb.worksheets[0]
    ws.cell(row_for(ws, first.id), col(ws, "Notes")).value = '=CONCAT("a", "b")'  # a script's formula: no cached value
    wb.save(exported)
    before = all_tasks(db)
    with pytest.raises(InputError, match=r"row 2, column 'Notes': the cell holds a formula with no saved result"):
        run_import(db, exported)
    assert all_tasks(db) == before


def test_dry_run_reports_and_writes_nothing(db: Database, exported: Path) -> None:
    before, n_audit = all_tasks(db), audit_count(db)
    first, second = before[0], before[1]
    edit(
        exported,
        {(first.id, "Status"): "Done", (second.id, "Due"): datetime(2027, 1, 31)},
        [{"Task": "Order modified papers", "Due": date(2027, 1, 31)}],
    )
    lines = run_import(db, exported, dry_run=True)
    assert f"update task {first.id}: status Not started -> Done; done on (blank) -> {TODAY:%d/%m/%Y}" in "\n".join(lines)
    assert any(f"update task {second.id}: due {second.due:%d/%m/%Y} -> 31/01/2027" in line for line in lines)
    assert lines[-2] == f"row {len(before) + 2}: add 'Order modified papers' due 31/01/2027"
    assert lines[-1] == f"2 to update, 1 to add, {len(before) - 2} unchanged"
    assert lines[0].startswith("row ")
    assert all_tasks(db) == before and audit_count(db) == n_audit


def test_new_row_defaults_and_takes_its_year_from_the_due_date(db: Database, exported: Path) -> None:
    edit(exported, {}, [{"Task": "  Plan   next year ", "Due": "2027-09-14"}])
    run_import(db, exported)
    with db.session() as session:
        (added,) = plan.tasks(session, YEAR.next())
    assert added.fields == TaskFields("Plan next year", "other", "exams_officer", date(2027, 9, 14))


def test_importing_the_same_new_row_twice_adds_it_once(db: Database, exported: Path) -> None:
    edit(exported, {}, [{"Task": "Order modified papers", "Due": "31/01/2027"}])
    run_import(db, exported)
    count = len(all_tasks(db))
    assert run_import(db, exported)[-1] == f"0 updated, 0 added, {count} unchanged"
    assert len(all_tasks(db)) == count


def test_columns_in_any_order_extra_columns_lower_case_and_a_title_above(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        task = plan.add_task(session, YEAR, TaskFields("Send the timetable", "pre_exams", "exams_officer", date(2027, 3, 5)))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Exams plan, edited by the head of maths"])
    ws.append([])
    ws.append(["My comments", "due", "status", "task", "id", "rule", "phase"])
    ws.append(["looks fine", "06/03/2027", "IN PROGRESS", "Send the timetable", task.id, "same weekday", "Pre-exams"])
    ws.append([None] * 7)
    ws.append(["just a comment on an empty row"])
    wb.save(tmp_path / "edited.xlsx")
    sheet = read_plan_sheet(tmp_path / "edited.xlsx")
    assert [r.number for r in sheet.rows] == [4]
    lines = run_import(db, tmp_path / "edited.xlsx")
    assert (lines[0], lines[-1]) == ("column not read (not known to this import): 'My comments'",
                                     "1 updated, 0 added, 0 unchanged")
    with db.session() as session:
        after = plan.task(session, task.id)
    assert (after.due, after.status, after.date_rule, after.owner) == (date(2027, 3, 6), "in_progress", "weekday", "exams_officer")


def bad(db: Database, exported: Path, changes: dict[str, object], *, new_row: bool = False) -> InputError:
    before, n_audit = all_tasks(db), audit_count(db)
    target = before[4].id
    if new_row:
        edit(exported, {(before[0].id, "Status"): "Done"}, [changes])
    else:
        edit(exported, {(before[0].id, "Status"): "Done", **{(target, h): v for h, v in changes.items()}})
    with pytest.raises(InputError) as caught:
        run_import(db, exported)
    assert all_tasks(db) == before and audit_count(db) == n_audit  # the good row 2 was not written either
    return caught.value


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"Due": "31/02/2027"}, "Due", "'31/02/2027' is not a real date (there is no such day)"),
        ({"Due": "2027-09-01"}, "Due", "is outside task"),
        ({"Due": None}, "Due", "the due date is empty"),
        ({"Start": "not a date"}, "Start", "is not a valid date"),
        ({"Status": "Finished"}, "Status", "'Finished' is not a status; use one of: Not started, In progress"),
        ({"Phase": "Summer"}, "Phase", "is not a phase"),
        ({"Owner": None}, "Owner", "the owner is empty"),
        ({"Rule": "monthly"}, "Rule", "is not a date rule"),
        ({"Task": "   "}, "Task", "the task needs a title"),
        ({"ID": 99999}, "ID", "there is no task 99999; leave the ID blank to add a new task"),
        ({"ID": "twelve"}, "ID", "'twelve' is not a task ID"),
        ({"Start": "01/08/2027", "Due": "01/07/2027"}, "Start", "is after the due date 01/07/2027"),
    ],
)
def test_a_bad_cell_refuses_the_whole_file(
    db: Database, exported: Path, changes: dict[str, object], column: str, reason: str
) -> None:
    error = bad(db, exported, changes)
    assert error.file == exported and error.row == 6 and error.column == column
    assert reason in error.reason
    assert str(error).startswith(f"{exported}, row 6, column '{column}': ")


def test_spec_message_for_an_impossible_date(db: Database, exported: Path) -> None:
    error = bad(db, exported, {"Due": "31/02/2027"})
    assert str(error) == f"{exported}, row 6, column 'Due': '31/02/2027' is not a real date (there is no such day)"


def test_a_bad_new_row_names_its_row(db: Database, exported: Path) -> None:
    error = bad(db, exported, {"Task": "Order papers", "Due": "31/02/2027"}, new_row=True)
    assert (error.row, error.column) == (len(all_tasks(db)) + 2, "Due")


def test_the_same_id_twice_is_refused(db: Database, exported: Path) -> None:
    first = all_tasks(db)[0]
    error = bad(db, exported, {"ID": first.id})
    assert (error.row, error.column) == (6, "ID") and "also on row 2" in error.reason


def test_a_new_row_without_a_due_column_is_refused(db: Database, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["ID", "Task"])
    wb.active.append([None, "Something"])
    wb.save(tmp_path / "p.xlsx")
    with pytest.raises(InputError, match="row 2: a new task needs a due date"):
        run_import(db, tmp_path / "p.xlsx")


def test_files_that_are_not_a_plan_workbook(tmp_path: Path) -> None:
    text = tmp_path / "plan.xlsx"
    text.write_text("ID,Task\n1,Hello\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot be read as an Excel workbook"):
        read_plan_sheet(text)
    csv_file = tmp_path / "plan.csv"
    csv_file.write_text("ID,Task\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"plan\.csv: is not an Excel workbook"):
        read_plan_sheet(csv_file)
    with pytest.raises(InputError, match="there is no such file"):
        read_plan_sheet(tmp_path / "missing.xlsx")
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "Date"])
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(InputError, match="no header row found in the first 20 rows; the file needs: ID, Task "):
        read_plan_sheet(tmp_path / "other.xlsx")
