"""The roster in the database: solving a series, applying the answer, and the officer's own changes.

Every solve first re-seats the candidates (``reseat``), so the rooms it covers are
the rooms candidates sit in now. The solver reads and writes nothing; this module
gathers what it needs (rooms in use, invigilators with their availability and
compliance on each date, assignments that must stay) and writes its answer back in
the caller's one transaction, replacing only unlocked assignments in the dates solved. Sessions before the start of the
solved dates are history: they are never re-rostered, but count towards each
person's weekly limit and their share of the work. Manual changes are checked
against the same rules and refused in plain words.
"""

from __future__ import annotations

import calendar
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from eoffice.db.models import Assignment
from eoffice.db.models import Invigilator as InvigilatorRow
from eoffice.db.models import Room as RoomRow
from eoffice.domain import audit
from eoffice.domain.access import DEFAULT_STARTS, SESSIONS, exam_sessions, slot_label
from eoffice.domain.bulk import IDS_PER_QUERY
from eoffice.domain.dates import format_date
from eoffice.domain.roster import seating
from eoffice.domain.roster.invigilator_records import (
    BLOCKED,
    RosterSettings,
    answers,
    compliance,
    invigilators,
    is_available,
    roster_settings,
)
from eoffice.domain.roster.requirement import Requirement, requirements
from eoffice.domain.roster.seating import StoredPlacement
from eoffice.domain.roster.solver import GENERAL, Locked, Person, SolveResult, can_take, role_words, solve
from eoffice.domain.years import SERIES_NAMES, AcademicYear
from eoffice.errors import InputError

# CP-SAT's deterministic time for a ``repeatable`` solve: about 10 s of work on a 2-core laptop.
REPEATABLE_WORK = 5.0
# The months each series' exams fall in, within its academic year.
SERIES_MONTHS: dict[str, tuple[int, ...]] = {"November": (9, 10, 11, 12), "January": (1, 2, 3), "Summer": (4, 5, 6, 7, 8)}


@dataclass(frozen=True)
class Scope:
    """The dates to roster; ``history_from`` to ``start`` is fixed context (worked sessions)."""

    start: date
    end: date
    label: str
    history_from: date | None = None


def default_series(session: Session, year: AcademicYear, today: date) -> str:
    """The series the Invigilators tab opens on: the next whose months have not ended and that
    has exams; else the first with exams; else Summer."""
    spans = {name: scope_for(year, name) for name in SERIES_NAMES}
    with_exams = [name for name, span in spans.items() if exam_sessions(session, span.start, span.end)]
    coming = [name for name in with_exams if spans[name].end >= today]
    return (coming or with_exams or ["Summer"])[0]


def scope_for(year: AcademicYear, series: str | None = None, *, today: date | None = None) -> Scope:
    """A year, or one series of it; with ``today``, sessions before today are left as they are."""
    if series is None:
        first, last, label = year.start, year.end, year.label
    else:
        name = next((s for s in SERIES_NAMES if s.casefold() == " ".join(series.split()).casefold()), None)
        if name is None:
            raise InputError(f"{series!r} is not a series; use one of: {', '.join(SERIES_NAMES)}")
        months = [(y, m) for y, m in year.months() if m in SERIES_MONTHS[name]]
        first = date(*months[0], 1)
        last = date(*months[-1], calendar.monthrange(*months[-1])[1])
        label = f"{name} {months[-1][0]}"
    start = max(first, today) if today else first
    if start > last:
        raise InputError(f"the {label} series is over: there is nothing left to roster")
    return Scope(start, last, label, first)


@dataclass(frozen=True)
class AssignmentRecord:
    id: int
    invigilator_id: int
    name: str
    on: date
    session: str
    room_id: int
    room: str
    role: str
    locked: bool

    @property
    def role_label(self) -> str:
        return role_words(self.role).capitalize()


def _assignment_rows(*where: Any) -> Any:
    return (
        select(Assignment.id, Assignment.invigilator_id, InvigilatorRow.name, Assignment.on, Assignment.session,
               Assignment.room_id, RoomRow.name, Assignment.role, Assignment.locked)
        .join(InvigilatorRow, InvigilatorRow.id == Assignment.invigilator_id)
        .join(RoomRow, RoomRow.id == Assignment.room_id)
        .where(*where)
        .order_by(Assignment.on, Assignment.session, RoomRow.name, InvigilatorRow.name)
    )


def assignment_order(a: AssignmentRecord) -> tuple[date, str, str, str]:
    """The order ``assignments`` gives: by date, session, room and name."""
    return (a.on, a.session, a.room, a.name)


