"""Incident-log exports: the officer's record (Excel and PDF) and the rooms' sheets for a session."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from eoffice import clock
from eoffice.domain.examday import BoardPaper, IncidentFields, IncidentLog, IncidentRecord, IncidentSheets, RoomSheet
from eoffice.io.access_export import SENSITIVE
from eoffice.io.incident_export import (
    HEADERS,
    write_incident_sheets_pdf,
    write_incidents_pdf,
    write_incidents_xlsx,
)

DAY = date(2027, 5, 12)  # a Wednesday
NEXT = date(2027, 5, 13)
PRINTED = date(2027, 6, 1)
INJECTED = '=HYPERLINK("http://evil.example","click")'


def line(number: int, on: date, session: str, room: str, at: int, kind: str, what: str, *, candidates: tuple[str, ...] = (),
         action: str = "", by: str = "Ann Ellis", follow_up: str = "none", done: bool = False) -> IncidentRecord:
    fields = IncidentFields(on, session, room, at, kind, what, candidates, action, by, follow_up)
    return IncidentRecord(number, fields, done, datetime(on.year, on.month, on.day, 12, 5, tzinfo=clock.UK))


LINES = (
    # Handed out of order: the writers print them as they happened.
    line(3, NEXT, "AM", "Sports Hall", 9 * 60 + 5, "disturbance", "Fire alarm test outside", action="Noted",
         follow_up="special_consideration", done=True),
    line(2, DAY, "AM", "Sports Hall", 10 * 60 + 20, "late_arrival", "Arrived 80 minutes after the start",
         candidates=("0034",), action="Allowed to sit; very late", follow_up="very_late"),
    line(1, DAY, "AM", "Room S1", 9 * 60 + 40, "taken_ill", "Felt faint, left for the medical room",
         candidates=("0012", "0056"), action="Supervised rest break, 10 minutes", by="Zoë Brontë-Ndiaye",
         follow_up="special_consideration"),
    line(4, DAY, "PM", "Sports Hall", 14 * 60, "other", INJECTED),
)
LOG = IncidentLog("12345", "St Zoë's Academy", "Summer 2027", LINES)
EMPTY = IncidentLog("12345", "St Zoë's Academy", "Summer 2027", ())


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pages(path: Path) -> list[str]:
    return pdf_text(path).rstrip("\f").split("\f")


# --- Excel ---------------------------------------------------------------------------------------

def test_the_spreadsheet_has_a_heading_and_a_row_per_line_in_the_order_it_happened(tmp_path: Path) -> None:
    out = write_incidents_xlsx(tmp_path / "incidents.xlsx", LOG)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Incident log"]
    rows = list(book["Incident log"].iter_rows(values_only=True))
    heading = rows[0][0]
    assert "Incident log Summer 2027" in heading and "Centre 12345 · St Zoë's Academy" in heading
    assert "2 follow-ups open" in heading and SENSITIVE in heading
    assert rows[2] == HEADERS == (
        "Date", "Session", "Room", "Time", "What kind", "What happened", "Candidates", "Action taken", "Recorded by",
        "Follow-up", "Follow-up done", "Recorded at",
    )
    body = rows[3:]
    assert [r[1:4] for r in body] == [("AM", "Room S1", "09:40"), ("AM", "Sports Hall", "10:20"),
                                      ("PM", "Sports Hall", "14:00"), ("AM", "Sports Hall", "09:05")]
    first = body[0]
    assert first[0] == datetime(2027, 5, 12)  # a real date Excel can sort and filter
    assert first[4:10] == ("Candidate taken ill", "Felt faint, left for the medical room", "0012, 0056",
                           "Supervised rest break, 10 minutes", "Zoë Brontë-Ndiaye", "Special consideration")
    assert first[11] == datetime(2027, 5, 12, 12, 5)  # the UK wall-clock time it was written


def test_follow_up_done_says_yes_or_no_and_is_blank_when_none_was_asked(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(write_incidents_xlsx(tmp_path / "incidents.xlsx", LOG))["Incident log"]
    done = {row[2].value + " " + row[3].value: row[10] for row in sheet.iter_rows(min_row=4)}
    assert done["Room S1 09:40"].value == "No" and done["Sports Hall 10:20"].value == "No"
    assert done["Sports Hall 09:05"].value == "Yes"
    assert done["Sports Hall 14:00"].value is None  # no follow-up asked for: nothing to do
    assert done["Room S1 09:40"].fill.fgColor.rgb == "FFFFC7CE"  # open, in words and in colour
    assert done["Sports Hall 09:05"].fill.fgColor.rgb != "FFFFC7CE"


def test_a_formula_typed_into_what_happened_stays_text(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(write_incidents_xlsx(tmp_path / "incidents.xlsx", LOG))["Incident log"]
    cell = next(row[5] for row in sheet.iter_rows(min_row=4) if row[1].value == "PM")
    assert cell.data_type == "s" and cell.value == INJECTED and cell.quotePrefix


def test_a_spreadsheet_of_an_empty_log_has_the_heading_and_headers_only(tmp_path: Path) -> None:
    rows = list(openpyxl.load_workbook(write_incidents_xlsx(tmp_path / "none.xlsx", EMPTY))["Incident log"]
                .iter_rows(values_only=True))
    assert "0 follow-ups open" in rows[0][0]
    assert rows[2] == HEADERS and len(rows) == 3


def test_writing_again_replaces_the_file_and_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "incidents.xlsx"
    write_incidents_xlsx(out, EMPTY)
    write_incidents_xlsx(out, LOG)
    write_incidents_pdf(tmp_path / "incidents.pdf", LOG, printed=PRINTED)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incidents.pdf", "incidents.xlsx"]
    assert openpyxl.load_workbook(out)["Incident log"].max_row == 3 + len(LINES)


# --- the officer's record (PDF) ------------------------------------------------------------------

def test_the_log_pdf_prints_every_line_under_its_session_and_marks_open_follow_ups(tmp_path: Path) -> None:
    text = pdf_text(write_incidents_pdf(tmp_path / "incidents.pdf", LOG, printed=PRINTED))
    assert "Incident log Summer 2027" in text and "Centre 12345 · St Zoë's Academy" in text
    assert "4 lines · 2 follow-ups open" in text
    for heading in ("Wed 12 May AM · 12/05/2027", "Wed 12 May PM · 12/05/2027", "Thu 13 May AM · 13/05/2027"):
        assert heading in text
    assert text.index("Wed 12 May AM") < text.index("Room S1") < text.index("Wed 12 May PM") < text.index("Thu 13 May AM")
    assert "0012, 0056" in text and "Zoë Brontë-" in text and "Candidate taken ill" in text
    assert text.count("open: Special") == 1 and text.count("open: Very late") == 1
    assert "done" in text.split("Thu 13 May AM")[1]  # the one done is said done, not open
    assert "=HYPERLINK(" in text  # printed as written: a PDF runs nothing
    assert "Printed 01/06/2027" in text


def test_an_empty_log_prints_one_sentence_saying_nothing_was_logged(tmp_path: Path) -> None:
    found = pages(write_incidents_pdf(tmp_path / "none.pdf", EMPTY, printed=PRINTED))
    assert len(found) == 1
    assert "No incidents were logged in Summer 2027." in found[0]
    assert "0 lines · 0 follow-ups open" in found[0]


def test_an_account_too_long_for_its_cell_is_printed_in_full_under_the_table(tmp_path: Path) -> None:
    words = " ".join(f"word{n:03d}" for n in range(250))  # 2,000 characters: the most a line may hold
    log = IncidentLog("12345", "St Zoë's Academy", "Summer 2027",
                      (line(9, DAY, "AM", "Hall", 600, "other", words, action="Moved to the front"),))
    text = pdf_text(write_incidents_pdf(tmp_path / "long.pdf", log, printed=PRINTED))
    table, _, in_full = text.partition("Hall, 10:00, other: what happened, in full")
    assert "continued in full below the table" in table and "word249" not in table
    assert all(f"word{n:03d}" in in_full for n in range(250))
    assert "Moved to the front" in table and "action taken, in full" not in text  # a short account stays in its cell


def test_every_page_of_both_pdfs_carries_the_sensitive_data_notice(tmp_path: Path) -> None:
    many = IncidentLog("12345", "St Zoë's Academy", "Summer 2027",
                       tuple(line(n, DAY, "AM", f"Room {n % 3}", 540 + n, "other", "Noise outside " * 8) for n in range(60)))
    log_pages = pages(write_incidents_pdf(tmp_path / "many.pdf", many, printed=PRINTED))
    sheet_pages = pages(write_incident_sheets_pdf(tmp_path / "sheets.pdf", SHEETS, printed=PRINTED))
    assert len(log_pages) > 1
    notice = "Contains sensitive personal data"
    assert all(notice in page for page in log_pages + sheet_pages)


# --- the rooms' sheets ---------------------------------------------------------------------------

PAPERS = (BoardPaper("AQA", "8035/1", "Geography Paper 1", 9 * 60, 10 * 60 + 30, 9 * 60),
          BoardPaper("OCR", "J560/02", "Mathematics Paper 2", 9 * 60 + 20, 10 * 60 + 50, 9 * 60))
SHEETS = IncidentSheets("12345", "St Zoë's Academy", DAY, "AM", (
    RoomSheet("Room S1", PAPERS[:1], (LINES[2],)),
    RoomSheet("Sports Hall", PAPERS, (LINES[1],)),
    RoomSheet("Library", (), ()),
))


def test_the_sheets_have_one_page_per_room_with_its_papers_lines_and_signature(tmp_path: Path) -> None:
    found = pages(write_incident_sheets_pdf(tmp_path / "sheets.pdf", SHEETS, printed=PRINTED))
    assert len(found) == 3
    s1, hall, library = found
    assert "Room S1" in s1 and "Wed 12 May AM" in s1 and "Centre 12345 · St Zoë's Academy" in s1
    assert "AQA 8035/1 Geography Paper 1: 09:00–10:30" in s1 and "J560/02" not in s1
    assert "09:40" in s1 and "Felt faint" in s1 and "0012, 0056" in s1 and "Supervised rest break" in s1
    assert "Arrived 80 minutes" not in s1  # another room's line stays on its own sheet
    assert "OCR J560/02 Mathematics Paper 2: 09:20–10:50 (published start 09:00)" in hall
    assert "Arrived 80 minutes after the start" in hall and "0034" in hall
    assert "Library" in library and "No paper is seated in this room" in library
    for page in found:
        assert "Invigilator's name" in page and "Signature" in page
        assert "What happened" in page and "Recorded by" in page  # the ruled rows' headings


def test_a_room_with_many_lines_already_written_still_gets_rows_to_write_in(tmp_path: Path) -> None:
    written = tuple(line(n, DAY, "AM", "Hall", 540 + n, "other", "Noise outside the hall " * 6) for n in range(25))
    sheets = IncidentSheets("12345", "St Zoë's Academy", DAY, "AM", (RoomSheet("Hall", PAPERS[:1], written),))
    found = pages(write_incident_sheets_pdf(tmp_path / "busy.pdf", sheets, printed=PRINTED))
    assert len(found) >= 2
    assert "Invigilator's name" in found[-1] and "What happened" in found[-1]
    assert all("Invigilator's name" not in page for page in found[:-1])


def test_a_session_nobody_sits_prints_one_page_saying_so(tmp_path: Path) -> None:
    sheets = IncidentSheets("12345", "St Zoë's Academy", DAY, "PM", ())
    found = pages(write_incident_sheets_pdf(tmp_path / "none.pdf", sheets, printed=PRINTED))
    assert len(found) == 1
    assert "Nobody sits an exam in Wed 12 May PM" in found[0]
