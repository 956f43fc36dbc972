"""The roster's places and answers as plain records, shared by the solver and everything that reads it.

A requirement becomes numbered places: ordinary invigilation places and helper
places (a reader must be able to read), less what the officer's locked assignments
already fill. The answer names who goes where, which places stay uncovered, and why,
in the words the officer reads: "Tue 19 May AM, Sports Hall: needs 5, 3 available,
1 untrained". Its numbers add up: "available" counts exactly those in the room (the
shortfall's ``assigned``), and everyone else who said yes to that session is counted
once under why they are not there, so "needs 1, 1 available" can never be read next
to an empty place. A session's candidates without a seat ("No room") have no places
to fill: they are a shortfall of their own, "needs 1, 3 candidates have no seat".
Nothing here needs OR-Tools.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eoffice.domain.access import other_session
from eoffice.domain.roster.invigilator_records import INVIGILATES, ROLES
from eoffice.domain.roster.requirement import Requirement
from eoffice.domain.roster.seating import Slot

GENERAL = "invigilator"
BLOCK_WORDS = {"untrained": "untrained", "no_dbs": "no DBS check", "inactive": "not active"}


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    roles: frozenset[str]
    max_per_day: int = 2
    max_per_week: int = 10
    available: frozenset[Slot] = frozenset()  # sessions they can do (their answer, or their default)
    blocked: Mapping[date, tuple[str, ...]] = field(default_factory=dict)  # date -> why they cannot be rostered


@dataclass(frozen=True)
class Locked:
    person_id: int
    on: date
    session: str
    room_id: int
    role: str = GENERAL


@dataclass(frozen=True)
class Assigned:
    person_id: int
    name: str
    on: date
    session: str
    room_id: int
    room: str
    role: str
    locked: bool = False


@dataclass(frozen=True)
class Shortfall:
    on: date
    session: str
    room_id: int
    room: str
    needed: int
    assigned: int
    reason: str


@dataclass(frozen=True)
class SolveResult:
    status: str  # "optimal", "feasible" or "infeasible"
    requirements: tuple[Requirement, ...]
    assignments: tuple[Assigned, ...]
    shortfalls: tuple[Shortfall, ...]
    load: dict[str, int]  # name -> sessions
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None  # (objective - bound) / objective; 0 when proved optimal
    seconds: float = 0.0
    short_bound: int | None = None  # the fewest places short any roster can have (proven); None when unknown

    def team(self, requirement: Requirement) -> list[Assigned]:
        return [a for a in self.assignments
                if (a.on, a.session, a.room_id) == (requirement.on, requirement.session, requirement.room_id)]  # fmt: skip

    def as_json(self) -> dict[str, Any]:
        """The shape ``eoffice roster solve --json`` prints: the keys are a contract."""
        return {
            "status": self.status,
            "requirements": [
                {"date": r.on.isoformat(), "session": r.session, "room": r.room, "candidates": r.candidates,
                 "needed": r.needed, "assigned": [a.name for a in self.team(r)]}
                for r in self.requirements
            ],
            "shortfalls": [
                {"date": s.on.isoformat(), "session": s.session, "room": s.room, "needed": s.needed,
                 "assigned": s.assigned, "reason": s.reason}
                for s in self.shortfalls
            ],
            "load": dict(self.load),
            "objective": self.objective,
            "gap": self.gap,
            "seconds": round(self.seconds, 3),
            "short_bound": self.short_bound,
        }  # fmt: skip


def can_take(roles: frozenset[str], role: str) -> bool:
    """An ordinary place needs an invigilator or lead; a helper place needs every part of its role."""
    if role == GENERAL:
        return bool(roles & INVIGILATES)
    return set(role.split("+")) <= roles


def role_words(role: str) -> str:
    return " and ".join(ROLES.get(part, part).lower() for part in role.split("+"))


def article(words: str) -> str:
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def week_of(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return (iso.year, iso.week)


@dataclass
class Places:
    """The requirements as numbered places, with what the locked assignments already fill."""

    reqs: list[Requirement]
    people: Sequence[Person]
    locked: Sequence[Locked]
    at: dict[tuple[date, str, int], int] = field(default_factory=dict)  # (date, session, room) -> index
    demand: dict[tuple[int, str], int] = field(default_factory=dict)  # (index, role) -> places
    fill: dict[tuple[int, str], list[int]] = field(default_factory=lambda: defaultdict(list))  # filled by locks
    extra: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # locked beyond any place
    locked_slot: dict[tuple[int, Slot], Locked] = field(default_factory=dict)
    day: dict[tuple[int, date], int] = field(default_factory=lambda: defaultdict(int))  # locked per day
    week: dict[tuple[int, tuple[int, int]], int] = field(default_factory=lambda: defaultdict(int))
    minutes: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    held: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    fixed_rooms: dict[tuple[int, date], list[int]] = field(default_factory=lambda: defaultdict(list))  # locked places

    def left(self, key: tuple[int, str]) -> int:
        return max(0, self.demand[key] - len(self.fill[key]))

    def kept_out(self, person_id: int, k: int) -> bool:
        """Whether a locked assignment that day puts ``person_id`` in another room while room ``k`` needs cover."""
        r = self.reqs[k]
        return any(self.reqs[j].clashes_with(r) for j in self.fixed_rooms.get((person_id, r.on), ()))


def prepare(requirements: Sequence[Requirement], people: Sequence[Person], locked: Sequence[Locked]) -> Places:
    prep = Places(list(requirements), people, locked)
    for k, r in enumerate(prep.reqs):
        prep.at[(r.on, r.session, r.room_id)] = k
        if not r.seated:
            continue  # nobody can be sent to candidates who have no room
        prep.demand[(k, GENERAL)] = r.general
        for role, n in r.helpers:
            prep.demand[(k, role)] = n
    for lock in locked:
        prep.locked_slot[(lock.person_id, (lock.on, lock.session))] = lock
        prep.day[(lock.person_id, lock.on)] += 1
        prep.week[(lock.person_id, week_of(lock.on))] += 1
        prep.held[lock.person_id] += 1
        j = prep.at.get((lock.on, lock.session, lock.room_id))
        if j is None or not prep.reqs[j].seated:
            continue
        prep.fixed_rooms[(lock.person_id, lock.on)].append(j)
        prep.minutes[lock.person_id] += prep.reqs[j].finish - prep.reqs[j].start
        for role in (lock.role, GENERAL):
            if (j, role) in prep.demand and prep.left((j, role)) > 0:
                prep.fill[(j, role)].append(lock.person_id)
                break
        else:
            prep.extra[j].append(lock.person_id)
    return prep


def with_figures(result: SolveResult, objective: float | None, bound: float | None, gap: float | None,
                 seconds: float | None = None, *, short_bound: int | None = None) -> SolveResult:  # fmt: skip
    return SolveResult(result.status, result.requirements, result.assignments, result.shortfalls, result.load,
                       objective, bound, gap, result.seconds if seconds is None else seconds, short_bound)  # fmt: skip


def build_result(prep: Places, picked: set[tuple[int, int, str]], status: str) -> SolveResult:
    reqs, people = prep.reqs, prep.people
    names = {p.id: p.name for p in people}
    room_names = {r.room_id: r.room for r in reqs}
    placed: list[Assigned] = []
    for lock in prep.locked:
        name = names.get(lock.person_id, f"invigilator {lock.person_id}")
        room = room_names.get(lock.room_id, f"room {lock.room_id}")
        placed.append(Assigned(lock.person_id, name, lock.on, lock.session, lock.room_id, room, lock.role, True))
    for pid, k, role in picked:
        r = reqs[k]
        placed.append(Assigned(pid, names[pid], r.on, r.session, r.room_id, r.room, role))
    placed.sort(key=lambda a: (a.on, a.session, a.room, a.role != GENERAL, a.name))
    filled: dict[tuple[int, str], int] = defaultdict(int)
    for key, ids in prep.fill.items():
        filled[key] += len(ids)
    for _pid, k, role in picked:
        filled[(k, role)] += 1
    where: dict[tuple[int, Slot], int] = {}  # person, slot -> place index (-1: a room with no candidates)
    day: dict[tuple[int, date], int] = defaultdict(int)
    week: dict[tuple[int, tuple[int, int]], int] = defaultdict(int)
    for a in placed:
        where[(a.person_id, (a.on, a.session))] = prep.at.get((a.on, a.session, a.room_id), -1)
        day[(a.person_id, a.on)] += 1
        week[(a.person_id, week_of(a.on))] += 1
    shortfalls = []
    for k, r in enumerate(reqs):
        if not r.seated:
            shortfalls.append(Shortfall(r.on, r.session, r.room_id, r.room, r.needed, 0, _no_seat(r)))
            continue
        places = ((GENERAL, r.general), *r.helpers)
        short_roles = [role for role, n in places if filled[(k, role)] < n]
        if not short_roles:
            continue
        assigned = sum(filled[(k, role)] for role, _n in places) + len(prep.extra.get(k, []))
        if status == "infeasible":
            reason = f"{r.label}: needs {r.needed}, no roster was found in the time allowed"
        else:
            reason = _reason(r, k, assigned, short_roles, (reqs, people, where, day, week))
        shortfalls.append(Shortfall(r.on, r.session, r.room_id, r.room, r.needed, assigned, reason))
    load = {p.name: 0 for p in people}
    for a in placed:
        load[a.name] = load.get(a.name, 0) + 1
    return SolveResult(status, tuple(reqs), tuple(placed), tuple(shortfalls), dict(sorted(load.items())))


def _no_seat(r: Requirement) -> str:
    """``Tue 19 May AM, No room: needs 1, 3 candidates have no seat: the rooms are full``."""
    who = "1 candidate has" if r.candidates == 1 else f"{r.candidates} candidates have"
    return f"{r.label}: needs {r.needed}, {who} no seat: the rooms are full (add a room or more capacity)"


_Seen = tuple[list[Requirement], Sequence[Person], dict[tuple[int, Slot], int], dict[tuple[int, date], int],
              dict[tuple[int, tuple[int, int]], int]]  # fmt: skip
ORDER = ("in other rooms", "kept out", "at their limit", "untrained", "no DBS check", "not active")


def _reason(r: Requirement, k: int, assigned: int, short_roles: list[str], seen: _Seen) -> str:
    """``Tue 19 May AM, Sports Hall: needs 5, 3 available, 1 untrained``: who is there, and why the rest are not.

    "Available" is those in the room, so it equals ``assigned``; each other person who
    said yes to the session (and could take one of its roles) is counted once, under
    the first reason that keeps them out.
    """
    reqs, people, where, day_count, week_count = seen
    roles = [GENERAL, *(role for role, _n in r.helpers)]
    other_slot = (r.on, other_session(r.session))
    counts: dict[str, int] = defaultdict(int)
    for p in people:
        here = where.get((p.id, r.slot))
        if here == k or r.slot not in p.available or not any(can_take(p.roles, role) for role in roles):
            continue  # in the room (counted in ``assigned``), or never offered this session
        other = where.get((p.id, other_slot), -1)
        if r.on in p.blocked:
            counts[BLOCK_WORDS.get(p.blocked[r.on][0], p.blocked[r.on][0])] += 1
        elif here is not None:
            counts["in other rooms"] += 1
        elif other >= 0 and reqs[other].clashes_with(r):
            long = "a long exam" if reqs[other].session == "AM" else "the afternoon exam"
            counts[f"kept out by {long} in {reqs[other].room}"] += 1
        elif day_count[(p.id, r.on)] >= p.max_per_day or week_count[(p.id, week_of(r.on))] >= p.max_per_week:
            counts["at their limit"] += 1
        elif not any(can_take(p.roles, role) for role in short_roles):
            counts[f"not {article(role_words(short_roles[0]))}"] += 1
        else:
            counts["free but not placed in the time allowed"] += 1  # only when the search stopped early
    parts = [f"needs {r.needed}", f"{assigned} available"]
    parts += [f"{n} {word}" for word, n in sorted(counts.items(), key=lambda item: _rank(item[0]))]
    for role in short_roles:
        if role != GENERAL:
            parts.append(f"no {role_words(role)} free")
    return f"{r.label}: {', '.join(parts)}"


def _rank(word: str) -> tuple[int, str]:
    """The order reasons are read in: the usual ones first, then the rest alphabetically."""
    return (next((n for n, known in enumerate(ORDER) if word.startswith(known)), len(ORDER)), word)
