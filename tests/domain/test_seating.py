"""Seating by room: own rooms for those who need one, computers for on-screen tests, capacity, overrides."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from eoffice.db.models import Placement
from eoffice.db.session import Database
from eoffice.domain.rooms import Room, RoomFields
from eoffice.domain.seating import (
    PaperSitting,
    Sitting,
    layout,
    load_sittings,
    override_placement,
    plan_session,
    restore_placement,
    seat,
)
from eoffice.errors import InputError
from tests.domain.roster_helpers import arrange, room, sitting

DAY = date(2027, 5, 18)
HALL = Room(1, RoomFields("Sports Hall", 100))
GYM = Room(2, RoomFields("Gym", 50))
LIBRARY = Room(3, RoomFields("Library", 20, on_screen=True))
S1 = Room(4, RoomFields("Room S1", 1, separate=True))
S2 = Room(5, RoomFields("Room S2", 3, separate=True, on_screen=True))
ROOMS = [HALL, GYM, LIBRARY, S1, S2]


def sat(cid: int, *, mode: str = "written", needs: frozenset[str] = frozenset(), code: str = "P1") -> Sitting:
    return Sitting(cid, 1000 + cid, DAY, "AM", (PaperSitting(1, code, "Paper", 540, 90, mode),), needs=needs)


def test_the_main_rooms_fill_largest_first_keeping_a_paper_together() -> None:
    people = [sat(i, code="A" if i <= 60 else "B") for i in range(1, 121)]
    plan = plan_session(people, ROOMS)
    seats = plan.seats
    assert sum(r == HALL.id for r in seats.values()) == 100
    assert sum(r == GYM.id for r in seats.values()) == 20
    assert all(seats[i] == HALL.id for i in range(1, 61))  # paper A together
    assert not plan.unplaced and not plan.warnings


def test_written_exams_use_the_computer_room_only_when_the_halls_are_full() -> None:
    plan = plan_session([sat(i) for i in range(1, 161)], ROOMS)
    assert sum(r == LIBRARY.id for r in plan.seats.values()) == 10
    assert S1.id not in plan.seats.values()


def test_on_screen_tests_go_where_there_are_computers() -> None:
    plan = plan_session([sat(i, mode="on_screen") for i in range(1, 23)], ROOMS)
    assert set(plan.seats.values()) == {LIBRARY.id}
    assert plan.unplaced == (21, 22)
    assert plan.warnings == ("Tue 18 May AM: 2 candidates have no seat: the suitable rooms are full",)


def test_candidates_who_need_their_own_room_get_one() -> None:
    people = [sat(1, needs=frozenset({"reader"})), sat(2, needs=frozenset({"separate"})), sat(3)]
    plan = plan_session(people, ROOMS)
    assert {plan.seats[1], plan.seats[2]} == {S1.id, S2.id}
    assert plan.seats[3] == HALL.id
    assert not plan.warnings


def test_when_separate_rooms_run_out_they_share_and_it_is_said() -> None:
    people = [sat(i, needs=frozenset({"separate"})) for i in range(1, 5)]
    plan = plan_session(people, ROOMS)
    assert sorted(plan.seats.values()) == [S1.id, S2.id, S2.id, S2.id]
    assert "2 candidates who need a room of their own share one" in plan.warnings[0]
    crowd = plan_session([sat(i, needs=frozenset({"scribe"})) for i in range(1, 7)], ROOMS)
    assert sum(r == HALL.id for r in crowd.seats.values()) == 2
    assert any("seated in a main room" in w for w in crowd.warnings)


def test_the_officers_choice_is_kept() -> None:
    plan = plan_session([sat(1), sat(2, needs=frozenset({"reader"}))], ROOMS, {1: GYM.id, 2: HALL.id, 99: HALL.id})
    assert plan.seats == {1: GYM.id, 2: HALL.id}
    assert plan.fixed == {1, 2}


def test_sittings_read_straight_from_the_rows(db: Database) -> None:
    with db.session() as session:
        _pid, ids = sitting(session, 3, DAY, "AM", minutes=60)
        arrange(session, ids[0], need="reader", extra=25)
        arrange(session, ids[0], rest=10, status="applied")
        arrange(session, ids[1], need="scribe", status="declined")
        (people,) = load_sittings(session, DAY, DAY).values()
        first = next(s for s in people if s.candidate_id == ids[0])
        assert (first.needs, first.extra_percent, first.rest_per_hour) == (frozenset({"reader"}), 25, 10)
        assert first.finish == 9 * 60 + 60 + 15 + 10
        assert first.helper_role == "reader" and first.own_room
        assert first.needs_text == "Reader, 25% extra time, rest breaks 10 min/h"
        assert not next(s for s in people if s.candidate_id == ids[1]).needs


def test_seat_stores_placements_and_keeps_overrides(db: Database) -> None:
    with db.session() as session:
        hall = room(session, "Sports Hall", 100)
        gym = room(session, "Gym", 50)
        _pid, ids = sitting(session, 10, DAY, "AM")
        plans = seat(session, DAY, DAY)
        assert len(plans) == 1 and set(plans[0].seats.values()) == {hall}
        assert override_placement(session, ids[0], DAY, "AM", gym) == (hall, False)
        seat(session, DAY, DAY)
        stored = {p.candidate_id: (p.room_id, p.override) for p in session.scalars(select(Placement))}
        assert stored[ids[0]] == (gym, True) and stored[ids[1]] == (hall, False)
        restore_placement(session, ids[0], DAY, "AM", (hall, False))
        assert session.scalar(select(Placement.override).where(Placement.candidate_id == ids[0])) is False
        with pytest.raises(InputError, match="has no exam on Tue 18 May PM"):
            override_placement(session, ids[0], DAY, "PM", gym)


def test_layout_seats_anyone_not_yet_placed_without_writing(db: Database) -> None:
    with db.session() as session:
        room(session, "Sports Hall", 100)
        sitting(session, 5, DAY, "PM")
        ((people, plan),) = layout(session, DAY, DAY).values()
        assert len(plan.seats) == 5 and len(people) == 5
        assert session.scalars(select(Placement)).all() == []
