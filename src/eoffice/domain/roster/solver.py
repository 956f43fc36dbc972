"""The auto-roster: who invigilates which room in which session, by OR-Tools CP-SAT.

A greedy fill leaves gaps that a swap would close and loads the keenest people; a
real solver weighs everything at once. Hard rules: nobody in two places at once
(one room per session, and never two rooms whose cover overlaps, each room covered
until its latest finish with extra time: ``Requirement.clashes_with``, which holds
against the officer's locked and past assignments as well as the solver's own
choices), only when available, only when compliant on that date, only in a role
they can take (a reader must be able to read), within each person's limits per day
and per ISO week, and assignments the officer locked stay.
Goals, in order, by weights far apart: the fewest uncovered places (and, for the same
number, helpers' places first, as nobody else can fill them), then the fairest spread
(sum of squared sessions per person, which shares work out as evenly as availability
allows, then the longest hours anyone works), then the same person in the same room
all day. Solver settings: two workers, a fixed random seed, and the time limit from
the ``roster.solver_seconds`` setting (10 s), which covers building the model too.

Everything comes in as plain records and goes out as a plain result: this module
reads and writes no database, so it can be tested on small cases with known answers.
OR-Tools is imported inside ``solve``, so nothing else pays for loading it.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from eoffice.domain.roster.places import (
    GENERAL,
    Assigned,
    Locked,
    Person,
    Places,
    Shortfall,
    SolveResult,
    build_result,
    can_take,
    prepare,
    role_words,
    week_of,
    with_figures,
)
from eoffice.domain.roster.requirement import Requirement
from eoffice.domain.roster.seating import Slot

__all__ = ["GENERAL", "Assigned", "Locked", "Person", "Shortfall", "SolveResult", "can_take", "role_words", "solve"]

W_SHORT = 10_000_000  # one uncovered place outweighs any fairness or room change
W_HELPER = 100_000  # and, for the same number uncovered, a helper's place (only they can fill it) goes first
W_SQUARE = 600  # per unit of a person's sessions squared
W_HOURS = 1  # per minute of the longest total anyone works
W_CHANGE = 300  # per person moving room between the morning and the afternoon
SEED = 20260523


def _eligible(prep: Places) -> list[tuple[int, int, str]]:
    """Every (person, place, role) the hard rules allow: available, compliant, able, within limits,
    and not kept elsewhere at the time by a locked or past assignment."""
    keys = []
    for (k, role), _n in prep.demand.items():
        r = prep.reqs[k]
        if prep.left((k, role)) == 0:
            continue
        for p in prep.people:
            if (r.slot in p.available and r.on not in p.blocked and (p.id, r.slot) not in prep.locked_slot
                    and can_take(p.roles, role) and p.max_per_day > prep.day[(p.id, r.on)]
                    and p.max_per_week > prep.week[(p.id, week_of(r.on))] and not prep.kept_out(p.id, k)):  # fmt: skip
                keys.append((p.id, k, role))
    return keys


def _clash_pairs(reqs: list[Requirement]) -> list[tuple[int, int]]:
    """(morning, afternoon) rooms on one day whose cover overlaps; one session's rooms are kept apart anyway."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for k, r in enumerate(reqs):
        by_day[r.on].append(k)
    return [(a, b) for ks in by_day.values() for a in ks for b in ks
            if reqs[a].session == "AM" and reqs[b].session == "PM" and reqs[a].clashes_with(reqs[b])]  # fmt: skip


