"""The audit log as a spreadsheet."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from eoffice.domain.audit import AuditRecord
from eoffice.io.audit_log import FORMATS, audit_sheet, export_audit

RECORDS = [
    AuditRecord(2, datetime(2026, 11, 23, 9, 30, tzinfo=UTC), "Priya Shah", "update", "centre", "1", "centre details changed"),
    AuditRecord(1, datetime(2026, 11, 22, 16, 0, tzinfo=UTC), "jo", "create", "person", None, "=cmd|' /C calc'!A0"),
]

HEADERS = ["When (UTC)", "Who", "Action", "Record", "Record ID", "Summary"]


def test_audit_sheet_columns_and_rows() -> None:
    sheet = audit_sheet(RECORDS)
    assert sheet.title == "Audit log"
    assert [c.header for c in sheet.columns] == HEADERS
    assert sheet.rows[0] == (datetime(2026, 11, 23, 9, 30), "Priya Shah", "update", "centre", "1", "centre details changed")
    assert sheet.rows[0][0].tzinfo is None  # Excel has no time zones; the header says UTC
    assert sheet.rows[1][4] == ""


def test_export_xlsx(tmp_path: Path) -> None:
    out = export_audit(RECORDS, "xlsx", tmp_path / "audit.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "Audit log"
    assert [c.value for c in ws[1]] == HEADERS
    assert ws["A2"].value == datetime(2026, 11, 23, 9, 30)
    assert ws["A2"].number_format == "DD/MM/YYYY HH:MM"
    assert ws["F3"].value == "=cmd|' /C calc'!A0"
    assert ws["F3"].data_type == "s"
    assert ws.max_row == 3


def test_export_csv(tmp_path: Path) -> None:
    out = export_audit(RECORDS, "csv", tmp_path / "audit.csv")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == HEADERS
    assert rows[1] == ["23/11/2026 09:30", "Priya Shah", "update", "centre", "1", "centre details changed"]
    assert rows[2][5] == "'=cmd|' /C calc'!A0"


def test_empty_log_still_has_headers(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(export_audit([], "xlsx", tmp_path / "audit.xlsx")).active
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.max_row == 1


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    assert FORMATS == ("xlsx", "csv")
    with pytest.raises(ValueError, match="pdf"):
        export_audit(RECORDS, "pdf", tmp_path / "audit.pdf")
    assert list(tmp_path.iterdir()) == []
