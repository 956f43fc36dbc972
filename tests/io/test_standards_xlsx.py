"""The Standards spreadsheet: progress grid, targets, skills, meetings, progress notes, signatures."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from eoffice.db.session import Database
from eoffice.domain.standards import grid, reminder
from eoffice.domain.years import AcademicYear
from eoffice.io.standards_xlsx import GREEN, RED, write_standards_xlsx
from tests.conftest import TODAY

YEAR = AcademicYear(2026)


def export(db: Database, out: Path, year: AcademicYear = YEAR) -> openpyxl.Workbook:
    with db.session() as session:
        rows = grid(session, year)
        reminders = {r.standards.year.id: reminder(session, r.standards, TODAY) for r in rows if r.standards}
    return openpyxl.load_workbook(write_standards_xlsx(out, year, rows, reminders))


def values(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple[object, ...]]:
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


def test_every_sheet_is_there_with_real_dates(demo_db: Database, tmp_path: Path) -> None:
    book = export(demo_db, tmp_path / "standards.xlsx")
    assert book.sheetnames == ["Progress 2026-27", "K&U targets", "Key skills", "Meetings", "Meeting progress",
                               "Signatures"]
    progress = values(book["Progress 2026-27"])
    assert progress[0][:8] == ("Exams officer", "Knowledge & Understanding", "Key Skills", "Values & Attributes",
                               "Meetings", "SLT declaration", "Certificate", "Criteria met")
    officer = progress[1]
    assert officer[0] == "Priya Shah" and officer[3] == "✓ Signed by both" and officer[6] == "✗ Not yet"
    assert officer[7] == 1 and officer[8].startswith("next meeting due")
    assert "SLT declaration: not yet signed by the line manager" in officer[9]
    sheet = book["Progress 2026-27"]
    assert sheet.cell(2, 4).fill.start_color.rgb == GREEN and sheet.cell(2, 7).fill.start_color.rgb == RED
    targets = values(book["K&U targets"])
    assert len(targets) == 1 + 4 and targets[1][0] == "Priya Shah"
    assert isinstance(targets[1][5], datetime)  # the checkpoint is a real date
    assert {row[6] for row in targets[1:]} <= {"Not started", "In progress", "Achieved", "Not applicable"}
    assert [row[1] for row in values(book["Key skills"])[1:]] == ["Decision making", "Working collaboratively",
                                                                   "Managing deadlines"]
    meetings = values(book["Meetings"])
    assert [row[3] for row in meetings[1:]] == ["Target setting", "Progress review"]
    assert meetings[1][9] == "Daniel O'Connor"  # the signed target-setting record
    notes = values(book["Meeting progress"])
    assert ("Key skill", "Managing deadlines", "Every November entry made on time") in [r[2:] for r in notes]
    signed = values(book["Signatures"])
    assert {r[1] for r in signed[1:]} == {"Values & Attributes statement (exams officer)",
                                          "Values & Attributes statement (line manager)", "Meeting record"}
    assert {r[6] for r in signed[1:]} == {"Signed"}


def test_a_year_nobody_has_started(demo_db: Database, tmp_path: Path) -> None:
    book = export(demo_db, tmp_path / "later.xlsx", AcademicYear(2030))
    progress = values(book["Progress 2030-31"])
    assert progress[1][0] == "Priya Shah" and progress[1][1] == "✗ Not started"
    assert progress[1][-1] == "the Standards for 2030/31 have not been started"
    assert values(book["K&U targets"]) == [values(book["K&U targets"])[0]]
