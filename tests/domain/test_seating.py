"""Seating by room: own rooms for those who need one, computers for on-screen tests, capacity, overrides."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from eoffice.db.models import Placement
from eoffice.db.session import Database
from eoffice.domain.roster import (
    PaperSitting,
    Room,
    RoomFields,
    Sitting,
    layout,
    load_sittings,
    out_of_date,
    override_placement,
    plan_session,
    restore_placement,
    restore_placements,
    saved_placements,
    seat,
    update_room,
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
    return Sitting(cid, 1000 + cid, DAY, "AM", (PaperSitting(1, code, "Paper", 540, 90, mode, 630),), needs=needs)


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


def test_separate_invigilation_candidates_share_a_small_room_up_to_the_group_size() -> None:
    """Issue 12 (rooming that spares staff): five candidates invigilated separately need one
    invigilator in one room of eight, not five in five rooms."""
    rooms = [HALL, *(Room(10 + i, RoomFields(f"Room S{i}", 1, separate=True)) for i in range(3)),
             Room(20, RoomFields("Small Group Room", 8, separate=True))]  # fmt: skip
    people = [sat(i, needs=frozenset({"separate"})) for i in range(1, 6)]
    plan = plan_session(people, rooms)
    assert set(plan.seats.values()) == {20}
    assert not plan.warnings
    assert set(plan_session([*people, sat(6, needs=frozenset({"separate"})), sat(7, needs=frozenset({"separate"}))],
                            rooms, group_size=6).seats.values()) == {20, 10}  # the seventh starts a second group
    one_each = plan_session(people[:4], rooms, group_size=1)
    assert sorted(one_each.seats.values()) == [10, 11, 12, 20]  # a group of one: the old "one to a room"


def test_when_separate_rooms_run_out_they_share_and_it_is_said() -> None:
    people = [sat(i, needs=frozenset({"separate"})) for i in range(1, 5)]
    plan = plan_session(people, ROOMS, group_size=1)
    assert sorted(plan.seats.values()) == [S1.id, S2.id, S2.id, S2.id]
    assert "3 candidates who sit apart share rooms beyond the rule" in plan.warnings[0]  # the three in Room S2
    assert not plan_session(people, ROOMS).warnings  # groups of six: three and one is the rule kept
    crowd = plan_session([sat(i, needs=frozenset({"scribe"})) for i in range(1, 7)], ROOMS)
    assert sum(r == HALL.id for r in crowd.seats.values()) == 2
    assert any("seated in a main room" in w for w in crowd.warnings)


def test_a_helped_candidate_is_alone_and_the_group_takes_the_larger_room() -> None:
    small, large = Room(6, RoomFields("Room S3", 3, separate=True)), Room(7, RoomFields("Room S4", 4, separate=True))
    people = [sat(1, needs=frozenset({"reader"})), sat(2, needs=frozenset({"separate"})),
              sat(3, needs=frozenset({"separate"}))]  # fmt: skip
    plan = plan_session(people, [HALL, small, large])
    assert plan.seats == {1: small.id, 2: large.id, 3: large.id}  # the two who sit apart share; the reader is alone
    assert not plan.warnings


def test_nobody_shares_with_a_reader_while_another_room_has_none() -> None:
    small, large = Room(6, RoomFields("Room S3", 3, separate=True)), Room(7, RoomFields("Room S4", 4, separate=True))
    people = [sat(1, needs=frozenset({"reader"})), sat(2, needs=frozenset({"reader"})),
              sat(3, needs=frozenset({"scribe"}))]  # fmt: skip
    plan = plan_session(people, [HALL, small, large])
    assert plan.seats[1] != plan.seats[2] and plan.seats[3] in {small.id, large.id}
    assert "2 candidates who sit apart share rooms beyond the rule" in plan.warnings[0]  # the scribe and a reader


def test_on_screen_candidates_who_sit_apart_get_the_computers() -> None:
    plain = Room(6, RoomFields("Room S3", 6, separate=True))
    people = [sat(1, needs=frozenset({"separate"})), sat(2, mode="on_screen", needs=frozenset({"separate"})),
              sat(3, mode="on_screen", needs=frozenset({"reader"}))]  # fmt: skip
    plan = plan_session(people, [HALL, S2, plain, S1])
    assert plan.seats[3] == S2.id  # the reader's on-screen test: the only separate room with computers
    assert plan.seats[1] == plain.id  # the largest room for the group
    assert plan.seats[2] == S2.id  # computers matter more than the rule: shares, and the officer is told
    assert plan.warnings == ("Tue 18 May AM: 2 candidates who sit apart share rooms beyond the rule (a helper's "
                             "candidate alone, groups of up to 6): there are not enough rooms for separate "
                             "invigilation",)


def test_word_processor_users_sit_where_there_are_computers_while_there_is_space() -> None:
    people = [sat(i, needs=frozenset({"word_processor"}) if i <= 22 else frozenset()) for i in range(1, 31)]
    plan = plan_session(people, ROOMS)
    assert [plan.seats[i] for i in range(1, 23)] == [LIBRARY.id] * 20 + [HALL.id] * 2  # the Library is full
    assert {plan.seats[i] for i in range(23, 31)} == {HALL.id}
    assert not plan.warnings


def test_the_officers_choice_is_kept() -> None:
    plan = plan_session([sat(1), sat(2, needs=frozenset({"reader"}))], ROOMS, {1: GYM.id, 2: HALL.id, 99: HALL.id})
    assert plan.seats == {1: GYM.id, 2: HALL.id}
    assert plan.fixed == {1, 2}


def test_sittings_plan_for_pending_needs_but_time_only_what_is_approved(db: Database) -> None:
    """Issue 12: an application still pending reserves its room need but never adds time."""
    with db.session() as session:
        _pid, ids = sitting(session, 3, DAY, "AM", minutes=60)
        arrange(session, ids[0], need="reader", extra=25)
        arrange(session, ids[0], rest=10, status="applied")
        arrange(session, ids[1], need="scribe", status="applied")
        arrange(session, ids[2], need="scribe", status="declined")
        (people,) = load_sittings(session, DAY, DAY).values()
        first = next(s for s in people if s.candidate_id == ids[0])
        assert (first.needs, first.extra_percent, first.rest_per_hour) == (frozenset({"reader"}), 25, None)
        assert first.finish == 9 * 60 + 60 + 15
        assert first.helper_role == "reader" and first.own_room
        assert first.needs_text == "Reader, 25% extra time"
        assert next(s for s in people if s.candidate_id == ids[1]).needs == {"scribe"}
        pending = next(s for s in people if s.candidate_id == ids[1])
        assert pending.pending_needs == {"scribe"} and pending.needs_text.startswith("Pending: ")  # said, not hidden
        assert not next(s for s in people if s.candidate_id == ids[2]).needs


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


def test_stored_seating_stays_put_and_says_when_it_is_out_of_date(db: Database) -> None:
    """Approving a prompter after seating ran: the candidate stays in the hall until re-seated, and that is said."""
    with db.session() as session:
        hall = room(session, "Main Hall", 60)
        s1 = room(session, "Room S1", 4, separate=True)
        _pid, ids = sitting(session, 10, DAY, "AM")
        sitting(session, 3, DAY, "PM")
        seat(session, DAY, DAY)
        assert out_of_date(session, DAY, DAY) == []
        arrange(session, ids[0], need="prompter")
        ((_people, kept), _pm) = layout(session, DAY, DAY).values()
        assert kept.seats[ids[0]] == hall  # what was stored, until seating runs again
        assert out_of_date(session, DAY, DAY) == [(DAY, "AM")]
        seat(session, DAY, DAY)
        ((_people, moved), _pm) = layout(session, DAY, DAY).values()
        assert moved.seats[ids[0]] == s1
        assert out_of_date(session, DAY, DAY) == []


def test_a_room_cut_in_size_makes_its_seating_out_of_date(db: Database) -> None:
    with db.session() as session:
        hall = room(session, "Main Hall", 60)
        gym = room(session, "Gym", 40)
        sitting(session, 50, DAY, "AM")
        seat(session, DAY, DAY)
        update_room(session, hall, RoomFields("Main Hall", 30))
        ((_people, kept),) = layout(session, DAY, DAY).values()
        assert sum(r == hall for r in kept.seats.values()) == 50  # over capacity, as stored
        assert out_of_date(session, DAY, DAY) == [(DAY, "AM")]
        seat(session, DAY, DAY)
        ((_people, fresh),) = layout(session, DAY, DAY).values()
        assert (list(fresh.seats.values()).count(gym), list(fresh.seats.values()).count(hall)) == (40, 10)  # largest first


def test_the_officers_choice_alone_is_never_out_of_date_and_unstored_sessions_are_not_either(db: Database) -> None:
    with db.session() as session:
        room(session, "Main Hall", 60)
        gym = room(session, "Gym", 40)
        _pid, ids = sitting(session, 5, DAY, "AM")
        assert out_of_date(session, DAY, DAY) == []  # nothing stored: layout seats it as seat would
        override_placement(session, ids[0], DAY, "AM", gym)
        assert out_of_date(session, DAY, DAY) == []


def test_saved_placements_put_back_exactly(db: Database) -> None:
    with db.session() as session:
        room(session, "Main Hall", 60)
        gym = room(session, "Gym", 40)
        _pid, ids = sitting(session, 5, DAY, "AM")
        seat(session, DAY, DAY)
        override_placement(session, ids[1], DAY, "AM", gym)
        saved = saved_placements(session, DAY, DAY)
        assert len(saved) == 5 and (ids[1], DAY, "AM", gym, True, None, False) in saved
        arrange(session, ids[2], need="separate")
        room(session, "Room S1", 1, separate=True)
        seat(session, DAY, DAY)
        assert saved_placements(session, DAY, DAY) != saved
        restore_placements(session, DAY, DAY, saved)
        assert saved_placements(session, DAY, DAY) == saved


def test_when_rooms_are_short_the_group_keeps_its_room_and_the_helped_double_up() -> None:
    """Two small rooms, two readers and three candidates invigilated separately: the three
    stay away from reading aloud, the readers share (told), nobody goes to the hall."""
    small, large = Room(6, RoomFields("Room S3", 2, separate=True)), Room(7, RoomFields("Room S4", 6, separate=True))
    people = [sat(1, needs=frozenset({"reader"})), sat(2, needs=frozenset({"reader"})),
              *(sat(i, needs=frozenset({"separate"})) for i in (3, 4, 5))]  # fmt: skip
    plan = plan_session(people, [HALL, small, large])
    assert plan.seats == {1: small.id, 2: small.id, 3: large.id, 4: large.id, 5: large.id}
    assert plan.warnings and "2 candidates who sit apart share rooms beyond the rule" in plan.warnings[0]


def test_the_warning_stands_while_the_seating_does() -> None:
    """Stored seats (``fixed``) that break the rule are said every time they are read, not
    only when they were made: the officer reads the warning on the page and in ``exam-day seat``."""
    small = Room(6, RoomFields("Room S3", 2, separate=True))
    people = [sat(1, needs=frozenset({"reader"})), sat(2, needs=frozenset({"scribe"}))]
    plan = plan_session(people, [HALL, small], {1: small.id, 2: small.id})
    assert plan.warnings and "2 candidates who sit apart share rooms beyond the rule" in plan.warnings[0]