def solve(requirements: Sequence[Requirement], people: Sequence[Person], locked: Sequence[Locked] = (), *,
          max_seconds: float = 10.0, workers: int = 2, seed: int = SEED, quick: bool = False,
          on_solver: Callable[[Any], None] | None = None) -> SolveResult:  # fmt: skip
    """Roster ``people`` to ``requirements`` within ``max_seconds`` (building the model included).

    Two passes: the first finds the fewest uncovered places and usually proves it (a
    full cover from ``_greedy`` needs no proof); the second spreads the work fairly with
    the shortfall still weighted far above everything else, so it never gives cover
    up, and with what pass 1 proved added as a cut, so its bound is tight. ``quick`` stops at the first roster CP-SAT accepts (the start
    from ``_greedy``, checked against every hard rule) on one worker: repeatable and
    well under a second, for the demo. ``on_solver`` is handed each CpSolver just before
    it runs, so a window can stop the search from another thread (``stop_search()``).
    """
    from ortools.sat.python import cp_model

    began = time.perf_counter()
    prep = prepare(requirements, people, locked)
    reqs, by_id = prep.reqs, {p.id: p for p in people}
    keys = _eligible(prep)
    clashes = _clash_pairs(reqs)
    model = cp_model.CpModel()
    x = {key: model.new_bool_var(f"x_{key[0]}_{key[1]}_{key[2]}") for key in keys}
    per_place: dict[tuple[int, str], list[Any]] = defaultdict(list)
    per_slot: dict[tuple[int, Slot], list[Any]] = defaultdict(list)
    per_room: dict[tuple[int, int], list[Any]] = defaultdict(list)
    per_day: dict[tuple[int, date], list[Any]] = defaultdict(list)
    per_week: dict[tuple[int, tuple[int, int]], list[Any]] = defaultdict(list)
    for (pid, k, role), var in x.items():
        r = reqs[k]
        per_place[(k, role)].append(var)
        per_slot[(pid, r.slot)].append(var)
        per_room[(pid, k)].append(var)
        per_day[(pid, r.on)].append(var)
        per_week[(pid, week_of(r.on))].append(var)
    for key, vars_ in per_place.items():
        model.add(sum(vars_) <= prep.left(key))
    for vars_ in per_slot.values():
        if len(vars_) > 1:
            model.add_at_most_one(vars_)
    for a, b in clashes:
        for p in people:
            if per_room.get((p.id, a)) and per_room.get((p.id, b)):
                model.add(sum(per_room[(p.id, a)]) + sum(per_room[(p.id, b)]) <= 1)
    for (pid, on), vars_ in per_day.items():
        model.add(sum(vars_) <= by_id[pid].max_per_day - prep.day[(pid, on)])
    for (pid, week), vars_ in per_week.items():
        model.add(sum(vars_) <= by_id[pid].max_per_week - prep.week[(pid, week)])
    open_places = sum(prep.left(key) for key in prep.demand)
    helper_places = sum(prep.left(key) for key in prep.demand if key[1] != GENERAL)
    helpers = [v for (_pid, _k, role), v in x.items() if role != GENERAL]
    # Uncovered places, an ordinary one costing W_SHORT and a helper's W_SHORT + W_HELPER.
    shortfall = W_SHORT * (open_places - sum(x.values())) + W_HELPER * (helper_places - sum(helpers))
    fair: _Fairness | None = None

    def run(seconds: float, chosen: set[tuple[int, int, str]]) -> tuple[Any, bool, set[tuple[int, int, str]], float, float]:
        model.clear_hints()  # type: ignore[no-untyped-call]  # OR-Tools leaves clear_hints unannotated
        for key, var in x.items():
            model.add_hint(var, key in chosen)
        if fair is not None:
            fair.hint(chosen)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1 if quick else max(1, workers)
        solver.parameters.random_seed = seed
        solver.parameters.max_time_in_seconds = max(0.2, seconds)
        if fair is not None:
            # Stop once nothing left could be worth moving even one session between two
            # people: what remains is a few room changes or minutes of the longest hours.
            solver.parameters.absolute_gap_limit = 2 * W_SQUARE - 1
        if quick:
            solver.parameters.cp_model_presolve = False
            solver.parameters.stop_after_first_solution = True
        if on_solver is not None:
            on_solver(solver)
        code = solver.solve(model)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return code, False, set(), 0.0, 0.0
        picked = {key for key, v in x.items() if solver.boolean_value(v)}
        return code, code == cp_model.OPTIMAL, picked, solver.objective_value, solver.best_objective_bound

    def left() -> float:
        return max_seconds - (time.perf_counter() - began) - 0.3  # room to read the answer back

    picked = _greedy(prep, keys, set(clashes))
    short, short_bound, proved, solved = float(open_places - len(picked)), 0.0, True, False
    if not x:  # nobody can be placed anywhere: nothing to choose
        cost = W_SHORT * short + W_HELPER * helper_places
        return with_figures(build_result(prep, set(), "optimal"), cost, cost, 0.0, time.perf_counter() - began)
    if short > 0 or quick:  # pass 1: the fewest uncovered places (a full cover needs no proof)
        model.minimize(shortfall)
        code, proved, found, _value, value_bound = run(left() if quick else left() * 0.4, picked)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return with_figures(build_result(prep, set(), "infeasible"), None, None, None, time.perf_counter() - began)
        picked, solved = found, True
        short, short_bound = float(open_places - len(found)), value_bound / (W_SHORT + W_HELPER)
    fair = _Fairness(model, prep, x)
    helpers_short = helper_places - sum(1 for key in picked if key[2] != GENERAL)
    objective, bound, gap = W_SHORT * short + W_HELPER * helpers_short + fair.cost(picked), None, None
    if not quick:  # pass 2: keep that cover, spread the work fairly, keep people in one room a day
        # Shortfall stays in the goal, weighted far above the rest, so no roster that
        # uncovers a place can win; what pass 1 proved is a cut that tells the LP so.
        if math.ceil(short_bound - 1e-6) > 0:
            model.add(sum(x.values()) <= open_places - math.ceil(short_bound - 1e-6))
        model.minimize(shortfall + fair.objective)
        code2, proved2, picked2, value, value_bound = run(left(), picked)
        if code2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            picked, proved = picked2, proved and proved2
            objective, bound = value, value_bound
            gap = max(0.0, objective - bound) / max(1.0, abs(objective))
        elif not solved:  # CP-SAT never accepted a roster: say so rather than pass off the start as one
            return with_figures(build_result(prep, set(), "infeasible"), None, None, None, time.perf_counter() - began)
    status = "optimal" if proved and (gap is not None and gap <= 1e-9) else "feasible"
    return with_figures(build_result(prep, picked, status), objective, bound, gap, time.perf_counter() - began)


