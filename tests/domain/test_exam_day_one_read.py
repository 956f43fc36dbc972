"""The exam-day page's session read once, and read quickly, says what it said before: one
session seated alone seats exactly as the whole day does; the locks come with the stored
desks; the kit's registers and desk cards are in the seating plans' column order; and the
quick way past a candidate's papers one a session finds every clash the long way finds.
The demo's 12 May 2027, whose two sessions both sit, with desks locked and a clash settled."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import Placement
from eoffice.db.session import Database
from eoffice.domain import examday
from eoffice.domain.access import exam_day
from eoffice.domain.examday import ExamDayKit, Register, RegisterLine

DAY = date(2027, 5, 12)


def _locked_stored(session: Session, sess: str) -> dict[int, bool]:
    return {cid: bool(locked) for cid, locked in session.execute(
        select(Placement.candidate_id, Placement.desk_locked).where(Placement.on == DAY, Placement.session == sess))}


def _registers_by_column(kit: ExamDayKit) -> list[Register]:
    """The registers as the kit has always made them: each paper's seats down each column from
    the front (``column_order``), then those without a desk by candidate number."""
    found = []
    for plan in kit.plans:
        seats = [*plan.seats, *plan.unseated]
        order = {d: i for i, d in enumerate(examday.column_order([s.desk for s in seats if s.desk]))}
        in_order = sorted(seats, key=lambda s: (order.get(s.desk, len(order)), s.candidate))
        for paper in plan.papers:
            found.append(Register(plan.room, paper, tuple(
                RegisterLine(s.desk, s.candidate, s.name, s.arrangements, s.pending)
                for s in in_order if paper.code in s.codes)))
    return found


def test_one_session_seated_alone_is_that_session_of_the_whole_day(demo_db: Database) -> None:
    with demo_db.session() as session:
        examday.seat_session(session, DAY, "AM")
        examday.set_desk_locked(session, [examday.sittings(session, DAY, DAY, "AM")[0].candidate_id], DAY, "AM", True)
        whole = {one.session: one for one in examday.seat_sessions(session, DAY, DAY)}
        assert set(whole) == {"AM", "PM"}
        for sess in ("AM", "PM"):
            (alone,) = examday.seat_sessions(session, DAY, DAY, sess)
            assert alone == whole[sess]
            assert alone.locked == {cid for cid, locked in _locked_stored(session, sess).items() if locked}
        assert whole["AM"].locked  # the lock is read with the desks


def test_the_pages_holders_are_locked_as_stored(demo_db: Database) -> None:
    with demo_db.session() as session:
        examday.seat_session(session, DAY, "AM")
        first = examday.sittings(session, DAY, DAY, "AM")[0]
        examday.set_desk_locked(session, [first.candidate_id], DAY, "AM", True)
        stored = _locked_stored(session, "AM")
        holders = examday.editable_plan(session, DAY, "AM").holders
        held = [h for room in holders.values() for h in room.values()]
        assert held and all(h.locked == stored.get(h.candidate_id, False) for h in held)
        assert any(h.locked for h in held)


def test_the_registers_and_desk_cards_follow_the_columns_of_each_plan(demo_db: Database) -> None:
    with demo_db.session() as session:
        for sess in ("AM", "PM"):
            kit = examday.kit_for(session, DAY, sess)
            assert kit.registers and list(kit.registers) == _registers_by_column(kit)
            cards = [(c.room, c.desk, c.candidate) for c in kit.cards]
            by_column = [(r.room, ln.desk, ln.candidate) for r in _registers_by_column(kit) for ln in r.lines]
            assert set(cards) == set(by_column) and len(cards) == len(set(cards))
            for plan in kit.plans:
                in_room = [desk for room, desk, _c in cards if room == plan.room and desk]
                assert in_room == examday.column_order(in_room)


def test_every_clash_of_the_day_is_found_however_few_papers_a_session_holds(demo_db: Database) -> None:
    """Candidates sitting one paper a session, two papers in all, can have no clash; the rest
    are all worked out: the day's clashes are those of the whole year on that day."""

    class Span:
        start = end = DAY

    with demo_db.session() as session:
        year = {(c.candidate_id, c.session, c.codes) for c in exam_day.clashes(session) if c.sat_on == DAY}
        day = {(c.candidate_id, c.session, c.codes) for c in exam_day.clashes(session, Span())}  # type: ignore[arg-type]
        assert day == year and day
