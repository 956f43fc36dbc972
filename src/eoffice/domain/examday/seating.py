"""Every sitting with its room and desk: the one answer to who sits where, and until when.

``sittings`` takes the one timed model (``access.paper_sittings``), the rooms the roster
seats from it (``roster.layout``: what is stored, anyone not yet placed seated in memory),
the desks (``desks.seat_room``: stored desks kept, the rest seated in memory) and the
rooms' pauses (``room_pauses.paused``: a finish still running moves by the pause), so the
exam-day view, ``access session``, ``exam-day seat``, the day sheets, the door list, the
seating plans, registers and desk cards, and the roster's room end times all read one
computation and cannot disagree.

What is stored stays put until seating runs again (``seat_session``), so a printed plan
does not shift under the officer; desks the officer locked are kept by re-seating.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice.db.models import Placement
from eoffice.domain import audit, settings
from eoffice.domain.access import ExamDayRow, paper_sittings
from eoffice.domain.bulk import bulk
from eoffice.domain.examday.desks import BACK, EXIT, RoomSeating, Sitter, seat_room
from eoffice.domain.examday.room_pauses import Pause, paused, pauses
from eoffice.domain.roster import Room, SessionPlan, Sitting, group_sittings, layout, rooms, seat, slot_label
from eoffice.errors import InputError

Slot = tuple[date, str]


@dataclass(frozen=True)
class SeatedSession:
    """One session seated: every sitting with room and desk, and what the officer must settle."""

    on: date
    session: str
    rows: tuple[ExamDayRow, ...]
    rooms: dict[str, Room]  # the rooms in use, by name
    unseated: dict[str, tuple[int, ...]]  # room name -> candidates placed there without a desk
    warnings: tuple[str, ...]
    placed: tuple[list[Sitting], SessionPlan] | None = None  # the rooms as ``roster.layout`` gave them
    pauses: tuple[Pause, ...] = ()  # the rooms' pauses, already applied to ``rows``
    locked: frozenset[int] = frozenset()  # candidates whose stored desk the officer locked (read with the desks)

    @property
    def layout(self) -> dict[Slot, tuple[list[Sitting], SessionPlan]]:
        """This session's rooms as ``roster.staffing`` takes them, so they are not worked out twice."""
        return {} if self.placed is None else {(self.on, self.session): self.placed}


def seating_rules(session: Session) -> tuple[int, str]:
    """The centre's choices: blank columns between papers, and where late finishers sit."""
    gap = int(settings.get(session, "seating.gap_columns"))
    late = EXIT if settings.get(session, "seating.late_finishers_by_exit") else BACK
    return gap, late


def _stored_desks(session: Session, start: date, end: date) -> dict[Slot, dict[int, tuple[str | None, bool]]]:
    found: dict[Slot, dict[int, tuple[str | None, bool]]] = defaultdict(dict)
    for cid, on, sess, desk, locked in session.execute(
        select(Placement.candidate_id, Placement.on, Placement.session, Placement.desk, Placement.desk_locked)
        .where(Placement.on >= start, Placement.on <= end)
    ):
        found[(on, sess)][cid] = (desk, bool(locked))
    return found


def sitters(rows: Sequence[ExamDayRow]) -> list[Sitter]:
    """One ``Sitter`` per candidate: their first paper as sat, and whether they finish late."""
    first: dict[int, ExamDayRow] = {}
    for row in sorted(rows, key=lambda r: (r.start, r.code)):
        first.setdefault(row.candidate_id, row)
    return [Sitter(r.candidate_id, r.candidate_number, r.code, bool(r.extra_percent or r.rest_per_hour))
            for r in first.values()]


