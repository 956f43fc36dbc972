"""What the Invigilators tab's pages share: the series' data read once per refresh; the page
base class and its tables come from ``widgets.record_page``.

Invigilators' names, contact details and pay are personal data: they stay on this
screen and in the exports, which ask before writing; nothing here logs them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain import roster
from eoffice.domain.access import timetable
from eoffice.domain.roster import (
    AssignmentRecord,
    Duty,
    Invigilator,
    Requirement,
    Room,
    RosterSettings,
    Scope,
    requirement,
    scope_for,
    seating,
)
from eoffice.ui.context import AppContext
from eoffice.ui.widgets.record_page import PageData, RecordPage

Slot = tuple[date, str]


class RosterData(PageData):
    """One series' team, rooms, sessions, needs, roster and seating, each read once."""

    def __init__(self, context: AppContext, series: str) -> None:
        super().__init__(context)
        self.series = series
        self.span: Scope = scope_for(self.year, series)  # the whole series, past sessions too

    @property
    def start(self) -> date:
        return self.span.start

    @property
    def end(self) -> date:
        return self.span.end

    @property
    def compliance_date(self) -> date:
        """Today, within the year shown: the date the team table judges training and DBS on."""
        return min(max(self.today, self.year.start), self.year.end)

    @property
    def config(self) -> RosterSettings:
        return self._get("config", roster.roster_settings)

    @property
    def people(self) -> list[Invigilator]:
        return self._get("people", roster.invigilators)

    @property
    def rooms(self) -> list[Room]:
        return self._get("rooms", roster.rooms)

    @property
    def slots(self) -> list[Slot]:
        return self._get("slots", lambda s: timetable.exam_sessions(s, self.start, self.end))

    @property
    def requirements(self) -> list[Requirement]:
        config = self.config
        return self._get("needs", lambda s: requirement.requirements(s, self.start, self.end, config))

    @property
    def assignments(self) -> list[AssignmentRecord]:
        return self._get("assignments", lambda s: roster.assignments(s, self.start, self.end))

    @property
    def answers(self) -> roster.Answers:
        return self._get("answers", lambda s: roster.answers(s, self.start, self.end))

    @property
    def layout(self) -> dict[Slot, tuple[list[seating.Sitting], seating.SessionPlan]]:
        return self._get("layout", lambda s: seating.layout(s, self.start, self.end))

    @property
    def overrides(self) -> dict[Slot, set[int]]:
        """(date, session) -> candidates whose room the officer chose."""
        def read(session: Session) -> dict[Slot, set[int]]:
            stored = seating.stored_placements(session, self.start, self.end)
            return {slot: {c for c, (_room, own) in placed.items() if own} for slot, placed in stored.items()}

        return self._get("overrides", read)

    @property
    def duties(self) -> list[Duty]:
        return self._get("duties", lambda s: roster.duties(s, self.start, self.end))


# A page of this tab: the shared page that loads the tab's RosterData.
RosterPage = RecordPage[RosterData]
