"""The auto-roster: who invigilates which room in which session, proven the best by network flow.

Hard rules: nobody in two places at once (one room per session, and never two rooms
whose cover overlaps, each room covered until its latest finish with extra time:
``Requirement.clashes_with``, which holds against the officer's locked and past
assignments as well as the solver's own choices), only when available, only when
compliant on that date, only in a role they can take (a reader must be able to read),
within each person's limits per day and per ISO week, and assignments the officer
locked stay.

Goals, in order, each settled (and proven) before the next:

1. the fewest uncovered places;
2. for that many, the fewest uncovered helpers' places (nobody else can fill them);
3. the fairest spread: the least sum of squared sessions per person, which shares
   work out as evenly as availability allows;
4. the same person in the same room all day: the fewest room changes;

and then, as a tie-break among rosters best on all four, the shortest longest hours
anyone works (``polish``, which says why that one is not proven).

How each is proven. 1 and 2 are bounded by a maximum flow and 3 by a min-cost flow
(``cover_bound``): exact bounds on every rule but the cross-session clash, and each
flow is itself a roster, so when that roster keeps the clash rule (or ``clash_free``
finds one that does and still meets the bound) the goal is proven the best in well
under a second, at ten times a large school in a few. Where the flows cannot keep the
clash rule and meet their bound, CP-SAT takes that goal over, starting from the best
roster the flows found, with the flow's bound as a cut and a fixed amount of work
(deterministic time, not the clock), and proves it or reports the bound it reached.
Goal 4's bound is 0: the fairest flow prefers people in one session a day, the polish
swaps places so those in two keep one room, and a roster with no room change is
proven on it.

Why not one CP-SAT model with the goals as weights far apart, as before: at a large
college that model has 30,000 to 250,000 yes/no choices, and CP-SAT on two cores
proved nothing in ten seconds. The order of the goals is the same, with one change:
the longest hours, which the old weights traded against room changes (one change
worth five hours of the longest), now come after them, as a tie-break. The one bound
on the hours quick to compute, everyone's hours averaged, is one no roster of whole
sessions meets, so with the hours among the proven goals nothing would be proven;
the room changes, whose bound of 0 is met, can be.

``objective``, ``bound`` and ``gap`` keep their old weights (``W_*``) over goals 1-4, so
``gap`` is 0 exactly when all four are proven; ``short_bound`` is the fewest places
short any roster can have. Everything comes in as plain records and goes out as a
plain result: no database, so it is tested on small cases with known answers.
OR-Tools is imported inside the functions that need it, so nothing else pays for it.
"""

from __future__ import annotations

import functools
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from eoffice.domain.roster.cover_bound import FlowAnswer, Key, answer_of, clash_free, fairest, most_covered
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
from eoffice.domain.roster.polish import polish
from eoffice.domain.roster.requirement import Requirement
from eoffice.domain.roster.seating import Slot

__all__ = ["GENERAL", "Assigned", "Locked", "Person", "Shortfall", "SolveResult", "can_take", "role_words", "solve"]

W_SHORT = 10_000_000  # one uncovered place outweighs everything below it
W_HELPER = 100_000  # and, for the same number uncovered, a helper's place (only they can fill it)
W_SQUARE = 600  # per unit of a person's sessions squared
W_CHANGE = 300  # per person moving room between the morning and the afternoon
SEED = 20260523
WORK_PER_SECOND = 0.4  # CP-SAT's deterministic time for a pass, per second of the time limit


def _eligible(prep: Places) -> list[Key]:
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


@dataclass
class _Proof:
    """What the solve has shown so far: the bounds, the roster, and which goals it meets."""

    open_places: int
    helper_places: int
    most: FlowAnswer  # the cover bound (goals 1 and 2)
    best: FlowAnswer | None = None
    cover: bool = False  # goals 1 and 2 proven
    squares_bound: int | None = None  # goal 3's bound, for the cover reached
    squares: bool = False  # goal 3 proven
    stopped: bool = False
    model: _Model | None = None  # CP-SAT's, once a goal has needed it


