"""The officer's own hand on a room plan: a room's plan copied to the other session of the
day, and who sits at which desk as the exam-day page needs it to move and lock desks.

A candidate who sits in the morning and the afternoon is easiest to look after at the same
desk in the same room: the invigilators know where they are, and a reader or a word
processor set up at that desk stays. ``copy_room_plan`` makes that the officer's choice in
the other session (room kept as their choice, desk locked), so re-seating keeps it; whoever
else was at those desks loses the desk and is seated around them.

What is copied is said in counts only: which candidates sit where, and why, is health data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import Placement
from eoffice.domain import audit
from eoffice.domain.access import ExamDayRow
from eoffice.domain.examday.kit import ExamDayKit
from eoffice.domain.examday.kit_records import kit_of
from eoffice.domain.examday.seating import DeskBefore, SeatedSession, listed, seat_sessions
from eoffice.domain.roster import SessionPlan, Sitting, saved_placements, seat, slot_label
from eoffice.domain.roster.seating import StoredPlacement
from eoffice.errors import InputError

SESSION_NAMES = ("AM", "PM")


@dataclass(frozen=True)
class CopiedPlan:
    """What copying a room's plan did: how many candidates now sit at the same desk in the
    other session, how many were left out because they sit no exam then, and every
    placement of the day as it was before, for undo (``roster.restore_placements``)."""

    copied: int
    skipped: int
    before: tuple[StoredPlacement, ...]


@dataclass(frozen=True)
class DeskHolder:
    """Who is at one desk of a room in the session shown: what moving or locking it needs."""

    candidate_id: int
    candidate: str  # "0012"
    room: str
    desk: str
    locked: bool  # the officer chose the desk: re-seating keeps it


@dataclass(frozen=True)
class EditablePlan:
    """The exam-day page's session at once: its list, its kit and who holds each desk, all
    from one seating of the session so they cannot disagree."""

    rows: list[ExamDayRow]
    kit: ExamDayKit
    holders: dict[str, dict[str, DeskHolder]]  # room name -> desk -> who sits there
    layout: dict[tuple[date, str], tuple[list[Sitting], SessionPlan]]  # the rooms, for ``roster.staffing``


def _check_session(exam_session: str) -> None:
    if exam_session not in SESSION_NAMES:
        raise InputError(f"{exam_session!r} is not a session: write AM or PM")


def editable_plan(session: Session, day: date, exam_session: str) -> EditablePlan:
    """The page's list, the kit and each desk's holder with whether it is locked, read at once
    (the locks come with the stored desks the seating read)."""
    return plan_of(session, day, exam_session, seat_sessions(session, day, day, exam_session))


def plan_of(session: Session, day: date, exam_session: str, seated: Sequence[SeatedSession]) -> EditablePlan:
    """``editable_plan`` of a session already seated (``seat_sessions`` of that session)."""
    rows = [row for one in seated for row in one.rows]
    locked = frozenset().union(*(one.locked for one in seated))
    holders: dict[str, dict[str, DeskHolder]] = {}
    for row in rows:
        if row.room and row.desk:
            holders.setdefault(row.room, {})[row.desk] = DeskHolder(
                row.candidate_id, row.candidate, row.room, row.desk, row.candidate_id in locked)
    rooms = {slot: placed for one in seated for slot, placed in one.layout.items()}
    return EditablePlan(listed(rows), kit_of(session, day, exam_session, seated), holders, rooms)


def copy_room_plan(session: Session, day: date, from_session: str, room_name: str, to_session: str) -> CopiedPlan:
    """Seat the candidates of one room in ``from_session`` at the same desks of the same room
    in ``to_session`` of the day, as the officer's choice (room kept, desk locked); those
    who sit nothing in ``to_session`` are skipped. Whoever else was at those desks in that
    room loses the desk (unlocked), so the plan seats them around. The other session's rooms
    are stored first when they are not yet. Returns the counts and what undo puts back."""
    _check_session(from_session)
    _check_session(to_session)
    if from_session == to_session:
        raise InputError(f"the plan is already {slot_label(day, from_session)}'s: copy it to the other session")
    source = seat_sessions(session, day, day, from_session)
    in_room = [r for one in source for r in one.rows if r.room == room_name]
    if not in_room:
        raise InputError(f"nobody sits in {room_name} on {slot_label(day, from_session)}")
    room = source[0].rooms[room_name]
    desks: dict[int, str | None] = {}
    for row in in_room:
        desks[row.candidate_id] = desks.get(row.candidate_id) or row.desk
    before = tuple(saved_placements(session, day, day))
    sitting_then = {r.candidate_id for one in seat_sessions(session, day, day, to_session) for r in one.rows}
    copying = {cid: desk for cid, desk in desks.items() if cid in sitting_then}
    if not copying:
        raise InputError(f"nobody in {room_name} on {slot_label(day, from_session)} sits an exam in the {to_session} session")
    if not any(p[2] == to_session for p in before):  # nothing stored yet: the rooms as the page shows them
        seat(session, day, day, to_session)
    placements = {p.candidate_id: p for p in session.scalars(
        select(Placement).where(Placement.on == day, Placement.session == to_session))}
    taken = {desk for desk in copying.values() if desk}
    for cid, p in placements.items():
        if cid not in copying and p.room_id == room.id and p.desk in taken:
            p.desk, p.desk_locked = None, False
    for cid, desk in copying.items():
        if cid not in placements:  # placed in memory only: stored now, as the officer's choice
            placements[cid] = Placement(candidate_id=cid, on=day, session=to_session, room_id=room.id)
            session.add(placements[cid])
        placed = placements[cid]
        placed.room_id, placed.override, placed.desk, placed.desk_locked = room.id, True, desk, desk is not None
    session.flush()
    skipped = len(desks) - len(copying)
    audit.record(session, "update", "placement", None,
                 f"{room_name}'s plan for {slot_label(day, from_session)} copied to {to_session}: "
                 f"{len(copying)} candidates copied, {skipped} skipped")
    return CopiedPlan(len(copying), skipped, before)


def set_desk_locked(session: Session, candidate_ids: Sequence[int], day: date, exam_session: str,
                    locked: bool) -> list[DeskBefore]:
    """Lock the chosen candidates' desks (re-seating keeps them) or unlock them (re-seating may
    move them). The session's desks are stored as the plan shows them first, so nobody else
    moves. Returns what undo (``restore_desks``) puts back."""
    _check_session(exam_session)
    rows = {r.candidate_id: r for one in seat_sessions(session, day, day, exam_session) for r in one.rows}
    chosen = set(candidate_ids)
    if not chosen:
        raise InputError("choose a candidate at a desk first")
    if any(rows.get(cid) is None or rows[cid].desk is None for cid in chosen):
        raise InputError(f"that candidate has no desk on {slot_label(day, exam_session)}")
    placements = {p.candidate_id: p for p in session.scalars(
        select(Placement).where(Placement.on == day, Placement.session == exam_session))}
    if not chosen <= placements.keys():
        raise InputError(f"seat {slot_label(day, exam_session)} first: its rooms are not stored yet")
    before = [(cid, p.desk, bool(p.desk_locked)) for cid, p in placements.items()]
    for cid, p in placements.items():
        shown = rows.get(cid)
        p.desk = shown.desk if shown is not None else p.desk
        if cid in chosen:
            p.desk_locked = locked
    session.flush()
    audit.record(session, "update", "placement", None,
                 f"{len(chosen)} desks {'locked' if locked else 'unlocked'} for {slot_label(day, exam_session)}")
    return before
