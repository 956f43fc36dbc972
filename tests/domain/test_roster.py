"""The roster in the database: scope, solve and apply keeping locked ones, manual changes, pay, the demo."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.db.models import Assignment, Invigilator, Paper, Room
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.roster import (
    Scope,
    apply_result,
    apply_solve,
    assign,
    assignments,
    duties,
    overview_lines,
    pay,
    prepare_solve,
    problem,
    restore_assignments,
    restore_unassigned,
    roster_step,
    scope_for,
    seating,
    set_availability,
    set_locked,
    solve,
    solve_scope,
    unassign,
    undo_solve,
)
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from tests.conftest import TODAY
from tests.domain.roster_helpers import arrange, invigilator, room, sitting

YEAR = AcademicYear(2026)
DAY = date(2027, 5, 18)


def test_scopes() -> None:
    summer = scope_for(YEAR, "summer")
    assert (summer.start, summer.end, summer.label) == (date(2027, 4, 1), date(2027, 8, 31), "Summer 2027")
    november = scope_for(YEAR, "November", today=date(2026, 11, 23))
    assert (november.start, november.end, november.history_from) == (date(2026, 11, 23), date(2026, 12, 31),
                                                                      date(2026, 9, 1))  # fmt: skip
    assert scope_for(YEAR).start == date(2026, 9, 1)
    with pytest.raises(InputError, match="'Spring' is not a series; use one of: November, January, Summer"):
        scope_for(YEAR, "Spring")
    with pytest.raises(InputError, match="series is over"):
        scope_for(YEAR, "November", today=date(2027, 1, 5))


@pytest.fixture
def centre(db: Database) -> dict[str, int]:
    """A hall with 31 candidates and a reader's candidate in Room S1 on Tue 18 May AM; four invigilators."""
    with db.session() as session:
        ids = {"hall": room(session, "Sports Hall", 100), "s1": room(session, "Room S1", 1, separate=True)}
        _pid, cands = sitting(session, 32, DAY, "AM")
        arrange(session, cands[0], need="reader")
        for name, roles in (("Ann", ("invigilator",)), ("Bob", ("invigilator",)), ("Cat", ("invigilator", "reader")),
                            ("Dan", ("invigilator",))):  # fmt: skip
            ids[name] = invigilator(session, name, roles)
        ids["Eve"] = invigilator(session, "Eve", trained=date(2026, 6, 1))
    return ids


def test_problem_reads_compliance_and_availability(db: Database, centre: dict[str, int]) -> None:
    with db.session() as session:
        set_availability(session, centre["Dan"], DAY, "AM", False)
        needs, people, fixed = problem(session, scope_for(YEAR, "Summer"))
        assert [(r.room, r.needed) for r in needs] == [("Room S1", 2), ("Sports Hall", 2)]
        by_name = {p.name: p for p in people}
        assert (DAY, "AM") not in by_name["Dan"].available
        assert by_name["Eve"].blocked == {DAY: ("untrained",)}
        assert fixed == []


def test_solve_apply_keeps_locked_and_can_be_undone(db: Database, centre: dict[str, int]) -> None:
    scope = scope_for(YEAR, "Summer")
    with db.session() as session:
        locked = assign(session, centre["Ann"], DAY, "AM", centre["hall"], locked=True)
        stale = assign(session, centre["Dan"], DAY, "AM", centre["hall"])
        result = solve_scope(session, scope)
        assert result.status == "optimal" and not result.shortfalls
        team = {a.name: (a.room, a.role) for a in result.assignments}
        assert team["Ann"] == ("Sports Hall", "invigilator") and team["Cat"] == ("Room S1", "reader")
        before = audit.count(session)
        old = apply_result(session, result, scope)
        assert [a.id for a in old] == [stale.id]
        stored = assignments(session, DAY, DAY)
        assert len(stored) == 4 and any(a.id == locked.id and a.locked for a in stored)
        assert audit.count(session) == before + 1
        summary = audit.entries(session, limit=1)[0].summary
        assert summary == "roster for Summer 2027 from 01/04/2027: 3 assignments, 0 shortfalls (optimal)"
        restore_assignments(session, scope, old)
        assert {(a.name, a.locked) for a in assignments(session, DAY, DAY)} == {("Ann", True), ("Dan", False)}


