"""How many invigilators each room needs in each session: the one rule, used everywhere.

JCQ's Instructions for conducting examinations set the ratio: one invigilator for
every 30 candidates, or part thereof, in a written exam, and one for every 20 in
on-screen tests and practicals (the ratios are settings, since they can change each
September). Every room in use needs at least one invigilator, whatever the count, and
each candidate with a reader, scribe, prompter or practical assistant needs that
helper on top. The room is covered from its first start until its latest finish,
including extra time and rest breaks, worked out by ``exam_time.finish_time``.

A room mixing modes counts each candidate as a share of an invigilator (1/30 written,
1/20 on-screen) and rounds the total up, so 15 written and 10 on-screen candidates
need one invigilator, as one per room would anyway, and 31 written need two.

Candidates the seating could not place (every suitable room full) are not dropped:
for the roster they form one more group per session, "No room", whose need is
worked out the same way, so the shortfall says how many have no seat and what
seating them will cost in invigilators.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from sqlalchemy.orm import Session

from eoffice.domain.access import slot_label
from eoffice.domain.roster.invigilator_records import (
    RosterSettings,
    answers,
    invigilators,
    is_available,
    roster_settings,
)
from eoffice.domain.roster.room_records import rooms
from eoffice.domain.roster.seating import SessionPlan, Sitting, Slot, layout
from eoffice.domain.words import plural

Placed = dict[Slot, tuple[list[Sitting], SessionPlan]]  # what ``layout`` returns
NO_ROOM = 0  # the room id of a session's candidates without a seat (database ids start at 1)
NO_ROOM_NAME = "No room"


def ratio_places(by_mode: Mapping[str, int], config: RosterSettings) -> int:
    """Invigilators for the candidates themselves: the JCQ ratio, at least 1 when anyone sits."""
    share = sum((Fraction(n, config.ratio(mode)) for mode, n in by_mode.items() if n > 0), Fraction(0))
    return max(1, math.ceil(share)) if share else 0


def invigilators_needed(by_mode: Mapping[str, int], helpers: int, config: RosterSettings) -> int:
    """The rule: ratio places (at least 1 per room in use) plus one helper per candidate who needs one.

    ``by_mode`` counts candidates in the room by mode (``written``, ``on_screen``,
    ``practical``); ``helpers`` counts candidates with a reader, scribe, prompter or
    practical assistant. 31 written candidates and no helpers need 2.
    """
    if helpers < 0 or any(n < 0 for n in by_mode.values()):
        raise ValueError("counts cannot be negative")
    return ratio_places(by_mode, config) + helpers


def in_two_places(room: int, span: tuple[int, int], other_room: int, other_span: tuple[int, int]) -> bool:
    """Whether one person could not cover both rooms on one day: the rule against double-booking.

    A span is (start, latest finish with extra time) in minutes. Staying in the same
    room is never a clash, however long the morning runs; two rooms clash when their
    cover overlaps by even a minute, as a morning running to 13:50 overlaps an
    afternoon starting at 13:30.
    """
    return room != other_room and span[0] < other_span[1] and other_span[0] < span[1]


@dataclass(frozen=True)
class Requirement:
    """One room in one session: who sits there and who must be there to cover it."""

    on: date
    session: str
    room_id: int
    room: str
    candidate_ids: tuple[int, ...]
    by_mode: tuple[tuple[str, int], ...]
    general: int  # ordinary invigilation places, from the ratio
    helpers: tuple[tuple[str, int], ...]  # helper role (e.g. "reader", "reader+scribe") -> how many
    start: int  # minutes after midnight: the earliest start in the room
    finish: int  # the latest finish, with extra time and rest breaks

    @property
    def candidates(self) -> int:
        return len(self.candidate_ids)

    @property
    def seated(self) -> bool:
        """False for a session's candidates without a seat: a need nobody can be rostered to yet."""
        return self.room_id != NO_ROOM

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.finish)

    def clashes_with(self, other: Requirement) -> bool:
        """Nobody can cover both: the same day, two rooms, overlapping cover (``in_two_places``)."""
        return (self.on == other.on and self.seated and other.seated
                and in_two_places(self.room_id, self.span, other.room_id, other.span))  # fmt: skip

    @property
    def needed(self) -> int:
        """``invigilators_needed`` for this room: its ratio places plus its helpers."""
        return self.general + sum(n for _role, n in self.helpers)

    @property
    def slot(self) -> tuple[date, str]:
        return (self.on, self.session)

    @property
    def label(self) -> str:
        """``Tue 19 May AM, Sports Hall``, as shortfall reasons begin."""
        return f"{slot_label(self.on, self.session)}, {self.room}"


