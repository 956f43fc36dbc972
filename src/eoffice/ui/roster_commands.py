"""Undoable edits of invigilators, availability, rooms, seating and the roster.

Each keeps ids and plain values, never ORM rows. A solve applied is one step: undo puts
back the seating and the unlocked assignments it replaced. Every change is checked by the domain on its
first run, so a clash is refused in plain words and never reaches the undo stack.

Edits of invigilators, their availability and single assignments say which records they
touched (``commands.Touched``): none of them can change where candidates sit, so the tab
keeps the series' seating and reads again only what they changed. Rooms, seating and a
solve do not say, and the tab reads everything again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain import examday, roster
from eoffice.domain.roster import (
    GENERAL,
    AssignmentRecord,
    Invigilator,
    InvigilatorFields,
    Room,
    RoomFields,
    Scope,
    SolveResult,
    candidate_label,
    seating,
    slot_label,
)
from eoffice.domain.words import plural
from eoffice.ui import areas, commands
from eoffice.ui.commands import Touched
from eoffice.ui.context import AppContext

AREA = areas.ROSTER
INVIGILATOR, AVAILABILITY, ASSIGNMENT = "invigilator", "availability", "assignment"  # what ``Touched`` names



# --- invigilators ------------------------------------------------------------------------------

def add_invigilator(context: AppContext, fields: InvigilatorFields) -> None:
    added: list[Invigilator] = []

    def do(session: Session) -> None:
        if added:  # redo: the same invigilator back with the same id
            roster.add_invigilator(session, added[0].fields, invigilator_id=added[0].id)
        else:
            added.append(roster.add_invigilator(session, fields))

    commands.run(context, f"Add invigilator {fields.name.strip()!r}", AREA, do,
                 lambda s: roster.delete_invigilators(s, [added[0].id]),
                 touches=lambda: Touched.of(INVIGILATOR, [a.id for a in added]))  # fmt: skip


def edit_invigilator(context: AppContext, old: Invigilator, new: InvigilatorFields) -> None:
    commands.run(context, f"Edit invigilator {old.name!r}", AREA,
                 lambda s: roster.update_invigilator(s, old.id, new),
                 lambda s: roster.update_invigilator(s, old.id, old.fields),
                 touches=lambda: Touched.of(INVIGILATOR, [old.id]))  # fmt: skip


def set_active(context: AppContext, people: Sequence[Invigilator], active: bool) -> None:
    """Deactivate (kept for the record, never rostered) or reactivate."""
    before = [p for p in people if p.active != active]

    def put(session: Session, value: bool | None) -> None:
        for p in before:
            fields = p.fields if value is None else replace(p.fields, active=value)
            roster.update_invigilator(session, p.id, fields)

    word = "Reactivate" if active else "Deactivate"
    commands.run(context, f"{word} {plural(len(before), 'invigilator')}", AREA,
                 lambda s: put(s, active), lambda s: put(s, None),
                 touches=lambda: Touched.of(INVIGILATOR, [p.id for p in before]))  # fmt: skip


def set_availability(context: AppContext, person: Invigilator, slots: Sequence[tuple[date, str]], available: bool | None) -> None:
    """Set answers for several sessions in one step; ``None`` puts them back to the default."""
    previous: dict[tuple[date, str], bool | None] = {}

    def do(session: Session) -> None:
        for on, sess in slots:
            was = roster.set_availability(session, person.id, on, sess, available)
            previous.setdefault((on, sess), was)

    def undo(session: Session) -> None:
        for (on, sess), was in previous.items():
            roster.set_availability(session, person.id, on, sess, was)

    word = {True: "available", False: "not available", None: "back to their default"}[available]
    commands.run(context, f"{person.name}: {plural(len(slots), 'session')} {word}", AREA, do, undo,
                 touches=lambda: Touched.of(AVAILABILITY, [person.id]))


# --- rooms and seating --------------------------------------------------------------------------

def add_room(context: AppContext, fields: RoomFields) -> None:
    added: list[Room] = []

    def do(session: Session) -> None:
        if added:
            roster.restore_rooms(session, added)
        else:
            added.append(roster.add_room(session, fields))

    commands.run(context, f"Add room {fields.name.strip()!r}", AREA, do, lambda s: roster.delete_rooms(s, [added[0].id]))


def edit_room(context: AppContext, old: Room, new: RoomFields) -> None:
    commands.run(context, f"Edit room {old.name!r}", AREA,
                 lambda s: roster.update_room(s, old.id, new), lambda s: roster.update_room(s, old.id, old.fields))  # fmt: skip


def seat_in(context: AppContext, candidate_id: int, number: int, on: date, sess: str, room_id: int) -> None:
    """The officer's own choice of room for one candidate in one session (seating then keeps it)."""
    previous: list[tuple[int, bool] | None] = []

    def do(session: Session) -> None:
        was = seating.override_placement(session, candidate_id, on, sess, room_id)
        if not previous:
            previous.append(was)

    commands.run(context, f"Seat candidate {candidate_label(number)} for {slot_label(on, sess)}", AREA, do,
                 lambda s: seating.restore_placement(s, candidate_id, on, sess, previous[0]))  # fmt: skip


def let_app_seat(context: AppContext, candidate_id: int, number: int, on: date, sess: str, room_id: int) -> None:
    """Clear the officer's choice: the app seats the candidate now, around everyone already seated."""
    commands.run(context, f"Automatic room for candidate {candidate_label(number)}", AREA,
                 lambda s: seating.restore_placement(s, candidate_id, on, sess, None),
                 lambda s: seating.restore_placement(s, candidate_id, on, sess, (room_id, True)))  # fmt: skip


