"""The Standards grid, the next meeting and the Overview's lines, read in plain SQL.

The Overview is painted before SQLAlchemy is imported (issue 17), so everything its
Standards line needs is read here, on either handle (``eoffice.db.plain.Reads``): a plain
``sqlite3`` connection at start-up, or the Standards tab's, the exports' and the meeting
pack's ORM session, which read through these same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eoffice.db.plain import Reads
from eoffice.domain.accounts.account_reads import people
from eoffice.domain.dates import format_date
from eoffice.domain.standards.meeting_reads import meetings, suggested_next
from eoffice.domain.standards.progress_rules import CRITERIA, Criterion, Standards, criteria, still_missing
from eoffice.domain.standards.rules import DUE_SOON_DAYS
from eoffice.domain.standards.signature_reads import signatures
from eoffice.domain.standards.standards_reads import standards_year, years_in
from eoffice.domain.standards.target_reads import skills, targets
from eoffice.domain.years import AcademicYear


def load(db: Reads, standards_year_id: int) -> Standards:
    return Standards(standards_year(db, standards_year_id), tuple(targets(db, standards_year_id)),
                     tuple(skills(db, standards_year_id)), tuple(meetings(db, standards_year_id)),
                     tuple(signatures(db, standards_year_id)))


# --- the grid ---------------------------------------------------------------------------

@dataclass(frozen=True)
class GridRow:
    officer: str
    person_id: int
    standards: Standards | None  # None: no Standards started this year
    cells: tuple[Criterion, ...]

    @property
    def met(self) -> int:
        return sum(c.met for c in self.cells)

    @property
    def still_missing(self) -> tuple[str, ...]:
        """What is still missing for the certificate (``certificate_eligibility``), read from
        the row's own criteria: the exports print it without working them out again."""
        return still_missing(self.cells) if self.standards is not None else ()


def _not_started() -> tuple[Criterion, ...]:
    return tuple(Criterion(key, False, "Not started", ("the Standards have not been started for this year",))
                 for key in CRITERIA)


def grid(db: Reads, year: AcademicYear) -> list[GridRow]:
    """One row per exams officer: every active one, and anyone with Standards that year."""
    rows: dict[int, GridRow] = {}
    for record in years_in(db, year):
        st = load(db, record.id)
        rows[record.person_id] = GridRow(record.officer, record.person_id, st, tuple(criteria(st)))
    for officer in people(db, "exams_officer"):
        rows.setdefault(officer.id, GridRow(officer.name, officer.id, None, _not_started()))
    return sorted(rows.values(), key=lambda r: (r.officer.casefold(), r.person_id))


# --- the next meeting -----------------------------------------------------------------------

@dataclass(frozen=True)
class Reminder:
    due: date | None
    state: str  # overdue, due_soon, scheduled, none (no meeting yet), complete
    text: str


def reminder(db: Reads, st: Standards, today: date) -> Reminder:
    """When the next meeting is due: the date the last meeting set, else the cadence rule."""
    if st.signed("slt_declaration"):
        return Reminder(None, "complete", "Standards achieved")
    if not st.meetings:
        return Reminder(None, "none", "no meeting yet: hold the target-setting meeting")
    last = max(st.meetings, key=lambda m: (m.held_on, m.id))
    due = last.next_meeting_on or suggested_next(db, st.year.id, last.held_on)
    days = (due - today).days
    if days < 0:
        return Reminder(due, "overdue", f"next meeting overdue (was due {format_date(due)})")
    if days <= DUE_SOON_DAYS:
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        return Reminder(due, "due_soon", f"next meeting due {format_date(due)} ({when})")
    return Reminder(due, "scheduled", f"next meeting due {format_date(due)}")


def overview_lines(db: Reads, year: AcademicYear, today: date) -> list[str]:
    """For the Overview tab: "Standards 2026/27: 4 of 6 criteria met; next meeting due 12/01/2027"."""
    rows = grid(db, year)
    lines = []
    for row in rows:
        head = f"Standards {year.label}" + (f", {row.officer}" if len(rows) > 1 else "")
        if row.standards is None:
            lines.append(f"{head}: not started for {row.officer}")
            continue
        line = f"{head}: {row.met} of {len(row.cells)} criteria met; {reminder(db, row.standards, today).text}"
        lines.append(line)
    return lines
