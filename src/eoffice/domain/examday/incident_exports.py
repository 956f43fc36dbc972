"""What the incident exports show: the log of a year or a series, and a session's sheets.

``incident_log_for`` is the officer's record (``eoffice export incidents``): every line of
the year or of one series, with the follow-ups still open counted. ``incident_sheets`` is
printed with the session's kit: one sheet per room in use, with the lines already written
and the papers the room sits, for the invigilator to carry on by hand. The writers
(``io/incident_export.py``) lay these out and call nothing in the domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain.centre import get_centre, printed_name
from eoffice.domain.examday.board import BoardPaper, board_of
from eoffice.domain.examday.incident_log import IncidentRecord, incidents
from eoffice.domain.examday.seating import seat_sessions
from eoffice.domain.roster import scope_for, slot_label
from eoffice.domain.years import AcademicYear


@dataclass(frozen=True)
class IncidentLog:
    centre_number: str
    centre_name: str
    label: str  # "2026/27" or "Summer 2027"
    lines: tuple[IncidentRecord, ...]

    @property
    def open_count(self) -> int:
        return sum(r.open for r in self.lines)


@dataclass(frozen=True)
class RoomSheet:
    room: str
    papers: tuple[BoardPaper, ...]  # what the room sits, with the actual times
    lines: tuple[IncidentRecord, ...]  # already written


@dataclass(frozen=True)
class IncidentSheets:
    centre_number: str
    centre_name: str
    on: date
    session: str
    rooms: tuple[RoomSheet, ...]

    @property
    def slot(self) -> str:
        return slot_label(self.on, self.session)


def _centre(session: Session) -> tuple[str, str]:
    centre = get_centre(session)
    return (centre.centre_number or "") if centre else "", printed_name(session)


def incident_log_for(session: Session, year: AcademicYear, series: str | None = None) -> IncidentLog:
    """Every line of the year, or of one series of it (``--series Summer``)."""
    scope = scope_for(year, series)
    number, name = _centre(session)
    return IncidentLog(number, name, scope.label, tuple(incidents(session, scope.start, scope.end)))


def incident_sheets(session: Session, day: date, exam_session: str) -> IncidentSheets:
    """One sheet per room in use in the session (and any other room a line names)."""
    seated = seat_sessions(session, day, day, exam_session)
    rows = [r for s in seated for r in s.rows if r.room]
    stopped = [p for s in seated for p in s.pauses]
    written = incidents(session, day, day, exam_session)
    number, name = _centre(session)
    rooms = sorted({r.room for r in rows if r.room} | {w.room for w in written})
    sheets = []
    for room in rooms:
        here = [r for r in rows if r.room == room]
        papers = board_of(here, number, name, day, exam_session, room,
                          pauses=[p for p in stopped if p.room == room]).papers if here else ()
        sheets.append(RoomSheet(room, papers, tuple(w for w in written if w.room == room)))
    return IncidentSheets(number, name, day, exam_session, tuple(sheets))
