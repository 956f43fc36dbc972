"""The roster proven: flow bounds with known answers, CP-SAT where the flows fall short, a stop that stops
every pass, hours evened out, and the same answer every time (fixed work, not the clock)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from eoffice.domain.roster import GENERAL, Locked, Person, Requirement, SolveResult, can_take, cover_bound, prepare, solve, week_of
from eoffice.domain.roster.solver import _clash_pairs, _eligible
from tests.domain.test_roster_solver import AM, DAY, PM, PM_START, need, person, summer

WEEK = [DAY + timedelta(days=d) for d in range(3)]  # Tuesday to Thursday, one ISO week


def short_places(result: SolveResult) -> int:
    return sum(s.needed - s.assigned for s in result.shortfalls)


def test_a_weekly_limit_leaves_a_place_short_and_the_flow_proves_no_roster_does_better() -> None:
    """Two places each morning; A and B may work two sessions that week, C only comes on Tuesday.
    Every morning has two people free, yet only five of the six places can be covered."""
    needs = [need(1, "Sports Hall", 40, on=on) for on in WEEK]
    slots = [(on, "AM") for on in WEEK]
    people = [person(1, "A", *slots, per_week=2), person(2, "B", *slots, per_week=2), person(3, "C", (DAY, "AM"))]
    prep = prepare(needs, people, [])
    most = cover_bound.most_covered(prep, _eligible(prep))
    assert (most.covered, most.helpers) == (5, 0)
    result = solve(needs, people)
    assert (result.status, result.gap, short_places(result), result.short_bound) == ("optimal", 0.0, 1, 1)
    assert result.as_json()["short_bound"] == 1
    assert result.load == {"A": 2, "B": 2, "C": 1}


def test_a_helper_place_is_filled_first_when_one_person_could_take_either() -> None:
    needs = [need(1, "Room S1", 1, general=1, helpers=(("reader", 1),))]
    result = solve(needs, [person(1, "Reader", AM, roles=("invigilator", "reader"))])
    assert [a.role for a in result.assignments] == ["reader"]
    assert (result.status, result.short_bound) == ("optimal", 1)


def test_the_fairest_flow_is_the_least_sum_of_squares() -> None:
    """Four mornings, two people free for all of them: two sessions each, 2² + 2² = 8, and nothing fairer."""
    days = [DAY + timedelta(days=d) for d in range(4)]
    needs = [need(1, "Sports Hall", 10, on=on) for on in days]
    people = [person(i, f"P{i}", *[(on, "AM") for on in days]) for i in (1, 2)]
    prep = prepare(needs, people, [])
    fair = cover_bound.fairest(prep, _eligible(prep), 4, 0)
    assert fair is not None and fair.squares == 8
    assert solve(needs, people).load == {"P1": 2, "P2": 2}


def test_clash_free_repairs_a_flow_that_sends_someone_across_a_long_morning() -> None:
    """The flow ignores the clash rule; the repaired network has no clash left in it, and here loses nothing."""
    morning = need(1, "Sports Hall", 10, finish=PM_START + 15)  # runs into the afternoon
    afternoon = need(2, "Main Hall", 10, sess="PM")
    people = [person(1, "Both", AM, PM), person(2, "Mornings", AM), person(3, "Afternoons", PM)]
    prep = prepare([morning, afternoon], people, [])
    keys, clashes = _eligible(prep), _clash_pairs(prep.reqs)
    crossing = cover_bound.most_covered(prep, keys, [(2, 0, "invigilator"), (3, 1, "invigilator")])
    assert cover_bound.clashing(crossing.picked, clashes) == [((1, 0, "invigilator"), (1, 1, "invigilator"))]
    found = cover_bound.clash_free(keys, clashes, lambda drop: cover_bound.most_covered(prep, keys, drop), crossing)
    assert found is not None and found.covered == 2 and not cover_bound.clashing(found.picked, clashes)
    result = solve([morning, afternoon], people)
    assert (result.status, short_places(result)) == ("optimal", 0)


def test_where_the_flow_bound_is_out_of_reach_cp_sat_proves_the_cover() -> None:
    """One person, a long morning and an afternoon: the flow (which ignores the clash) says both can be
    covered; CP-SAT proves one is the most."""
    morning = need(1, "Sports Hall", 10, finish=PM_START + 15)
    afternoon = need(2, "Main Hall", 10, sess="PM")
    handed: list[Any] = []
    result = solve([morning, afternoon], [person(1, "Only", AM, PM)], on_solver=handed.append)
    assert (result.status, result.gap, short_places(result), result.short_bound) == ("optimal", 0.0, 1, 1)
    assert len(handed) == 2  # the watch handed over at the start, and the one CP-SAT pass


def test_a_stop_before_any_pass_stops_the_whole_solve() -> None:
    morning = need(1, "Sports Hall", 10, finish=PM_START + 15)
    afternoon = need(2, "Main Hall", 10, sess="PM")
    handed: list[Any] = []

    def stop_at_once(solver: Any) -> None:
        handed.append(solver)
        solver.stop_search()

    result = solve([morning, afternoon], [person(1, "Only", AM, PM)], on_solver=stop_at_once)
    assert len(handed) == 1 and result.status == "infeasible" and not result.assignments


def test_a_stop_during_a_pass_runs_no_further_pass_and_keeps_the_roster_found() -> None:
    morning = need(1, "Sports Hall", 10, finish=PM_START + 15)
    afternoon = need(2, "Main Hall", 10, sess="PM")
    handed: list[Any] = []

    def stop_at_the_first_pass(solver: Any) -> None:
        handed.append(solver)
        if len(handed) == 2:
            solver.stop_search()

    result = solve([morning, afternoon], [person(1, "Only", AM, PM)], on_solver=stop_at_the_first_pass)
    assert len(handed) == 2
    assert result.status == "feasible" and len(result.assignments) == 1  # the flows' roster, unproven


def test_a_cancelled_runner_style_stop_sets_no_time_and_stops_too() -> None:
    """The window's runner, once cancelled, sets each new solver's time to 0 as it is handed over."""
    morning = need(1, "Sports Hall", 10, finish=PM_START + 15)
    afternoon = need(2, "Main Hall", 10, sess="PM")
    handed: list[Any] = []

    def cancelled(solver: Any) -> None:
        handed.append(solver)
        solver.parameters.max_time_in_seconds = 0.0
        solver.stop_search()

    result = solve([morning, afternoon], [person(1, "Only", AM, PM)], on_solver=cancelled)
    assert len(handed) == 1 and result.status == "infeasible"


def test_the_longest_hours_are_evened_out_among_equally_fair_rosters() -> None:
    """Two mornings, each with a 200-minute room and a 60-minute room: each person gets one of each (260 minutes),
    never both long ones."""
    needs = []
    days = WEEK[:2]
    for on in days:
        needs += [need(1, "Sports Hall", 10, on=on, finish=9 * 60 + 200), need(2, "Room S1", 10, on=on, finish=9 * 60 + 60)]
    people = [person(i, f"P{i}", *[(on, "AM") for on in days]) for i in (1, 2)]
    result = solve(needs, people)
    assert result.status == "optimal"
    assert sorted(hours(result, needs).values()) == [260, 260]


def hours(result: SolveResult, needs: list[Requirement]) -> dict[str, int]:
    length = {(r.on, r.session, r.room_id): r.finish - r.start for r in needs}
    worked: dict[str, int] = {}
    for a in result.assignments:
        worked[a.name] = worked.get(a.name, 0) + length[(a.on, a.session, a.room_id)]
    return worked


def test_the_same_problem_gives_the_same_roster_whatever_the_time_limit() -> None:
    """Fixed work, not the clock: twice, and with a tenth of the time, the roster is the same."""
    needs, people = summer()
    first, again, hurried = solve(needs, people), solve(needs, people), solve(needs, people, max_seconds=1)
    assert first.assignments == again.assignments == hurried.assignments
    assert first.status == hurried.status == "optimal"


def test_cp_sat_passes_give_the_same_roster_twice() -> None:
    morning = need(1, "Sports Hall", 10, finish=PM_START + 15)
    afternoon = need(2, "Main Hall", 10, sess="PM")
    people = [person(1, "Only", AM, PM), person(2, "Late", PM)]
    one, two = solve([morning, afternoon], people), solve([morning, afternoon], people)
    assert one.assignments == two.assignments and one.status == two.status == "optimal"


@pytest.mark.parametrize("locked_room", [1, 2])
def test_a_locked_session_counts_in_the_spread(locked_room: int) -> None:
    """Ann already has a locked session, so the two open places go to Bob and Cat, wherever the lock is."""
    needs = [need(1, "Sports Hall", 10), need(2, "Main Hall", 10)]
    people = [person(1, "Ann", AM, PM), person(2, "Bob", AM), person(3, "Cat", AM)]
    result = solve([*needs, need(locked_room, "Sports Hall" if locked_room == 1 else "Main Hall", 10, sess="PM")],
                   people, [Locked(1, DAY, "PM", locked_room)])  # fmt: skip
    assert result.status == "optimal"
    assert result.load == {"Ann": 1, "Bob": 1, "Cat": 1}


def broken_rules(result: SolveResult, needs: list[Requirement], people: list[Person], locked: list[Locked]) -> list[str]:
    """Every hard rule the roster breaks, checked from the answer alone (none expected)."""
    by_id, at = {p.id: p for p in people}, {(r.on, r.session, r.room_id): r for r in needs}
    broken, seen, filled = [], Counter[tuple[int, date, str]](), Counter[tuple[date, str, int, str]]()
    day, week = Counter[tuple[int, date]](), Counter[tuple[int, tuple[int, int]]]()
    rooms: dict[tuple[int, date], list[Requirement]] = defaultdict(list)
    for a in result.assignments:
        seen[(a.person_id, a.on, a.session)] += 1
        day[(a.person_id, a.on)] += 1
        week[(a.person_id, week_of(a.on))] += 1
        if (a.on, a.session, a.room_id) in at:
            rooms[(a.person_id, a.on)].append(at[(a.on, a.session, a.room_id)])
        if a.locked:
            continue
        p = by_id[a.person_id]
        filled[(a.on, a.session, a.room_id, a.role)] += 1
        if (a.on, a.session) not in p.available or a.on in p.blocked or not can_take(p.roles, a.role):
            broken.append(f"{a.name} may not be in {a.room} on {a.on} {a.session} as {a.role}")
    broken += [f"{key} in two places" for key, n in seen.items() if n > 1]
    broken += [f"{pid} over their daily limit on {on}" for (pid, on), n in day.items() if n > by_id[pid].max_per_day]
    broken += [f"{pid} over their weekly limit" for (pid, wk), n in week.items() if n > by_id[pid].max_per_week]
    for r in needs:
        for role, n in ((GENERAL, r.general), *r.helpers):
            if filled[(r.on, r.session, r.room_id, role)] > n:
                broken.append(f"{r.label}: too many as {role}")
    for (pid, on), there in rooms.items():
        broken += [f"{pid} in {a.room} and {b.room} on {on}" for a in there for b in there if a is not b and a.clashes_with(b)]
    return broken


@pytest.mark.parametrize("quick", [False, True])
def test_every_roster_keeps_every_rule(quick: bool) -> None:
    needs, people = summer()
    long_mornings = [replace(r, finish=PM_START + 20) if r.session == "AM" and r.room_id == 1 else r for r in needs]
    locked = [Locked(1, needs[0].on, needs[0].session, needs[0].room_id), Locked(2, needs[1].on, "PM", 2)]
    for problem in (needs, long_mornings):
        result = solve(problem, people, locked, quick=quick)
        assert result.status == ("feasible" if quick else "optimal")
        assert broken_rules(result, problem, people, locked) == []
