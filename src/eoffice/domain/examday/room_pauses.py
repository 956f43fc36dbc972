"""A room's exam paused and resumed: the finish of everyone still working moves by the pause.

An evacuation or a disturbance stops the exam; the invigilator stops the clock-derived
finish times and, when candidates are back at their desks, resumes, and every candidate
still working when the room stopped finishes that much later (JCQ ICE: the time lost is
made up). ``pause_rooms`` and ``resume_rooms`` store it, for one room or every room of
the session; ``paused`` applies what is stored to the one model of sittings
(``seating.seat_sessions`` calls it), so the board, the exam-day view, the kit and the
roster's room end times all read the moved finishes.

The rule for each resumed pause, in the order they happened:

- a candidate who had finished before the room stopped keeps their finish;
- a candidate working when it stopped finishes later by the pause;
- a candidate who had not started (a second paper after a clash, a late start) starts
  and finishes later by the pause.

A pause lasts whole minutes, rounded up: a candidate is never stopped early. A pause not
yet resumed moves nothing: the board says the room is paused and the finishes are held.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import RoomPause
from eoffice.domain import audit
from eoffice.domain.access import ExamDayRow, Timing
from eoffice.domain.examday.incident_log import log_pause_lines, remove_lines
from eoffice.domain.roster import slot_label
from eoffice.errors import InputError

SECONDS = 60


@dataclass(frozen=True)
class Pause:
    """One stop of one room: when (UK wall clock) and, once resumed, for how many minutes."""

    id: int
    on: date
    session: str
    room: str
    paused_at: datetime  # aware, UK time
    resumed_at: datetime | None  # aware, UK time; None while paused

    @property
    def minutes(self) -> int:
        """Whole minutes, rounded up (0 while the room is still paused)."""
        if self.resumed_at is None:
            return 0
        return max(0, math.ceil((self.resumed_at - self.paused_at).total_seconds() / SECONDS))

    @property
    def second_of_day(self) -> int:
        """When the room stopped, in seconds after midnight (finishes are minutes after midnight)."""
        at = self.paused_at
        return at.hour * 3600 + at.minute * 60 + at.second

    @property
    def running(self) -> bool:
        return self.resumed_at is None


@dataclass(frozen=True)
class PauseChange:
    """What one pause or resume stored, so one undo takes it all back."""

    pauses: tuple[Pause, ...]
    lines: tuple[int, ...]  # the incident-log lines it wrote, one per room

    @property
    def rooms(self) -> tuple[str, ...]:
        return tuple(p.room for p in self.pauses)


def paused_timing(timing: Timing, pauses: Iterable[Pause]) -> Timing:
    """A sitting's timing after the room's resumed pauses (the module's rule), in order."""
    for pause in sorted(pauses, key=lambda p: p.paused_at):
        if pause.running or not pause.minutes:
            continue
        at = pause.second_of_day
        if timing.finish * SECONDS <= at:
            continue  # finished before the room stopped
        if timing.start * SECONDS >= at:
            timing = Timing(timing.start + pause.minutes, timing.duration, timing.extra_minutes,
                            timing.rest_minutes, timing.paused)
        else:
            timing = Timing(timing.start, timing.duration, timing.extra_minutes, timing.rest_minutes,
                            timing.paused + pause.minutes)
    return timing


def paused(rows: Sequence[ExamDayRow], pauses: Sequence[Pause]) -> list[ExamDayRow]:
    """Sittings with every room's pauses applied (rows in a room that never paused are the same objects)."""
    if not pauses:
        return list(rows)
    by_room: dict[tuple[date, str, str], list[Pause]] = defaultdict(list)
    for p in pauses:
        by_room[(p.on, p.session, p.room)].append(p)
    found = []
    for row in rows:
        here = by_room.get((row.sat_on, row.session, row.room or ""))
        found.append(row if not here else row.timed(paused_timing(row.timing, here)))
    return found


def _pause(row: RoomPause) -> Pause:
    return Pause(row.id, row.on, row.session, row.room, clock.in_uk(row.paused_at),
                 None if row.resumed_at is None else clock.in_uk(row.resumed_at))


def pauses(session: Session, start: date, end: date, exam_session: str | None = None) -> list[Pause]:
    """Every pause between two dates (or of one session of each day), oldest first."""
    query = select(RoomPause).where(RoomPause.on >= start, RoomPause.on <= end)
    if exam_session is not None:
        query = query.where(RoomPause.session == exam_session)
    return [_pause(p) for p in session.scalars(query.order_by(RoomPause.paused_at, RoomPause.id))]


def running_pauses(session: Session, day: date, exam_session: str) -> dict[str, Pause]:
    """The rooms paused now in one session, by room name."""
    return {p.room: p for p in pauses(session, day, day, exam_session) if p.running}


def _minute(moment: datetime) -> int:
    uk = clock.in_uk(moment)
    return uk.hour * 60 + uk.minute


def pause_rooms(session: Session, day: date, exam_session: str, rooms: Sequence[str], at: datetime | None = None,
                *, reason: str = "", recorded_by: str = "") -> PauseChange:
    """Stop the finish times of these rooms (one, or every room of the session) at ``at`` (now),
    and write a line in each room's incident log. A room already paused is refused, naming it,
    and nothing is stored."""
    if not rooms:
        raise InputError(f"no room is in use on {slot_label(day, exam_session)}")
    moment = clock.stored(at)
    already = running_pauses(session, day, exam_session)
    held = [r for r in rooms if r in already]
    if held:
        raise InputError(f"{', '.join(held)} {'is' if len(held) == 1 else 'are'} already paused "
                         f"since {already[held[0]].paused_at:%H:%M}: resume first")
    made = [RoomPause(on=day, session=exam_session, room=room, paused_at=moment) for room in rooms]
    session.add_all(made)
    session.flush()
    audit.record(session, "update", "room_pause", None,
                 f"{', '.join(rooms)} paused at {clock.in_uk(moment):%H:%M} on {slot_label(day, exam_session)}")
    lines = log_pause_lines(session, day, exam_session, rooms, _minute(moment), reason=reason,
                            recorded_by=recorded_by)
    return PauseChange(tuple(_pause(p) for p in made), tuple(lines))


def resume_rooms(session: Session, day: date, exam_session: str, rooms: Sequence[str], at: datetime | None = None,
                 *, recorded_by: str = "") -> PauseChange:
    """Start these rooms' clocks again at ``at`` (now): every finish still running moves by the
    pause, and each room's incident log says so. A room that is not paused is refused, naming
    it, and nothing is stored."""
    moment = clock.stored(at)
    running = running_pauses(session, day, exam_session)
    missing = [r for r in rooms if r not in running]
    if missing or not rooms:
        raise InputError(f"{', '.join(missing) or 'no room'} {'is' if len(missing) <= 1 else 'are'} not paused "
                         f"on {slot_label(day, exam_session)}")
    stored = list(session.scalars(select(RoomPause).where(RoomPause.id.in_([running[r].id for r in rooms]))))
    for row in stored:
        if moment < row.paused_at:
            raise InputError(f"{row.room} was paused at {clock.in_uk(row.paused_at):%H:%M}: it cannot resume before")
    lines: list[int] = []
    for row in stored:
        row.resumed_at = moment
        done = _pause(row)
        lines += log_pause_lines(session, day, exam_session, [row.room], _minute(moment),
                                 resumed_after=done.minutes, recorded_by=recorded_by)
    session.flush()
    done_all = tuple(_pause(p) for p in stored)
    audit.record(session, "update", "room_pause", None,
                 f"{', '.join(rooms)} resumed at {clock.in_uk(moment):%H:%M} on {slot_label(day, exam_session)}, "
                 f"after {max(p.minutes for p in done_all)} minutes")
    return PauseChange(done_all, tuple(lines))


def undo_pause(session: Session, change: PauseChange) -> None:
    """Take back a pause just made (Edit > Undo of ``pause_rooms``), with its log lines."""
    for row in session.scalars(select(RoomPause).where(RoomPause.id.in_([p.id for p in change.pauses]))):
        session.delete(row)
    remove_lines(session, change.lines)
    audit.record(session, "delete", "room_pause", None, f"pause of {', '.join(change.rooms)} taken back")


def undo_resume(session: Session, change: PauseChange) -> None:
    """Take back a resume just made (Edit > Undo of ``resume_rooms``): the rooms are paused again."""
    for row in session.scalars(select(RoomPause).where(RoomPause.id.in_([p.id for p in change.pauses]))):
        row.resumed_at = None
    remove_lines(session, change.lines)
    session.flush()
    audit.record(session, "update", "room_pause", None, f"resume of {', '.join(change.rooms)} taken back")
