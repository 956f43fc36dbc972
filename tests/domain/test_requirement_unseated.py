"""Candidates without a seat are a need of their own ("No room"), reported as a shortfall, never dropped."""

from __future__ import annotations

import json

from eoffice.db.session import Database
from eoffice.domain import roster
from eoffice.domain.roster import NO_ROOM, NO_ROOM_NAME, Requirement, requirements, solve
from eoffice.domain.years import AcademicYear
from tests.domain.roster_helpers import arrange, invigilator, room, sitting
from tests.domain.test_roster_solver import AM, DAY, WRITTEN_START, need, person

SHORT_KEYS = {"date", "session", "room", "needed", "assigned", "reason"}
REQUIREMENT_KEYS = {"date", "session", "room", "candidates", "needed", "assigned"}


def no_room(n: int, *, general: int = 1, helpers: tuple[tuple[str, int], ...] = ()) -> Requirement:
    return Requirement(DAY, "AM", NO_ROOM, NO_ROOM_NAME, tuple(range(100, 100 + n)), (("written", n),), general, helpers,
                       WRITTEN_START, WRITTEN_START + 90)  # fmt: skip


def test_full_rooms_leave_a_no_room_group_with_its_own_need(db: Database) -> None:
    with db.session() as session:
        room(session, "Hall", 10)
        room(session, "Room S1", 1, separate=True)
        _pid, ids = sitting(session, 13, DAY, "AM")
        arrange(session, ids[0], need="reader")  # takes Room S1
        arrange(session, ids[1], need="reader")  # no separate room left, nor a seat in the hall
        found = {r.room: r for r in requirements(session, DAY, DAY, unseated=True)}
        assert list(found) == ["Hall", "Room S1", NO_ROOM_NAME]  # after the session's rooms
        nowhere = found[NO_ROOM_NAME]
        assert (nowhere.room_id, nowhere.seated, nowhere.candidates) == (NO_ROOM, False, 2)
        assert (nowhere.general, nowhere.helpers, nowhere.needed) == (1, (("reader", 1),), 2)
        assert found["Hall"].candidates + found["Room S1"].candidates + nowhere.candidates == 13
        # The grid, duties and exports read only real rooms.
        assert [r.room for r in requirements(session, DAY, DAY)] == ["Hall", "Room S1"]


def test_a_group_with_no_seat_is_a_shortfall_nobody_is_sent_to() -> None:
    result = solve([need(1, "Hall", 10), no_room(3)], [person(1, "Ann", AM), person(2, "Bob", AM)])
    assert result.status == "optimal"
    assert [a.room for a in result.assignments] == ["Hall"]  # one of them; nobody to "No room"
    (short,) = result.shortfalls
    assert (short.on, short.session, short.room_id, short.room, short.needed, short.assigned) == (
        DAY, "AM", NO_ROOM, "No room", 1, 0)  # fmt: skip
    assert short.reason == ("Tue 18 May AM, No room: needs 1, 3 candidates have no seat: "
                            "the rooms are full (add a room or more capacity)")  # fmt: skip


def test_one_candidate_without_a_seat_in_the_singular() -> None:
    (short,) = solve([no_room(1, general=1, helpers=(("reader", 1),))], [person(1, "Ann", AM)]).shortfalls
    assert short.reason.startswith("Tue 18 May AM, No room: needs 2, 1 candidate has no seat: ")


def test_the_json_keeps_its_keys_and_counts_the_group_in_places_and_shortfalls() -> None:
    result = solve([need(1, "Hall", 10), no_room(31, general=2)], [person(1, "Ann", AM)])
    data = json.loads(json.dumps(result.as_json()))
    assert all(set(s) == SHORT_KEYS for s in data["shortfalls"])
    assert all(set(r) == REQUIREMENT_KEYS for r in data["requirements"])
    (short,) = data["shortfalls"]
    assert (short["date"], short["session"], short["room"], short["needed"], short["assigned"]) == (
        "2027-05-18", "AM", "No room", 2, 0)  # fmt: skip
    assert short["reason"].startswith("Tue 18 May AM, No room: needs 2, 31 candidates have no seat")
    assert data["requirements"][-1] == {"date": "2027-05-18", "session": "AM", "room": "No room", "candidates": 31,
                                        "needed": 2, "assigned": []}  # fmt: skip
    places = sum(r["needed"] for r in data["requirements"])
    assert places - sum(s["needed"] - s["assigned"] for s in data["shortfalls"]) == 1  # Ann in the hall


def test_solving_the_series_reports_them(db: Database) -> None:
    with db.session() as session:
        room(session, "Hall", 30)
        sitting(session, 33, DAY, "AM")
        invigilator(session, "Ann Ellis")
        invigilator(session, "Bob Kerr")
        result = roster.solve_scope(session, roster.scope_for(AcademicYear(2026), "Summer"))
    assert [(s.room, s.needed, s.assigned) for s in result.shortfalls] == [("No room", 1, 0)]
    assert result.shortfalls[0].reason.startswith("Tue 18 May AM, No room: needs 1, 3 candidates have no seat")
    assert [a.room for a in result.assignments] == ["Hall"]
