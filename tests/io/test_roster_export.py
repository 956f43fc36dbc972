"""Roster exports: Excel (a row per assignment, hours and pay, cover) and the PDF (people, then days)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from eoffice.db.session import Database
from eoffice.domain.roster import RosterData, assign
from eoffice.domain.roster import export_data as gather
from eoffice.io.roster_export import PAY_NOTICE, write_roster_xlsx
from eoffice.io.roster_pdf import NOTICE, write_roster_pdf
from tests.domain.roster_helpers import arrange, invigilator, room, sitting

DAY = date(2027, 5, 18)


@pytest.fixture
def rostered(db: Database) -> Database:
    with db.session() as session:
        hall = room(session, "Sports Hall", 100)
        s1 = room(session, "Room S1", 1, separate=True)
        _pid, ids = sitting(session, 40, DAY, "AM", minutes=90)
        arrange(session, ids[0], need="reader", extra=25)
        arrange(session, ids[1], extra=25)
        ann = invigilator(session, "Ann Ellis", hourly_rate_pence=1200)
        zoe = invigilator(session, "Zoë Brontë-Ndiaye", ("invigilator", "reader"), hourly_rate_pence=1300)
        invigilator(session, "Idle Person")
        assign(session, ann, DAY, "AM", hall, locked=True)
        assign(session, zoe, DAY, "AM", s1, "reader")
    return db


def data(db: Database) -> RosterData:
    with db.sessions() as session:
        return gather(session, date(2026, 9, 1), date(2027, 8, 31), "Northfield Academy", "2026/27")


def test_xlsx_has_a_row_per_assignment_pay_and_cover(rostered: Database, tmp_path: Path) -> None:
    out = write_roster_xlsx(tmp_path / "roster.xlsx", data(rostered))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Roster", "Hours and pay", "Cover"]
    roster = list(book["Roster"].iter_rows(values_only=True))
    assert roster[0] == ("Date", "Day", "Session", "Room", "Invigilator", "Role", "Arrive", "Start", "Finish", "Hours",
                         "Locked")  # fmt: skip
    rows = {r[4]: r for r in roster[1:]}
    assert rows["Ann Ellis"][2:] == ("AM", "Sports Hall", "Ann Ellis", "Invigilator", "08:30", "09:00", "10:53", 2.38, "Yes")
    assert rows["Zoë Brontë-Ndiaye"][3] == "Room S1" and rows["Zoë Brontë-Ndiaye"][5] == "Reader"
    assert rows["Ann Ellis"][0].date() == DAY
    pay = list(book["Hours and pay"].iter_rows(values_only=True))
    assert pay[0][0] == PAY_NOTICE
    lines = {r[0]: r for r in pay[3:]}
    assert lines["Ann Ellis"] == ("Ann Ellis", 1, 2.38, 12, 28.6)
    assert lines["Idle Person"][1] == 0
    assert lines["Total"][1] == 2
    cover = list(book["Cover"].iter_rows(values_only=True))
    assert [(r[2], r[3], r[6], r[7], r[8]) for r in cover[1:]] == [("Room S1", 1, 2, 1, 1), ("Sports Hall", 39, 2, 1, 1)]


def test_pdf_pages_for_people_then_days_with_numbers_not_names(rostered: Database, tmp_path: Path) -> None:
    out = write_roster_pdf(tmp_path / "roster.pdf", data(rostered), printed=date(2026, 11, 23))
    raw = out.read_bytes()
    assert raw.startswith(b"%PDF") and len(raw) > 2000
    assert not list(tmp_path.glob(".*.partial"))
    text = _text(out)
    assert NOTICE in text
    assert "Ann Ellis" in text and "Tuesday 18 May 2027" in text
    assert "0001" in text and "Reader, 25% extra time" in text
    assert "Candidate 1" not in text  # candidate names never appear
    assert text.count("Contains personal data") >= 2  # on every invigilator's page
    assert "Contains sensitive personal data (access arrangements)" in text  # the day page lists arrangements


def test_pdf_with_nothing_to_show(db: Database, tmp_path: Path) -> None:
    out = write_roster_pdf(tmp_path / "empty.pdf", data(db))
    assert "No roster yet" in _text(out)


def _text(path: Path) -> str:
    """The PDF's text, through pdftotext when the machine has it, else the raw stream (fpdf2 compresses)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
