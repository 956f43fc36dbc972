"""The incident log leaves the office two ways: the officer's record (Excel or PDF) and the
sheets an invigilator carries on by hand in each room.

``write_incidents_xlsx`` and ``write_incidents_pdf`` lay out an ``IncidentLog`` (every line of
a year or a series, with the follow-ups still open counted); ``write_incident_sheets_pdf``
lays out ``IncidentSheets``, printed with a session's exam-day kit: a page per room with the
papers it sits at their actual times, the lines already written, and ruled rows to write
more. Like every writer, these format what they are handed and call no domain rule that
reads the database. A line may say that a candidate was taken ill, so every file carries the
sensitive-data notice; lines name candidates by number only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby
from pathlib import Path

from eoffice.domain.access import clock
from eoffice.domain.dates import format_date, format_datetime, local
from eoffice.domain.examday import BoardPaper, IncidentLog, IncidentRecord, IncidentSheets, RoomSheet
from eoffice.domain.roster import slot_label
from eoffice.domain.words import plural
from eoffice.io.access_export import SENSITIVE
from eoffice.io.pdf import BLACK, GREY, RED, RED_FILL, RULE, Cell, Column, Document, line_height
from eoffice.io.tables import Column as SheetColumn
from eoffice.io.tables import Sheet, write_xlsx

TITLE = "Incident log"
OPEN = "open"
OPEN_FILL = "FFFFC7CE"  # Excel's "bad" fill, only ever beside the "No" that says it

XLSX_COLUMNS = (
    SheetColumn("Date", 12), SheetColumn("Session", 9), SheetColumn("Room", 18), SheetColumn("Time", 8),
    SheetColumn("What kind", 24), SheetColumn("What happened", 60), SheetColumn("Candidates", 18),
    SheetColumn("Action taken", 50), SheetColumn("Recorded by", 20), SheetColumn("Follow-up", 24),
    SheetColumn("Follow-up done", 14), SheetColumn("Recorded at", 17),
)  # fmt: skip
HEADERS = tuple(c.header for c in XLSX_COLUMNS)

# The officer's record, A4 landscape (weights are millimetres of its 277): date and session head
# each group of lines; no header is cut and a common kind ("Candidate taken ill") takes one line.
LOG_COLUMNS = (
    Column("Room", 22), Column("Time", 12, "C"), Column("What kind", 30), Column("What happened", 60),
    Column("Candidates", 22), Column("Action taken", 50), Column("Recorded by", 24), Column("Follow-up", 32),
    Column("Recorded at", 25),
)  # fmt: skip
LOG_SIZE = 8.0
LOG_LINES = 20  # a cell's lines in the table; a longer account is printed in full under the table
IN_FULL = "continued in full below the table"

# The room's sheet, A4 landscape, for writing by hand (weights are millimetres of its 277).
SHEET_COLUMNS = (
    Column("Time", 14, "C"), Column("What kind", 37), Column("What happened", 84), Column("Candidate numbers", 36),
    Column("Action taken", 76), Column("Recorded by", 30),
)  # fmt: skip
SHEET_SIZE = 8.5
SHEET_LINES = 8  # a line already written, cut to this many lines on the sheet (the office log keeps it whole)
IN_LOG = "cut here: in full in the office log"
HAND_ROW = 9.5  # millimetres: a ruled row to write in
FEWEST_HAND_ROWS = 4  # fewer than this left at the foot of a page: the ruled rows start a new page
SIGNATURE = "Invigilator's name ________________________________   Signature ________________________________"
SIGNATURE_H = 12.0
ADVICE = ("Write each incident as it happens, with the time by the room's clock. Name candidates by number only, "
          "never by name. Hand this sheet to the exams office with the scripts.")


def centre_line(number: str, name: str) -> str:
    """"Centre 12345 · St Zoë's Academy"; the name alone when the number is not recorded."""
    number = number.strip()
    return f"Centre {number} · {name}" if number else name


def follow_ups_open(count: int) -> str:
    return f"{plural(count, 'follow-up')} open"


def ordered(lines: Sequence[IncidentRecord]) -> list[IncidentRecord]:
    """As it happened: by date, session, room, time by the room's clock, then as written."""
    return sorted(lines, key=lambda r: (r.on, r.session, r.room, r.at, r.id))


