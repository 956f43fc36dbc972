"""The requirement: JCQ ratios with worked cases, at least one per room, helpers, and cover to the latest finish."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.db.session import Database
from eoffice.domain import settings
from eoffice.domain.roster import (
    RosterSettings,
    invigilators_needed,
    ratio_places,
    requirements,
    roster_settings,
    seat,
    set_availability,
    staffing,
)
from tests.domain.roster_helpers import arrange, candidates, enter, invigilator, paper, room, sitting

DAY = date(2027, 5, 18)
JCQ = RosterSettings()


@pytest.mark.parametrize(
    ("written", "needed"),
    [(1, 1), (29, 1), (30, 1), (31, 2), (59, 2), (60, 2), (61, 3), (120, 4), (121, 5)],
)
def test_written_exams_need_one_per_30_or_part_thereof(written: int, needed: int) -> None:
    assert invigilators_needed({"written": written}, 0, JCQ) == needed


def test_the_worked_case_from_the_regulations() -> None:
    """31 candidates in a written exam need 2 invigilators."""
    assert invigilators_needed({"written": 31}, 0, JCQ) == 2


@pytest.mark.parametrize(("mode", "n", "needed"), [("on_screen", 20, 1), ("on_screen", 21, 2), ("practical", 40, 2),
                                                     ("practical", 41, 3), ("on_screen", 1, 1)])  # fmt: skip
def test_on_screen_and_practical_need_one_per_20(mode: str, n: int, needed: int) -> None:
    assert invigilators_needed({mode: n}, 0, JCQ) == needed


def test_an_empty_room_needs_nobody_and_a_room_in_use_at_least_one() -> None:
    assert invigilators_needed({}, 0, JCQ) == 0
    assert invigilators_needed({"written": 0}, 0, JCQ) == 0
    assert ratio_places({"written": 1}, JCQ) == 1


def test_helpers_come_on_top_of_the_ratio() -> None:
    # A reader's candidate alone in a room: one invigilator for the room, plus the reader.
    assert invigilators_needed({"written": 1}, 1, JCQ) == 2
    assert invigilators_needed({"written": 31}, 2, JCQ) == 4


def test_mixed_modes_share_the_room_and_round_up_once() -> None:
    assert invigilators_needed({"written": 15, "on_screen": 10}, 0, JCQ) == 1
    assert invigilators_needed({"written": 30, "on_screen": 1}, 0, JCQ) == 2
    assert invigilators_needed({"written": 20, "on_screen": 10}, 0, JCQ) == 2  # 2/3 + 1/2


def test_ratios_come_from_settings() -> None:
    strict = RosterSettings(ratio_written=20)
    assert invigilators_needed({"written": 25}, 0, strict) == 2


def test_negative_counts_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        invigilators_needed({"written": -1}, 0, JCQ)


def test_requirements_per_room_with_the_latest_finish_including_extra_time(db: Database) -> None:
    with db.session() as session:
        hall = room(session, "Sports Hall", 100)
        _pid, ids = sitting(session, 31, DAY, "AM", minutes=90)
        arrange(session, ids[0], extra=25)  # 90 minutes + 22.5, rounded up: finishes 10:53
        arrange(session, ids[1], extra=50, status="declined")  # declined: does not count
        found = requirements(session, DAY, DAY)
        assert len(found) == 1
        need = found[0]
        assert (need.room_id, need.room, need.candidates, need.needed) == (hall, "Sports Hall", 31, 2)
        assert (need.start, need.finish) == (9 * 60, 10 * 60 + 53)
        assert need.label == "Tue 18 May AM, Sports Hall"


def test_applied_arrangements_reserve_a_room_and_helper_but_add_no_time(db: Database) -> None:
    """Issue 12: the roster planned 10:53 for an applied 25% while the exam-day view said 10:30."""
    with db.session() as session:
        room(session, "Sports Hall", 100)
        room(session, "Room S1", 2, separate=True)
        _pid, ids = sitting(session, 10, DAY, "PM", minutes=60)
        arrange(session, ids[0], need="reader", status="applied", rest=10)  # rest not granted yet
        found = {r.room: r for r in requirements(session, DAY, DAY)}
        assert found["Sports Hall"].needed == 1
        s1 = found["Room S1"]
        assert (s1.candidates, s1.general, s1.helpers, s1.needed) == (1, 1, (("reader", 1),), 2)
        assert s1.finish == 13 * 60 + 30 + 60


def test_a_candidate_with_two_papers_in_a_session_counts_once(db: Database) -> None:
    with db.session() as session:
        room(session, "Sports Hall", 100)
        first = paper(session, DAY, "AM", minutes=60)
        second = paper(session, DAY, "AM", minutes=60, start=10 * 60 + 15)
        ids = candidates(session, 30)
        enter(session, ids, first)
        enter(session, ids[:5], second)
        (need,) = requirements(session, DAY, DAY)
        assert (need.candidates, need.needed, need.finish) == (30, 1, 11 * 60 + 15)


def test_rooms_fill_up_and_each_room_in_use_needs_one(db: Database) -> None:
    with db.session() as session:
        room(session, "Sports Hall", 60)
        room(session, "Main Hall", 30)
        sitting(session, 70, DAY, "AM")
        seat(session, DAY, DAY)
        found = {r.room: (r.candidates, r.needed) for r in requirements(session, DAY, DAY)}
        assert found == {"Sports Hall": (60, 2), "Main Hall": (10, 1)}


def test_settings_change_the_requirement(db: Database) -> None:
    with db.session() as session:
        room(session, "Sports Hall", 100)
        sitting(session, 25, DAY, "AM")
        settings.put(session, "roster.ratio.written", 20)
        assert roster_settings(session).ratio_written == 20
        assert requirements(session, DAY, DAY)[0].needed == 2


def test_staffing_says_what_the_rooming_needs_against_who_is_free(db: Database) -> None:
    """Issue 12 (rooming that spares staff): 40 in the hall, a reader alone and three invigilated
    separately together need 2 + 1 + 1 invigilators and 1 reader; four invigilators are
    free (one said no): one short, seen before any roster is solved."""
    day = DAY
    with db.session() as session:
        room(session, "Sports Hall", 100)
        room(session, "Room S1", 1, separate=True)
        room(session, "Room S2", 6, separate=True)
        _pid, ids = sitting(session, 44, day, "AM")
        arrange(session, ids[0], need="reader")
        for cid in ids[1:4]:
            arrange(session, cid, need="separate")
        people = [invigilator(session, f"Person {n}") for n in range(5)]
        set_availability(session, people[0], day, "AM", False)
        (staff,) = staffing(session, day, day)
        assert (staff.rooms, staff.invigilators, staff.helpers, staff.available) == (3, 4, 1, 4)
        assert (staff.needed, staff.short) == (5, 1)
        assert staff.text == ("Tue 18 May AM: 3 rooms need 4 invigilators and 1 helper (5 people); "
                              "4 available: 1 short")
