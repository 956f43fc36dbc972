"""Key dates out of eoffice: Excel and CSV to share and edit, a PDF for the wall, and an
iCalendar file for the officer's Outlook or Google calendar.

Every format says the same three things a key date can be, in words and not only in
colour: done, overdue (passed and not done, as at the day of the export) and "check"
(a date projected from an earlier year's pattern, to verify against this year's key
dates). The internal deadline always travels beside the external one, because it is
the date the school actually works to.

Calendar events get UIDs built from the key date's id and the database's own random id
(``domain.database_id``), never from anything the officer can edit such as the centre
number, so importing a newer export into Outlook or Google updates the events instead
of adding a second copy of each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from eoffice import clock
from eoffice.domain.dates import format_date
from eoffice.domain.keydates import (
    CATEGORIES,
    KeyDateRecord,
    countdown,
    countdown_text,
    deadline_overdue,
    deadlines,
    is_due_soon,
    is_overdue,
    last_day,
)
from eoffice.domain.years import AcademicYear
from eoffice.io.calendar_file import new_calendar, write_calendar
from eoffice.io.pdf import AMBER, GREY, RED, RED_FILL, Cell, Document
from eoffice.io.pdf import Column as PdfColumn
from eoffice.io.tables import Column, Sheet, write_csv, write_xlsx

FORMATS = ("xlsx", "pdf", "ics", "csv")
TITLE = "Key dates"
PRODID = "-//eoffice//Key dates//EN"
DONE, OVERDUE, CHECK = "Done", "Overdue", "check"

# Header names are shared with the importer (Date, End, Title, Series, Body, Category,
# Internal deadline, Source): renaming one here breaks reading an export back.
KEYDATE_COLUMNS: tuple[Column, ...] = (
    Column("ID", 7),
    Column("Date", 12),
    Column("End", 12),
    Column("Title", 60),
    Column("Series", 11),
    Column("Body", 16),
    Column("Category", 20),
    Column("Internal deadline", 16),
    Column("Countdown", 17),
    Column("Done", 8),
    Column("Check", 8),
    Column("Source", 60),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in KEYDATE_COLUMNS)
DEADLINE_COLUMNS: tuple[Column, ...] = (
    Column("Date", 12),
    Column("Kind", 10),
    Column("Title", 60),
    Column("Body", 16),
    Column("Series", 11),
    Column("Category", 20),
    Column("Countdown", 17),
    Column("Done", 8),
    Column("Key date ID", 11),
)
GREEN, RED_ARGB, AMBER_ARGB = "FFC6EFCE", "FFFFC7CE", "FFFFEB9C"  # Excel's good / bad / neutral


def status_words(record: KeyDateRecord, today: date) -> list[str]:
    """Done wins: once a date is done, whether it needed checking no longer matters."""
    if record.done:
        return [DONE]
    words = [OVERDUE] if is_overdue(record, today) else []
    return [*words, CHECK] if record.needs_check else words


def category_label(key: str) -> str:
    return CATEGORIES.get(key, key)


# --- Excel and CSV ------------------------------------------------------------------------

def sheet_title(year: AcademicYear) -> str:
    """Excel forbids "/" in a sheet name, so 2026/27 becomes "Key dates 2026-27"."""
    return f"Key dates {year.label.replace('/', '-')}"


def _countdown_fill(record: KeyDateRecord, today: date) -> str | None:
    if is_overdue(record, today):
        return RED_ARGB
    if is_due_soon(record, today):
        return AMBER_ARGB
    return None


def keydates_sheet(year: AcademicYear, records: Sequence[KeyDateRecord], today: date) -> Sheet:
    """One row per key date in date order; colours repeat what Countdown and Done say."""
    count_col, done_col = HEADERS.index("Countdown"), HEADERS.index("Done")
    rows: list[tuple[object, ...]] = []
    fills: dict[tuple[int, int], str] = {}
    for index, r in enumerate(sorted(records, key=lambda r: (r.on, r.id))):
        rows.append((
            r.id, r.on, r.end, r.title, r.series, r.body, category_label(r.category), r.internal_deadline,
            countdown_text(r, today), "Yes" if r.done else "No", CHECK if r.needs_check else "", r.source,
        ))
        if r.done:
            fills[(index, done_col)] = GREEN
        colour = _countdown_fill(r, today)
        if colour:
            fills[(index, count_col)] = colour
    return Sheet(sheet_title(year), KEYDATE_COLUMNS, rows, cell_fills=fills)


def deadlines_sheet(records: Sequence[KeyDateRecord], today: date) -> Sheet:
    """Every date to act on, external and internal as separate rows, in date order."""
    rows: list[tuple[object, ...]] = []
    fills: dict[tuple[int, int], str] = {}
    for index, d in enumerate(deadlines(records)):
        r = d.key_date
        overdue = deadline_overdue(d, today)
        rows.append((
            d.on, "Internal" if d.internal else "External", r.title, r.body, r.series, category_label(r.category),
            "" if r.done else countdown(d.on, today), "Yes" if r.done else "No", r.id,
        ))
        if overdue:
            fills[(index, 6)] = RED_ARGB
        if r.done:
            fills[(index, 7)] = GREEN
    return Sheet("Deadlines", DEADLINE_COLUMNS, rows, cell_fills=fills)


def keydates_sheets(year: AcademicYear, records: Sequence[KeyDateRecord], today: date) -> list[Sheet]:
    """The workbook's sheets: what ``write_keydates_xlsx`` writes (and the bench writes bare)."""
    return [keydates_sheet(year, records, today), deadlines_sheet(records, today)]


