"""What the access exports show of exam day, read from the one model of sittings.

The session sheets and the door list list the year's sittings of candidates with an
arrangement in force or pending; the candidate summaries every paper of each candidate
with an arrangement. Rooms and desks come from the same seating as the exam-day view and
the roster, so a sheet cannot put a candidate in another room or give another finish.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain.access import AccessData, access_data
from eoffice.domain.examday.seating import candidates_exams, sittings
from eoffice.domain.years import AcademicYear


def access_export_data(session: Session, year: AcademicYear, today: date, kind: str) -> AccessData:
    """What the ``kind`` of access export ("register", "sessions", "candidates", "door-list") shows."""
    data = access_data(session, year, today, kind)
    if kind in ("sessions", "door-list"):
        data.sittings = [r for r in sittings(session, year.start, year.end) if r.with_arrangements]
    if kind == "candidates":
        data.exams = candidates_exams(session, sorted({r.candidate_id for r in data.records}), year.start, year.end)
    return data
