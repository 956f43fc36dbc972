"""A room's plan copied to the other session of the day, and desks locked and unlocked by
hand (the exam-day room plan made editable): the demo's 12 May 2027, when 0012 and 0061
sit in the Library morning and afternoon."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import AuditEntry, Placement
from eoffice.db.session import Database
from eoffice.domain import examday, roster
from eoffice.domain.access import ExamDayRow
from eoffice.errors import InputError

DAY = date(2027, 5, 12)


def seated(session: Session, sess: str) -> dict[str, ExamDayRow]:
    """Candidate number -> their first sitting of the session, with room and desk."""
    found: dict[str, ExamDayRow] = {}
    for row in examday.sittings(session, DAY, DAY, sess):
        found.setdefault(row.candidate, row)
    return found


def in_room(session: Session, sess: str, room: str) -> dict[str, str | None]:
    return {c: r.desk for c, r in seated(session, sess).items() if r.room == room}


def stored(session: Session, sess: str) -> dict[int, Placement]:
    return {p.candidate_id: p for p in session.scalars(select(Placement).where(Placement.on == DAY,
                                                                              Placement.session == sess))}


def test_the_librarys_morning_plan_copied_to_the_afternoon_puts_both_at_the_same_desks(demo_db: Database) -> None:
    with demo_db.session() as session:
        morning = in_room(session, "AM", "Library")
        afternoon = seated(session, "PM")
        assert morning == {"0012": "D1", "0061": "A1"}
        assert afternoon["0061"].desk == "B1" and in_room(session, "PM", "Library")["0056"] == "A1"
        before = roster.saved_placements(session, DAY, DAY)
        copied = examday.copy_room_plan(session, DAY, "AM", "Library", "PM")
        assert (copied.copied, copied.skipped) == (2, 0)
        assert list(copied.before) == before
        after = in_room(session, "PM", "Library")
        assert {c: after[c] for c in morning} == morning  # the same room, the same desks
        assert after["0056"] not in (None, "A1", "D1")  # moved off 0061's desk, and seated again around it
        assert len(set(after.values())) == len(after)  # nobody shares a desk
        rows = stored(session, "PM")
        for candidate in morning:
            placed = rows[afternoon[candidate].candidate_id]
            assert placed.override and placed.desk_locked and placed.desk == morning[candidate]
        displaced = rows[afternoon["0056"].candidate_id]
        assert displaced.desk is None and not displaced.desk_locked
        again = {r.candidate: r.desk for r in examday.seat_session(session, DAY, "PM").rows if r.room == "Library"}
        assert {c: again[c] for c in morning} == morning  # re-seating keeps the copied desks
        roster.restore_placements(session, DAY, DAY, copied.before)
        assert roster.saved_placements(session, DAY, DAY) == before
        assert in_room(session, "PM", "Library")["0061"] == "B1"


def test_candidates_who_sit_nothing_in_the_other_session_are_skipped(demo_db: Database) -> None:
    with demo_db.session() as session:
        library = in_room(session, "PM", "Library")
        morning = seated(session, "AM")
        both = {c for c in library if c in morning}
        assert both == {"0012", "0061"} and len(library) == 5
        copied = examday.copy_room_plan(session, DAY, "PM", "Library", "AM")
        assert (copied.copied, copied.skipped) == (2, 3)
        after = in_room(session, "AM", "Library")
        assert {c: after[c] for c in both} == {c: library[c] for c in both}
        assert set(after) == both  # nobody who sits only in the afternoon appears in the morning
        summary = session.scalars(select(AuditEntry.summary).order_by(AuditEntry.id.desc())).first()
        assert summary == "Library's plan for Wed 12 May PM copied to AM: 2 candidates copied, 3 skipped"
        assert "0012" not in summary  # counts only: who sits where is health data


def test_the_other_sessions_rooms_are_stored_first_when_they_are_not(demo_db: Database) -> None:
    with demo_db.session() as session:
        everything = roster.saved_placements(session, DAY, DAY)
        roster.restore_placements(session, DAY, DAY, [p for p in everything if p[2] == "AM"])
        before = roster.saved_placements(session, DAY, DAY)
        copied = examday.copy_room_plan(session, DAY, "AM", "Library", "PM")
        assert copied.copied == 2 and list(copied.before) == before
        afternoon = stored(session, "PM")
        assert len(afternoon) == len({r.candidate_id for r in examday.sittings(session, DAY, DAY, "PM")})
        assert in_room(session, "PM", "Library")["0061"] == "A1"
        roster.restore_placements(session, DAY, DAY, copied.before)
        assert roster.saved_placements(session, DAY, DAY) == before


def test_copying_is_refused_in_plain_words(demo_db: Database) -> None:
    with demo_db.session() as session:
        with pytest.raises(InputError, match="'XM' is not a session: write AM or PM"):
            examday.copy_room_plan(session, DAY, "XM", "Library", "PM")
        with pytest.raises(InputError, match="the plan is already Wed 12 May AM's: copy it to the other session"):
            examday.copy_room_plan(session, DAY, "AM", "Library", "AM")
        with pytest.raises(InputError, match="nobody sits in Main Hall on Wed 12 May AM"):
            examday.copy_room_plan(session, DAY, "AM", "Main Hall", "PM")
        with pytest.raises(InputError, match="nobody sits in Nowhere on Wed 12 May AM"):
            examday.copy_room_plan(session, DAY, "AM", "Nowhere", "PM")


def test_locking_and_unlocking_desks_keeps_them_as_shown_and_undoes(demo_db: Database) -> None:
    with demo_db.session() as session:
        rows = seated(session, "AM")
        hall = {c: r.desk for c, r in rows.items() if r.room == "Sports Hall"}
        first, second = sorted(hall)[:2]
        ids = [rows[first].candidate_id, rows[second].candidate_id]
        before = examday.set_desk_locked(session, ids, DAY, "AM", True)
        placed = stored(session, "AM")
        assert all(placed[i].desk_locked for i in ids)
        assert sum(p.desk_locked for p in placed.values()) == 2
        assert {c: r.desk for c, r in seated(session, "AM").items() if r.room == "Sports Hall"} == hall
        holders = examday.editable_plan(session, DAY, "AM").holders["Sports Hall"]
        assert holders[hall[first]].locked and holders[hall[first]].candidate == first
        assert not any(h.locked for d, h in holders.items() if d not in (hall[first], hall[second]))
        unlock = examday.set_desk_locked(session, ids[:1], DAY, "AM", False)
        assert not stored(session, "AM")[ids[0]].desk_locked and stored(session, "AM")[ids[1]].desk_locked
        examday.restore_desks(session, DAY, "AM", unlock)
        examday.restore_desks(session, DAY, "AM", before)
        assert not any(p.desk_locked for p in stored(session, "AM").values())
        with pytest.raises(InputError, match="choose a candidate at a desk first"):
            examday.set_desk_locked(session, [], DAY, "AM", True)
        roster.restore_placements(session, DAY, DAY, [p for p in roster.saved_placements(session, DAY, DAY)
                                                      if p[2] == "PM"])
        with pytest.raises(InputError, match="seat Wed 12 May AM first: its rooms are not stored yet"):
            examday.set_desk_locked(session, ids, DAY, "AM", True)
