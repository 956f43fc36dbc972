"""Nobody in two places at once, counting the officer's locked assignments and each room's cover to its latest finish."""

from __future__ import annotations

from datetime import date

from eoffice.db.session import Database
from eoffice.domain import roster
from eoffice.domain.roster import Locked, SolveResult, in_two_places, solve
from eoffice.domain.years import AcademicYear
from tests.domain.roster_helpers import arrange, invigilator, room, sitting
from tests.domain.test_roster_solver import AM, DAY, PM, PM_START, need, person

UNTIL_13_50 = 13 * 60 + 50  # a morning exam whose extra time runs past the afternoon's 13:30 start


def placed(result: SolveResult) -> list[tuple[str, str, str, bool]]:
    return [(a.name, a.session, a.room, a.locked) for a in result.assignments]


def test_the_rule_two_rooms_overlapping_by_a_minute_clash_one_room_never_does() -> None:
    assert in_two_places(1, (540, UNTIL_13_50), 2, (PM_START, 900))
    assert in_two_places(2, (PM_START, 900), 1, (540, UNTIL_13_50))  # either way round
    assert not in_two_places(1, (540, PM_START), 2, (PM_START, 900))  # ends as the other starts
    assert not in_two_places(1, (540, UNTIL_13_50), 1, (PM_START, 900))  # the same room all day


def test_a_locked_morning_that_runs_long_keeps_its_invigilator_out_of_another_room_after_lunch() -> None:
    """The review's case: X locked in Hall A until 13:50 was also given Hall B from 13:30."""
    needs = [need(1, "Hall A", 10, finish=UNTIL_13_50), need(2, "Hall B", 10, sess="PM")]
    result = solve(needs, [person(1, "X", AM, PM)], [Locked(1, DAY, "AM", 1)])
    assert result.status == "optimal"
    assert placed(result) == [("X", "AM", "Hall A", True)]
    (short,) = result.shortfalls
    assert short.reason == "Tue 18 May PM, Hall B: needs 1, 0 available, 1 kept out by a long exam in Hall A"


def test_a_locked_afternoon_keeps_its_invigilator_out_of_a_morning_room_that_runs_into_it() -> None:
    needs = [need(1, "Hall A", 10, finish=UNTIL_13_50), need(2, "Hall B", 10, sess="PM")]
    result = solve(needs, [person(1, "X", AM, PM)], [Locked(1, DAY, "PM", 2)])
    assert placed(result) == [("X", "PM", "Hall B", True)]
    (short,) = result.shortfalls
    assert short.reason == "Tue 18 May AM, Hall A: needs 1, 0 available, 1 kept out by the afternoon exam in Hall B"


def test_a_lock_leaves_its_invigilator_free_for_the_same_room_or_a_room_that_starts_after() -> None:
    people = [person(1, "X", AM, PM)]
    same_room = [need(1, "Hall A", 10, finish=UNTIL_13_50), need(1, "Hall A", 10, sess="PM")]
    assert placed(solve(same_room, people, [Locked(1, DAY, "AM", 1)])) == [
        ("X", "AM", "Hall A", True), ("X", "PM", "Hall A", False)]  # fmt: skip
    on_time = [need(1, "Hall A", 10, finish=12 * 60), need(2, "Hall B", 10, sess="PM")]
    assert placed(solve(on_time, people, [Locked(1, DAY, "AM", 1)])) == [
        ("X", "AM", "Hall A", True), ("X", "PM", "Hall B", False)]  # fmt: skip


def test_another_day_is_not_kept_out() -> None:
    tomorrow = date(2027, 5, 19)
    needs = [need(1, "Hall A", 10, finish=UNTIL_13_50), need(2, "Hall B", 10, on=tomorrow, sess="PM")]
    result = solve(needs, [person(1, "X", AM, (tomorrow, "PM"))], [Locked(1, DAY, "AM", 1)])
    assert placed(result) == [("X", "AM", "Hall A", True), ("X", "PM", "Hall B", False)]


def test_the_cover_goes_to_someone_else_when_there_is_someone() -> None:
    needs = [need(1, "Hall A", 10, finish=UNTIL_13_50), need(2, "Hall B", 10, sess="PM")]
    result = solve(needs, [person(1, "X", AM, PM), person(2, "Y", PM)], [Locked(1, DAY, "AM", 1)])
    assert placed(result) == [("X", "AM", "Hall A", True), ("Y", "PM", "Hall B", False)]
    assert not result.shortfalls


def test_a_stored_lock_is_honoured_when_the_series_is_solved(db: Database) -> None:
    """End to end: the extra time that makes the morning run long comes from the candidate's arrangement."""
    with db.session() as session:
        hall_a = room(session, "Hall A", 100)
        room(session, "Hall B", 30, on_screen=True)
        _pid, ids = sitting(session, 1, DAY, "AM", minutes=232)
        sitting(session, 1, DAY, "PM", minutes=60, mode="on_screen")
        x = invigilator(session, "X")
        roster.assign(session, x, DAY, "AM", hall_a, locked=True)  # allowed: the exam then ended at 12:52
        arrange(session, ids[0], extra=25)  # 232 minutes + 58: Hall A is covered until 13:50
        result = roster.solve_scope(session, roster.scope_for(AcademicYear(2026), "Summer"))
    assert placed(result) == [("X", "AM", "Hall A", True)]
    (short,) = result.shortfalls
    assert short.reason == "Tue 18 May PM, Hall B: needs 1, 0 available, 1 kept out by a long exam in Hall A"