def solve(requirements: Sequence[Requirement], people: Sequence[Person], locked: Sequence[Locked] = (), *,
          max_seconds: float = 10.0, workers: int = 2, seed: int = SEED, quick: bool = False,
          on_solver: Callable[[Any], None] | None = None) -> SolveResult:  # fmt: skip
    """Roster ``people`` to ``requirements``: the goals in order, each proven where it can be.

    The flows and the polish do a fixed amount of work; ``max_seconds`` sets CP-SAT's
    work where it is needed (``WORK_PER_SECOND`` of deterministic time per second, so
    the answer is the same on a slow machine as on a fast one) and, at twice that, a
    clock limit only a stalled machine reaches. ``quick`` gives the ``_greedy`` roster
    and proves nothing: repeatable and quick, for the demo. ``on_solver`` is handed a CpSolver at
    the start and each one before it runs: ``stop_search()`` on any of them, from any
    thread, stops the whole solve at its next step (the current flow or pass, at most
    a second or two at ten times a large school) with the best roster found so far,
    "feasible" (or "infeasible" if there is none yet).
    """
    began = time.perf_counter()
    prep = prepare(requirements, people, locked)
    keys = _eligible(prep)
    clashes = _clash_pairs(prep.reqs)
    watch = _Watch(on_solver, workers=max(1, workers), seed=seed, began=began, max_seconds=max_seconds)
    if quick:
        return _quick(prep, keys, clashes, watch)
    open_places = sum(prep.left(key) for key in prep.demand)
    helper_places = sum(prep.left(key) for key in prep.demand if key[1] != GENERAL)
    if not keys:  # nobody can be placed anywhere: nothing to choose, so nothing to prove
        nothing = answer_of(prep, frozenset())
        proof = _Proof(open_places, helper_places, nothing, nothing, True, nothing.squares, True)
        return _result(prep, proof, 0, began)
    proof = _Proof(open_places, helper_places, most_covered(prep, keys))
    _prove(prep, keys, clashes, proof, watch)
    changes = 0
    if proof.best is not None and not watch.stopped:
        picked, changes, _longest = polish(prep, keys, proof.best.picked)
        proof.best = answer_of(prep, frozenset(picked))
    proof.stopped = watch.stopped
    return _result(prep, proof, changes, began)


def _prove(prep: Places, keys: list[Key], clashes: list[tuple[int, int]], proof: _Proof, watch: _Watch) -> None:
    """Goals 1 to 3: the fairest flow at the most places first; flows, then CP-SAT, for what that leaves unproven."""
    most = proof.most
    if watch.stopped:
        return
    first = fairest(prep, keys, most.covered, most.helpers)  # never None: the cover flow fills exactly that
    if first is not None:
        found = clash_free(keys, clashes, lambda drop: fairest(prep, keys, most.covered, most.helpers, drop), first)
        if found is not None:  # it reaches the cover bound, so goals 1 and 2 are proven with it
            proof.best, proof.cover, proof.squares_bound = found, True, first.squares
            proof.squares = found.squares == first.squares
            if not proof.squares:
                _fairer(prep, keys, clashes, proof, watch)
            return
    if watch.stopped:
        return
    cover = clash_free(keys, clashes, lambda drop: most_covered(prep, keys, drop), most)
    start = cover if cover is not None else answer_of(prep, frozenset(_greedy(prep, keys, set(clashes))))
    proof.best = start
    proof.cover = (start.covered, start.helpers) == (most.covered, most.helpers)
    if not proof.cover:
        _cover_by_cp(prep, keys, clashes, proof, watch)
    if watch.stopped or proof.best is None:
        return
    best = proof.best
    bound = fairest(prep, keys, best.covered, best.helpers)
    proof.squares_bound = bound.squares if bound is not None else None
    if bound is not None:
        found = clash_free(keys, clashes, lambda drop: fairest(prep, keys, best.covered, best.helpers, drop), bound)
        if found is not None and found.squares <= best.squares:
            proof.best = found
    proof.squares = proof.squares_bound is not None and proof.best.squares == proof.squares_bound
    if not proof.squares:
        _fairer(prep, keys, clashes, proof, watch)