def assignments(session: Session, start: date, end: date) -> list[AssignmentRecord]:
    """Every assignment between two dates, by date, session, room and name: read as plain
    columns, not ORM objects (a series at ten times a large school has nearly 2,000)."""
    return [AssignmentRecord(*row) for row in session.execute(_assignment_rows(Assignment.on >= start, Assignment.on <= end))]


def assignments_with_ids(session: Session, ids: Iterable[int]) -> list[AssignmentRecord]:
    """The assignments with these ids that still exist: what a screen showing an edit's
    assignments alone reads again (a missing id was unassigned)."""
    wanted = sorted(set(ids))
    found: list[AssignmentRecord] = []
    for start in range(0, len(wanted), IDS_PER_QUERY):
        found += [AssignmentRecord(*row) for row in session.execute(
            _assignment_rows(Assignment.id.in_(wanted[start:start + IDS_PER_QUERY])))]
    return sorted(found, key=assignment_order)


# --- solving ------------------------------------------------------------------------------

def problem(session: Session, scope: Scope) -> tuple[list[Requirement], list[Person], list[Locked]]:
    """What the solver needs for ``scope``, read in a handful of set-based queries."""
    config = roster_settings(session)
    needs = requirements(session, scope.start, scope.end, config, unseated=True)  # candidates with no seat: a shortfall
    slots = sorted({r.slot for r in needs})
    days = sorted({on for on, _s in slots})
    people = invigilators(session, active_only=True)
    stored = answers(session, scope.start, scope.end, [p.id for p in people])
    found = []
    for p in people:
        blocked = {}
        for day in days:
            verdict = compliance(p, day, config)
            if verdict.level == BLOCKED:
                blocked[day] = verdict.keys
        free = frozenset(s for s in slots if is_available(p, s[0], s[1], stored))
        found.append(Person(p.id, p.name, frozenset(p.roles), p.max_per_day, p.max_per_week, free, blocked))
    active = {p.id for p in people}
    history = scope.history_from or scope.start
    fixed = [Locked(a.invigilator_id, a.on, a.session, a.room_id, a.role)
             for a in assignments(session, min(history, scope.start), scope.end)
             if a.invigilator_id in active and (a.locked or a.on < scope.start)]  # fmt: skip
    return needs, found, fixed


def reseat(session: Session, scope: Scope) -> list[str]:
    """Seat the candidates in ``scope`` afresh, keeping the officer's own choices; returns what did not fit.

    Every auto-roster runs this first, on the command line and in the window alike, so
    the roster is made for the seating as arrangements, entries and rooms are now.
    """
    return seating.warnings(seating.seat(session, scope.start, scope.end))


def prepare_solve(session: Session, scope: Scope) -> tuple[list[Requirement], list[Person], list[Locked]]:
    """``reseat``, then the ``problem`` the solver gets: what the window solves in the background.

    The window calls it in a session it never commits, so nothing is written until the
    answer is applied by ``apply_solve``, which re-seats the same way in its own step.
    """
    reseat(session, scope)
    return problem(session, scope)


def _repeatable(solver: Any) -> None:
    """Stop CP-SAT after a set amount of work rather than at a time on the clock: on one worker
    that gives the same roster on a busy machine as on an idle one."""
    solver.parameters.max_deterministic_time = REPEATABLE_WORK
    solver.parameters.max_time_in_seconds = REPEATABLE_WORK * 20  # only a guard against a stalled machine


def solve_scope(session: Session, scope: Scope, *, quick: bool = False, max_seconds: float | None = None,
                repeatable: bool = False) -> SolveResult:  # fmt: skip
    """Solve without writing anything; ``apply_result`` writes the answer.

    The network flows that settle and prove the goals do a fixed amount of work; the time
    limit (the ``roster.solver_seconds`` setting, less the time reading the problem took)
    sets the work CP-SAT may do where the flows fall short. ``repeatable`` (for the demo)
    fixes that work instead, on one worker.
    """
    began = time.perf_counter()
    seconds = roster_settings(session).solver_seconds if max_seconds is None else max_seconds
    needs, people, fixed = problem(session, scope)
    return solve(needs, people, fixed, max_seconds=seconds - (time.perf_counter() - began), quick=quick,
                 workers=1 if repeatable else 2, on_solver=_repeatable if repeatable else None)  # fmt: skip