def done_text(record: IncidentRecord) -> str:
    """Yes or No for a follow-up asked for; blank when none was (filtering on No lists the open ones)."""
    if record.fields.follow_up == "none":
        return ""
    return "Yes" if record.follow_up_done else "No"


# --- Excel ----------------------------------------------------------------------------------

def incidents_sheet(log: IncidentLog) -> Sheet:
    """One row per line in the order it happened; the heading says the centre, the scope and
    how many follow-ups are open, then the sensitive-data notice."""
    done_col = HEADERS.index("Follow-up done")
    rows: list[tuple[object, ...]] = []
    fills: dict[tuple[int, int], str] = {}
    for index, r in enumerate(ordered(log.lines)):
        f = r.fields
        rows.append((
            f.on, f.session, f.room, r.time_text, r.kind_label, f.what, r.candidates_text, f.action, f.recorded_by,
            "" if f.follow_up == "none" else r.follow_up_label, done_text(r), local(r.recorded_at),
        ))
        if r.open:
            fills[(index, done_col)] = OPEN_FILL
    heading = " · ".join((f"{TITLE} {log.label}", centre_line(log.centre_number, log.centre_name),
                          follow_ups_open(log.open_count), SENSITIVE))
    return Sheet(TITLE, XLSX_COLUMNS, rows, cell_fills=fills, notice=heading)


def write_incidents_xlsx(path: Path, log: IncidentLog) -> Path:
    return write_xlsx(path, [incidents_sheet(log)])


# --- PDF layout shared by the record and the sheets -----------------------------------------

def _text_widths(pdf: Document, columns: Sequence[Column]) -> list[float]:
    """The width text has in each column, as ``Document.table_rows`` lays it out."""
    total = sum(c.weight for c in columns)
    return [pdf.epw * c.weight / total - 2 * pdf.c_margin for c in columns]


def _long(pdf: Document, text: str, width: float, size: float, most: int) -> bool:
    """Whether ``text`` needs more than ``most`` lines of ``width`` (the table would cut it)."""
    pdf.style(size)
    return len(pdf.wrap(text, width)) > most


def _row_height(pdf: Document, columns: Sequence[Column], row: Sequence[str | Cell], size: float, most: int) -> float:
    """How tall ``table_rows`` draws ``row``: to keep a session's heading with its first line."""
    tallest = 0.0
    for value, width in zip(row, _text_widths(pdf, columns), strict=True):
        cell = value if isinstance(value, Cell) else Cell(value)
        pdf.style(size, "B" if cell.bold else "")
        lines = len(pdf.wrap(cell.text, width, most))
        pdf.style(size - 1.5, "I")
        notes = len(pdf.wrap(cell.note, width, most)) if cell.note else 0
        tallest = max(tallest, lines * line_height(size) + notes * line_height(size - 1.5))
    pdf.style()
    return tallest + 2 * pdf.PAD


def _header_height(size: float) -> float:
    return line_height(size) + 2 * Document.PAD + 0.5


# --- the officer's record (PDF) -------------------------------------------------------------

WHAT, ACTION = 3, 5  # LOG_COLUMNS that hold the written account


def _follow_up_cell(record: IncidentRecord) -> Cell:
    """Open follow-ups stand out in words as well as colour: a mono printer keeps the words."""
    if record.fields.follow_up == "none":
        return Cell("—", colour=GREY)
    if record.open:
        return Cell(f"{OPEN}: {record.follow_up_label}", fill=RED_FILL, colour=RED, bold=True)
    return Cell(record.follow_up_label, note="done", colour=GREY)


