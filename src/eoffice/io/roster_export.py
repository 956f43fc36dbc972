"""The invigilation roster as Excel: one row per assignment, hours and pay, and cover per room.

Finance pays from the hours sheet and the officer checks cover from the last sheet,
so hours are real numbers Excel can add up, pay is in pounds with a total, and the
times are the ones the roster works to: arrive before the start (a setting), stay
until the room's latest finish including extra time. Everything is gathered once
by the domain (``roster.export_data``) for the spreadsheet and the PDF alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from eoffice.domain.access import clock
from eoffice.domain.roster import Duty, RosterData
from eoffice.io.tables import Column, Sheet, write_xlsx

PAY_NOTICE = "Contains personal data (names and pay): for the exams office and finance only"
SHORT = "FFFFC7CE"  # Excel's "bad" fill: only ever beside a number that says it


def hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def roster_sheet(data: RosterData) -> Sheet:
    columns = (Column("Date", 12), Column("Day", 6), Column("Session", 9), Column("Room", 18), Column("Invigilator", 26),
               Column("Role", 20), Column("Arrive", 8), Column("Start", 8), Column("Finish", 8),
               Column("Hours", 8, "0.00"), Column("Locked", 8))  # fmt: skip
    rows = [(d.assignment.on, f"{d.assignment.on:%a}", d.assignment.session, d.assignment.room, d.assignment.name,
             d.assignment.role_label, clock(d.arrive), clock(d.start), clock(d.finish), hours(d.minutes),
             "Yes" if d.assignment.locked else "")
            for d in data.duties]  # fmt: skip
    return Sheet("Roster", columns, rows)


def pay_sheet(data: RosterData) -> Sheet:
    columns = (Column("Invigilator", 28), Column("Sessions", 10), Column("Hours", 10, "0.00"),
               Column("Hourly rate", 12, "£#,##0.00"), Column("Pay", 12, "£#,##0.00"))  # fmt: skip
    rows: list[tuple[object, ...]] = [
        (p.name, p.sessions, hours(p.minutes), p.rate_pence / 100, p.pay_pence / 100) for p in data.pay
    ]
    total_minutes = sum(p.minutes for p in data.pay)
    rows.append(("Total", sum(p.sessions for p in data.pay), hours(total_minutes), None,
                 sum(p.pay_pence for p in data.pay) / 100))  # fmt: skip
    return Sheet("Hours and pay", columns, rows, notice=PAY_NOTICE)


def cover_sheet(data: RosterData) -> Sheet:
    columns = (Column("Date", 12), Column("Session", 9), Column("Room", 18), Column("Candidates", 11),
               Column("Start", 8), Column("Finish", 8), Column("Needed", 8), Column("Assigned", 9), Column("Short", 7))  # fmt: skip
    rows, fills = [], {}
    # Counted once, not ``data.assigned`` per room (a pass over every duty each: 6 million
    # comparisons for a large college's year).
    assigned = Counter((d.assignment.on, d.assignment.session, d.assignment.room_id) for d in data.duties)
    for index, r in enumerate(data.requirements):
        got = assigned[(r.on, r.session, r.room_id)]
        short = max(0, r.needed - got)
        rows.append((r.on, r.session, r.room, r.candidates, clock(r.start), clock(r.finish), r.needed, got, short or ""))
        if short:
            fills[(index, len(columns) - 1)] = SHORT
    return Sheet("Cover", columns, rows, cell_fills=fills)


def roster_sheets(data: RosterData) -> list[Sheet]:
    """The workbook's sheets: what ``write_roster_xlsx`` writes (and the bench writes bare)."""
    return [roster_sheet(data), pay_sheet(data), cover_sheet(data)]


def write_roster_xlsx(path: Path, data: RosterData) -> Path:
    return write_xlsx(path, roster_sheets(data))


def role_counts(team: Sequence[Duty]) -> str:
    """``3 invigilators, 1 reader`` for a room's heading."""
    counts = Counter(d.assignment.role_label.lower() for d in team)
    return ", ".join(f"{n} {role}{'s' if n != 1 else ''}" for role, n in sorted(counts.items()))
