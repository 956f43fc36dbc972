"""What every access export needs, read once: the register, the session sheets, the
candidate summaries and the door list all format this one answer, so they agree with
each other and with the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain.access.arrangement_records import ArrangementRecord, arrangements
from eoffice.domain.access.attention import AccessWarning, find_warnings
from eoffice.domain.access.candidate_records import CandidateRecord, candidates
from eoffice.domain.access.exam_day import ExamDayRow, candidates_exams, exam_day_rows
from eoffice.domain.centre import printed_name
from eoffice.domain.years import AcademicYear


@dataclass
class AccessData:
    """What every access export needs, read once."""

    centre: str
    year: AcademicYear
    today: date
    records: list[ArrangementRecord]
    people: dict[int, CandidateRecord]
    warnings: dict[int, list[AccessWarning]] = field(default_factory=dict)  # arrangement id -> warnings
    sittings: list[ExamDayRow] = field(default_factory=list)  # the year's exam-day rows
    exams: dict[int, list[ExamDayRow]] = field(default_factory=dict)  # candidate id -> every paper


def export_data(session: Session, year: AcademicYear, today: date, kind: str) -> AccessData:
    """What the ``kind`` of export ("register", "sessions", "candidates", "door-list") shows."""
    records = arrangements(session)
    people = {c.id: c for c in candidates(session)}
    data = AccessData(printed_name(session), year, today, records, people)
    if kind == "register":
        for w in find_warnings(session, year, today):
            data.warnings.setdefault(w.arrangement_id, []).append(w)
    if kind in ("sessions", "door-list"):
        data.sittings = exam_day_rows(session, year=year)
    if kind == "candidates":
        data.exams = candidates_exams(session, sorted({r.candidate_id for r in records}), year)
    return data