def room_requirement(on: date, sess: str, room_id: int, room: str, sittings: Sequence[Sitting],
                     config: RosterSettings) -> Requirement:  # fmt: skip
    """The requirement for the candidates seated in one room in one session."""
    by_mode = Counter(s.mode for s in sittings)
    helpers = Counter(s.helper_role for s in sittings if s.helper_role)
    general = ratio_places(by_mode, config)
    return Requirement(
        on=on, session=sess, room_id=room_id, room=room,
        candidate_ids=tuple(s.candidate_id for s in sittings),
        by_mode=tuple(sorted(by_mode.items())), general=general, helpers=tuple(sorted(helpers.items())),
        start=min(s.start for s in sittings), finish=max(s.finish for s in sittings),
    )  # fmt: skip


def requirements(session: Session, start: date, end: date, config: RosterSettings | None = None, *,
                 unseated: bool = False, placed: Placed | None = None) -> list[Requirement]:  # fmt: skip
    """Every room in use in every session between two dates, in date, session and room order.

    With ``unseated``, each session whose candidates do not all have a seat also gets
    a "No room" group (room id ``NO_ROOM``) after its rooms: the roster reports it as a
    shortfall. Without it, only real rooms, as the grid, duties and exports want.
    """
    config = config or roster_settings(session)
    names = {r.id: r.name for r in rooms(session)}
    found: list[Requirement] = []
    for (on, sess), (sittings, plan) in (layout(session, start, end) if placed is None else placed).items():
        by_room: dict[int, list[Sitting]] = {}
        nowhere: list[Sitting] = []
        for s in sittings:
            rid = plan.seats.get(s.candidate_id)
            if rid is not None and rid in names:
                by_room.setdefault(rid, []).append(s)
            else:
                nowhere.append(s)
        for rid in sorted(by_room, key=lambda r: names[r]):
            found.append(room_requirement(on, sess, rid, names[rid], by_room[rid], config))
        if unseated and nowhere:
            found.append(room_requirement(on, sess, NO_ROOM, NO_ROOM_NAME, nowhere, config))
    return found


@dataclass(frozen=True)
class SessionStaffing:
    """What one session's rooming costs in people, against who is free: a short day seen
    before the roster is solved."""

    on: date
    session: str
    rooms: int  # rooms in use
    invigilators: int  # ratio places, at least one per room
    helpers: int  # readers, scribes, prompters, practical assistants: one per candidate who needs one
    available: int  # active invigilators free that session
    unseated: int = 0  # candidates without a seat (their need is counted as one more room)

    @property
    def needed(self) -> int:
        return self.invigilators + self.helpers

    @property
    def short(self) -> int:
        return max(0, self.needed - self.available)

    @property
    def text(self) -> str:
        """``Wed 12 May AM: 4 rooms need 6 invigilators and 2 helpers (8 people); 7 available: 1 short``."""
        people = plural(self.invigilators, "invigilator")
        if self.helpers:
            people += f" and {plural(self.helpers, 'helper')} ({plural(self.needed, 'person', 'people')})"
        verdict = f"{self.short} short" if self.short else "enough"
        unseated = f"; {plural(self.unseated, 'candidate')} without a seat" if self.unseated else ""
        return (f"{slot_label(self.on, self.session)}: {plural(self.rooms, 'room')} {'needs' if self.rooms == 1 else 'need'} {people}; "
                f"{self.available} available: {verdict}{unseated}")


def staffing(session: Session, start: date, end: date, config: RosterSettings | None = None, *,
             placed: Placed | None = None) -> list[SessionStaffing]:
    """Per session between two dates: the invigilators and helpers the rooming needs (the
    requirement's one rule, rooms in use) and how many active invigilators are available.
    ``placed`` is the rooms already worked out (``layout``; ``examday`` has them), so they
    are not worked out twice."""
    needs = requirements(session, start, end, config, unseated=True, placed=placed)
    people = invigilators(session, active_only=True)
    stored = answers(session, start, end)
    by_slot: dict[tuple[date, str], list[Requirement]] = {}
    for need in needs:
        by_slot.setdefault(need.slot, []).append(need)
    found = []
    for (on, sess), here in by_slot.items():
        helpers = sum(n for r in here for _role, n in r.helpers)
        free = sum(is_available(p, on, sess, stored) for p in people)
        found.append(SessionStaffing(on, sess, sum(r.seated for r in here), sum(r.general for r in here), helpers,
                                     free, sum(r.candidates for r in here if not r.seated)))
    return found
