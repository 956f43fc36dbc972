"""Arrangements: defaults, validation, the expiry rule, audit wording, undo, warnings, Overview."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy.orm import Session

from eoffice.db.models import Assignment, Invigilator, Placement, Room
from eoffice.db.session import Database
from eoffice.domain import access, audit, keydates, settings
from eoffice.domain.access import (
    EXPIRES,
    NO_HELPER,
    NO_ROOM,
    NOT_APPLIED,
    CandidateFields,
    PaperFields,
    add_candidate,
    add_entries,
    add_paper,
)
from eoffice.domain.keydates import KeyDateFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from tests.conftest import TODAY

YEAR = AcademicYear(2026)
FIRST, LAST = date(2027, 5, 10), date(2027, 6, 15)


def candidate(session: Session, number: int = 42) -> int:
    return add_candidate(session, CandidateFields(number, "Evans", "Siân", year_group=11), today=TODAY).id


def sits(session: Session, candidate_id: int, *days: tuple[date, str]) -> list[int]:
    """Enter the candidate for one paper on each (day, session); papers are made as needed."""
    ids = []
    for day, sess in days:
        code = f"P{day:%m%d}{sess}"
        found = [p for p in _papers(session) if p.code == code]
        paper = found[0] if found else add_paper(session, PaperFields("AQA", code, "Paper", day, sess, 540, 90, "GCSE"))
        ids.append(paper.id)
        add_entries(session, [(candidate_id, paper.id)])
    return ids


def _papers(session: Session) -> list:
    from eoffice.domain.access import papers

    return papers(session)


# --- fields ------------------------------------------------------------------------------

def test_new_fields_take_the_types_defaults() -> None:
    f = access.new_fields("extra_time_25")
    assert (f.route, f.extra_time_percent, f.room_need, f.status) == ("aao", 25, "none", "to_assess")
    assert access.new_fields("extra_time_up_to_50").route == "referred"
    assert access.new_fields("reader").room_need == "reader"
    assert access.new_fields("rest_breaks", rest_minutes_per_hour=10).route == "delegated"
    with pytest.raises(InputError):
        access.new_fields("hovercraft")


@pytest.mark.parametrize("text, percent", [("25", 25), ("25%", 25), (" 25 % ", 25), ("up to 50", 50), ("Up to 50%", 50),
                                           ("over 50", 100), ("Over 50%", 100), (33, 33), (100.0, 100), ("", None), (None, None)])
def test_extra_time_as_written(text: object, percent: int | None) -> None:
    assert access.parse_extra_time(text) == percent


@pytest.mark.parametrize("text", ["lots", "0", "201", "25 minutes", "-25"])
def test_bad_extra_time_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="extra time"):
        access.parse_extra_time(text)


@pytest.mark.parametrize("text, kind", [("25% extra time", "extra_time_25"), ("extra_time_25", "extra_time_25"),
                                        ("READER", "reader"), ("separate invigilation", "separate_invigilation"),
                                        ("Other", "other")])
def test_kinds_by_key_or_label(text: str, kind: str) -> None:
    assert access.parse_kind(text) == kind


def test_validation_refuses_out_of_range_values(db: Database) -> None:
    with db.session() as session:
        base = access.new_fields("extra_time_25")
        for bad, message in (
            (replace(base, extra_time_percent=0), "extra time"), (replace(base, extra_time_percent=201), "extra time"),
            (replace(base, rest_minutes_per_hour=31), "rest breaks"), (replace(base, rest_minutes_per_hour=-1), "rest"),
            (replace(base, status="pending"), "status"), (replace(base, route="post"), "route"),
            (replace(base, room_need="hall"), "room need"), (replace(base, reference="x" * 61), "reference"),
            (replace(base, approved_on=date(2026, 3, 1), expires_on=date(2026, 2, 1)), "before the approval"),
        ):
            with pytest.raises(InputError, match=message):
                access.validate_arrangement(session, bad)
        assert access.validate_arrangement(session, replace(base, extra_time_percent=200, rest_minutes_per_hour=30))


# --- expiry --------------------------------------------------------------------------------

@pytest.mark.parametrize("approved, expires", [
    (date(2026, 3, 15), date(2028, 5, 15)),
    (date(2025, 12, 31), date(2028, 2, 29)),  # 2028 is a leap year: the month's last day
    (date(2026, 12, 31), date(2029, 2, 28)),
    (date(2026, 1, 31), date(2028, 3, 31)),
])
def test_expiry_is_approval_plus_26_months(db: Database, approved: date, expires: date) -> None:
    with db.session() as session:
        assert access.default_expiry(session, approved) == expires


def test_end_of_month_is_safe() -> None:
    assert access.add_months(date(2025, 12, 31), 26) == date(2028, 2, 29)
    assert access.add_months(date(2025, 12, 31), 2) == date(2026, 2, 28)
    assert access.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)


def test_expiry_months_is_a_setting(db: Database) -> None:
    with db.session() as session:
        settings.put(session, "access.expiry_months", 24)
        assert access.default_expiry(session, date(2026, 3, 15)) == date(2028, 3, 15)


def test_approval_fills_the_expiry_unless_given(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        made = access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="approved",
                                                                       approved_on=date(2026, 3, 15)))
        assert made.expires_on == date(2028, 5, 15)
        own = access.add_arrangement(session, cid, access.new_fields("reader", approved_on=date(2026, 3, 15),
                                                                     expires_on=date(2027, 1, 1)))
        assert own.expires_on == date(2027, 1, 1)


# --- storing, audit, undo ----------------------------------------------------------------------

def test_audit_names_the_record_only(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        made = access.add_arrangement(session, cid, access.new_fields("extra_time_25", notes="dyslexia report"))
        access.update_arrangement(session, made.id, replace(made.fields, status="evidence", notes="new notes"))
        access.delete_arrangements(session, [made.id])
        summaries = [e.summary for e in audit.entries(session, limit=3)]
    n = made.id
    assert summaries == [f"arrangement {n} for candidate 0042 deleted",
                         f"arrangement {n} for candidate 0042 changed: status, notes",
                         f"arrangement {n} for candidate 0042 added"]
    assert not any("dyslexia" in s or "extra" in s for s in summaries)


def test_delete_and_restore_keep_ids_and_fields(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        made = access.add_arrangement(session, cid, access.new_fields("scribe", reference="AAO123"))
        gone = access.delete_arrangements(session, [made.id])
        assert access.arrangements(session) == []
        access.restore_arrangements(session, gone)
        assert access.arrangements(session) == [made]
        assert access.arrangement(session, made.id).label == "Scribe"


def test_set_status_and_put_back(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        made = access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="applied"))
        before = access.set_status(session, [made.id], "approved", approved_on=date(2026, 11, 20))
        now = access.arrangement(session, made.id)
        assert (now.status, now.approved_on, now.expires_on) == ("approved", date(2026, 11, 20), date(2029, 1, 20))
        access.put_back_fields(session, before)
        assert access.arrangement(session, made.id) == made


def test_unknown_candidate_or_arrangement(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(InputError, match="no candidate"):
            access.add_arrangement(session, 99, access.new_fields("reader"))
        with pytest.raises(InputError, match="no arrangement"):
            access.arrangement(session, 99)


def test_candidate_timing_takes_the_largest_in_force(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        for kind, changes in (("extra_time_25", {"status": "approved"}),
                              ("extra_time_up_to_50", {"status": "applied"}),  # not yet in force
                              ("rest_breaks", {"status": "approved", "rest_minutes_per_hour": 10}),
                              ("reader", {"status": "approved", "approved_on": date(2024, 1, 1)})):  # expired 03/2026
            access.add_arrangement(session, cid, access.new_fields(kind, **changes))
        records = access.arrangements(session, cid)
    assert access.candidate_timing(records, FIRST) == (25, 10)
    assert access.candidate_timing([], FIRST) == (None, None)
    assert access.describe_timing(25, 10) == "25% extra time, rest 10 min/hour"


# --- warnings -------------------------------------------------------------------------------

def test_an_approval_that_runs_out_before_the_last_exam(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        sits(session, cid, (FIRST, "AM"), (LAST, "PM"))
        made = access.add_arrangement(session, cid, access.new_fields(
            "extra_time_25", status="approved", approved_on=date(2025, 3, 20)))  # expires 20/05/2027
        safe = candidate(session, 43)
        sits(session, safe, (LAST, "PM"))
        access.add_arrangement(session, safe, access.new_fields("extra_time_25", status="approved",
                                                                approved_on=date(2026, 1, 5)))
        found = [w for w in access.warnings(session, YEAR, TODAY) if w.kind == EXPIRES]
        lines = access.overview_lines(session, YEAR, TODAY)
    assert [(w.arrangement_id, w.candidate_number) for w in found] == [(made.id, 42)]
    assert found[0].message == "approval expires 20/05/2027, before the candidate's last exam on 15/06/2027"
    assert lines[0] == "1 approval expires before the candidate's last exam"


def _pending(session: Session) -> int:
    cid = candidate(session)
    sits(session, cid, (FIRST, "AM"))
    access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="evidence"))
    access.add_arrangement(session, cid, access.new_fields("word_processor"))  # delegated: no application
    return cid


def test_application_not_made_as_the_key_date_nears(db: Database) -> None:
    with db.session() as session:
        _pending(session)
        keydates.add_key_date(session, YEAR, KeyDateFields(
            on=date(2027, 3, 21), title="AAO applications for the June series", series="Summer", body="JCQ",
            category="access_arrangements"))
        assert access.warnings(session, YEAR, date(2027, 2, 20)) == []  # 29 days before: not yet
        found = access.warnings(session, YEAR, date(2027, 3, 9))
        assert [w.kind for w in found] == [NOT_APPLIED]
        assert found[0].deadline == date(2027, 3, 21)
        assert access.overview_lines(session, YEAR, date(2027, 3, 9)) == [
            "1 application not yet made, AAO deadline 21/03/2027 in 12 days"]
        assert "passed 2 days ago" in access.warnings(session, YEAR, date(2027, 3, 23))[0].message


def test_the_deadline_is_the_years_earliest_access_key_date_for_the_series(db: Database) -> None:
    """An "All year" access-arrangements key date counts for every series; the earliest wins;
    a key date of another category, or of another year, does not count."""
    with db.session() as session:
        _pending(session)
        for on, title, series, category, year in (
                (date(2027, 3, 25), "AAO applications for the June series", "Summer", "access_arrangements", YEAR),
                (date(2027, 3, 14), "AAO: every series this year", "All year", "access_arrangements", YEAR),
                (date(2027, 3, 1), "Entries for the June series", "Summer", "entries", YEAR),
                (date(2026, 3, 1), "AAO applications, last year", "Summer", "access_arrangements", YEAR.previous())):
            keydates.add_key_date(session, year, KeyDateFields(on=on, title=title, series=series, body="JCQ",
                                                                category=category))
        found = access.warnings(session, YEAR, date(2027, 3, 1))
    assert [(w.kind, w.deadline) for w in found] == [(NOT_APPLIED, date(2027, 3, 14))]


def test_modified_papers_use_their_own_key_date(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        sits(session, cid, (FIRST, "AM"))
        access.add_arrangement(session, cid, access.new_fields("modified_papers", status="to_assess"))
        for on, title in ((date(2027, 1, 31), "Modified papers orders for June"), (date(2027, 3, 21), "AAO deadline")):
            keydates.add_key_date(session, YEAR, KeyDateFields(on=on, title=title, series="Summer", body="JCQ",
                                                               category="access_arrangements"))
        found = access.warnings(session, YEAR, date(2027, 1, 20))
    assert [(w.deadline, w.deadline_label) for w in found] == [(date(2027, 1, 31), "modified papers")]


def test_without_key_dates_the_deadline_comes_from_the_first_exam(db: Database) -> None:
    with db.session() as session:
        _pending(session)
        # 60 days (a setting) before the first exam on 10/05/2027 is 11/03/2027; warned 28 days before.
        assert access.warnings(session, YEAR, date(2027, 2, 10)) == []
        found = access.warnings(session, YEAR, date(2027, 2, 11))
        assert [w.deadline for w in found] == [date(2027, 3, 11)]
        settings.put(session, "access.fallback_deadline_days_before_series", 30)
        assert access.warnings(session, YEAR, date(2027, 2, 11)) == []


def test_the_deadline_is_the_series_of_the_candidates_next_exam(db: Database) -> None:
    """A resit candidate sat in November; on 1 December their next exam is in the summer."""
    with db.session() as session:
        cid = candidate(session)
        sits(session, cid, (date(2026, 11, 4), "AM"), (FIRST, "AM"))
        access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="evidence"))
        sits(session, candidate(session, 43), (date(2027, 1, 12), "AM"))  # the centre's next series is January
        for on, series in ((date(2026, 12, 10), "January"), (date(2027, 3, 21), "Summer")):
            keydates.add_key_date(session, YEAR, KeyDateFields(
                on=on, title=f"AAO applications for the {series} series", series=series, body="JCQ",
                category="access_arrangements"))
        assert access.warnings(session, YEAR, date(2026, 12, 1)) == []  # the January date is not theirs
        found = access.warnings(session, YEAR, date(2027, 3, 1))
    assert [(w.kind, w.deadline) for w in found] == [(NOT_APPLIED, date(2027, 3, 21))]


def test_an_application_made_is_not_warned(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        sits(session, cid, (FIRST, "AM"))
        access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="applied"))
        assert access.warnings(session, YEAR, date(2027, 4, 1)) == []


def _room(session: Session, name: str, separate: bool) -> int:
    room = Room(name=name, capacity=10, separate=separate)
    session.add(room)
    session.flush()
    return room.id


def test_room_and_helper_warnings_until_the_roster_assigns_them(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        sits(session, cid, (FIRST, "AM"), (LAST, "PM"))
        reader = access.add_arrangement(session, cid, access.new_fields("reader", status="approved"))
        found = access.warnings(session, YEAR, TODAY)
        assert sorted((w.kind, w.message) for w in found) == [
            (NO_HELPER, "no reader assigned for 2 of 2 sessions"), (NO_ROOM, "no separate room assigned for 2 of 2 sessions")]
        assert access.overview_lines(session, YEAR, TODAY) == ["1 arrangement still needs a room or helper for exam day"]
        hall, small = _room(session, "Main hall", False), _room(session, "Room 12", True)
        session.add_all([Placement(candidate_id=cid, on=FIRST, session="AM", room_id=small),
                         Placement(candidate_id=cid, on=LAST, session="PM", room_id=hall)])
        helper = Invigilator(name="Pat Reader", roles="invigilator;reader")
        session.add(helper)
        session.flush()
        session.add(Assignment(invigilator_id=helper.id, on=FIRST, session="AM", room_id=small, role="reader"))
        session.flush()
        found = access.warnings(session, YEAR, TODAY)
        assert sorted((w.kind, w.message, w.arrangement_id) for w in found) == [
            (NO_HELPER, "no reader assigned for 1 of 2 sessions", reader.id),
            (NO_ROOM, "no separate room assigned for 1 of 2 sessions", reader.id)]
        session.query(Placement).filter_by(on=LAST).update({"room_id": small})
        session.add(Assignment(invigilator_id=helper.id, on=LAST, session="PM", room_id=small, role="reader"))
        session.flush()
        assert access.warnings(session, YEAR, TODAY) == []
        # A second reader candidate in the same room needs a second reader.
        other = candidate(session, 43)
        sits(session, other, (FIRST, "AM"))
        access.add_arrangement(session, other, access.new_fields("reader", status="approved"))
        session.add(Placement(candidate_id=other, on=FIRST, session="AM", room_id=small))
        session.flush()
        assert {w.kind for w in access.warnings(session, YEAR, TODAY)} == {NO_HELPER}


def test_needs_that_are_not_approved_or_need_nothing_are_not_warned(db: Database) -> None:
    with db.session() as session:
        cid = candidate(session)
        sits(session, cid, (FIRST, "AM"))
        access.add_arrangement(session, cid, access.new_fields("reader", status="applied", reference="R"))
        access.add_arrangement(session, cid, access.new_fields("word_processor", status="approved"))
        access.add_arrangement(session, cid, access.new_fields("coloured_overlays", status="approved"))
        assert access.warnings(session, YEAR, TODAY) == []


def test_overview_when_nothing_needs_attention(db: Database) -> None:
    with db.session() as session:
        assert access.overview_lines(session, YEAR, TODAY) == ["No access arrangements recorded"]
        cid = candidate(session)
        access.add_arrangement(session, cid, access.new_fields("coloured_overlays", status="approved"))
        assert access.overview_lines(session, YEAR, TODAY) == ["1 access arrangement; nothing needs attention"]