def write_keydates_xlsx(path: Path, year: AcademicYear, records: Sequence[KeyDateRecord], today: date) -> Path:
    return write_xlsx(path, keydates_sheets(year, records, today))


def write_keydates_csv(path: Path, year: AcademicYear, records: Sequence[KeyDateRecord], today: date) -> Path:
    """The key dates sheet only: a CSV file has no second sheet for the deadlines."""
    return write_csv(path, keydates_sheet(year, records, today))


# --- PDF ----------------------------------------------------------------------------------

PDF_COLUMNS = (  # millimetres of A4 landscape's 277: no wrapped date, header, body, series or category
    PdfColumn("Date", 20),
    PdfColumn("Internal deadline", 31),
    PdfColumn("Title", 110),
    PdfColumn("Body", 24),
    PdfColumn("Series", 18),
    PdfColumn("Category", 36),
    PdfColumn("Status", 38),
)
ROW_HEIGHT = 9.5  # millimetres, a title and a one-line source: to keep a short month on one page
KEEP_TOGETHER = 8  # rows; a longer month may break across pages (its header row repeats)


def _status_cell(record: KeyDateRecord, today: date) -> Cell:
    text = " · ".join(status_words(record, today))
    if is_overdue(record, today):
        return Cell(text, fill=RED_FILL, colour=RED, bold=True)
    if record.done:
        return Cell(f"✓ {text}", colour=GREY)
    return Cell(text, colour=AMBER) if record.needs_check else Cell(text)