def _cut(pdf: Document, record: IncidentRecord) -> list[tuple[str, str]]:
    """(heading, text) of each account too long for the table: printed in full under it."""
    widths = _text_widths(pdf, LOG_COLUMNS)
    f = record.fields
    return [(name, text) for name, text, column in (("What happened", f.what, WHAT), ("Action taken", f.action, ACTION))
            if _long(pdf, text, widths[column], LOG_SIZE, LOG_LINES)]


def _log_row(record: IncidentRecord, cut: Sequence[str]) -> list[str | Cell]:
    f = record.fields
    return [
        Cell(f.room, bold=True), record.time_text, record.kind_label,
        Cell(f.what or "—", note=IN_FULL if "What happened" in cut else ""), record.candidates_text or "—",
        Cell(f.action or "—", note=IN_FULL if "Action taken" in cut else ""), f.recorded_by or "—",
        _follow_up_cell(record), format_datetime(local(record.recorded_at)),
    ]


def session_heading(on: date, session: str) -> str:
    """``Wed 12 May AM · 12/05/2027``: the office's name for the session, and the full date."""
    return f"{slot_label(on, session)} · {format_date(on)}"


def _session(pdf: Document, on: date, session: str, records: Sequence[IncidentRecord]) -> None:
    """A session's heading and its table, then any account too long for a cell, in full."""
    cuts = [_cut(pdf, r) for r in records]
    rows = [_log_row(r, [name for name, _text in cut]) for r, cut in zip(records, cuts, strict=True)]
    still_open = sum(r.open for r in records)
    detail = plural(len(records), "line") + (f", {follow_ups_open(still_open)}" if still_open else "")
    first = _row_height(pdf, LOG_COLUMNS, rows[0], LOG_SIZE, LOG_LINES)
    pdf.ensure_space(line_height(11) + 2 + _header_height(LOG_SIZE) + first)  # the heading stays with a line
    pdf.heading(session_heading(on, session), detail, size=11)
    pdf.table_rows(LOG_COLUMNS, rows, size=LOG_SIZE, max_lines=LOG_LINES)
    for record, cut in zip(records, cuts, strict=True):
        for name, text in cut:
            pdf.ln(2)
            pdf.ensure_space(4 * line_height(8.5))
            pdf.paragraph(f"{record.room}, {record.time_text}, {record.kind_label.lower()}: {name.lower()}, in full",
                          size=8.5, emphasis="B")
            pdf.paragraph(text, size=8.5)


def write_incidents_pdf(path: Path, log: IncidentLog, *, printed: date | None = None) -> Path:
    """A4 landscape: a summary, then every line under the date and session it happened in."""
    centre = centre_line(log.centre_number, log.centre_name)
    with Document(TITLE, centre, log.label, orientation="landscape", notice=SENSITIVE, printed=printed) as pdf:
        pdf.add_page()
        lines = ordered(log.lines)
        pdf.heading(f"{TITLE} {log.label}", f"{centre} · {plural(len(lines), 'line')} · {follow_ups_open(log.open_count)}",
                    size=14)
        if not lines:
            pdf.paragraph(f"No incidents were logged in {log.label}.")
            return pdf.save(path)
        pdf.paragraph("Times are by the room's clock. Candidates are named by number only. A follow-up marked "
                      "open has not yet been done (a report to the awarding body, or an application for special "
                      "consideration).", size=8, colour=GREY)
        pdf.ln(2)
        for (on, session), group in groupby(lines, key=lambda r: (r.on, r.session)):
            _session(pdf, on, session, list(group))
            pdf.ln(4)
        return pdf.save(path)


# --- the room's sheet, carried on by hand (PDF) ---------------------------------------------

def paper_text(paper: BoardPaper) -> str:
    """``AQA 8035/1 Geography Paper 1: 09:00–10:30``, with the published start when a pause moved it."""
    moved = f" (published start {clock(paper.published_start)})" if paper.start != paper.published_start else ""
    return f"{paper.board} {paper.code} {paper.title}: {paper.times}{moved}"


