"""The audit log as a spreadsheet: what each record is called now, beside its kind and id."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import openpyxl
import pytest
from sqlalchemy.orm import Session

from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import add_person
from eoffice.domain.audit import AuditRecord
from eoffice.domain.years import AcademicYear
from eoffice.io import catalogue
from eoffice.io.audit_log import FORMATS, audit_sheet, export_audit

T = TypeVar("T")

RECORDS = [
    AuditRecord(2, datetime(2026, 11, 23, 9, 30, tzinfo=UTC), "Priya Shah", "update", "centre", "1", "centre details changed",
                name="Northfield Community Academy"),
    AuditRecord(1, datetime(2026, 11, 22, 16, 0, tzinfo=UTC), "jo", "create", "person", None, "=cmd|' /C calc'!A0"),
    AuditRecord(3, datetime(2026, 11, 21, 8, 0, tzinfo=UTC), "jo", "delete", "plan_task", "93", "task deleted", gone=True),
]

HEADERS = ["When (UTC)", "Who", "Action", "Record", "Record ID", "Record name", "Summary"]


def test_audit_sheet_columns_and_rows() -> None:
    sheet = audit_sheet(RECORDS)
    assert sheet.title == "Audit log"
    assert [c.header for c in sheet.columns] == HEADERS
    assert sheet.rows[0] == (datetime(2026, 11, 23, 9, 30), "Priya Shah", "update", "centre", "1",
                             "Northfield Community Academy", "centre details changed")
    assert sheet.rows[0][0].tzinfo is None  # Excel has no time zones; the header says UTC
    assert sheet.rows[1][4:6] == ("", "")
    assert sheet.rows[2][3:6] == ("plan_task", "93", "(deleted)")  # gone, but its id stays for tracing


def test_export_xlsx(tmp_path: Path) -> None:
    out = export_audit(RECORDS, "xlsx", tmp_path / "audit.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "Audit log"
    assert [c.value for c in ws[1]] == HEADERS
    assert ws["A2"].value == datetime(2026, 11, 23, 9, 30)
    assert ws["A2"].number_format == "DD/MM/YYYY HH:MM"
    assert ws["F2"].value == "Northfield Community Academy"
    assert ws["G3"].value == "=cmd|' /C calc'!A0"
    assert ws["G3"].data_type == "s"
    assert ws.max_row == 4


def test_export_csv(tmp_path: Path) -> None:
    out = export_audit(RECORDS, "csv", tmp_path / "audit.csv")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == HEADERS
    assert rows[1] == ["23/11/2026 09:30", "Priya Shah", "update", "centre", "1", "Northfield Community Academy",
                       "centre details changed"]
    assert rows[2][6] == "'=cmd|' /C calc'!A0"


def test_empty_log_still_has_headers(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(export_audit([], "xlsx", tmp_path / "audit.xlsx")).active
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.max_row == 1


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    assert FORMATS == ("xlsx", "csv")
    with pytest.raises(ValueError, match="pdf"):
        export_audit(RECORDS, "pdf", tmp_path / "audit.pdf")
    assert list(tmp_path.iterdir()) == []


class _Source:
    """The catalogue's ``Source`` over a test database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.read_only = False

    def read(self, query: Callable[[Session], T]) -> T:
        with self.db.session() as session:
            return query(session)

    def change(self, edit: Callable[[Session], T]) -> T:
        return self.read(edit)


def test_the_catalogues_export_names_each_record_and_keeps_its_id(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        person = add_person(session, "Tom Barker", "exams_officer")
        audit.record(session, "delete", "plan_task", 93, "task deleted from 2026/27")
    request = catalogue.Request(AcademicYear(2026), date(2026, 11, 23))
    out = catalogue.find("audit", "csv").run(_Source(db), request, tmp_path / "audit.csv")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = {row[3]: row for row in csv.reader(handle)}
    assert rows["person"][4:6] == [str(person.id), "Tom Barker"]
    assert rows["plan_task"][4:7] == ["93", "(deleted)", "task deleted from 2026/27"]