def write_keydates_pdf(
    path: Path, centre_name: str, year: AcademicYear, records: Sequence[KeyDateRecord], today: date
) -> Path:
    """A4 landscape (room for the internal deadline beside the external one, and a title on one
    line): a short summary, then every key date month by month, September to August."""
    ordered = sorted(records, key=lambda r: (r.on, r.id))
    by_month: dict[tuple[int, int], list[KeyDateRecord]] = defaultdict(list)
    for r in ordered:
        by_month[(r.on.year, r.on.month)].append(r)
    with Document(TITLE, centre_name, year.label, orientation="landscape", printed=today) as pdf:
        pdf.add_page()
        if not ordered:
            pdf.heading(f"There are no key dates for {year.label}")
            pdf.paragraph("Load the reference dates (Key dates tab, or `eoffice keydates load-reference`), "
                          "or add the awarding bodies' dates, then print again.")
            return pdf.save(path)
        done = sum(r.done for r in ordered)
        overdue = sum(is_overdue(r, today) for r in ordered)
        to_check = sum(r.needs_check and not r.done for r in ordered)
        summary = f"{len(ordered)} dates: {done} done, {overdue} overdue, {to_check} to check"
        pdf.heading(f"Key dates {year.label}", summary)
        pdf.paragraph(
            "The internal deadline is the date set in school before the external one, so there is time to "
            f"check before submitting. Status: Done; Overdue (red): passed and not done as at {format_date(today)}; "
            "check: projected from an earlier year's pattern, so verify it against this year's JCQ and "
            "awarding-body key dates. An internal deadline marked shortened is the first working day of the year, "
            "because counting back the usual working days would fall before the year starts. "
            "The source of each date is printed under its title.",
            size=8, colour=GREY,
        )
        pdf.ln(3)
        for ym in year.months():
            month = by_month.get(ym, [])
            detail = f"{len(month)} date{'' if len(month) == 1 else 's'}" if month else "no key dates"
            late = sum(is_overdue(r, today) for r in month)
            if late:
                detail += f", {late} overdue"
            # A short month moves whole to the next page rather than leave a row or two behind.
            rows_kept = len(month) if len(month) <= KEEP_TOGETHER else 2
            pdf.ensure_space(18 + rows_kept * ROW_HEIGHT if month else 10)
            pdf.heading(f"{date(ym[0], ym[1], 1):%B} {ym[0]}", detail, size=11)
            if month:
                pdf.table_rows(PDF_COLUMNS, [_pdf_row(r, today) for r in month], size=8)
            pdf.ln(3)
        return pdf.save(path)


def _pdf_row(record: KeyDateRecord, today: date) -> list[str | Cell]:
    when = Cell(format_date(record.on), note=f"to {format_date(record.end)}" if record.end else "")
    internal = record.internal_deadline
    internal_text = "same day" if internal == record.on else format_date(internal) if internal else "–"
    return [
        when, Cell(internal_text, note="shortened" if record.internal_note else ""),
        Cell(record.title, note=record.source), record.body, record.series,
        category_label(record.category), _status_cell(record, today),
    ]


# --- iCalendar ----------------------------------------------------------------------------

def event_uid(key_date_id: int, kind: str, database_id: str) -> str:
    """Stable across exports: a calendar that sees the same UID updates the event it has."""
    return f"keydate-{key_date_id}-{kind}@{database_id}.eoffice"


def _description(record: KeyDateRecord, internal: bool) -> str:
    lines = [
        f"Awarding body: {record.body}",
        f"Series: {record.series}",
        f"Category: {category_label(record.category)}",
    ]
    if internal:
        lines.append(f"External deadline: {format_date(record.on)}")
        if record.internal_note:
            lines.append(f"{record.internal_note}.")
    elif record.internal_deadline and record.internal_deadline != record.on:
        lines.append(f"Internal deadline: {format_date(record.internal_deadline)}")
    if record.source:
        lines.append(f"Source: {record.source}")
    if record.needs_check:
        lines.append("Check: projected from an earlier year; verify against this year's key dates.")
    if record.done:
        lines.append("Done.")
    return "\n".join(lines)


def write_keydates_ics(
    path: Path,
    centre_name: str,
    year: AcademicYear,
    records: Sequence[KeyDateRecord],
    *,
    database_id: str,
    stamp: datetime | None = None,
) -> Path:
    """One all-day event per external date and one per internal deadline, in one calendar."""
    from icalendar import Event

    stamp = stamp or clock.now_utc()
    calendar = new_calendar(PRODID, f"{centre_name}: key dates {year.label}")
    for item in deadlines(records):
        r = item.key_date
        event = Event()
        event.add("uid", event_uid(r.id, "internal" if item.internal else "external", database_id))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.on)
        end = item.on if item.internal else last_day(r)
        event.add("dtend", end + timedelta(days=1))  # all-day DTEND is the day after, per RFC 5545
        event.add("summary", f"Internal deadline: {r.title}" if item.internal else r.title)
        event.add("description", _description(r, item.internal))
        kinds = ["Internal deadline"] if item.internal else []
        event.add("categories", [r.body, category_label(r.category), r.series, *kinds])
        event.add("transp", "TRANSPARENT")  # a deadline does not make the officer busy all day
        calendar.add_component(event)
    return write_calendar(Path(path), calendar)