def _sheet_row(pdf: Document, record: IncidentRecord) -> list[str | Cell]:
    """A line already written; an account too long for the sheet is cut, and says where it is whole."""
    widths = _text_widths(pdf, SHEET_COLUMNS)

    def account(text: str, column: int) -> Cell:
        long = _long(pdf, text, widths[column], SHEET_SIZE, SHEET_LINES)
        return Cell(text or "—", note=IN_LOG if long else "")

    f = record.fields
    return [Cell(record.time_text, bold=True), record.kind_label, account(f.what, 2), record.candidates_text or "—",
            account(f.action, 4), f.recorded_by or "—"]


def _ruled_rows(pdf: Document, bottom: float) -> None:
    """Empty rows with column lines from here to ``bottom``, a new page first when few would fit."""
    if pdf.get_y() + FEWEST_HAND_ROWS * HAND_ROW > bottom:
        pdf.add_page()
        pdf.heading("Further lines (continued)", size=10)
        pdf.table_rows(SHEET_COLUMNS, [], size=SHEET_SIZE)
    top = pdf.get_y()
    count = int((bottom - top) // HAND_ROW)
    end = top + count * HAND_ROW
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    for row in range(1, count + 1):
        pdf.line(pdf.l_margin, top + row * HAND_ROW, pdf.l_margin + pdf.epw, top + row * HAND_ROW)
    x = pdf.l_margin
    for width in _text_widths(pdf, SHEET_COLUMNS)[:-1]:
        x += width + 2 * pdf.c_margin
        pdf.line(x, top, x, end)
    pdf.set_xy(pdf.l_margin, end)


def _room_page(pdf: Document, sheets: IncidentSheets, sheet: RoomSheet) -> None:
    pdf.subtitle = f"{sheet.room} · {sheets.slot}"  # on every page, for a loose sheet
    pdf.add_page()
    pdf.heading(sheet.room, f"{session_heading(sheets.on, sheets.session)} · "
                            f"{centre_line(sheets.centre_number, sheets.centre_name)}", size=15)
    if sheet.papers:
        pdf.paragraph("Papers in this room, at their actual times", size=9, emphasis="B")
        for paper in sheet.papers:
            pdf.paragraph(f"•  {paper_text(paper)}", size=9)
    else:
        pdf.paragraph("No paper is seated in this room in this session: it is here because the log has lines for it.",
                      size=9, colour=GREY)
    pdf.ln(1)
    pdf.paragraph(ADVICE, size=8, emphasis="I", colour=GREY)
    pdf.ln(2)
    rows = [_sheet_row(pdf, r) for r in sorted(sheet.lines, key=lambda r: (r.at, r.id))]
    if rows:
        pdf.heading("Already written", plural(len(rows), "line") + " from the office log; write further lines below",
                    size=10)
    pdf.table_rows(SHEET_COLUMNS, rows, size=SHEET_SIZE, zebra=False, max_lines=SHEET_LINES)
    bottom = pdf.page_break_trigger - SIGNATURE_H
    _ruled_rows(pdf, bottom)
    pdf.set_xy(pdf.l_margin, bottom + 5)
    pdf.style(10, "", BLACK)
    pdf.cell(pdf.epw, line_height(10), SIGNATURE)
    pdf.style()


def write_incident_sheets_pdf(path: Path, sheets: IncidentSheets, *, printed: date | None = None) -> Path:
    """A page per room in use in the session (more only when many lines are already written)."""
    centre = centre_line(sheets.centre_number, sheets.centre_name)
    with Document(TITLE, centre, sheets.slot, orientation="landscape", notice=SENSITIVE, printed=printed) as pdf:
        if not sheets.rooms:
            pdf.add_page()
            pdf.heading(f"Nobody sits an exam in {sheets.slot}", format_date(sheets.on), size=14)
            pdf.paragraph("No room is in use in this session, so there is no incident log to carry on. "
                          "Seat the session first if candidates do sit an exam then.")
            return pdf.save(path)
        for sheet in sheets.rooms:
            _room_page(pdf, sheets, sheet)
        return pdf.save(path)
