"""What every access export needs, read once: the register, the session sheets, the
candidate summaries and the door list all format this one answer, so they agree with
each other and with the screen. The sittings (with rooms and desks) are filled by
``examday.access_export_data``, which owns the seating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain.access.arrangement_records import ArrangementRecord, arrangements
from eoffice.domain.access.attention import AccessWarning, find_warnings
from eoffice.domain.access.candidate_records import CandidateRecord, candidates
from eoffice.domain.access.exam_day import ExamDayRow
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


def access_data(session: Session, year: AcademicYear, today: date, kind: str) -> AccessData:
    """The register, candidates and (for the register) warnings the ``kind`` of export shows;
    the sittings are left for ``examday`` to fill."""
    records = arrangements(session)
    people = {c.id: c for c in candidates(session)}
    data = AccessData(printed_name(session), year, today, records, people)
    if kind == "register":
        for w in find_warnings(session, year, today):
            data.warnings.setdefault(w.arrangement_id, []).append(w)
    return data