@bulk
def seat_sessions(session: Session, start: date, end: date, exam_session: str | None = None, *,
                  stored_only: bool = False) -> list[SeatedSession]:
    """Every session between two dates (or only ``exam_session``), seated in rooms and desks.

    Desks stored for a room are kept (``stored_only`` keeps only the locked ones: what
    re-seating does); the rest are seated in memory by the auto-seating rule.

    Each session is roomed and seated on its own, so with ``exam_session`` only that
    session's rows are grouped and roomed (the other session of a busy day is half the
    work); the timing still reads each candidate's whole day (``paper_sittings``).
    """
    rows = paper_sittings(session, start, end)
    if exam_session is not None:
        rows = [row for row in rows if row.session == exam_session]
    plans = layout(session, start, end, group_sittings(rows))
    all_rooms = {r.id: r for r in rooms(session)}
    stored = _stored_desks(session, start, end)
    gap, late = seating_rules(session)
    stopped = pauses(session, start, end, exam_session)
    by_slot: dict[Slot, list[ExamDayRow]] = defaultdict(list)
    for row in rows:
        by_slot[(row.sat_on, row.session)].append(row)
    found = []
    for slot, slot_rows in sorted(by_slot.items()):
        people, plan = plans[slot]
        in_room: dict[int, list[ExamDayRow]] = defaultdict(list)
        for row in slot_rows:
            rid = plan.seats.get(row.candidate_id)
            if rid in all_rooms:
                in_room[rid].append(row)
        desks: dict[int, str] = {}
        unseated: dict[str, tuple[int, ...]] = {}
        warnings = list(plan.warnings)
        here = stored.get(slot, {})
        kept = {cid: desk for cid, (desk, locked) in here.items() if desk and (locked or not stored_only)}
        for rid, room_rows in sorted(in_room.items(), key=lambda item: all_rooms[item[0]].name):
            room = all_rooms[rid]
            result: RoomSeating = seat_room(sitters(room_rows), room.desk_layout, kept, gap_columns=gap,
                                            late_place=late, room=f"{slot_label(*slot)}, {room.name}")
            desks.update(result.desks)
            warnings += result.warnings
            if result.unseated:
                unseated[room.name] = result.unseated
        names = {cid: all_rooms[rid].name for cid, rid in plan.seats.items() if rid in all_rooms}
        held = tuple(p for p in stopped if (p.on, p.session) == slot)
        seated = tuple(paused([r.seated(names.get(r.candidate_id), desks.get(r.candidate_id)) for r in slot_rows],
                              held))
        warnings += list(dict.fromkeys(r.warning for r in seated if r.warning))
        used = {all_rooms[rid].name: all_rooms[rid] for rid in in_room}
        found.append(SeatedSession(slot[0], slot[1], seated, used, unseated, tuple(warnings), (people, plan), held,
                                   frozenset(cid for cid, (_desk, locked) in here.items() if locked)))
    return found


def sittings(session: Session, start: date, end: date, exam_session: str | None = None) -> list[ExamDayRow]:
    """Every sitting between two dates with its room and desk: the one model (see the module)."""
    return [row for seated in seat_sessions(session, start, end, exam_session) for row in seated.rows]


def session_list(session: Session, day: date, exam_session: str) -> list[ExamDayRow]:
    """The exam-day view of one session: candidates with an arrangement in force or pending,
    by candidate number, each paper with its room, desk, start and finish."""
    return listed(sittings(session, day, day, exam_session))


def listed(rows: Iterable[ExamDayRow]) -> list[ExamDayRow]:
    """The sittings the exam-day view lists: an arrangement in force or pending, by candidate number."""
    return sorted((r for r in rows if r.with_arrangements), key=lambda r: (r.candidate_number, r.start, r.code))


def candidates_exams(session: Session, candidate_ids: Sequence[int], start: date,
                     end: date) -> dict[int, list[ExamDayRow]]:
    """Every paper each of these candidates sits between two dates, with room and desk (their
    per-candidate summary and timetable)."""
    wanted = set(candidate_ids)
    found: dict[int, list[ExamDayRow]] = defaultdict(list)
    for row in sittings(session, start, end):
        if row.candidate_id in wanted:
            found[row.candidate_id].append(row)
    return dict(found)