def _cover_by_cp(prep: Places, keys: list[Key], clashes: list[tuple[int, int]], proof: _Proof, watch: _Watch) -> None:
    """Goals 1 and 2 by CP-SAT, from the best roster the flows found, under the flow's bound."""
    m = _model(prep, keys, clashes, proof)
    m.model.add(m.covered <= proof.most.covered)
    weight = proof.helper_places + 1  # one place more outweighs every helper's place: the goals' order
    m.model.minimize(weight * (proof.open_places - m.covered) + (proof.helper_places - m.helpers))
    assert proof.best is not None
    code, found = watch.run(m, proof.best.picked)
    if found is not None and (found.covered, found.helpers) >= (proof.best.covered, proof.best.helpers):
        proof.best = found
    best = proof.best
    proof.cover = watch.optimal(code) or (best.covered, best.helpers) == (proof.most.covered, proof.most.helpers)


def _fairer(prep: Places, keys: list[Key], clashes: list[tuple[int, int]], proof: _Proof, watch: _Watch) -> None:
    """Goal 3 by CP-SAT with the cover fixed, from the flows' roster, above the flow's bound."""
    assert proof.best is not None
    best = proof.best
    m = _model(prep, keys, clashes, proof)
    m.model.add(m.covered == best.covered)
    m.model.add(m.helpers == best.helpers)
    cost = m.squares()
    if proof.squares_bound is not None:
        m.model.add(cost >= proof.squares_bound)
    m.model.minimize(cost)
    code, found = watch.run(m, best.picked)
    if found is not None and found.squares < best.squares:
        proof.best = found
    proof.squares = watch.optimal(code) or proof.best.squares == proof.squares_bound


def _model(prep: Places, keys: list[Key], clashes: list[tuple[int, int]], proof: _Proof) -> _Model:
    """The one CP-SAT model of this solve, built the first time a goal needs it."""
    if proof.model is None:
        proof.model = _Model(prep, keys, clashes)
    return proof.model


