"""Key dates exported to Excel, CSV, PDF and iCalendar, each read back and checked."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar

from eoffice import clock
from eoffice.db.session import Database
from eoffice.domain import keydates
from eoffice.domain.keydates import KeyDateFields, KeyDateRecord
from eoffice.domain.years import AcademicYear
from eoffice.io import keydates_export as export
from tests.conftest import TODAY

YEAR = AcademicYear(2026)
CENTRE = "St Zoë's Academy"
DATABASE_ID = "5f0c2a9e7d1b4c3a8e6f9b0d2c4a6e8f"  # as domain.database_id makes them
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture
def records(db: Database) -> list[KeyDateRecord]:
    """The reference year, with the autumn done but for two overdue, plus three hand-made dates."""
    with db.session() as session:
        loaded = keydates.load_reference_dates(session, YEAR)
        keydates.set_done(session, [r.id for r in loaded if r.on < date(2026, 10, 31)], True)
        keydates.add_key_date(session, YEAR, KeyDateFields(
            on=date(2027, 3, 8), end=date(2027, 3, 12), title="Mock week for Year 11", series="All year",
            body="Other", category="timetable", source="Centre calendar"))
        keydates.add_key_date(session, YEAR, KeyDateFields(
            on=date(2026, 12, 4), title="Typed internal deadline", series="January", body="OCR", category="entries",
            internal_deadline=date(2026, 11, 27), internal_derived=False))
        keydates.add_key_date(session, YEAR, KeyDateFields(
            on=date(2026, 11, 30), title="=HYPERLINK(\"x\") due soon", series="November", body="AQA",
            category="centre_admin"))
        return keydates.key_dates(session, YEAR)


def by_title(records: list[KeyDateRecord], title: str) -> KeyDateRecord:
    return next(r for r in records if r.title == title)


# --- Excel and CSV --------------------------------------------------------------------------------

def test_xlsx_has_one_row_per_key_date_with_real_dates(records: list[KeyDateRecord], tmp_path: Path) -> None:
    out = export.write_keydates_xlsx(tmp_path / "kd.xlsx", YEAR, records, TODAY)
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    assert ws.title == "Key dates 2026-27"
    assert [c.value for c in ws[1]] == list(export.HEADERS)
    assert ws.max_row == 1 + len(records)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:L{1 + len(records)}"
    assert ws.column_dimensions["D"].width == 60
    col = {h: i + 1 for i, h in enumerate(export.HEADERS)}
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[col["ID"] - 1] for r in rows] == [r.id for r in sorted(records, key=lambda r: (r.on, r.id))]
    assert ws.cell(2, col["Date"]).is_date and ws.cell(2, col["Internal deadline"]).is_date
    mock = next(r for r in rows if r[col["Title"] - 1] == "Mock week for Year 11")
    assert (mock[col["Date"] - 1].date(), mock[col["End"] - 1].date()) == (date(2027, 3, 8), date(2027, 3, 12))
    assert mock[col["Category"] - 1] == "Timetable" and mock[col["Source"] - 1] == "Centre calendar"


def test_xlsx_says_done_and_overdue_in_words_as_well_as_colour(records: list[KeyDateRecord], tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(export.write_keydates_xlsx(tmp_path / "kd.xlsx", YEAR, records, TODAY)).worksheets[0]
    col = {h: i + 1 for i, h in enumerate(export.HEADERS)}
    found = {ws.cell(r, col["ID"]).value: r for r in range(2, ws.max_row + 1)}
    ncn = by_title(records, "National Centre Number register: annual update and head of centre declaration")
    row = found[ncn.id]
    assert ws.cell(row, col["Countdown"]).value == "23 days overdue"
    assert ws.cell(row, col["Countdown"]).fill.start_color.rgb == export.RED_ARGB
    assert ws.cell(row, col["Done"]).value == "No" and ws.cell(row, col["Check"]).value is None  # confirmed
    projected = found[next(r.id for r in records if r.fields.needs_check)]
    assert ws.cell(projected, col["Check"]).value == "check"
    done = found[next(r.id for r in records if r.done)]
    assert ws.cell(done, col["Done"]).value == "Yes" and ws.cell(done, col["Countdown"]).value == "done"  # as on screen
    assert ws.cell(done, col["Done"]).fill.start_color.rgb == export.GREEN
    soon = found[by_title(records, '=HYPERLINK("x") due soon').id]
    assert ws.cell(soon, col["Countdown"]).value == "in 7 days"
    assert ws.cell(soon, col["Countdown"]).fill.start_color.rgb == export.AMBER_ARGB
    assert ws.cell(soon, col["Title"]).data_type == "s"  # text, never a live formula


def test_xlsx_deadlines_sheet_lists_external_and_internal_in_date_order(
    records: list[KeyDateRecord], tmp_path: Path
) -> None:
    ws = openpyxl.load_workbook(export.write_keydates_xlsx(tmp_path / "kd.xlsx", YEAR, records, TODAY))["Deadlines"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    internal = [r for r in records if r.internal_deadline and r.internal_deadline != r.on]
    assert len(rows) == len(records) + len(internal)
    assert {r[1] for r in rows} == {"External", "Internal"}
    assert sum(r[1] == "Internal" for r in rows) == len(internal)
    days = [r[0] for r in rows]
    assert days == sorted(days)
    typed = by_title(records, "Typed internal deadline")
    assert (datetime(2026, 11, 27), "Internal", "Typed internal deadline") in [(r[0], r[1], r[2]) for r in rows]
    assert [r[8] for r in rows if r[2] == typed.title] == [typed.id, typed.id]


def test_csv_has_a_bom_uk_dates_and_escaped_formulas(records: list[KeyDateRecord], tmp_path: Path) -> None:
    out = export.write_keydates_csv(tmp_path / "kd.csv", YEAR, records, TODAY)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(export.HEADERS) and len(rows) == 1 + len(records)
    title, day = export.HEADERS.index("Title"), export.HEADERS.index("Date")
    assert "'=HYPERLINK(\"x\") due soon" in [r[title] for r in rows]
    assert all(len(r[day]) == 10 and r[day][2] == "/" for r in rows[1:])


# --- PDF -------------------------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


@needs_poppler
def test_pdf_lists_titles_with_internal_deadlines_month_by_month(records: list[KeyDateRecord], tmp_path: Path) -> None:
    text = pdf_text(export.write_keydates_pdf(tmp_path / "kd.pdf", CENTRE, YEAR, records, TODAY))
    assert CENTRE in text and "Key dates · 2026/27" in text
    assert "page 1 of" in text and "Printed 23/11/2026" in text
    for month in ("September 2026", "November 2026", "August 2027"):
        assert month in text
    assert text.index("September 2026") < text.index("February 2027") < text.index("August 2027")
    typed = next(line for line in text.splitlines() if "Typed internal deadline" in line)
    assert "04/12/2026" in typed and "27/11/2026" in typed  # the internal deadline beside the external date
    aqa = next(line for line in text.splitlines() if "AQA: summer series entries due" in line)
    assert "21/02/2027" in aqa and "05/02/2027" in aqa and "check" in aqa
    ncn = next(line for line in text.splitlines() if "National Centre Number register" in line)
    assert "Overdue" in ncn
    assert "Done" in next(line for line in text.splitlines() if "AQA: November series entries due" in line)
    assert "to 12/03/2027" in text  # the end of a date range


@needs_poppler
def test_pdf_marks_a_shortened_internal_deadline_under_it(records: list[KeyDateRecord], tmp_path: Path) -> None:
    lines = pdf_text(export.write_keydates_pdf(tmp_path / "kd.pdf", CENTRE, YEAR, records, TODAY)).splitlines()
    at = next(i for i, line in enumerate(lines) if "Pearson: order modified papers for November" in line)
    assert lines[at].split()[:2] == ["20/09/2026", "01/09/2026"] and lines[at + 1].split()[0] == "shortened"
    assert "marked shortened is the first working day of the year" in " ".join(lines)


@needs_poppler
def test_pdf_of_an_empty_year_says_so(tmp_path: Path) -> None:
    text = pdf_text(export.write_keydates_pdf(tmp_path / "kd.pdf", CENTRE, YEAR, [], TODAY))
    assert "There are no key dates for 2026/27" in text and "page 1 of 1" in text


def test_pdf_is_written_whole_and_leaves_no_partial_file(records: list[KeyDateRecord], tmp_path: Path) -> None:
    out = export.write_keydates_pdf(tmp_path / "kd.pdf", CENTRE, YEAR, records, TODAY)
    assert out.read_bytes().startswith(b"%PDF") and out.read_bytes().rstrip().endswith(b"%%EOF")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


# --- iCalendar -------------------------------------------------------------------------------------

def expected_counts(records: list[KeyDateRecord]) -> tuple[int, int]:
    internal = sum(1 for r in records if r.internal_deadline is not None and r.internal_deadline != r.on)
    return len(records), internal


def events(path: Path) -> list[object]:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_ics_has_an_all_day_event_per_external_date_and_per_internal_deadline(
    records: list[KeyDateRecord], tmp_path: Path
) -> None:
    out = export.write_keydates_ics(tmp_path / "kd.ics", CENTRE, YEAR, records, database_id=DATABASE_ID)
    calendar = Calendar.from_ical(out.read_bytes())
    assert str(calendar["PRODID"]) == "-//eoffice//Key dates//EN" and str(calendar["VERSION"]) == "2.0"
    found = events(out)
    externals, internals = expected_counts(records)
    assert len(found) == externals + internals
    for event in found:
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is date and type(end) is date  # all-day: DATE values, not DATE-TIME
        assert end > start
        assert isinstance(event["DTSTAMP"].dt, datetime)
    by_uid = {str(e["UID"]): e for e in found}
    mock = by_title(records, "Mock week for Year 11")
    event = by_uid[f"keydate-{mock.id}-external@{DATABASE_ID}.eoffice"]
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (date(2027, 3, 8), date(2027, 3, 13))  # end + 1 day
    typed = by_title(records, "Typed internal deadline")
    internal = by_uid[f"keydate-{typed.id}-internal@{DATABASE_ID}.eoffice"]
    assert str(internal["SUMMARY"]) == "Internal deadline: Typed internal deadline"
    assert (internal["DTSTART"].dt, internal["DTEND"].dt) == (date(2026, 11, 27), date(2026, 11, 28))
    external = by_uid[f"keydate-{typed.id}-external@{DATABASE_ID}.eoffice"]
    assert str(external["SUMMARY"]) == "Typed internal deadline"
    description = str(external["DESCRIPTION"])
    assert "Awarding body: OCR" in description and "Series: January" in description
    assert "Category: Entries" in description and "Internal deadline: 27/11/2026" in description
    assert list(external["CATEGORIES"].cats) == ["OCR", "Entries", "January"]


def test_ics_uids_are_stable_across_exports(records: list[KeyDateRecord], tmp_path: Path) -> None:
    first = export.write_keydates_ics(tmp_path / "a.ics", CENTRE, YEAR, records, database_id=DATABASE_ID)
    later = clock.now_utc() + timedelta(days=3)
    second = export.write_keydates_ics(tmp_path / "b.ics", CENTRE, YEAR, list(reversed(records)), database_id=DATABASE_ID,
                                       stamp=later)
    uids = [str(e["UID"]) for e in events(first)]
    assert sorted(uids) == sorted(str(e["UID"]) for e in events(second))
    assert len(set(uids)) == len(uids)
    assert all(u.endswith(f"@{DATABASE_ID}.eoffice") for u in uids)


def unfolded(path: Path) -> list[str]:
    """RFC 5545 content lines, by hand: CRLF line ends, a line starting with a space or tab continues the last."""
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends CRLF
    physical = raw.decode("utf-8").split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)  # folded at 75 octets
    lines: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def test_ics_read_by_an_independent_line_parser(records: list[KeyDateRecord], tmp_path: Path) -> None:
    out = export.write_keydates_ics(tmp_path / "kd.ics", CENTRE, YEAR, records, database_id=DATABASE_ID)
    lines = unfolded(out)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "PRODID:-//eoffice//Key dates//EN" in lines
    depth, pairs = 0, 0
    for line in lines:
        if line == "BEGIN:VEVENT":
            assert depth == 0
            depth = 1
        elif line == "END:VEVENT":
            assert depth == 1
            depth, pairs = 0, pairs + 1
    externals, internals = expected_counts(records)
    assert pairs == externals + internals and depth == 0
    uids = [line.split(":", 1)[1] for line in lines if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) == pairs
    assert sum(u.endswith(f"-external@{DATABASE_ID}.eoffice") for u in uids) == externals
    assert sum(u.endswith(f"-internal@{DATABASE_ID}.eoffice") for u in uids) == internals
    starts = [line for line in lines if line.startswith("DTSTART")]
    assert len(starts) == pairs and all(s.startswith("DTSTART;VALUE=DATE:") and len(s) == 27 for s in starts)
    assert sum(line.startswith("DTEND;VALUE=DATE:") for line in lines) == pairs
    assert sum(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines) == pairs
    typed = by_title(records, "Typed internal deadline")
    assert any(line == "SUMMARY:Internal deadline: Typed internal deadline" for line in lines)
    assert f"UID:keydate-{typed.id}-internal@{DATABASE_ID}.eoffice" in lines