def reseat(context: AppContext, scope: Scope) -> None:
    """Seat every candidate in ``scope`` afresh, as each auto-roster does; the officer's choices stay."""
    saved: list[list[seating.StoredPlacement]] = []

    def do(session: Session) -> None:
        before = seating.saved_placements(session, scope.start, scope.end)
        roster.reseat(session, scope)
        if not saved:
            saved.append(before)

    commands.run(context, f"Re-seat candidates for {scope.label}", AREA, do,
                 lambda s: seating.restore_placements(s, scope.start, scope.end, saved[0]))  # fmt: skip


def seat_exam_session(context: AppContext, on: date, sess: str) -> None:
    """Seat one exam session and store it (``examday.seat_session``: rooms, then desks; the
    officer's rooms and locked desks kept). Undo puts that day's placements back as they were."""
    saved: list[list[seating.StoredPlacement]] = []

    def do(session: Session) -> None:
        before = roster.saved_placements(session, on, on)
        examday.seat_session(session, on, sess)
        if not saved:
            saved.append(before)

    commands.run(context, f"Seat {slot_label(on, sess)}", AREA, do,
                 lambda s: roster.restore_placements(s, on, on, saved[0]))  # fmt: skip


# --- the roster ---------------------------------------------------------------------------------

def assign(context: AppContext, invigilator_id: int, on: date, sess: str, room_id: int, role: str = GENERAL,
           *, locked: bool = False) -> AssignmentRecord:  # fmt: skip
    """Raises InputError in plain words when a rule is broken (a clash, a limit, not available)."""
    made: list[AssignmentRecord] = []

    def do(session: Session) -> None:
        if made:
            roster.restore_unassigned(session, made)
        else:
            made.append(roster.assign(session, invigilator_id, on, sess, room_id, role, locked=locked))

    commands.run(context, f"Assign for {slot_label(on, sess)}", AREA, do, lambda s: roster.unassign(s, [made[0].id]),
                 touches=lambda: Touched.of(ASSIGNMENT, [a.id for a in made]))
    return made[0]


def unassign(context: AppContext, records: Sequence[AssignmentRecord]) -> None:
    snapshot = list(records)
    commands.run(context, f"Unassign {plural(len(snapshot), 'invigilator')}", AREA,
                 lambda s: roster.unassign(s, [a.id for a in snapshot]),
                 lambda s: roster.restore_unassigned(s, snapshot),
                 touches=lambda: Touched.of(ASSIGNMENT, [a.id for a in snapshot]))  # fmt: skip


def set_locked(context: AppContext, records: Sequence[AssignmentRecord], locked: bool) -> None:
    before: dict[int, bool] = {a.id: a.locked for a in records}

    def undo(session: Session) -> None:
        for value in (True, False):
            ids = [i for i, was in before.items() if was is value]
            if ids:
                roster.set_locked(session, ids, value)

    text = f"{'Lock' if locked else 'Unlock'} {plural(len(before), 'assignment')}"
    commands.run(context, text, AREA, lambda s: roster.set_locked(s, list(before), locked), undo,
                 touches=lambda: Touched.of(ASSIGNMENT, before))


def apply_solve(context: AppContext, scope: Scope, result: SolveResult) -> None:
    """Re-seat and write a solve's answer as one step; undo restores the seating and the unlocked
    assignments it replaced."""
    old: list[roster.BeforeSolve] = []

    def do(session: Session) -> None:
        replaced = roster.apply_solve(session, result, scope)
        if not old:  # the first run: what undo puts back
            old.append(replaced)

    commands.run(context, f"Auto-roster {scope.label}", AREA, do, lambda s: roster.undo_solve(s, scope, old[0]))


# --- desks on exam day -------------------------------------------------------------------------

def move_desk(context: AppContext, candidate_id: int, number: int, on: date, sess: str, desk: str) -> None:
    """The officer puts a candidate at a desk of their room (``examday.move_to_desk``: a swap
    when the desk is taken, both locked). Undo puts every desk of the session back."""
    before: list[list[examday.DeskBefore]] = []

    def do(session: Session) -> None:
        was = examday.move_to_desk(session, candidate_id, on, sess, desk)
        if not before:
            before.append(was)

    commands.run(context, f"Move {candidate_label(number)} to desk {desk}", AREA, do,
                 lambda s: examday.restore_desks(s, on, sess, before[0]))  # fmt: skip


def lock_desks(context: AppContext, ids: Sequence[int], on: date, sess: str, locked: bool,
               text: str | None = None) -> None:
    """Lock the candidates' desks (re-seating keeps them) or unlock them, in one step."""
    before: list[list[examday.DeskBefore]] = []
    chosen = list(ids)

    def do(session: Session) -> None:
        was = examday.set_desk_locked(session, chosen, on, sess, locked)
        if not before:
            before.append(was)

    word = "Lock" if locked else "Unlock"
    commands.run(context, text or f"{word} {plural(len(chosen), 'desk')} for {slot_label(on, sess)}", AREA, do,
                 lambda s: examday.restore_desks(s, on, sess, before[0]))  # fmt: skip


def copy_room_plan(context: AppContext, on: date, from_sess: str, room: str, to_sess: str) -> examday.CopiedPlan:
    """A room's plan copied to the other session of the day (``examday.copy_room_plan``); undo
    puts that day's placements back as they were. Returns the counts, for the page to say."""
    done: list[examday.CopiedPlan] = []

    def do(session: Session) -> None:
        copied = examday.copy_room_plan(session, on, from_sess, room, to_sess)
        if not done:
            done.append(copied)

    commands.run(context, f"Copy {room}'s plan to {to_sess}", AREA, do,
                 lambda s: roster.restore_placements(s, on, on, done[0].before))  # fmt: skip
    return done[0]