class _Model:
    """Every hard rule as one CP-SAT model: a yes/no per eligible (person, place, role)."""

    def __init__(self, prep: Places, keys: list[Key], clashes: list[tuple[int, int]]) -> None:
        from ortools.sat.python import cp_model

        self.prep = prep
        reqs, by_id = prep.reqs, {p.id: p for p in prep.people}
        model = self.model = cp_model.CpModel()
        x = self.x = {key: model.new_bool_var(f"x_{key[0]}_{key[1]}_{key[2]}") for key in keys}
        per_place: dict[tuple[int, str], list[Any]] = defaultdict(list)
        per_slot: dict[tuple[int, Slot], list[Any]] = defaultdict(list)
        per_room: dict[tuple[int, int], list[Any]] = defaultdict(list)
        per_day: dict[tuple[int, date], list[Any]] = defaultdict(list)
        per_week: dict[tuple[int, tuple[int, int]], list[Any]] = defaultdict(list)
        self.own: dict[int, list[tuple[Any, Requirement]]] = defaultdict(list)
        for (pid, k, role), var in x.items():
            r = reqs[k]
            per_place[(k, role)].append(var)
            per_slot[(pid, r.slot)].append(var)
            per_room[(pid, k)].append(var)
            per_day[(pid, r.on)].append(var)
            per_week[(pid, week_of(r.on))].append(var)
            self.own[pid].append((var, r))
        for key, vars_ in per_place.items():
            model.add(sum(vars_) <= prep.left(key))
        for vars_ in per_slot.values():
            if len(vars_) > 1:
                model.add_at_most_one(vars_)
        for a, b in clashes:
            for p in prep.people:
                if per_room.get((p.id, a)) and per_room.get((p.id, b)):
                    model.add(sum(per_room[(p.id, a)]) + sum(per_room[(p.id, b)]) <= 1)
        for (pid, on), vars_ in per_day.items():
            model.add(sum(vars_) <= by_id[pid].max_per_day - prep.day[(pid, on)])
        for (pid, week), vars_ in per_week.items():
            model.add(sum(vars_) <= by_id[pid].max_per_week - prep.week[(pid, week)])
        self.covered: Any = sum(x.values())
        self.helpers: Any = sum(v for key, v in x.items() if key[2] != GENERAL)
        self.steps: dict[int, list[Any]] = {}

    def squares(self) -> Any:
        """Everyone's sessions squared, summed: each person's n-th session a yes/no step costing 2(held + n) - 1,
        steps taken in order, which is exact for a convex cost (and what ``fairest`` prices)."""
        prep, terms, constant = self.prep, [], 0
        by_id = {p.id: p for p in prep.people}
        for p in prep.people:
            held = prep.held[p.id]
            constant += held * held
            own = self.own.get(p.id)
            if not own:
                continue
            steps = [self.model.new_bool_var(f"load_{p.id}_{n}") for n in range(1, _most(by_id[p.id], own, prep) + 1)]
            self.model.add(sum(steps) == sum(v for v, _r in own))
            for lower, upper in pairwise(steps):
                self.model.add_implication(upper, lower)
            terms += [(2 * (held + n) - 1) * step for n, step in enumerate(steps, start=1)]
            self.steps[p.id] = steps
        return sum(terms) + constant

    def hint(self, chosen: frozenset[Key]) -> None:
        self.model.clear_hints()  # type: ignore[no-untyped-call]  # OR-Tools leaves clear_hints unannotated
        for key, var in self.x.items():
            self.model.add_hint(var, key in chosen)
        count: dict[int, int] = defaultdict(int)
        for pid, _k, _role in chosen:
            count[pid] += 1
        for pid, steps in self.steps.items():
            for n, step in enumerate(steps, start=1):
                self.model.add_hint(step, n <= count[pid])


@functools.cache
def _watched_solver() -> type:
    """CpSolver, telling its ``_Watch`` when someone asks it to stop, so the solve stops between passes too."""
    from ortools.sat.python import cp_model

    class WatchedSolver(cp_model.CpSolver):
        watch: _Watch | None = None

        def stop_search(self) -> None:
            if self.watch is not None:
                self.watch.stopped = True
            super().stop_search()

    return WatchedSolver


class _Watch:
    """Runs the CP-SAT passes with the solve's settings, and knows when someone has asked the solve to stop.

    A CpSolver only stops a search it is running, so ``on_solver`` is also handed one at
    the start: a stop asked for while the flows run (before any pass) is seen too.
    """

    def __init__(self, on_solver: Callable[[Any], None] | None, *, workers: int, seed: int, began: float,
                 max_seconds: float) -> None:  # fmt: skip
        self.on_solver, self.workers, self.seed = on_solver, workers, seed
        self.began, self.max_seconds = began, max_seconds
        self.stopped = False
        if on_solver is not None:
            on_solver(self.solver())

    def solver(self) -> Any:
        solver = _watched_solver()()
        solver.watch = self
        return solver

    @staticmethod
    def optimal(code: Any) -> bool:
        from ortools.sat.python import cp_model

        return bool(code == cp_model.OPTIMAL)

    def run(self, m: _Model, start: frozenset[Key]) -> tuple[Any, FlowAnswer | None]:
        """One CP-SAT pass from ``start``: its status and roster (None when it has none).

        Fixed work (deterministic time), with the workers interleaved so that it is the
        same work every time; the clock limit is a guard for a stalled machine only.
        """
        from ortools.sat.python import cp_model

        m.hint(start)
        solver = self.solver()
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = self.seed
        solver.parameters.interleave_search = self.workers > 1
        solver.parameters.max_deterministic_time = max(0.5, WORK_PER_SECOND * self.max_seconds)
        solver.parameters.max_time_in_seconds = max(1.0, 2 * self.max_seconds)
        if self.on_solver is not None:
            self.on_solver(solver)
        if self.stopped:
            return cp_model.UNKNOWN, None
        code = solver.solve(m.model)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return code, None
        return code, answer_of(m.prep, frozenset(key for key, v in m.x.items() if solver.boolean_value(v)))