def _prompter_after_seating(session: Session, scope: Scope) -> tuple[int, int]:
    """Room S2 added and seating stored, then a prompter approved for a hall candidate."""
    s2 = room(session, "Room S2", 1, separate=True)
    seating.seat(session, scope.start, scope.end)
    ((sittings, _plan),) = seating.layout(session, DAY, DAY).values()
    prompted = next(s.candidate_id for s in sittings if not s.needs)
    arrange(session, prompted, need="prompter")
    return prompted, s2


def test_a_solve_reads_its_problem_from_fresh_seating(db: Database, centre: dict[str, int]) -> None:
    """A prompter approved after seating ran: the solve seats them apart, with the helper counted there."""
    scope = scope_for(YEAR, "Summer")
    with db.session() as session:
        _prompted, _s2 = _prompter_after_seating(session, scope)
        stale = [(r.room, r.candidates, r.helpers) for r in problem(session, scope)[0]]
        assert stale[-1] == ("Sports Hall", 31, (("prompter", 1),))  # the stored seating, out of date
        fresh = [(r.room, r.candidates, r.helpers) for r in prepare_solve(session, scope)[0]]
        assert fresh == [("Room S1", 1, (("reader", 1),)), ("Room S2", 1, (("prompter", 1),)), ("Sports Hall", 30, ())]


def test_apply_solve_reseats_as_one_change_and_undoes_as_one(db: Database, centre: dict[str, int]) -> None:
    scope = scope_for(YEAR, "Summer")
    with db.session() as session:
        prompted, s2 = _prompter_after_seating(session, scope)
        assign(session, centre["Dan"], DAY, "AM", centre["hall"])
        seats_before = seating.saved_placements(session, scope.start, scope.end)
        roster_before = assignments(session, scope.start, scope.end)
    with db.sessions() as session:  # as the window reads the problem: in a session it throws away
        result = solve(*prepare_solve(session, scope), max_seconds=10)
    with db.session() as session:
        assert seating.saved_placements(session, scope.start, scope.end) == seats_before
        before = apply_solve(session, result, scope)
        assert seating.out_of_date(session, scope.start, scope.end) == []
        assert (prompted, DAY, "AM", s2, False, None, False) in seating.saved_placements(session, scope.start, scope.end)
        assert [(s.room_id, s.needed) for s in result.shortfalls] == [(s2, 2)]  # nobody can prompt: said where
        undo_solve(session, scope, before)
        assert seating.saved_placements(session, scope.start, scope.end) == seats_before
        assert assignments(session, scope.start, scope.end) == roster_before


def test_manual_assignments_are_checked(db: Database, centre: dict[str, int]) -> None:
    with db.session() as session:
        assign(session, centre["Ann"], DAY, "AM", centre["hall"])
        with pytest.raises(InputError, match="Ann is already in Sports Hall on Tue 18 May AM"):
            assign(session, centre["Ann"], DAY, "AM", centre["s1"])
        with pytest.raises(InputError, match="Eve cannot be rostered on Tue 18 May AM: not trained since 01/09/2026"):
            assign(session, centre["Eve"], DAY, "AM", centre["hall"])
        with pytest.raises(InputError, match="Bob cannot take the role of reader"):
            assign(session, centre["Bob"], DAY, "AM", centre["s1"], "reader")
        set_availability(session, centre["Dan"], DAY, "PM", False)
        with pytest.raises(InputError, match="Dan is not available on Tue 18 May PM"):
            assign(session, centre["Dan"], DAY, "PM", centre["hall"])
        with pytest.raises(InputError, match="not a session"):
            assign(session, centre["Dan"], DAY, "EV", centre["hall"])
        session.get(Invigilator, centre["Bob"]).max_per_day = 1  # type: ignore[union-attr]
        assign(session, centre["Bob"], DAY, "AM", centre["hall"])
        with pytest.raises(InputError, match="daily limit"):
            assign(session, centre["Bob"], DAY, "PM", centre["hall"])


