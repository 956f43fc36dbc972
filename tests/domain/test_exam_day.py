"""Exam day: the finish-time worked case, who is on the list, rooms, JSON, clashes, speed."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from eoffice.db.models import Placement, Room
from eoffice.db.session import Database
from eoffice.domain import access, examday, settings
from eoffice.domain.access import (
    MOVE,
    OVERNIGHT,
    SAME_SESSION,
    CandidateFields,
    PaperFields,
    add_candidate,
    add_entries,
    add_paper,
    clock,
    exam_day,
    parse_clock,
)
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

DAY = date(2027, 5, 12)


def person(session: Session, number: int, *kinds: tuple[str, dict]) -> int:
    cid = add_candidate(session, CandidateFields(number, "Jones", f"Cand {number}"), today=TODAY).id
    for kind, changes in kinds:
        access.add_arrangement(session, cid, access.new_fields(kind, **changes))
    return cid


def paper(session: Session, code: str, minutes: int, sess: str = "AM", day: date = DAY,
          qualification: str = "GCSE", start: str | None = None) -> int:
    begin = parse_clock(start) if start else (540 if sess == "AM" else 810)
    return add_paper(session, PaperFields("AQA", code, f"Paper {code}", day, sess, begin, minutes, qualification)).id


APPROVED_25 = ("extra_time_25", {"status": "approved"})


def test_worked_case_25_percent_of_90_minutes_from_0900_finishes_1053(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 42, APPROVED_25)
        add_entries(session, [(cid, paper(session, "8300/1H", 90))])
        rows = examday.session_list(session, DAY, "AM")
    assert len(rows) == 1
    row = rows[0]
    assert (row.candidate, row.code, clock(row.start), clock(row.finish)) == ("0042", "8300/1H", "09:00", "10:53")
    data = row.as_json()
    assert (data["start"], data["finish"], data["extra_minutes"], data["rest_minutes"]) == ("09:00", "10:53", 22.5, 0)
    assert data["arrangements"] == ["25% extra time"]


def test_rest_breaks_are_minutes_per_hour_of_the_published_duration(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 7, APPROVED_25, ("rest_breaks", {"status": "approved", "rest_minutes_per_hour": 10}))
        add_entries(session, [(cid, paper(session, "J277/01", 90, "PM"))])
        (row,) = examday.session_list(session, DAY, "PM")
    # 13:30 + 90 + 22.5 + 15 = 15:37.5, rounded up to 15:38.
    assert (row.as_json()["extra_minutes"], row.as_json()["rest_minutes"], clock(row.finish)) == (22.5, 15, "15:38")
    assert row.timing_text == "25% extra time, rest 10 min/hour"


def test_the_exam_day_view_lists_arrangements_in_force_and_pending_and_times_only_approved(db: Database) -> None:
    """Issue 12: an application still pending is shown as pending, never timed as if approved."""
    with db.session() as session:
        pid = paper(session, "8700/1", 105)
        other = paper(session, "8702/1", 105, "PM")
        plain = person(session, 1)
        pending = person(session, 2, ("extra_time_25", {"status": "applied"}))
        lapsed = person(session, 3, ("extra_time_25", {"status": "approved", "approved_on": date(2024, 1, 10),
                                                       "expires_on": date(2027, 5, 11)}))
        reader = person(session, 4, ("reader", {"status": "approved"}))
        timed = person(session, 5, APPROVED_25)
        add_entries(session, [(c, pid) for c in (plain, pending, lapsed, reader, timed)] + [(timed, other)])
        rows = examday.session_list(session, DAY, "AM")
        room = Room(name="Room 12", capacity=4, separate=True)
        session.add(room)
        session.flush()
        session.add(Placement(candidate_id=reader, on=DAY, session="AM", room_id=room.id))
        session.flush()
        placed = examday.session_list(session, DAY, "AM")
    assert [(r.candidate, clock(r.finish), r.pending) for r in rows] == [
        ("0002", "10:45", ("25% extra time",)), ("0004", "10:45", ()), ("0005", "11:12", ())]
    assert rows[1].room_needs == ("reader",) and rows[1].room is None  # no room anywhere yet
    assert [(r.candidate, r.room) for r in placed][1] == ("0004", "Room 12")


def test_no_session_no_rows(db: Database) -> None:
    with db.session() as session:
        assert examday.session_list(session, DAY, "AM") == []
        assert exam_day.busiest_session(session) is None
        assert exam_day.clashes(session) == []


# --- clashes -----------------------------------------------------------------------------

def test_two_90_minute_papers_in_one_session_are_sat_together(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 42)
        add_entries(session, [(cid, paper(session, "8145/1", 90)), (cid, paper(session, "8035/1", 90))])
        (clash,) = exam_day.clashes(session)
    assert (clash.total_minutes, clash.resolution, clash.session) == (180, SAME_SESSION, "AM")
    assert clash.as_json() == {"candidate": "0042", "surname": "Jones", "forenames": "Cand 42", "date": "2027-05-12",
                               "session": "AM", "codes": ["8035/1", "8145/1"], "total_minutes": 180,
                               "resolution": "same-session", "advice": "sit one after the other with a supervised "
                               "break of 10 minutes between papers (3h of papers)", "decision": None}


def test_with_25_percent_extra_time_one_moves_to_the_other_session(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 42, APPROVED_25)
        add_entries(session, [(cid, paper(session, "8145/1", 90)), (cid, paper(session, "8035/1", 90))])
        (clash,) = exam_day.clashes(session)
    assert (clash.total_minutes, clash.resolution) == (225, MOVE)


def test_three_gcse_papers_of_two_hours_offer_overnight_supervision(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 42)
        add_entries(session, [(cid, paper(session, "A1", 120)), (cid, paper(session, "A2", 120, start="11:15")),
                              (cid, paper(session, "A3", 120, "PM"))])
        (clash,) = exam_day.clashes(session)
    assert (clash.total_minutes, clash.resolution, clash.session, clash.codes) == (360, OVERNIGHT, None, ("A1", "A2", "A3"))


def test_gce_has_the_six_hour_threshold_which_is_a_setting(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 42)
        add_entries(session, [(cid, paper(session, "9MA0/01", 120, "AM", qualification="GCE A level")),
                              (cid, paper(session, "7182/1", 120, "PM", qualification="GCE A level")),
                              (cid, paper(session, "7192/1", 120, "PM", qualification="GCE A level"))])
        found = exam_day.clashes(session)
        # 360 is not over 6h; the AM already holds 2h, so either PM paper moved there makes 4h.
        assert [(c.session, c.total_minutes, c.resolution) for c in found] == [("PM", 240, MOVE)]
        settings.put(session, "access.clash.day_max_minutes.gce", 330)
        assert [c.resolution for c in exam_day.clashes(session)] == [OVERNIGHT]


def test_three_short_papers_in_a_day_are_not_overnight(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 42)
        add_entries(session, [(cid, paper(session, "L", 45)), (cid, paper(session, "P", 60)),
                              (cid, paper(session, "C", 90, "PM"))])
        assert [(c.codes, c.total_minutes, c.resolution) for c in exam_day.clashes(session)] == [
            (("L", "P"), 105, SAME_SESSION)]


def test_papers_on_different_days_do_not_clash(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 42)
        add_entries(session, [(cid, paper(session, "X", 90)), (cid, paper(session, "Y", 90, day=date(2027, 5, 13)))])
        assert exam_day.clashes(session) == []
        assert exam_day.clashes(session, AcademicYear(2027)) == []


def test_candidate_summaries_time_every_paper(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 42, APPROVED_25)
        add_entries(session, [(cid, paper(session, "X", 90)), (cid, paper(session, "Y", 60, "PM"))])
        exams = examday.candidates_exams(session, [cid], AcademicYear(2026).start, AcademicYear(2026).end)[cid]
    assert [(e.code, clock(e.finish)) for e in exams] == [("X", "10:53"), ("Y", "14:45")]


def test_the_demo_has_every_kind_of_clash(demo_db: Database) -> None:
    with demo_db.session() as session:
        kinds = {c.resolution for c in exam_day.clashes(session)}
    assert kinds == {SAME_SESSION, MOVE, MOVE, OVERNIGHT}
