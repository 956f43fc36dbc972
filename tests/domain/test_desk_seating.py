"""Auto-seating by desk (issue 12 item 4): each paper together in candidate-number order,
filling column by column from the front, a blank column between papers, late finishers at
the back or by the exit, locked desks kept; and the seating stored, kept and undone."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from eoffice.db.models import Placement
from eoffice.db.session import Database
from eoffice.domain import examday, settings
from eoffice.domain.examday import BACK, EXIT, Sitter, seat_room
from eoffice.domain.roster import RoomFields, RoomLayout, add_room, restore_placements, saved_placements
from eoffice.errors import InputError
from tests.domain.roster_helpers import arrange, enter, paper, sitting

DAY = date(2027, 5, 18)
ROOM = RoomLayout(4, 5, exit="back right")  # A-D, columns 1-5: 20 desks


def people(paper_code: str, first: int, n: int, *, late: set[int] = frozenset()) -> list[Sitter]:  # type: ignore[assignment]
    return [Sitter(first + i, first + i, paper_code, first + i in late) for i in range(n)]


def test_one_paper_fills_column_by_column_from_the_front_in_number_order() -> None:
    result = seat_room(people("8035/1", 1, 6), ROOM)
    assert [result.desks[i] for i in range(1, 7)] == ["A1", "B1", "C1", "D1", "A2", "B2"]
    assert result.unseated == () and result.warnings == ()


def test_a_blank_column_separates_two_papers() -> None:
    result = seat_room(people("8035/1", 1, 5) + people("8145/1", 10, 3), ROOM)
    assert result.desks[5] == "A2"  # the first paper ends in column 2
    assert [result.desks[i] for i in (10, 11, 12)] == ["A4", "B4", "C4"]  # column 3 left blank


def test_the_gap_is_a_setting_and_dropped_with_a_warning_when_the_room_is_full() -> None:
    tight = seat_room(people("8035/1", 1, 10) + people("8145/1", 20, 10), ROOM, room="Hall")
    assert sorted(tight.desks.values()) == sorted(ROOM.desks) and tight.unseated == ()
    assert tight.warnings == ("Hall: papers share columns with no blank column between them: the room is too full",)
    wide = seat_room(people("8035/1", 1, 2) + people("8145/1", 20, 2), ROOM, gap_columns=2)
    assert (wide.desks[1], wide.desks[20]) == ("A1", "A4")


def test_late_finishers_sit_at_the_back_from_the_exit_side_or_by_the_exit() -> None:
    group = people("8035/1", 1, 6, late={2, 5})
    back = seat_room(group, ROOM, late_place=BACK)
    assert (back.desks[2], back.desks[5]) == ("D5", "D4")  # back row, from the exit's side (back right)
    assert back.desks[1] == "A1" and back.desks[3] == "B1"  # the others keep their order from the front
    by_exit = seat_room(group, RoomLayout(4, 5, exit="front left"), late_place=EXIT)
    assert by_exit.desks[2] == "A1" and by_exit.desks[5] in ("A2", "B1")


def test_locked_desks_stay_and_off_desks_are_never_used() -> None:
    layout = RoomLayout(2, 3, off=frozenset({"A2"}))
    result = seat_room(people("P", 1, 4), layout, {3: "A1"})
    assert result.desks[3] == "A1"
    assert "A2" not in result.desks.values() and len(set(result.desks.values())) == 4


def test_more_candidates_than_desks_are_left_without_a_desk_and_said_so() -> None:
    result = seat_room(people("P", 1, 7), RoomLayout(2, 3), room="Room S1")
    assert result.unseated == (7,)
    assert result.warnings[-1] == "Room S1: 1 candidate has no desk: there are more candidates than desks"


def test_seat_session_stores_desks_keeps_locked_ones_and_undoes(db: Database) -> None:
    with db.session() as session:
        hall = add_room(session, RoomFields("Hall", 20, layout=RoomLayout(4, 5))).id
        _pid, ids = sitting(session, 5, DAY, "AM")
        arrange(session, ids[0], extra=25)
        before = saved_placements(session, DAY, DAY)
        seated = examday.seat_session(session, DAY, "AM")
        stored = {cid: desk for cid, desk in session.execute(
            select(Placement.candidate_id, Placement.desk).where(Placement.room_id == hall))}
        assert stored == {r.candidate_id: r.desk for r in seated.rows}
        assert stored[ids[0]] == "D5"  # 25% extra time: the back, from the exit's side
        assert [stored[i] for i in ids[1:]] == ["A1", "B1", "C1", "D1"]
        row = session.scalar(select(Placement).where(Placement.candidate_id == ids[4]))
        assert row is not None
        row.desk, row.desk_locked = "A5", True
        session.flush()
        again = {r.candidate_id: r.desk for r in examday.seat_session(session, DAY, "AM").rows}
        assert again[ids[4]] == "A5" and again[ids[1]] == "A1"
        restore_placements(session, DAY, DAY, before)
        assert saved_placements(session, DAY, DAY) == before == []


def test_the_model_reads_stored_desks_until_seating_runs_again(db: Database) -> None:
    with db.session() as session:
        add_room(session, RoomFields("Hall", 20, layout=RoomLayout(4, 5)))
        _pid, ids = sitting(session, 3, DAY, "AM")
        examday.seat_session(session, DAY, "AM")
        settings.put(session, "seating.gap_columns", 0)
        late = paper(session, DAY, "AM", code="P9")
        enter(session, [ids[2]], late)
        rows = examday.sittings(session, DAY, DAY)
        assert {r.desk for r in rows if r.candidate_id == ids[2]} == {"C1"}  # still where it was stored


def test_the_kit_follows_the_model(db: Database) -> None:
    with db.session() as session:
        add_room(session, RoomFields("Hall", 20, layout=RoomLayout(4, 5)))
        _pid, ids = sitting(session, 3, DAY, "AM", code="8035/1")
        arrange(session, ids[1], extra=25)
        arrange(session, ids[2], kind="reader", status="applied")
        kit = examday.kit_for(session, DAY, "AM")
        rows = {r.candidate: r for r in examday.sittings(session, DAY, DAY)}
    (plan,) = kit.plans
    assert {(s.candidate, s.desk, s.finish) for s in plan.seats} == {(c, r.desk, r.finish) for c, r in rows.items()}
    (register,) = kit.registers
    assert [line.desk for line in register.lines] == ["A1", "B1", "D5"]  # seating order: down the columns
    assert next(s for s in plan.seats if s.pending).pending == ("Reader",)
    assert {c.candidate: c.timing_text for c in kit.cards}[rows_key(rows, ids[1])] == "25% extra time"


def rows_key(rows: dict[str, object], cid: int) -> str:
    return next(c for c, r in rows.items() if r.candidate_id == cid)  # type: ignore[attr-defined]


def test_moving_a_candidate_locks_the_desk_swaps_the_one_there_and_undoes(db: Database) -> None:
    with db.session() as session:
        add_room(session, RoomFields("Hall", 20, layout=RoomLayout(4, 5)))
        _pid, ids = sitting(session, 3, DAY, "AM")
        examday.seat_session(session, DAY, "AM")
        desks = {r.candidate_id: r.desk for r in examday.sittings(session, DAY, DAY)}
        assert [desks[i] for i in ids] == ["A1", "B1", "C1"]
        before = examday.move_to_desk(session, ids[0], DAY, "AM", "C1")
        moved = {r.candidate_id: r.desk for r in examday.sittings(session, DAY, DAY)}
        assert [moved[i] for i in ids] == ["C1", "B1", "A1"]  # swapped with the candidate at C1
        again = {r.candidate_id: r.desk for r in examday.seat_session(session, DAY, "AM").rows}
        assert [again[i] for i in ids] == ["C1", "B1", "A1"]  # re-seating keeps both locked desks
        examday.restore_desks(session, DAY, "AM", before)
        back = {r.candidate_id: r.desk for r in examday.sittings(session, DAY, DAY)}
        assert [back[i] for i in ids] == ["A1", "B1", "C1"]
        with pytest.raises(InputError, match="Hall has no desk E9 in use"):
            examday.move_to_desk(session, ids[0], DAY, "AM", "E9")