def _quick(prep: Places, keys: list[Key], clashes: list[tuple[int, int]], watch: _Watch) -> SolveResult:
    """The greedy roster, nothing proven: every rule kept by construction, in a fraction of a second at any size.

    It used to be checked by CP-SAT, which at ten times a large school could not even
    accept it in ten seconds; the greedy keeps every hard rule as it goes, and the
    tests check that it does.
    """
    from eoffice.domain.roster.polish import Roster

    if watch.stopped:
        return with_figures(build_result(prep, set(), "infeasible"), None, None, None, time.perf_counter() - watch.began)
    open_places = sum(prep.left(key) for key in prep.demand)
    helper_places = sum(prep.left(key) for key in prep.demand if key[1] != GENERAL)
    found = answer_of(prep, frozenset(_greedy(prep, keys, set(clashes))))
    changes = Roster(prep, keys, found.picked).changes()
    cost = (W_SHORT * (open_places - found.covered) + W_HELPER * (helper_places - found.helpers) + W_SQUARE * found.squares
            + W_CHANGE * changes)  # fmt: skip
    status = "feasible" if keys else "optimal"  # with nothing to choose, the empty roster is the only one
    return with_figures(build_result(prep, set(found.picked), status), cost, None, None, time.perf_counter() - watch.began)


def _result(prep: Places, proof: _Proof, changes: int, began: float) -> SolveResult:
    """The answer, with its cost over goals 1-4 (in the ``W_*`` weights), the bound proven on that, and the gap."""
    best = proof.best
    if best is None:  # stopped before any roster
        return with_figures(build_result(prep, set(), "infeasible"), None, None, None, time.perf_counter() - began)
    proven = proof.cover and proof.squares and changes == 0 and not proof.stopped
    result = build_result(prep, set(best.picked), "optimal" if proven else "feasible")
    cover = (best.covered, best.helpers) if proof.cover else (proof.most.covered, proof.most.helpers)
    if proof.squares:
        squares = best.squares
    elif proof.cover and proof.squares_bound is not None:
        squares = proof.squares_bound
    else:  # nothing proven about it: only the locked sessions are certain
        squares = sum(n * n for n in prep.held.values())
    objective = (W_SHORT * (proof.open_places - best.covered) + W_HELPER * (proof.helper_places - best.helpers)
                 + W_SQUARE * best.squares + W_CHANGE * changes)  # fmt: skip
    bound = W_SHORT * (proof.open_places - cover[0]) + W_HELPER * (proof.helper_places - cover[1]) + W_SQUARE * squares
    gap = max(0.0, objective - bound) / max(1.0, abs(objective))
    missing = sum(s.needed - s.assigned for s in result.shortfalls)
    short_bound = max(0, missing - (cover[0] - best.covered))  # each place more covered is one fewer short, at most
    return with_figures(result, objective, bound, gap, time.perf_counter() - began, short_bound=short_bound)


def _most(p: Person, own: list[tuple[Any, Requirement]], prep: Places) -> int:
    """The most sessions ``p`` could be given: their slots, capped by their day and week limits."""
    weeks: dict[tuple[int, int], dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for slot in {r.slot for _v, r in own}:
        weeks[week_of(slot[0])][slot[0]] += 1
    return sum(min(p.max_per_week - prep.week[(p.id, w)],
                   sum(min(n, p.max_per_day - prep.day[(p.id, d)]) for d, n in days.items()))
               for w, days in weeks.items())  # fmt: skip


def _greedy(prep: Places, keys: list[tuple[int, int, str]], clashes: set[tuple[int, int]]) -> set[tuple[int, int, str]]:
    """A roster in one pass: each place to the least-loaded person free for it.

    It keeps every hard rule as it goes, so it is ``quick`` mode's answer, and where the
    flows cannot keep the clash rule it is where CP-SAT starts.
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