def apply_result(session: Session, result: SolveResult, scope: Scope, *, quick: bool = False) -> list[AssignmentRecord]:
    """Replace the unlocked assignments in ``scope`` with the solver's; returns the old ones for undo.

    ``quick`` says in the audit log that the answer is the solver's first, not its best.
    """
    old = [a for a in assignments(session, scope.start, scope.end) if not a.locked]
    session.execute(delete(Assignment).where(
        Assignment.on >= scope.start, Assignment.on <= scope.end, Assignment.locked.is_(False)))  # fmt: skip
    rows = [{"invigilator_id": a.person_id, "on": a.on, "session": a.session, "room_id": a.room_id, "role": a.role,
             "locked": False} for a in result.assignments if not a.locked and scope.start <= a.on <= scope.end]  # fmt: skip
    if rows:
        session.execute(insert(Assignment), rows)
    session.flush()
    short = len(result.shortfalls)
    audit.record(session, "update", "assignment", None,
                 f"roster for {scope.label} from {format_date(scope.start)}: {len(rows)} assignments, "
                 f"{short} shortfall{'s' if short != 1 else ''} ({result.status}"
                 + ("; a quick roster, the solver's first answer: solve again to improve it)" if quick else ")"))  # fmt: skip
    return old


def restore_assignments(session: Session, scope: Scope, snapshot: Sequence[AssignmentRecord]) -> None:
    """Undo ``apply_result``: put the previous unlocked assignments back."""
    session.execute(delete(Assignment).where(
        Assignment.on >= scope.start, Assignment.on <= scope.end, Assignment.locked.is_(False)))  # fmt: skip
    for a in snapshot:
        session.add(Assignment(id=a.id, invigilator_id=a.invigilator_id, on=a.on, session=a.session,
                               room_id=a.room_id, role=a.role, locked=a.locked))  # fmt: skip
    session.flush()
    audit.record(session, "update", "assignment", None, f"roster for {scope.label} put back as it was")


@dataclass(frozen=True)
class BeforeSolve:
    """What an applied solve replaced: the stored seating and the unlocked assignments."""

    placements: tuple[StoredPlacement, ...]
    assignments: tuple[AssignmentRecord, ...]


def apply_solve(session: Session, result: SolveResult, scope: Scope) -> BeforeSolve:
    """``reseat`` then ``apply_result``, as one change; returns what ``undo_solve`` puts back."""
    placements = seating.saved_placements(session, scope.start, scope.end)
    reseat(session, scope)
    return BeforeSolve(tuple(placements), tuple(apply_result(session, result, scope)))


def undo_solve(session: Session, scope: Scope, before: BeforeSolve) -> None:
    restore_assignments(session, scope, before.assignments)
    seating.restore_placements(session, scope.start, scope.end, before.placements)


# --- the officer's own changes ----------------------------------------------------------------

def _week_bounds(on: date) -> tuple[date, date]:
    monday = date.fromisocalendar(on.isocalendar().year, on.isocalendar().week, 1)
    return monday, date.fromisocalendar(on.isocalendar().year, on.isocalendar().week, 7)


def check_assignment(session: Session, invigilator_id: int, on: date, sess: str, room_id: int, role: str) -> None:
    """Refuse, in plain words, an assignment that breaks a hard rule."""
    if sess not in SESSIONS:
        raise InputError(f"{sess!r} is not a session; use AM or PM")
    person = next((p for p in invigilators(session) if p.id == invigilator_id), None)
    if person is None:
        raise InputError(f"there is no invigilator {invigilator_id}")
    room = session.get(RoomRow, room_id)
    if room is None:
        raise InputError(f"there is no room {room_id}")
    when = slot_label(on, sess)
    config = roster_settings(session)
    verdict = compliance(person, on, config)
    if verdict.level == BLOCKED:
        raise InputError(f"{person.name} cannot be rostered on {when}: {'; '.join(verdict.reasons)}")
    if not can_take(frozenset(person.roles), role):
        raise InputError(f"{person.name} cannot take the role of {role_words(role)}")
    if not is_available(person, on, sess, answers(session, on, on, [invigilator_id])):
        raise InputError(f"{person.name} is not available on {when}")
    monday, sunday = _week_bounds(on)
    theirs = [a for a in assignments(session, monday, sunday) if a.invigilator_id == invigilator_id]
    for a in theirs:
        if (a.on, a.session) == (on, sess):
            raise InputError(f"{person.name} is already in {a.room} on {when}")
    if sum(a.on == on for a in theirs) >= person.max_per_day:
        raise InputError(f"{person.name} already has {person.max_per_day} session(s) on {format_date(on)}, their daily limit")
    if len(theirs) >= person.max_per_week:
        raise InputError(f"{person.name} already has {person.max_per_week} sessions that week, their weekly limit")
    other = next((a for a in theirs if a.on == on and a.session != sess and a.room_id != room_id), None)
    if other is not None:
        times = {(r.session, r.room_id): r for r in requirements(session, on, on, config)}
        morning = times.get(("AM", other.room_id if sess == "PM" else room_id))
        afternoon = times.get(("PM", room_id if sess == "PM" else other.room_id))
        if morning and afternoon and morning.finish > afternoon.start:
            raise InputError(f"{person.name} would be in two places at once: {morning.room} runs on past the start "
                             f"of the afternoon exam in {afternoon.room}")  # fmt: skip


