"""What the Invigilators tab's pages share: the series' data read once per refresh; the page
base class and its tables come from ``widgets.record_page``.

The series' seating (every candidate's sittings, planned into rooms, with what needs each
room) is the slowest read of the tab: about a second at ten times a large school. So it is
read once per refresh and shared by the seating and roster pages, the load and the
out-of-date notice; and once the tab has painted it is read a day of exams at a time
(``SeatingByDay``, ``RosterData.read_ahead_step``), between the window's other events, so the
window answers the officer while it reads; then the assignments and the availability the grid
and the load show (``READ_AHEAD``), so those pages open at once. A page wanted before that is
done reads what it needs then. An edit that cannot change the seating (an assignment locked, an invigilator's details)
keeps it and reads only what it changed (``forget``).

A second thread would read it with no pause at all, but reading the database there while the
window paints corrupted Python's reference counts in PySide 6.12 (a crash at exit), so the
reading stays on the window's thread.

Invigilators' names, contact details and pay are personal data: they stay on this
screen and in the exports, which ask before writing; nothing here logs them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
    SeriesSeating,
    requirement,
    scope_for,
    seating,
)
from eoffice.ui.context import AppContext
from eoffice.ui.roster_commands import ASSIGNMENT, AVAILABILITY, INVIGILATOR
from eoffice.ui.widgets.record_page import PageData, RecordPage

Slot = tuple[date, str]


@dataclass(frozen=True)
class SeatingRead:
    """The series' seating and the requirement of every room in use, read together."""

    seating: SeriesSeating
    requirements: list[Requirement]


class SeatingByDay:
    """The series' seating read one day of exams at a time (``step``), or the rest at once
    (``finish``): seating a day needs nothing from another day (``seating.seating_days``)."""

    def __init__(self, context: AppContext, start: date, end: date, config: RosterSettings) -> None:
        self.context, self.start, self.end, self.config = context, start, end, config
        self.days: list[date] | None = None  # read with the first step
        self.parts: list[SeatingRead] = []

    @property
    def done(self) -> bool:
        return self.days is not None and len(self.parts) == len(self.days)

    def step(self) -> None:
        """One day read (the list of days, first)."""
        if self.days is None:
            self.days = self.context.read(lambda s: seating.seating_days(s, self.start, self.end))
        elif not self.done:
            day, config = self.days[len(self.parts)], self.config
            self.parts.append(self.context.read(lambda s: _read(s, day, day, config)))

    def finish(self) -> SeatingRead:
        """What is left, read now (from the start, in one read, when no day was read yet)."""
        if self.days is None or not self.parts:
            return self.context.read(lambda s: _read(s, self.start, self.end, self.config))
        while not self.done:
            self.step()
        return SeatingRead(seating.merge_seating(p.seating for p in self.parts),
                           [need for p in self.parts for need in p.requirements])


def _read(session: Session, start: date, end: date, config: RosterSettings) -> SeatingRead:
    found = seating.series_seating(session, start, end)
    return SeatingRead(found, requirement.requirements(session, start, end, config, placed=found.placed))


class RosterData(PageData):
    """One series' team, rooms, sessions, needs, roster and seating, each read once."""

    def __init__(self, context: AppContext, series: str) -> None:
        super().__init__(context)
        self.series = series
        self.span: Scope = scope_for(self.year, series)  # the whole series, past sessions too
        self._by_day: SeatingByDay | None = None

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

    def forget(self, parts: Iterable[str]) -> None:
        """Read these parts again when next asked (an edit changed them); the rest stays."""
        for key in parts:
            self._cache.pop(key, None)

    def touched(self, kind: str, ids: frozenset[int]) -> None:
        """An edit touched these records (``commands.Touched``, a kind in ``FORGETS``): the
        assignments are read again by id alone and put in their place; for other kinds, what they
        change is read again when next asked. What is worked out from them goes too."""
        if kind == ASSIGNMENT and "assignments" in self._cache:
            fresh = [a for a in self.context.read(lambda s: roster.assignments_with_ids(s, ids))
                     if self.start <= a.on <= self.end]
            kept = [a for a in self.assignments if a.id not in ids]
            self._cache["assignments"] = sorted(kept + fresh, key=roster.assignment_order) if fresh else kept
        self.forget(part for part in FORGETS[kind] if not (kind == ASSIGNMENT and part == "assignments"))

    # --- reading ahead: the seating a day at a time, then what the other pages read -------------

    @property
    def seating_ready(self) -> bool:
        """True once the seating is read."""
        return "seating" in self._cache

    @property
    def read_ahead_done(self) -> bool:
        return self.seating_ready and all(part in self._cache for part in READ_AHEAD)

    def read_ahead_step(self) -> bool:
        """Read one more day of the seating, or (once it is in) the next part the other pages
        read; True when all of it is read."""
        if "seating" not in self._cache:
            if self._by_day is None:
                self._by_day = SeatingByDay(self.context, self.start, self.end, self.config)
            self._by_day.step()
            if self._by_day.done:
                self._cache["seating"] = self._by_day.finish()
            return False
        missing = [part for part in READ_AHEAD if part not in self._cache]
        if missing:
            getattr(self, missing[0])  # the property reads it and keeps it
        return len(missing) <= 1

    @property
    def seating_read(self) -> SeatingRead:
        """The seating, reading now whatever the steps have not read yet."""
        if "seating" not in self._cache:
            if self._by_day is not None:
                self._cache["seating"] = self._by_day.finish()
            else:
                start, end, config = self.start, self.end, self.config
                self._cache["seating"] = self.context.read(lambda s: _read(s, start, end, config))
        read: SeatingRead = self._cache["seating"]
        return read

    # --- the parts --------------------------------------------------------------------------------

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
        return self.seating_read.requirements

    @property
    def assignments(self) -> list[AssignmentRecord]:
        return self._get("assignments", lambda s: roster.assignments(s, self.start, self.end))

    @property
    def answers(self) -> roster.Answers:
        return self._get("answers", lambda s: roster.answers(s, self.start, self.end))

    @property
    def layout(self) -> dict[Slot, tuple[list[seating.Sitting], seating.SessionPlan]]:
        return self.seating_read.seating.placed

    @property
    def overrides(self) -> dict[Slot, set[int]]:
        """(date, session) -> candidates whose room the officer chose."""
        return self.seating_read.seating.chosen

    @property
    def stale_seating(self) -> tuple[Slot, ...]:
        """Sessions whose stored seating is no longer what seating would choose (``out_of_date``)."""
        return self.seating_read.seating.stale

    @property
    def duties(self) -> list[Duty]:
        if "duties" not in self._cache:
            self._cache["duties"] = roster.duties_of(self.assignments, self.requirements, self.config)
        found: list[Duty] = self._cache["duties"]
        return found


# Read ahead after the seating: what the roster grid and the load read when shown.
READ_AHEAD = ("assignments", "answers")

# What each kind of record an edit touches (``commands.Touched``) makes the tab read again; an
# edit not named here (a room, seating, a solve) may change the seating, so everything is read.
FORGETS: dict[str, tuple[str, ...]] = {
    ASSIGNMENT: ("assignments", "duties"),
    AVAILABILITY: ("answers",),
    INVIGILATOR: ("people", "assignments", "duties", "answers"),  # assignments carry names
}


# A page of this tab: the shared page that loads the tab's RosterData.
RosterPage = RecordPage[RosterData]