class _Fairness:
    """The second pass's goals as CP-SAT terms, and how to hint them from a roster.

    Sessions per person are squared (a staircase of yes/no steps, exact for a convex
    cost), so the solver shares work as evenly as availability allows; the longest
    total hours anyone works, and each change of room between morning and afternoon,
    weigh less.
    """

    def __init__(self, model: Any, prep: Places, x: dict[tuple[int, int, str], Any]) -> None:
        self.model, self.prep, self.x = model, prep, x
        reqs = prep.reqs
        own: dict[int, list[tuple[Any, Requirement]]] = defaultdict(list)
        for (pid, k, _role), var in x.items():
            own[pid].append((var, reqs[k]))
        self.longest = model.new_int_var(0, 24 * 60 * max(1, len(reqs)), "longest")
        self.steps: dict[int, list[Any]] = {}
        terms: list[Any] = [W_HOURS * self.longest]
        self.constant = 0
        for p in prep.people:
            held = prep.held[p.id]
            self.constant += W_SQUARE * held * held
            model.add(self.longest >= prep.minutes[p.id] + sum(v * (r.finish - r.start) for v, r in own[p.id]))
            if not own[p.id]:
                continue
            steps = [model.new_bool_var(f"load_{p.id}_{n}") for n in range(1, _most(p, own[p.id], prep) + 1)]
            model.add(sum(steps) == sum(v for v, _r in own[p.id]))
            for lower, upper in pairwise(steps):
                model.add_implication(upper, lower)
            terms += [W_SQUARE * (2 * (held + n) - 1) * step for n, step in enumerate(steps, start=1)]
            self.steps[p.id] = steps
        self.moved = _room_changes(model, prep, x)
        terms += [W_CHANGE * var for var, _pid, _on in self.moved]
        self.objective = sum(terms) + self.constant

    def _worked(self, chosen: set[tuple[int, int, str]]) -> tuple[dict[int, int], dict[int, int], int]:
        reqs, prep = self.prep.reqs, self.prep
        count: dict[int, int] = defaultdict(int)
        minutes: dict[int, int] = defaultdict(int, prep.minutes)
        for pid, k, _role in chosen:
            count[pid] += 1
            minutes[pid] += reqs[k].finish - reqs[k].start
        rooms: dict[tuple[int, date], dict[str, int]] = defaultdict(dict)
        for pid, k, _role in chosen:
            rooms[(pid, reqs[k].on)][reqs[k].session] = reqs[k].room_id
        for (pid, (on, sess)), lock in prep.locked_slot.items():
            rooms[(pid, on)][sess] = lock.room_id
        changes = sum(1 for var, pid, on in self.moved if _changed(rooms.get((pid, on), {})))
        return count, minutes, changes

    def cost(self, chosen: set[tuple[int, int, str]]) -> int:
        count, minutes, changes = self._worked(chosen)
        squares = sum(W_SQUARE * (self.prep.held[p.id] + count[p.id]) ** 2 for p in self.prep.people)
        return squares + W_HOURS * max(minutes.values(), default=0) + W_CHANGE * changes

    def hint(self, chosen: set[tuple[int, int, str]]) -> None:
        """Hint the goal's own variables, so with the roster's the hint is complete."""
        count, minutes, _changes = self._worked(chosen)
        for pid, steps in self.steps.items():
            for n, step in enumerate(steps, start=1):
                self.model.add_hint(step, n <= count[pid])
        self.model.add_hint(self.longest, max(minutes.values(), default=0))
        reqs = self.prep.reqs
        rooms: defaultdict[tuple[int, date], dict[str, int]] = defaultdict(dict)
        for pid, k, _role in chosen:
            rooms[(pid, reqs[k].on)][reqs[k].session] = reqs[k].room_id
        for (pid, (on, sess)), lock in self.prep.locked_slot.items():
            rooms[(pid, on)][sess] = lock.room_id
        for var, pid, on in self.moved:
            self.model.add_hint(var, _changed(rooms.get((pid, on), {})))


