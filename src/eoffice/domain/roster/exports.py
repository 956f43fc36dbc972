"""What the roster's exports show (the spreadsheet's three sheets and the PDFs), read once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain.roster.duty_records import Duty, PayLine, duties, pay
from eoffice.domain.roster.requirement import Requirement, requirements
from eoffice.domain.roster.room_records import rooms
from eoffice.domain.roster.seating import SessionPlan, Sitting, Slot, layout


@dataclass(frozen=True)
class RosterData:
    """Everything the roster's exports show, read in one go from a read-only database."""

    centre: str
    label: str  # e.g. "2026/27"
    duties: list[Duty]
    pay: list[PayLine]
    requirements: list[Requirement]
    seating: dict[Slot, tuple[list[Sitting], SessionPlan]]
    room_names: dict[int, str]

    def assigned(self, requirement: Requirement) -> int:
        return sum(1 for d in self.duties if (d.assignment.on, d.assignment.session, d.assignment.room_id)
                   == (requirement.on, requirement.session, requirement.room_id))  # fmt: skip


def export_data(session: Session, start: date, end: date, centre: str, label: str) -> RosterData:
    """The roster, pay, cover and seating from ``start`` to ``end``, read in one go."""
    found = duties(session, start, end)
    return RosterData(centre, label, found, pay(session, found), requirements(session, start, end),
                      layout(session, start, end), {r.id: r.name for r in rooms(session)})  # fmt: skip
