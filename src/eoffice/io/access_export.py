"""Access arrangements leave the office only on purpose: the register (Excel), the
invigilators' session sheets, the per-candidate summaries and the door list (PDF).

Everything an export shows is gathered once by the domain (``examday.access_export_data``), in
one read-only session, and handed to the writers here, so the spreadsheet and the PDFs
agree with the screen. Each file
carries a notice that it holds sensitive personal data. The door list is the one
document meant to be seen by passers-by: it shows candidate numbers, rooms and room
needs, never names or the arrangement itself.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from eoffice.domain.access import EXPIRES, ROOM_NEEDS, ROUTES, STATUSES, WORDS, AccessData, ExamDayRow
from eoffice.io.tables import Column, Sheet, write_xlsx

KINDS = ("register", "sessions", "candidates", "door-list")
DEFAULT_KIND = {"xlsx": "register", "pdf": "sessions"}
FORMATS = {"register": ("xlsx",), "sessions": ("pdf",), "candidates": ("pdf",), "door-list": ("pdf", "xlsx")}
SENSITIVE = "Contains sensitive personal data (access arrangements): keep secure, destroy securely"
DOOR_NOTICE = "Contains sensitive personal data: numbers and room needs only; destroy after the session"
FLAG_WORDS = WORDS
RED, AMBER, GREEN, GREY = "FFFFC7CE", "FFFFEB9C", "FFC6EFCE", "FFD9D9D9"
STATUS_FILLS = {"approved": GREEN, "declined": GREY, "expired": GREY, "withdrawn": GREY}


def by_session(rows: list[ExamDayRow]) -> dict[tuple[date, str], list[ExamDayRow]]:
    grouped: dict[tuple[date, str], list[ExamDayRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.sat_on, row.session)].append(row)
    return dict(sorted(grouped.items()))


def room_text(row: ExamDayRow) -> str:
    """``Room 12, desk A1``; ``Not yet assigned`` when seating has found no room."""
    if not row.room:
        return "Not yet assigned"
    return f"{row.room}, desk {row.desk}" if row.desk else row.room


def door_rows(rows: list[ExamDayRow]) -> list[tuple[date, str, str, str, str]]:
    """(date, session, room and desk, candidate number, room needs): one line per candidate and
    session, only for those with a room need (one applied for and not yet approved is marked
    "pending"), and nothing else about them."""
    seen: dict[tuple[date, str, str], tuple[date, str, str, str, str]] = {}
    for row in rows:
        if not row.planned_needs:
            continue
        candidate = row.candidate  # worked out from the number each time it is read
        if (row.sat_on, row.session, candidate) not in seen:
            needs = ", ".join([ROOM_NEEDS.get(n, n) for n in row.room_needs]
                              + [f"{ROOM_NEEDS.get(n, n)} (pending)" for n in row.pending_needs])
            seen[(row.sat_on, row.session, candidate)] = (row.sat_on, row.session, room_text(row), candidate, needs)
    return sorted(seen.values(), key=lambda r: (r[0], r[1], r[2], r[3]))


# --- Excel ---------------------------------------------------------------------------

REGISTER_COLUMNS = (
    Column("Candidate Number", 11), Column("Surname", 18), Column("Forenames", 18), Column("Year", 6),
    Column("Form", 7), Column("Arrangement", 30), Column("Extra Time %", 10), Column("Rest Minutes Per Hour", 10),
    Column("Route", 24), Column("Status", 16), Column("Reference", 14), Column("Approved On", 12),
    Column("Expires On", 12), Column("Assessed On", 12), Column("Assessor", 24), Column("Normal Way of Working", 40),
    Column("Room Need", 20), Column("Notes", 30), Column("Flag", 28),
)


def register_sheet(data: AccessData) -> Sheet:
    """One row per candidate arrangement, with the same headers the importer reads back."""
    rows, fills = [], {}
    status_col, flag_col = 9, len(REGISTER_COLUMNS) - 1
    for index, r in enumerate(data.records):
        person = data.people[r.candidate_id]
        f = r.fields
        flags = [FLAG_WORDS[w.kind] for w in data.warnings.get(r.id, [])]
        rows.append((
            person.number_text, person.surname, person.forenames, person.year_group, person.form or "",
            r.label, f.extra_time_percent, f.rest_minutes_per_hour, ROUTES.get(f.route, f.route),
            STATUSES.get(f.status, f.status), f.reference, f.approved_on, f.expires_on, f.assessed_on, f.assessor,
            f.normal_way_of_working, ROOM_NEEDS.get(f.room_need, f.room_need), f.notes, "; ".join(flags),
        ))
        if f.status in STATUS_FILLS:
            fills[(index, status_col)] = STATUS_FILLS[f.status]
        if flags:
            fills[(index, flag_col)] = RED if any(w.kind == EXPIRES for w in data.warnings[r.id]) else AMBER
    return Sheet("Arrangements register", REGISTER_COLUMNS, rows, cell_fills=fills, notice=SENSITIVE)


def door_sheet(data: AccessData) -> Sheet:
    columns = (Column("Date", 12), Column("Session", 8), Column("Room", 20), Column("Candidate Number", 11),
               Column("Room Need", 36))
    return Sheet("Door list", columns, door_rows(data.sittings), notice=DOOR_NOTICE)


def write_register_xlsx(path: Path, data: AccessData) -> Path:
    return write_xlsx(path, [register_sheet(data)])


def write_door_xlsx(path: Path, data: AccessData) -> Path:
    return write_xlsx(path, [door_sheet(data)])


def export_access(path: Path, data: AccessData, kind: str, fmt: str) -> Path:
    """Write one access document; ``kind`` and ``fmt`` are checked by the caller."""
    if kind == "register":
        return write_register_xlsx(path, data)
    if kind == "door-list" and fmt == "xlsx":
        return write_door_xlsx(path, data)
    from eoffice.io import access_pdf

    writer = {"sessions": access_pdf.write_sessions_pdf, "candidates": access_pdf.write_candidates_pdf,
              "door-list": access_pdf.write_door_pdf}[kind]
    return writer(path, data)
