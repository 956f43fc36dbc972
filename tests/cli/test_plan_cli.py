"""The plan's command line: new-year, export plan, import plan; exit codes and nothing written on refusal."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from eoffice import cli
from eoffice.db.models import PlanTask
from eoffice.db.session import Database, open_database
from eoffice.domain import audit, plan
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.plan import TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.io.plan_xlsx import HEADERS
from tests.cli.cli_helpers import Capture, one_line, run

YEAR = AcademicYear(2026)
NEXT = AcademicYear(2027)


def state(path: Path) -> tuple[list[tuple[object, ...]], int]:
    """Every task in every year, field by field, and the audit count: what "nothing written" means."""
    with open_database(path, read_only=True) as db, db.session() as session:
        rows = session.scalars(select(PlanTask).order_by(PlanTask.id))
        tasks = [
            (r.id, r.year_id, r.title, r.phase, r.owner, r.start, r.due, r.status, r.done_on, r.notes, r.date_rule, r.template_key)
            for r in rows
        ]
        return tasks, audit.count(session)


def has_template() -> bool:
    return plan.template_path().exists()


@pytest.fixture
def planned(db: Database, db_path: Path) -> Path:
    """A centre with a filled 2026/27 plan, closed so the command line can take the writer lock."""
    with db.session() as session:
        save_centre(session, CentreDetails(name="Riverside Academy", centre_number="12345"))
        if has_template():
            plan.new_year_from_template(session, YEAR)
        else:
            for i in range(10):
                plan.add_task(session, YEAR, TaskFields(f"Task {i}", "entries", "exams_officer", date(2026, 10, 1 + i)))
    db.close()
    return db_path


def export(capsys: Capture, db_path: Path, out: Path, fmt: str = "xlsx", *extra: str) -> Path:
    code, stdout, err = run(capsys, "export", "plan", "--format", fmt, "--out", out, "--db", db_path, *extra)
    assert (code, err) == (0, ""), err
    assert stdout.strip() == f"exported plan to {out}"
    return out


# --- export -----------------------------------------------------------------------------

def test_export_xlsx_for_a_given_year(planned: Path, tmp_path: Path, capsys: Capture) -> None:
    out = export(capsys, planned, tmp_path / "plan.xlsx", "xlsx", "--year", "2026/27")
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.title == "Plan 2026-27"
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.max_row == 1 + len(state(planned)[0])
    assert ws.freeze_panes == "A2" and ws.cell(2, HEADERS.index("Due") + 1).is_date


def test_export_of_a_year_with_no_tasks_is_just_the_header(planned: Path, tmp_path: Path, capsys: Capture) -> None:
    ws = openpyxl.load_workbook(export(capsys, planned, tmp_path / "p.xlsx", "xlsx", "--year", "2030/31")).worksheets[0]
    assert ws.title == "Plan 2030-31" and ws.max_row == 1


def test_export_defaults_to_the_current_year(db: Database, db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    current = AcademicYear.current()
    with db.session() as session:
        plan.add_task(session, current, TaskFields("This year's task", "other", "other", current.start))
        plan.add_task(session, current.next(), TaskFields("Next year's task", "other", "other", current.next().start))
    db.close()
    ws = openpyxl.load_workbook(export(capsys, db_path, tmp_path / "p.xlsx")).worksheets[0]
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == ["This year's task"]


def test_export_csv(planned: Path, tmp_path: Path, capsys: Capture) -> None:
    out = export(capsys, planned, tmp_path / "plan.csv", "CSV", "--year", "2026/27")
    with open(out, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(HEADERS) and len(rows) == 1 + len(state(planned)[0])
    assert all(len(r[HEADERS.index("Due")]) == 10 and r[HEADERS.index("Due")][2] == "/" for r in rows[1:])


def test_export_pdf(planned: Path, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    plan_pdf = pytest.importorskip("eoffice.io.plan_pdf")
    seen: dict[str, object] = {}
    real = plan_pdf.write_plan_pdf

    def spy(path: Path, centre_name: str, year: AcademicYear, tasks: list[object], today: date) -> Path:
        seen.update(centre=centre_name, year=year, n=len(tasks))
        return real(path, centre_name, year, tasks, today)

    monkeypatch.setattr(plan_pdf, "write_plan_pdf", spy)
    out = export(capsys, planned, tmp_path / "plan.pdf", "pdf", "--year", "2026/27")
    assert out.read_bytes().startswith(b"%PDF")
    assert seen == {"centre": "Riverside Academy", "year": YEAR, "n": len(state(planned)[0])}


def test_export_refuses_an_unknown_format_and_writes_nothing(planned: Path, tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "export", "plan", "--format", "docx", "--out", tmp_path / "p.docx", "--db", planned)
    assert code == 2 and "plan exports as xlsx or pdf or csv" in one_line(err)
    assert not (tmp_path / "p.docx").exists()


def test_export_of_a_missing_database_exits_2(tmp_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "export", "plan", "--format", "xlsx", "--out", tmp_path / "p.xlsx", "--db", tmp_path / "no.sqlite3")
    assert code == 2 and "does not exist" in one_line(err)
    assert not (tmp_path / "p.xlsx").exists() and not (tmp_path / "no.sqlite3").exists()


# --- import -----------------------------------------------------------------------------

def edit_export(capsys: Capture, db_path: Path, tmp_path: Path) -> tuple[Path, list[int]]:
    """Export, then change a status and a due date and add a row, as the officer would in Excel."""
    out = export(capsys, db_path, tmp_path / "plan.xlsx", "xlsx", "--year", "2026/27")
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    ws.cell(2, HEADERS.index("Status") + 1).value = "Done"
    ws.cell(3, HEADERS.index("Due") + 1).value = "31/10/2026"
    new = ws.max_row + 1
    for header, value in (("Task", "Order modified papers"), ("Phase", "Entries"), ("Owner", "SENCo"), ("Due", "31/01/2027")):
        ws.cell(new, HEADERS.index(header) + 1).value = value
    wb.save(out)
    return out, ids


def test_import_dry_run_reports_and_writes_nothing(planned: Path, tmp_path: Path, capsys: Capture) -> None:
    out, ids = edit_export(capsys, planned, tmp_path)
    before = state(planned)
    code, stdout, err = run(capsys, "import", "plan", out, "--db", planned, "--dry-run")
    assert (code, err) == (0, "")
    lines = stdout.strip().splitlines()
    assert lines[0].startswith(f"row 2: update task {ids[0]}: status Not started -> Done; done on (blank) -> ")
    assert lines[1].startswith(f"row 3: update task {ids[1]}: due ") and lines[1].endswith(" -> 31/10/2026")
    assert lines[2] == f"row {len(ids) + 2}: add 'Order modified papers' due 31/01/2027"
    assert lines[3] == f"2 to update, 1 to add, {len(ids) - 2} unchanged"
    assert lines[4] == "dry run: nothing was written"
    assert state(planned) == before


def test_import_applies_everything_and_audits_it(planned: Path, tmp_path: Path, capsys: Capture) -> None:
    out, ids = edit_export(capsys, planned, tmp_path)
    _tasks_before, audit_before = state(planned)
    code, stdout, err = run(capsys, "import", "plan", out, "--db", planned)
    assert (code, err) == (0, "")
    assert stdout.strip().splitlines()[-1] == f"2 updated, 1 added, {len(ids) - 2} unchanged"
    tasks_after, audit_after = state(planned)
    assert audit_after == audit_before + 3
    by_id = {t[0]: t for t in tasks_after}
    assert by_id[ids[0]][7] == "done" and by_id[ids[0]][8] is not None
    assert by_id[ids[1]][6] == date(2026, 10, 31)
    (added,) = [t for t in tasks_after if t[0] not in ids]
    assert added[2:7] == ("Order modified papers", "entries", "senco", None, date(2027, 1, 31))
    # Running the same file again changes nothing: the new row is already there.
    code, stdout, _ = run(capsys, "import", "plan", out, "--db", planned)
    assert code == 0 and stdout.strip().splitlines()[-1] == f"0 updated, 0 added, {len(ids) + 1} unchanged"
    assert state(planned) == (tasks_after, audit_after)


@pytest.mark.parametrize(
    ("header", "value", "message"),
    [
        ("Due", "31/02/2027", "'31/02/2027' is not a real date (there is no such day)"),
        ("Status", "Finished", "'Finished' is not a status"),
        ("Task", "", "the task needs a title"),
        ("ID", 987654, "there is no task 987654"),
        ("Due", "15/09/2027", "the due date 15/09/2027 is outside task"),
    ],
)
def test_a_bad_cell_exits_2_naming_row_and_column(
    planned: Path, tmp_path: Path, capsys: Capture, header: str, value: object, message: str
) -> None:
    out, _ = edit_export(capsys, planned, tmp_path)  # good changes on rows 2 and 3 as well
    wb = openpyxl.load_workbook(out)
    wb.worksheets[0].cell(7, HEADERS.index(header) + 1).value = value
    wb.save(out)
    before = state(planned)
    code, stdout, err = run(capsys, "import", "plan", out, "--db", planned)
    assert code == 2 and stdout == ""
    line = one_line(err)
    assert line.startswith(f"eoffice: {out}, row 7, column '{header}': ")
    assert message in line
    assert state(planned) == before


def test_import_of_a_text_file_exits_2(planned: Path, tmp_path: Path, capsys: Capture) -> None:
    before = state(planned)
    fake = tmp_path / "plan.xlsx"
    fake.write_text("this is not a workbook\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "plan", fake, "--db", planned)
    assert code == 2 and "cannot be read as an Excel workbook" in one_line(err)
    notes = tmp_path / "plan.txt"
    notes.write_text("ID\tTask\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "plan", notes, "--db", planned)
    assert code == 2 and one_line(err).startswith(f"eoffice: {notes}: is not an Excel workbook (.xlsx)")
    assert state(planned) == before


def test_import_into_a_missing_database_creates_nothing(planned: Path, tmp_path: Path, capsys: Capture) -> None:
    out, _ = edit_export(capsys, planned, tmp_path)
    missing = tmp_path / "missing.sqlite3"
    code, _, err = run(capsys, "import", "plan", out, "--db", missing)
    assert code == 2 and "does not exist" in one_line(err) and not missing.exists()


# --- plan new-year --------------------------------------------------------------------------

def test_new_year_from_the_template(db: Database, db_path: Path, capsys: Capture) -> None:
    if not has_template():
        pytest.skip("resources/plan_template.json is not there yet")
    db.close()
    code, stdout, err = run(capsys, "plan", "new-year", "--year", "2027/28", "--from-template", "--db", db_path)
    n = len(plan.load_template().tasks)
    assert (code, err) == (0, "") and stdout.strip() == f"added {n} tasks to 2027/28 from the template"
    tasks, _ = state(db_path)
    assert len(tasks) == n and all(NEXT.contains(t[6]) and t[7] == "not_started" for t in tasks)
    # The template only fills an empty year: a second run is refused and changes nothing.
    code, _, err = run(capsys, "plan", "new-year", "--year", "2027/28", "--from-template", "--db", db_path)
    assert code == 2 and "already has" in one_line(err)
    assert len(state(db_path)[0]) == n


def test_new_year_rolled_forward_twice_adds_nothing_the_second_time(planned: Path, capsys: Capture) -> None:
    source_count = len(state(planned)[0])
    code, stdout, err = run(capsys, "plan", "new-year", "--year", "2027/28", "--from", "2026/27", "--db", planned)
    assert (code, err) == (0, "") and stdout.strip() == f"added {source_count} tasks to 2027/28 rolled forward from 2026/27"
    after_first = state(planned)
    assert len(after_first[0]) == 2 * source_count
    code, stdout, _ = run(capsys, "plan", "new-year", "--year", "2027/28", "--from", "2026/27", "--db", planned)
    assert code == 0 and stdout.strip() == "added 0 tasks to 2027/28 rolled forward from 2026/27"
    assert state(planned)[0] == after_first[0]


@pytest.mark.parametrize(
    "argv",
    [
        ("--year", "2027/28"),  # neither source
        ("--year", "2027/28", "--from-template", "--from", "2026/27"),  # both
        ("--from-template",),  # no year
    ],
)
def test_new_year_needs_exactly_one_source_and_a_year(planned: Path, capsys: Capture, argv: tuple[str, ...]) -> None:
    before = state(planned)
    with pytest.raises(SystemExit) as caught:
        cli.main(["plan", "new-year", *argv, "--db", str(planned)])
    assert caught.value.code == 2
    assert state(planned) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--year", "2027/29", "--from", "2026/27"), "is not an academic year"),
        (("--year", "2027/28", "--from", "2024/25"), "2024/25 has no tasks to roll forward"),
        (("--year", "2026/27", "--from", "2026/27"), "choose a different year"),
    ],
)
def test_new_year_refusals_exit_2(planned: Path, capsys: Capture, argv: tuple[str, ...], message: str) -> None:
    before = state(planned)
    code, _, err = run(capsys, "plan", "new-year", *argv, "--db", planned)
    assert code == 2 and message in one_line(err)
    assert state(planned) == before


def test_new_year_on_a_missing_database_creates_nothing(tmp_path: Path, capsys: Capture) -> None:
    missing = tmp_path / "missing.sqlite3"
    code, _, err = run(capsys, "plan", "new-year", "--year", "2027/28", "--from", "2026/27", "--db", missing)
    assert code == 2 and "does not exist" in one_line(err) and not missing.exists()


def test_new_year_rolled_forward_says_how_many_key_date_links_were_left_off(demo_db: Database, db_path: Path, capsys: Capture) -> None:
    demo_db.close()  # the demo's 2026/27 has 23 tasks linked to key dates; 2027/28 has no key dates
    code, stdout, err = run(capsys, "plan", "new-year", "--year", "2027/28", "--from", "2026/27", "--db", db_path)
    lines = stdout.strip().splitlines()
    assert (code, err) == (0, "") and lines[0].startswith("added 72 tasks to 2027/28 rolled forward from 2026/27")
    assert lines[1:] == ["key dates: 23 left unlinked: 2027/28 has no matching key date"]


def test_new_year_begun_mid_year_marks_the_past_tasks_before_eoffice_when_asked(
    db: Database, db_path: Path, capsys: Capture
) -> None:
    db.close()  # the clock stands at 23/11/2026: 2026/27 is begun in its third month
    code, stdout, err = run(capsys, "plan", "new-year", "--year", "2026/27", "--from-template",
                            "--past-tasks", "before-eoffice", "--db", db_path)
    tasks, _ = state(db_path)
    past = [t for t in tasks if t[6] < date(2026, 11, 23)]
    assert (code, err) == (0, "") and past
    assert stdout.splitlines()[-1] == f"past: {len(past)} tasks fell due before today, marked before eoffice"
    assert {t[7] for t in past} == {"before_eoffice"}
    assert {t[7] for t in tasks if t not in past} == {"not_started"}


def test_new_year_keeps_past_tasks_open_by_default_and_says_how_to_mark_them(
    db: Database, db_path: Path, capsys: Capture
) -> None:
    db.close()
    code, stdout, _ = run(capsys, "plan", "new-year", "--year", "2026/27", "--from-template", "--db", db_path)
    assert code == 0 and "kept open (--past-tasks before-eoffice marks such tasks before eoffice)" in stdout
    assert {t[7] for t in state(db_path)[0]} == {"not_started"}


@pytest.mark.parametrize("dates_first", [True, False], ids=["dates then plan", "plan then dates"])
def test_plan_and_reference_dates_link_whichever_comes_second(
    db: Database, db_path: Path, capsys: Capture, dates_first: bool
) -> None:
    db.close()
    plan_args = ("plan", "new-year", "--year", "2026/27", "--from-template", "--db", db_path)
    dates_args = ("keydates", "load-reference", "--year", "2026/27", "--db", db_path)
    for args in (dates_args, plan_args) if dates_first else (plan_args, dates_args):
        code, stdout, err = run(capsys, *args)
        assert (code, err) == (0, "")
    if dates_first:
        assert "key dates: 23 linked to their 2026/27 key dates" in stdout
    else:
        assert "plan: 23 tasks linked to their key dates" in stdout.splitlines()
    with open_database(db_path, read_only=True) as database, database.session() as session:
        assert sum(t.key_date_id is not None for t in plan.tasks(session, YEAR)) == 23
