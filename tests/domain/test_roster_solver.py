"""The CP-SAT roster on small cases with known answers, an impossible one, and a whole summer series."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date, timedelta

from eoffice.domain.roster import Locked, Person, Requirement, SolveResult, solve

DAY = date(2027, 5, 18)  # a Tuesday
NEXT = date(2027, 5, 19)
WRITTEN_START, PM_START = 9 * 60, 13 * 60 + 30


def need(room_id: int, room: str, n: int, *, on: date = DAY, sess: str = "AM", general: int | None = None,
         helpers: tuple[tuple[str, int], ...] = (), finish: int | None = None) -> Requirement:  # fmt: skip
    start = WRITTEN_START if sess == "AM" else PM_START
    return Requirement(on, sess, room_id, room, tuple(range(n)), (("written", n),),
                       -(-n // 30) if general is None else general, helpers, start,
                       start + 90 if finish is None else finish)  # fmt: skip


def person(pid: int, name: str, *slots: tuple[date, str], roles: tuple[str, ...] = ("invigilator",),
           per_day: int = 2, per_week: int = 10, blocked: dict[date, tuple[str, ...]] | None = None) -> Person:  # fmt: skip
    return Person(pid, name, frozenset(roles), per_day, per_week, frozenset(slots), blocked or {})


def rooms_of(result: SolveResult) -> dict[str, list[tuple[date, str, str, str]]]:
    found: dict[str, list[tuple[date, str, str, str]]] = {}
    for a in result.assignments:
        found.setdefault(a.name, []).append((a.on, a.session, a.room, a.role))
    return found


AM = (DAY, "AM")
PM = (DAY, "PM")


def test_31_written_candidates_get_two_invigilators() -> None:
    result = solve([need(1, "Sports Hall", 31)], [person(i, f"P{i}", AM) for i in range(1, 4)])
    assert result.status == "optimal"
    assert len(result.assignments) == 2 and not result.shortfalls
    assert sorted(result.load.values()) == [0, 1, 1]
    assert result.gap == 0.0


def test_the_impossible_case_says_exactly_where_and_why() -> None:
    """Needs 5; three are free, one said yes but is not trained this year, one is away."""
    people = [person(i, f"P{i}", AM) for i in range(1, 4)]
    people.append(person(4, "Untrained", AM, blocked={DAY: ("untrained",)}))
    people.append(person(5, "Away"))
    result = solve([need(1, "Sports Hall", 140)], people)
    assert result.status == "optimal"
    (short,) = result.shortfalls
    assert (short.on, short.session, short.room, short.needed, short.assigned) == (DAY, "AM", "Sports Hall", 5, 3)
    assert short.reason == "Tue 18 May AM, Sports Hall: needs 5, 3 available, 1 untrained"


def test_a_reader_must_be_able_to_read() -> None:
    needs = [need(1, "Room S1", 1, general=1, helpers=(("reader", 1),))]
    people = [person(1, "Reader", AM, roles=("reader",)), person(2, "Invigilator", AM)]
    result = solve(needs, people)
    assert {a.name: a.role for a in result.assignments} == {"Reader": "reader", "Invigilator": "invigilator"}
    assert not result.shortfalls
    short = solve(needs, [person(2, "Invigilator", AM), person(3, "Another", AM)])
    (gap,) = short.shortfalls
    assert gap.assigned == 1
    assert gap.reason == "Tue 18 May AM, Room S1: needs 2, 1 available, 1 not a reader, no reader free"


def test_a_helper_who_does_both_jobs_needs_both_roles() -> None:
    needs = [need(1, "Room S1", 1, general=0, helpers=(("reader+scribe", 1),))]
    assert solve(needs, [person(1, "Reader", AM, roles=("reader",))]).shortfalls
    both = solve(needs, [person(1, "Both", AM, roles=("reader", "scribe"))])
    assert not both.shortfalls and both.assignments[0].role == "reader+scribe"


def test_nobody_is_in_two_places_at_once() -> None:
    result = solve([need(1, "Sports Hall", 10), need(2, "Main Hall", 10)], [person(1, "Only", AM)])
    assert len(result.assignments) == 1
    (short,) = result.shortfalls
    assert short.reason.endswith("needs 1, 0 available, 1 in other rooms")


def test_a_long_morning_exam_keeps_its_invigilator_from_another_room_after_lunch() -> None:
    morning = need(1, "Sports Hall", 10, finish=PM_START + 15)  # extra time runs past 13:30
    afternoon = need(2, "Main Hall", 10, sess="PM")
    result = solve([morning, afternoon], [person(1, "Only", AM, PM)])
    assert len(result.assignments) == 1 and len(result.shortfalls) == 1
    same_room = need(1, "Sports Hall", 10, sess="PM")
    assert not solve([morning, same_room], [person(1, "Only", AM, PM)]).shortfalls


def test_availability_is_respected() -> None:
    result = solve([need(1, "Sports Hall", 10)], [person(1, "Away", PM), person(2, "Here", AM)])
    assert [a.name for a in result.assignments] == ["Here"]


def test_daily_and_weekly_limits() -> None:
    needs = [need(1, "Sports Hall", 10), need(1, "Sports Hall", 10, sess="PM")]
    one_a_day = solve(needs, [person(1, "Mornings", AM, PM, per_day=1)])
    assert len(one_a_day.assignments) == 1
    (short,) = one_a_day.shortfalls
    assert "1 at their limit" in short.reason
    week = [need(1, "Sports Hall", 10, on=DAY + timedelta(days=d)) for d in range(3)]
    slots = [(DAY + timedelta(days=d), "AM") for d in range(3)]
    assert len(solve(week, [person(1, "Two a week", *slots, per_week=2)]).assignments) == 2


def test_blocked_people_are_never_rostered() -> None:
    result = solve([need(1, "Sports Hall", 10)], [person(1, "No DBS", AM, blocked={DAY: ("no_dbs",)})])
    assert not result.assignments
    assert result.shortfalls[0].reason == "Tue 18 May AM, Sports Hall: needs 1, 0 available, 1 no DBS check"


def test_locked_assignments_stay_and_count() -> None:
    needs = [need(1, "Sports Hall", 10), need(2, "Main Hall", 10)]
    people = [person(1, "Locked", AM), person(2, "Free", AM)]
    result = solve(needs, people, [Locked(1, DAY, "AM", 2)])
    placed = {a.name: (a.room, a.locked) for a in result.assignments}
    assert placed == {"Locked": ("Main Hall", True), "Free": ("Sports Hall", False)}
    assert result.load == {"Free": 1, "Locked": 1}
    # A locked assignment stays even where the rules would not allow it now.
    kept = solve([need(1, "Sports Hall", 10)], [person(1, "Away")], [Locked(1, DAY, "AM", 1)])
    assert [a.name for a in kept.assignments] == ["Away"] and not kept.shortfalls


def test_work_is_shared_fairly() -> None:
    days = [DAY + timedelta(days=d) for d in range(4)]
    needs = [need(1, "Sports Hall", 10, on=d) for d in days]
    slots = [(d, "AM") for d in days]
    result = solve(needs, [person(1, "Keen", *slots), person(2, "Also keen", *slots)])
    assert result.status == "optimal"
    assert result.load == {"Also keen": 2, "Keen": 2}


def test_the_same_person_stays_in_the_same_room_all_day() -> None:
    needs = [need(1, "Sports Hall", 10), need(2, "Main Hall", 10),
             need(1, "Sports Hall", 10, sess="PM"), need(2, "Main Hall", 10, sess="PM")]  # fmt: skip
    result = solve(needs, [person(1, "Ann", AM, PM), person(2, "Bob", AM, PM)])
    assert result.status == "optimal"
    for days in rooms_of(result).values():
        assert len({room for _d, _s, room, _r in days}) == 1


def test_json_has_the_agreed_keys() -> None:
    result = solve([need(1, "Sports Hall", 31)], [person(1, "Ann", AM)])
    data = json.loads(json.dumps(result.as_json()))
    assert data["status"] == "optimal"
    assert data["requirements"] == [{"date": "2027-05-18", "session": "AM", "room": "Sports Hall", "candidates": 31,
                                     "needed": 2, "assigned": ["Ann"]}]  # fmt: skip
    (short,) = data["shortfalls"]
    assert set(short) == {"date", "session", "room", "needed", "assigned", "reason"}
    assert (short["needed"], short["assigned"]) == (2, 1)
    assert data["load"] == {"Ann": 1}


def test_nothing_to_roster() -> None:
    result = solve([], [person(1, "Ann", AM)])
    assert (result.status, result.assignments, result.shortfalls, result.load) == ("optimal", (), (), {"Ann": 0})


def test_quick_mode_covers_the_same() -> None:
    needs = [need(1, "Sports Hall", 31), need(2, "Main Hall", 20)]
    people = [person(i, f"P{i}", AM) for i in range(1, 6)]
    quick = solve(needs, people, quick=True)
    assert quick.status == "feasible" and not quick.shortfalls and len(quick.assignments) == 3


def summer(invigilators: int = 45, seed: int = 3) -> tuple[list[Requirement], list[Person]]:
    """A synthetic summer: 30 exam days, 60 sessions, 4 rooms (two for separate invigilation)."""
    rng = random.Random(seed)
    days, day = [], date(2027, 5, 10)
    while len(days) < 30:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    needs = []
    for on in days:
        for sess in ("AM", "PM"):
            total = rng.randint(40, 200)
            for rid, name, cap in ((1, "Sports Hall", 120), (2, "Main Hall", 90)):
                if total > 0:
                    needs.append(need(rid, name, min(total, cap), on=on, sess=sess))
                    total -= cap
            for rid, name in ((3, "Room S1"), (4, "Room S2")):
                if rng.random() < 0.5:
                    helpers = (("reader", 1),) if rng.random() < 0.5 else ()
                    needs.append(need(rid, name, 1, on=on, sess=sess, general=1, helpers=helpers))
    people = []
    for i in range(1, invigilators + 1):
        slots = [(d, s) for d in days for s in ("AM", "PM") if rng.random() > 0.15 and not (i % 5 == 0 and s == "PM")]
        roles = ("invigilator", "reader") if i % 5 == 1 else ("invigilator",)
        people.append(person(i, f"Invigilator {i}", *slots, roles=roles, per_week=rng.choice((6, 8, 10))))
    return needs, people


def test_a_whole_summer_series_is_proven_the_best() -> None:
    needs, people = summer()
    assert len({r.slot for r in needs}) == 60 and len(people) == 45
    result = solve(needs, people, max_seconds=10)
    assert (result.status, result.gap, result.short_bound) == ("optimal", 0.0, 0)
    assert not result.shortfalls
    loads = list(result.load.values())
    assert max(loads) - min(loads) <= 1


def test_ortools_is_loaded_only_when_solving() -> None:
    code = ("import sys, eoffice.domain.roster, eoffice.domain.roster.solver, eoffice.cli; "
            "print('ortools' in sys.modules)")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_roster_found_in_time_is_reported_as_infeasible() -> None:
    """Stopped before any roster was found (cancelled at once): nothing to show, and the shortfall says so."""
    result = solve([need(1, "Sports Hall", 31)], [person(1, "Ann", AM), person(2, "Bob", AM)],
                   on_solver=lambda solver: solver.stop_search())  # fmt: skip
    assert result.status == "infeasible" and not result.assignments
    (short,) = result.shortfalls
    assert short.reason == "Tue 18 May AM, Sports Hall: needs 2, no roster was found in the time allowed"