def store_desks(session: Session, start: date, end: date, exam_session: str | None = None) -> list[SeatedSession]:
    """Seat desks between two dates (or one session of each day) and store them: locked desks
    stay, the rest are redone from the rooms stored. One read, one bulk write."""
    seated = seat_sessions(session, start, end, exam_session, stored_only=True)
    desks = {(r.sat_on, r.session, r.candidate_id): r.desk for s in seated for r in s.rows}
    placed = session.execute(
        select(Placement.id, Placement.on, Placement.session, Placement.candidate_id)
        .where(Placement.on >= start, Placement.on <= end,
               *([Placement.session == exam_session] if exam_session is not None else []))).all()
    changes = [{"id": pid, "desk": desks.get((on, sess, cid))} for pid, on, sess, cid in placed]
    if changes:
        session.execute(update(Placement), changes)
    session.flush()
    given = sum(d is not None for d in desks.values())
    audit.record(session, "update", "placement", None,
                 f"{given} candidates given desks in {len(seated)} sessions from {start:%d/%m/%Y} to {end:%d/%m/%Y}")
    return seated


def seat_session(session: Session, day: date, exam_session: str) -> SeatedSession:
    """Seat one session and store it: rooms (the officer's choices kept) then desks (locked
    desks kept, the rest redone). Returns what was stored."""
    if exam_session not in ("AM", "PM"):
        raise InputError(f"{exam_session!r} is not a session: write AM or PM")
    seat(session, day, day, exam_session)
    seated = store_desks(session, day, day, exam_session)
    if not seated:
        raise InputError(f"nobody sits an exam on {slot_label(day, exam_session)}")
    return seated[0]


DeskBefore = tuple[int, str | None, bool]  # candidate id, desk, locked: what undoing a move puts back


def move_to_desk(session: Session, candidate_id: int, day: date, exam_session: str, desk: str) -> list[DeskBefore]:
    """The officer puts a candidate at a desk of their room, locked so re-seating keeps it; a
    candidate already there swaps to the mover's old desk (locked too). Returns what undo puts back."""
    seated = seat_sessions(session, day, day, exam_session)
    rows = {r.candidate_id: r for s in seated for r in s.rows}
    mover = rows.get(candidate_id)
    if mover is None or mover.room is None:
        raise InputError(f"that candidate has no room on {slot_label(day, exam_session)}")
    layout = seated[0].rooms[mover.room].desk_layout
    if desk not in layout.desks:
        raise InputError(f"{mover.room} has no desk {desk} in use: its desks are {layout.desks[0]} to {layout.desks[-1]}")
    other = next((r for r in rows.values() if r.room == mover.room and r.desk == desk
                  and r.candidate_id != candidate_id), None)
    # Store what the model shows first, so nobody else moves when this one does.
    store = {cid: r.desk for cid, r in rows.items()}
    store[candidate_id] = desk
    if other is not None:
        store[other.candidate_id] = mover.desk
    placements = {p.candidate_id: p for p in session.scalars(
        select(Placement).where(Placement.on == day, Placement.session == exam_session))}
    moving = {candidate_id, *([other.candidate_id] if other is not None else [])}
    if not moving <= placements.keys():  # a room chosen in memory only: store the session's rooms first
        raise InputError(f"seat {slot_label(day, exam_session)} first: its rooms are not stored yet")
    before = [(cid, p.desk, bool(p.desk_locked)) for cid, p in placements.items()]
    for cid, p in placements.items():
        p.desk = store.get(cid)
        p.desk_locked = p.desk_locked or cid in moving
    session.flush()
    what = f"candidate {mover.candidate} moved to desk {desk} in {mover.room} for {slot_label(day, exam_session)}"
    audit.record(session, "update", "placement", candidate_id,
                 what + (f", swapping with {other.candidate}" if other is not None else ""))
    return before


def restore_desks(session: Session, day: date, exam_session: str, before: Sequence[DeskBefore]) -> None:
    """Undo ``move_to_desk``: every desk of the session as it was."""
    saved = {cid: (desk, locked) for cid, desk, locked in before}
    for p in session.scalars(select(Placement).where(Placement.on == day, Placement.session == exam_session)):
        if p.candidate_id in saved:
            p.desk, p.desk_locked = saved[p.candidate_id]
    session.flush()
    audit.record(session, "update", "placement", None, f"desks for {slot_label(day, exam_session)} put back as they were")