def test_unassign_and_lock_with_undo(db: Database, centre: dict[str, int]) -> None:
    with db.session() as session:
        a = assign(session, centre["Ann"], DAY, "AM", centre["hall"])
        assert set_locked(session, [a.id], True) == {a.id: False}
        assert assignments(session, DAY, DAY)[0].locked
        gone = unassign(session, [a.id])
        assert assignments(session, DAY, DAY) == []
        restore_unassigned(session, gone)
        assert assignments(session, DAY, DAY)[0].id == a.id
        with pytest.raises(InputError, match="no longer there"):
            unassign(session, [a.id, 999])


def test_duties_and_pay(db: Database, centre: dict[str, int]) -> None:
    with db.session() as session:
        session.get(Invigilator, centre["Ann"]).hourly_rate_pence = 1200  # type: ignore[union-attr]
        assign(session, centre["Ann"], DAY, "AM", centre["hall"])
        (duty,) = duties(session, DAY, DAY)
        assert (duty.arrive, duty.start, duty.finish, duty.minutes) == (8 * 60 + 30, 9 * 60, 10 * 60 + 30, 120)
        lines = {p.name: p for p in pay(session, duties(session, DAY, DAY))}
        assert (lines["Ann"].sessions, lines["Ann"].minutes, lines["Ann"].pay_pence) == (1, 120, 2400)
        assert lines["Bob"].sessions == 0


def test_the_demo_step_makes_its_own_timetable_when_there_is_none(db: Database) -> None:
    with db.session() as session:
        roster_step(session, 1, TODAY, random.Random(1))
        assert session.scalar(select(func.count()).select_from(Paper)) > 30
        assert 3 <= session.scalar(select(func.count()).select_from(Room)) <= 5  # type: ignore[operator]
        assert session.scalar(select(func.count()).select_from(Assignment)) > 50  # type: ignore[operator]


def test_the_demo_centre_has_rooms_invigilators_and_a_solved_summer(demo_db: Database) -> None:
    with demo_db.session() as session:
        assert 3 <= (session.scalar(select(func.count()).select_from(Room)) or 0) <= 5
        assert 40 <= (session.scalar(select(func.count()).select_from(Invigilator)) or 0) <= 50
        summer = scope_for(YEAR, "Summer")
        stored = assignments(session, summer.start, summer.end)
        assert len(stored) > 50
        lines = overview_lines(session, YEAR, TODAY)
        assert any("not trained" in line for line in lines) and any("no DBS" in line for line in lines)
        result = solve_scope(session, summer, max_seconds=10)
        assert result.status in ("optimal", "feasible") and result.seconds < 10.5
        covered = sum(len(result.team(r)) for r in result.requirements)
        assert covered >= sum(r.needed for r in result.requirements) - sum(s.needed - s.assigned for s in result.shortfalls)


def test_the_tab_opens_on_the_next_series_with_exams_else_the_first_else_summer(db: Database) -> None:
    from dataclasses import replace as changed

    from eoffice.domain.access import PaperFields, add_paper
    from eoffice.domain.roster import default_series

    with db.session() as session:
        assert default_series(session, YEAR, TODAY) == "Summer"  # no exams at all
        november = PaperFields("OCR", "J560/01", "Mathematics resit", date(2026, 11, 4), "AM", 540, 90, "GCSE")
        add_paper(session, november)
        add_paper(session, changed(november, code="J560/02", sat_on=date(2027, 1, 12)))
        assert default_series(session, YEAR, date(2026, 10, 1)) == "November"
        assert default_series(session, YEAR, date(2026, 12, 20)) == "November"  # its months run to 31 December
        assert default_series(session, YEAR, date(2027, 1, 5)) == "January"
        assert default_series(session, YEAR, date(2027, 4, 1)) == "November"  # none to come: the first with exams
