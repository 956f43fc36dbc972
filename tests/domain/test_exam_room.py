"""The exam room: a room's pause moves every finish still running, in the one model; the
board's texts and times come from that model; the incident log keeps numbers, never names."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from eoffice import clock
from eoffice.db.models import AuditEntry, Placement
from eoffice.db.session import Database
from eoffice.domain import examday
from eoffice.domain.access import Timing, timing
from eoffice.domain.access import clock as hhmm
from eoffice.domain.examday import IncidentFields, Pause
from eoffice.domain.roster import seat
from eoffice.errors import InputError
from tests.domain.roster_helpers import arrange, candidates, enter, paper, room

DAY = date(2027, 5, 18)  # a Tuesday of the summer series (BST)
HALL = "Sports Hall"


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2027, 5, 18, hour, minute, second, tzinfo=clock.UK)


def pause(start: datetime, end: datetime | None) -> Pause:
    return Pause(1, DAY, "AM", HALL, start, end)


# --- the pause rule, case by case ----------------------------------------------------------------

def test_a_pause_of_eleven_minutes_and_a_second_counts_as_twelve_so_nobody_is_stopped_early() -> None:
    assert pause(at(9, 40), at(9, 51, 1)).minutes == 12
    assert pause(at(9, 40), at(9, 52)).minutes == 12
    assert pause(at(9, 40), None).minutes == 0 and pause(at(9, 40), None).running


def test_a_candidate_working_when_the_room_stopped_finishes_later_by_the_pause() -> None:
    working = timing(9 * 60, 90, 25)  # 09:00, 90 minutes + 22.5: 10:53
    moved = examday.paused_timing(working, [pause(at(9, 40), at(9, 52))])
    assert (hhmm(moved.start), hhmm(moved.finish), moved.paused) == ("09:00", "11:05", 12)


def test_a_candidate_who_had_finished_keeps_their_finish() -> None:
    short = timing(9 * 60, 45)  # 09:45
    assert examday.paused_timing(short, [pause(at(9, 50), at(10, 2))]).finish == short.finish


def test_a_candidate_who_had_not_started_starts_and_finishes_later() -> None:
    second = timing(10 * 60 + 40, 120)  # a clash: sits second from 10:40
    moved = examday.paused_timing(second, [pause(at(9, 40), at(9, 52))])
    assert (hhmm(moved.start), hhmm(moved.finish)) == ("10:52", "12:52")


def test_a_running_pause_holds_the_finish_until_the_room_resumes() -> None:
    working = timing(9 * 60, 90)
    assert examday.paused_timing(working, [pause(at(9, 40), None)]) == working


def test_two_pauses_add_up_and_the_second_is_judged_against_the_finish_the_first_moved() -> None:
    working = Timing(9 * 60, 60, timing(0, 60).extra_minutes, timing(0, 60).rest_minutes)  # 10:00
    first, second = pause(at(9, 30), at(9, 40)), pause(at(10, 5), at(10, 10))  # 10:00 became 10:10: still working
    assert hhmm(examday.paused_timing(working, [second, first]).finish) == "10:15"


# --- a room paused for 12 minutes, in the one model -----------------------------------------------

@pytest.fixture
def hall(db: Database) -> dict[str, int]:
    """Sports Hall, 18 May AM: 8300/1 (90 min) for six candidates, three of them with extra time
    (25%, 50%, and 25% with rest 10 min/hour), and 8145/1 (60 min) for three, one of whom sits
    both (a clash: 8145/1 first, then 8300/1 after a 10-minute supervised break)."""
    with db.session() as session:
        room(session, HALL, 60)
        maths = paper(session, DAY, code="8300/1", minutes=90)
        history = paper(session, DAY, code="8145/1", minutes=60)
        ids = candidates(session, 8)
        enter(session, ids[:6], maths)
        enter(session, ids[5:], history)  # ids[5] sits both
        arrange(session, ids[0], extra=25)
        arrange(session, ids[1], extra=50)
        arrange(session, ids[2], extra=25, rest=10)
        seat(session, DAY, DAY, "AM")
        return {"maths": maths, "history": history, **{f"c{i}": cid for i, cid in enumerate(ids)}}


def _finishes(db: Database) -> dict[tuple[str, str], str]:
    with db.session() as session:
        return {(r.candidate, r.code): f"{hhmm(r.start)}-{hhmm(r.finish)}"
                for r in examday.sittings(session, DAY, DAY, "AM")}


def test_after_a_twelve_minute_pause_every_candidate_still_working_finishes_twelve_minutes_later(
        db: Database, hall: dict[str, int]) -> None:
    before = _finishes(db)
    assert before == {
        ("0001", "8300/1"): "09:00-10:53", ("0002", "8300/1"): "09:00-11:15", ("0003", "8300/1"): "09:00-11:08",
        ("0004", "8300/1"): "09:00-10:30", ("0005", "8300/1"): "09:00-10:30", ("0006", "8300/1"): "10:10-11:40",
        ("0006", "8145/1"): "09:00-10:00", ("0007", "8145/1"): "09:00-10:00", ("0008", "8145/1"): "09:00-10:00",
    }
    with db.session() as session:
        examday.pause_rooms(session, DAY, "AM", [HALL], at=at(9, 40))
    assert _finishes(db) == before  # held, not yet moved
    with db.session() as session:
        change = examday.resume_rooms(session, DAY, "AM", [HALL], at=at(9, 52))
    assert change.pauses[0].minutes == 12
    assert _finishes(db) == {
        ("0001", "8300/1"): "09:00-11:05", ("0002", "8300/1"): "09:00-11:27", ("0003", "8300/1"): "09:00-11:20",
        ("0004", "8300/1"): "09:00-10:42", ("0005", "8300/1"): "09:00-10:42", ("0006", "8300/1"): "10:22-11:52",
        ("0006", "8145/1"): "09:00-10:12", ("0007", "8145/1"): "09:00-10:12", ("0008", "8145/1"): "09:00-10:12",
    }


def test_the_kit_and_the_exam_day_list_read_the_moved_finishes(db: Database, hall: dict[str, int]) -> None:
    with db.session() as session:
        examday.pause_rooms(session, DAY, "AM", [HALL], at=at(9, 40))
        examday.resume_rooms(session, DAY, "AM", [HALL], at=at(9, 52))
    with db.session() as session:
        kit = examday.kit_for(session, DAY, "AM")
        listed = examday.session_list(session, DAY, "AM")
    assert {(c.candidate, hhmm(c.finish)) for c in kit.cards} >= {("0001", "11:05"), ("0006", "11:52")}
    assert {(r.candidate, hhmm(r.finish)) for r in listed} == {("0001", "11:05"), ("0002", "11:27"),
                                                               ("0003", "11:20")}


def test_the_board_shows_two_papers_and_three_extra_time_bands_and_moves_them_with_a_pause(
        db: Database, hall: dict[str, int]) -> None:
    with db.session() as session:
        board = examday.board_for(session, DAY, "AM", HALL)
    assert board.room == HALL
    assert [(p.code, p.times) for p in board.papers] == [("8145/1", "09:00–10:00"), ("8300/1", "09:00–10:30")]
    assert board.band_lines == [
        "8300/1, 25% extra time: finishes 10:53",
        "8300/1, 25% extra time, rest 10 min/hour: finishes 11:08",
        "8300/1, 50% extra time: finishes 11:15",
        "8300/1, after another paper: starts 10:10, finishes 11:40",
    ]
    assert board.when == "Tuesday 18 May 2027, morning"
    assert board.remaining(at(9, 45)) == "8145/1 ends in 15 min, at 10:00"
    assert all("Test" not in line for line in board.band_lines)  # never names
    with db.session() as session:
        examday.pause_rooms(session, DAY, "AM", [HALL], at=at(9, 40))
        held = examday.board_for(session, DAY, "AM", HALL)
        assert held.paused_since == at(9, 40)
        assert held.remaining(at(9, 45)) == "Paused at 09:40: finish times are held until the exam resumes"
        examday.resume_rooms(session, DAY, "AM", [HALL], at=at(9, 52))
        moved = examday.board_for(session, DAY, "AM", HALL)
    assert moved.paused_since is None
    assert [(p.code, p.times) for p in moved.papers] == [("8145/1", "09:00–10:12"), ("8300/1", "09:00–10:42")]
    assert moved.band_lines == [
        "8300/1, 25% extra time: finishes 11:05",
        "8300/1, 25% extra time, rest 10 min/hour: finishes 11:20",
        "8300/1, 50% extra time: finishes 11:27",
        "8300/1, after another paper: starts 10:22, finishes 11:52",
    ]
    assert moved.remaining(at(10, 41, 30)) == "8300/1 ends in 1 min, at 10:42"
    assert moved.remaining(at(10, 50)) == "Later finishes still running: the last at 11:52"
    assert moved.remaining(at(12, 0)) == "Every paper in this room has finished"


def test_candidate_numbers_show_on_the_board_only_when_the_centre_allows_it(db: Database,
                                                                           hall: dict[str, int]) -> None:
    from eoffice.domain import settings

    with db.session() as session:
        assert "(0001)" not in " ".join(examday.board_for(session, DAY, "AM", HALL).band_lines)
        settings.put(session, "board.candidate_numbers", True)
        lines = examday.board_for(session, DAY, "AM", HALL).band_lines
    assert "8300/1, 25% extra time: finishes 10:53 (0001)" in lines


def test_a_pause_and_a_resume_each_write_a_line_in_the_rooms_incident_log(db: Database,
                                                                          hall: dict[str, int]) -> None:
    with db.session() as session:
        examday.pause_rooms(session, DAY, "AM", [HALL], at=at(9, 40), reason="Fire alarm: room evacuated",
                            recorded_by="J. Patel")
        examday.resume_rooms(session, DAY, "AM", [HALL], at=at(9, 52), recorded_by="J. Patel")
        lines = examday.incidents(session, DAY, DAY, "AM", HALL)
    assert [(r.time_text, r.kind_label, r.fields.what, r.fields.recorded_by) for r in lines] == [
        ("09:40", "Exam paused", "Fire alarm: room evacuated", "J. Patel"),
        ("09:52", "Exam resumed", "Exam resumed after 12 minutes", "J. Patel"),
    ]


def test_pausing_a_paused_room_or_resuming_a_running_one_is_refused_and_stores_nothing(
        db: Database, hall: dict[str, int]) -> None:
    with db.session() as session:
        with pytest.raises(InputError, match="not paused"):
            examday.resume_rooms(session, DAY, "AM", [HALL], at=at(9, 52))
        examday.pause_rooms(session, DAY, "AM", [HALL], at=at(9, 40))
        with pytest.raises(InputError, match="Sports Hall is already paused since 09:40"):
            examday.pause_rooms(session, DAY, "AM", [HALL], at=at(9, 41))
        with pytest.raises(InputError, match="cannot resume before"):
            examday.resume_rooms(session, DAY, "AM", [HALL], at=at(9, 30))
        assert len(examday.pauses(session, DAY, DAY)) == 1


def test_undoing_a_pause_and_a_resume_takes_back_the_stops_and_their_log_lines(db: Database,
                                                                                hall: dict[str, int]) -> None:
    with db.session() as session:
        stopped = examday.pause_rooms(session, DAY, "AM", [HALL], at=at(9, 40))
        resumed = examday.resume_rooms(session, DAY, "AM", [HALL], at=at(9, 52))
        examday.undo_resume(session, resumed)
        assert examday.running_pauses(session, DAY, "AM").keys() == {HALL}
        examday.undo_pause(session, stopped)
        assert examday.pauses(session, DAY, DAY) == [] and examday.incidents(session, DAY, DAY) == []
    assert _finishes(db)[("0001", "8300/1")] == "09:00-10:53"


def test_every_room_of_the_session_can_pause_at_once(db: Database, hall: dict[str, int]) -> None:
    with db.session() as session:
        library = room(session, "Library", 20)
        moved = session.scalars(select(Placement).where(Placement.candidate_id == hall["c7"])).one()
        moved.room_id, moved.override = library, True
        rooms = examday.board_rooms(session, DAY, "AM")
        change = examday.pause_rooms(session, DAY, "AM", rooms, at=at(9, 40))
        assert rooms == ["Library", HALL] and change.rooms == ("Library", HALL) and len(change.lines) == 2
        assert examday.board_for(session, DAY, "AM", "Library").paused_since == at(9, 40)
        examday.resume_rooms(session, DAY, "AM", rooms, at=at(9, 52))
    assert _finishes(db)[("0008", "8145/1")] == "09:00-10:12"


# --- the incident log -------------------------------------------------------------------------------

def _line(**changes: object) -> IncidentFields:
    fields = {"on": DAY, "session": "AM", "room": HALL, "at": 10 * 60 + 5, "kind": "late_arrival",
              "what": "Arrived after the start", "candidates": ("7",), "action": "Admitted, full time given",
              "recorded_by": "J. Patel", "follow_up": "none"}
    fields.update(changes)
    return IncidentFields(**fields)  # type: ignore[arg-type]


def test_a_line_keeps_candidate_numbers_and_the_audit_log_never_says_what_happened(db: Database) -> None:
    with db.session() as session:
        made = examday.log_incident(session, _line(kind="taken_ill", what="Candidate felt faint; asthma",
                                                  follow_up="special_consideration"))
        summaries = list(session.scalars(select(AuditEntry.summary).where(AuditEntry.entity == "incident")))
    assert made.fields.candidates == ("0007",) and made.open
    assert summaries == ["incident logged: candidate taken ill at 10:05 in Sports Hall, Tue 18 May AM"]
    assert all("asthma" not in s and "faint" not in s for s in summaries)


def test_names_in_the_candidates_box_are_refused_without_quoting_them(db: Database) -> None:
    with db.session() as session, pytest.raises(InputError) as refused:
        examday.log_incident(session, _line(candidates=("Finn Watson",)))
    assert "Finn" not in str(refused.value) and "numbers only" in str(refused.value)


def test_a_late_arrival_more_than_an_hour_after_the_start_suggests_a_very_late_report() -> None:
    start = 9 * 60
    assert examday.suggested_follow_up("late_arrival", start + 60, start) == "none"  # exactly an hour: late
    assert examday.suggested_follow_up("late_arrival", start + 61, start) == "very_late"
    assert examday.suggested_follow_up("evacuation", start + 30, start) == "special_consideration"


def test_open_follow_ups_list_what_is_not_done_oldest_first_and_closing_one_takes_it_off(db: Database) -> None:
    with db.session() as session:
        late = examday.log_incident(session, _line(at=10 * 60 + 20, follow_up="very_late"))
        ill = examday.log_incident(session, _line(at=9 * 60 + 30, kind="taken_ill", what="Felt unwell",
                                                  follow_up="special_consideration"))
        examday.log_incident(session, _line(at=9 * 60 + 10, kind="other", what="Noise outside"))
        assert [r.id for r in examday.open_follow_ups(session, DAY, DAY)] == [ill.id, late.id]
        examday.set_follow_up_done(session, ill.id)
        assert [r.id for r in examday.open_follow_ups(session, DAY, DAY)] == [late.id]


def test_a_removed_line_comes_back_as_it_was_with_its_id(db: Database) -> None:
    with db.session() as session:
        made = examday.log_incident(session, _line())
        gone = examday.delete_incident(session, made.id)
        assert examday.incidents(session, DAY, DAY) == []
        back = examday.restore_incident(session, gone)
    assert back.id == made.id and back.fields == made.fields


def test_the_incident_log_of_a_series_holds_only_that_series(db: Database) -> None:
    from eoffice.domain.years import AcademicYear

    with db.session() as session:
        examday.log_incident(session, _line())
        examday.log_incident(session, _line(on=date(2026, 11, 9), what="November paper"))
        summer = examday.incident_log_for(session, AcademicYear(2026), "Summer")
        year = examday.incident_log_for(session, AcademicYear(2026))
        with pytest.raises(InputError, match="'Spring' is not a series"):
            examday.incident_log_for(session, AcademicYear(2026), "Spring")
    assert summer.label == "Summer 2027" and [r.fields.what for r in summer.lines] == ["Arrived after the start"]
    assert len(year.lines) == 2


def test_an_open_follow_up_is_on_the_overview_a_week_after_the_incident_without_what_happened(db: Database) -> None:
    from datetime import timedelta

    from eoffice.domain import overview
    from eoffice.domain.years import AcademicYear

    with db.session() as session:
        made = examday.log_incident(session, _line(at=10 * 60 + 20, what="Bus broke down", follow_up="very_late"))
        soon = overview.gather(session, AcademicYear(2026), DAY + timedelta(days=3))
        late = overview.gather(session, AcademicYear(2026), DAY + timedelta(days=8))
        examday.set_follow_up_done(session, made.id)
        done = overview.gather(session, AcademicYear(2026), DAY + timedelta(days=8))
    (item,) = [i for i in soon.ahead if i.kind == overview.INCIDENT_FOLLOW_UP]
    assert (item.on, item.title, item.who, item.tab_key, item.record_id) == (
        date(2027, 5, 25), "Very late arrival report", "Late arrival, Sports Hall, Tue 18 May AM", "access/incident",
        made.id)
    assert "Bus" not in item.title + item.who
    assert [i.countdown for i in late.overdue if i.kind == overview.INCIDENT_FOLLOW_UP] == ["1 day overdue"]
    assert not [i for i in done.overdue + done.ahead if i.kind == overview.INCIDENT_FOLLOW_UP]