def _changed(rooms: dict[str, int]) -> bool:
    return "AM" in rooms and "PM" in rooms and rooms["AM"] != rooms["PM"]


def _most(p: Person, own: list[tuple[Any, Requirement]], prep: Places) -> int:
    """The most sessions ``p`` could be given: their slots, capped by their day and week limits."""
    weeks: dict[tuple[int, int], dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for slot in {r.slot for _v, r in own}:
        weeks[week_of(slot[0])][slot[0]] += 1
    return sum(min(p.max_per_week - prep.week[(p.id, w)],
                   sum(min(n, p.max_per_day - prep.day[(p.id, d)]) for d, n in days.items()))
               for w, days in weeks.items())  # fmt: skip


def _greedy(prep: Places, keys: list[tuple[int, int, str]], clashes: set[tuple[int, int]]) -> set[tuple[int, int, str]]:
    """A quick first roster for the solver to start from: each place to the least-loaded person free for it.

    It keeps every hard rule, so the solver begins from a full, fairly even cover and
    spends its time improving that rather than finding one.
    """
    reqs, by_id = prep.reqs, {p.id: p for p in prep.people}
    options: dict[tuple[int, str], list[int]] = defaultdict(list)
    for pid, k, role in keys:
        options[(k, role)].append(pid)
    load: dict[int, int] = defaultdict(int, prep.held)
    day: dict[tuple[int, date], int] = defaultdict(int, prep.day)
    week: dict[tuple[int, tuple[int, int]], int] = defaultdict(int, prep.week)
    where: dict[tuple[int, Slot], int] = {}  # person, slot -> place index
    chosen: set[tuple[int, int, str]] = set()
    order = sorted(options, key=lambda key: (reqs[key[0]].slot, key[1] == GENERAL, len(options[key])))
    for k, role in order:
        r = reqs[k]
        wanted = prep.left((k, role))
        def rank(q: int, r: Requirement = r) -> tuple[int, bool, int]:
            before = where.get((q, (r.on, "AM")))
            return (load[q], before is None or reqs[before].room_id != r.room_id, q)

        for pid in sorted(options[(k, role)], key=rank):
            if wanted <= 0:
                break
            p = by_id[pid]
            morning = where.get((pid, (r.on, "AM")), -1)
            if ((pid, r.slot) in where or day[(pid, r.on)] >= p.max_per_day
                    or week[(pid, week_of(r.on))] >= p.max_per_week or (morning, k) in clashes):  # fmt: skip
                continue
            chosen.add((pid, k, role))
            where[(pid, r.slot)] = k
            load[pid] += 1
            day[(pid, r.on)] += 1
            week[(pid, week_of(r.on))] += 1
            wanted -= 1
    return chosen


def _room_changes(model: Any, prep: Places, x: dict[tuple[int, int, str], Any]) -> list[tuple[Any, int, date]]:
    """A yes/no per person per day: in one room in the morning and another after lunch."""
    reqs = prep.reqs
    rooms_in: dict[tuple[int, date], dict[str, dict[int, list[Any]]]] = defaultdict(lambda: {"AM": {}, "PM": {}})
    for (pid, k, _role), var in x.items():
        rooms_in[(pid, reqs[k].on)][reqs[k].session].setdefault(reqs[k].room_id, []).append(var)
    for (pid, (on, sess)), lock in prep.locked_slot.items():
        if (on, sess, lock.room_id) in prep.at:
            rooms_in[(pid, on)][sess].setdefault(lock.room_id, []).append(1)
    found = []
    for (pid, on), sessions in sorted(rooms_in.items(), key=lambda item: item[0]):
        am, pm = sessions["AM"], sessions["PM"]
        if not am or not pm or all(isinstance(t, int) for ts in (*am.values(), *pm.values()) for t in ts):
            continue  # only one session that day, or nothing left to choose
        moved = model.new_bool_var(f"moved_{pid}_{on}")
        afternoon = sum(t for ts in pm.values() for t in ts)
        for room, morning in am.items():
            model.add(moved >= sum(morning) + afternoon - sum(pm.get(room, [])) - 1)
        found.append((moved, pid, on))
    return found
