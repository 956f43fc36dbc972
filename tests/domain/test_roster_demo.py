"""The demo's summer uses what a real one does: rooms for separate invigilation with their
helpers, the Library's computers, and a roster that covers them, said to be a quick one."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from sqlalchemy import select

from eoffice.db.models import Paper
from eoffice.db.session import Database
from eoffice.domain import access, audit, roster
from eoffice.domain.roster import MAX_COLUMNS, MAX_ROWS, RoomLayout, roster_step, seating, validate_layout
from eoffice.domain.roster.demo import _desks
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

SUMMER = roster.scope_for(AcademicYear(2026), "Summer")


def test_summer_arrangements_are_in_force_for_every_exam(demo_db: Database) -> None:
    with demo_db.session() as session:
        last_exam = max(session.scalars(select(Paper.sat_on)))
        in_force = Counter(r.kind for r in access.arrangements(session) if r.in_force(last_exam))
    assert {"reader", "scribe", "separate_invigilation", "word_processor"} <= set(in_force)


def test_an_on_screen_paper_sits_in_the_room_with_computers(demo_db: Database) -> None:
    with demo_db.session() as session:
        names = {r.id: r for r in roster.rooms(session)}
        layout = seating.layout(session, SUMMER.start, SUMMER.end)
    on_screen = [(plan.seats[s.candidate_id], s) for _slot, (sittings, plan) in layout.items() for s in sittings
                 if s.mode == "on_screen"]  # fmt: skip
    assert on_screen
    assert all(names[room].on_screen for room, _s in on_screen)


def test_every_room_is_used_and_helpers_sit_apart_with_their_helper(demo_db: Database) -> None:
    with demo_db.session() as session:
        names = {r.id: r for r in roster.rooms(session)}
        saved = seating.saved_placements(session, SUMMER.start, SUMMER.end)
        needs = roster.problem(session, SUMMER)[0]
        team = roster.assignments(session, SUMMER.start, SUMMER.end)
    assert {names[room].name for _c, _on, _s, room, *_own in saved} == {r.name for r in names.values()}
    helped = [r for r in needs if r.helpers]
    assert {role for r in helped for role, _n in r.helpers} >= {"reader", "scribe"}
    apart = [r for r in helped if any(set(role.split("+")) & {"reader", "scribe", "prompter"} for role, _n in r.helpers)]
    assert apart and all(names[r.room_id].separate for r in apart)  # a practical assistant works in the main room
    for r in helped:  # the quick roster still covers each helper's place with someone who can do it
        roles = Counter(a.role for a in team if (a.on, a.session, a.room_id) == (r.on, r.session, r.room_id))
        assert all(roles[role] >= n for role, n in r.helpers), r.label


def test_the_demo_roster_is_the_full_solve_proved_the_best(demo_db: Database) -> None:
    with demo_db.session() as session:
        lines = [e.summary for e in audit.entries(session) if e.entity == "assignment"]
        assert seating.out_of_date(session, SUMMER.start, SUMMER.end) == []
    assert len(lines) == 1 and lines[0].endswith("0 shortfalls (optimal)")


def test_a_bigger_demo_gets_a_quick_roster_and_the_audit_log_says_so(db: Database) -> None:
    with db.session() as session:
        roster_step(session, 2, TODAY, random.Random(3))
        lines = [e.summary for e in audit.entries(session) if e.entity == "assignment"]
    assert len(lines) == 1 and "a quick roster, the solver's first answer: solve again to improve it" in lines[0]


def test_the_demo_rooms_are_laid_out_as_desks_holding_their_capacity(demo_db: Database) -> None:
    with demo_db.session() as session:
        found = {r.name: r for r in roster.rooms(session)}
    shapes = {name: (r.capacity, r.fields.layout and (r.fields.layout.rows, r.fields.layout.columns, r.fields.layout.off))
              for name, r in found.items()}  # fmt: skip
    assert shapes == {"Sports Hall": (96, (8, 12, frozenset())), "Main Hall": (60, (6, 10, frozenset())),
                      "Library": (24, (4, 6, frozenset())), "Room S1": (6, (2, 3, frozenset())),
                      "Room S2": (4, (2, 2, frozenset()))}  # fmt: skip
    for r in found.values():
        assert r.desk_layout.spacing_note == "1.25 m between desks, centre to centre"
        assert r.desk_layout.exit in roster.POSITIONS and r.desk_layout.invigilator_desk in roster.POSITIONS
    assert found["Sports Hall"].desk_layout.exit != found["Main Hall"].desk_layout.exit


@pytest.mark.parametrize("scale", [2, 3, 7, 20])
def test_a_bigger_demos_rooms_keep_their_capacity_in_a_grid_a_person_could_type(scale: int) -> None:
    for capacity, shape in ((96, RoomLayout(8, 12)), (60, RoomLayout(6, 10)), (24, RoomLayout(4, 6)), (6, RoomLayout(2, 3)),
                            (4, RoomLayout(2, 2))):  # fmt: skip
        desks = _desks(shape, capacity * scale)
        if desks is None:  # too big for any grid of 26 x 60: seating lays out the capacity itself
            assert capacity * scale > MAX_ROWS * MAX_COLUMNS
            continue
        assert validate_layout(desks) == desks and desks.size == capacity * scale