def assign(session: Session, invigilator_id: int, on: date, sess: str, room_id: int, role: str = GENERAL,
           *, locked: bool = False) -> AssignmentRecord:  # fmt: skip
    check_assignment(session, invigilator_id, on, sess, room_id, role)
    row = Assignment(invigilator_id=invigilator_id, on=on, session=sess, room_id=room_id, role=role, locked=locked)
    session.add(row)
    session.flush()
    audit.record(session, "create", "assignment", row.id, f"assigned for {slot_label(on, sess)}")
    return next(a for a in assignments(session, on, on) if a.id == row.id)


def unassign(session: Session, assignment_ids: Iterable[int]) -> list[AssignmentRecord]:
    """Remove assignments (locked ones too: the officer asked); returns them for undo."""
    ids = set(assignment_ids)
    gone = []
    for row in session.scalars(select(Assignment).where(Assignment.id.in_(ids))):
        gone += [a for a in assignments(session, row.on, row.on) if a.id == row.id]
    session.execute(delete(Assignment).where(Assignment.id.in_(ids)))
    for a in gone:
        audit.record(session, "delete", "assignment", a.id, f"unassigned from {slot_label(a.on, a.session)}")
    if len(gone) != len(ids):
        raise InputError("some of those assignments are no longer there; refresh and try again")
    return gone


def restore_unassigned(session: Session, snapshot: Sequence[AssignmentRecord]) -> None:
    for a in snapshot:
        session.add(Assignment(id=a.id, invigilator_id=a.invigilator_id, on=a.on, session=a.session,
                               room_id=a.room_id, role=a.role, locked=a.locked))  # fmt: skip
        audit.record(session, "create", "assignment", a.id, f"put back for {slot_label(a.on, a.session)}")
    session.flush()


def set_locked(session: Session, assignment_ids: Iterable[int], locked: bool) -> dict[int, bool]:
    """Lock (the solver keeps them) or unlock; returns each one's previous state for undo."""
    before: dict[int, bool] = {}
    for assignment_id in assignment_ids:
        row = session.get(Assignment, assignment_id)
        if row is None:
            raise InputError(f"there is no assignment {assignment_id}")
        before[assignment_id] = row.locked
        if row.locked != locked:
            row.locked = locked
            audit.record(session, "update", "assignment", assignment_id, "locked" if locked else "unlocked")
    session.flush()
    return before


# --- hours and pay ------------------------------------------------------------------------

@dataclass(frozen=True)
class Duty:
    """An assignment with its times: arrive before the start, stay until the room's latest finish."""

    assignment: AssignmentRecord
    arrive: int
    start: int
    finish: int

    @property
    def minutes(self) -> int:
        return self.finish - self.arrive


def duties(session: Session, start: date, end: date) -> list[Duty]:
    config = roster_settings(session)
    return duties_of(assignments(session, start, end), requirements(session, start, end, config), config)


def duties_of(found: Sequence[AssignmentRecord], needs: Sequence[Requirement], config: RosterSettings) -> list[Duty]:
    """Each assignment's times from the requirement of its room (``requirements``, read once
    by a screen that shows both): arrive before the start, stay until the latest finish."""
    times = {(r.on, r.session, r.room_id): r for r in needs}
    made = []
    for a in found:
        r = times.get((a.on, a.session, a.room_id))
        begin = r.start if r else DEFAULT_STARTS[a.session]
        finish = r.finish if r else begin  # a room with no candidates: arrival time only
        made.append(Duty(a, begin - config.arrive_minutes_before, begin, finish))
    return made


@dataclass(frozen=True)
class PayLine:
    invigilator_id: int
    name: str
    sessions: int
    minutes: int
    rate_pence: int

    @property
    def pay_pence(self) -> int:
        return round(self.minutes * self.rate_pence / 60)


def pay(session: Session, found: Sequence[Duty]) -> list[PayLine]:
    """Hours and pay per invigilator for the duties given, everyone active listed."""
    minutes: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)
    for d in found:
        minutes[d.assignment.invigilator_id] += d.minutes
        count[d.assignment.invigilator_id] += 1
    return [PayLine(p.id, p.name, count[p.id], minutes[p.id], p.hourly_rate_pence)
            for p in invigilators(session) if p.active or count[p.id]]  # fmt: skip
