"""One candidate's exam timetable as an iCalendar file, written from hand-built records and
read back with ``icalendar``: an event per sitting on the UK's wall clock, UIDs that stay
the same from one export to the next, and nothing of any other candidate."""

from __future__ import annotations

import ast
import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar

from eoffice import clock
from eoffice.domain.examday import TimetableSitting
from eoffice.io import timetable_ics
from eoffice.io.timetable_ics import write_timetable_ics
from tests.conftest import FROZEN_AT
from tests.io.test_timetable_pdf import CLASH, FINN, GEOGRAPHY, SIAN

DATABASE = "4f1c2a9e"
STAMP = datetime(2027, 4, 1, 8, 30, tzinfo=UTC)


def write(tmp_path: Path, timetable: Any = FINN, name: str = "timetable.ics", **changes: Any) -> Path:
    return write_timetable_ics(tmp_path / name, timetable, database_id=DATABASE, **({"stamp": STAMP} | changes))


def events(path: Path) -> list[Any]:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def by_code(path: Path) -> dict[str, Any]:
    return {str(e["SUMMARY"]).split()[0]: e for e in events(path)}


def personal(path: Path) -> str:
    """The calendar's own words and its events, without the time zone's table of dates (whose
    digits could match a candidate number by chance)."""
    calendar = Calendar.from_ical(path.read_bytes())
    calendar.subcomponents = [c for c in calendar.subcomponents if c.name != "VTIMEZONE"]
    return " ".join(calendar.to_ical().decode("utf-8").replace("\r\n ", "").split())


def test_the_file_is_written_whole_and_leaves_no_partial_file(tmp_path: Path) -> None:
    path = write(tmp_path)
    assert path == tmp_path / "timetable.ics"
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["timetable.ics"]


def test_each_sitting_is_one_event_from_the_candidates_own_start_to_their_own_finish_on_uk_time(tmp_path: Path) -> None:
    found = by_code(write(tmp_path))
    assert sorted(found) == ["1MA1/1H", "8035/1", "8145/1"]
    geography, history = found["8035/1"], found["8145/1"]
    start, end = geography.decoded("DTSTART"), geography.decoded("DTEND")
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (datetime(2027, 5, 12, 9, 0),
                                                                      datetime(2027, 5, 12, 10, 53))
    assert str(start.tzinfo) == "Europe/London" and start.utcoffset() == timedelta(hours=1)  # BST in May
    assert start.astimezone(UTC) == datetime(2027, 5, 12, 8, 0, tzinfo=UTC)
    assert geography["DTSTART"].params["TZID"] == "Europe/London"
    assert history.decoded("DTSTART") == datetime(2027, 5, 12, 11, 3, tzinfo=clock.UK)
    assert history.decoded("DTEND") == datetime(2027, 5, 12, 13, 33, tzinfo=clock.UK)
    assert str(geography["SUMMARY"]) == f"8035/1 {GEOGRAPHY} (AQA)"


def test_a_winter_exam_is_on_greenwich_mean_time(tmp_path: Path) -> None:
    january = dataclasses.replace(FINN.sittings[0], on=date(2027, 1, 12))
    (event,) = events(write(tmp_path, dataclasses.replace(FINN, sittings=(january,))))
    start = event.decoded("DTSTART")
    assert start.utcoffset() == timedelta(0)
    assert start.astimezone(UTC) == datetime(2027, 1, 12, 9, 0, tzinfo=UTC)


def test_the_calendar_carries_the_london_time_zone(tmp_path: Path) -> None:
    calendar = Calendar.from_ical(write(tmp_path).read_bytes())
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(calendar["PRODID"]) == timetable_ics.PRODID


def test_uids_stay_the_same_across_exports_and_differ_for_each_paper_and_candidate(tmp_path: Path) -> None:
    first = write(tmp_path, name="first.ics", stamp=STAMP)
    second = write(tmp_path, name="second.ics", stamp=STAMP + timedelta(days=30))
    uids = [str(e["UID"]) for e in events(first)]
    assert uids == [str(e["UID"]) for e in events(second)]
    assert len(set(uids)) == 3
    assert uids[0] == f"sitting-0012-101@{DATABASE}.eoffice"
    assert [e.decoded("DTSTAMP") for e in events(first)] == [STAMP] * 3
    assert [e.decoded("DTSTAMP") for e in events(second)] == [STAMP + timedelta(days=30)] * 3
    same_paper = dataclasses.replace(SIAN, sittings=(dataclasses.replace(FINN.sittings[0]),))
    (other,) = events(write(tmp_path, same_paper, name="other.ics"))
    assert str(other["UID"]) == f"sitting-0013-101@{DATABASE}.eoffice" and str(other["UID"]) not in uids


def test_the_stamp_comes_from_the_one_clock_when_none_is_given(tmp_path: Path) -> None:
    path = write_timetable_ics(tmp_path / "timetable.ics", FINN, database_id=DATABASE)
    assert {e.decoded("DTSTAMP") for e in events(path)} == {FROZEN_AT.astimezone(UTC)}


def test_the_location_is_the_room_and_desk_and_is_left_out_until_the_room_is_known(tmp_path: Path) -> None:
    unseated: TimetableSitting = dataclasses.replace(FINN.sittings[1], desk="")
    found = by_code(write(tmp_path, dataclasses.replace(FINN, sittings=(FINN.sittings[0], unseated, FINN.sittings[2]))))
    assert str(found["8035/1"]["LOCATION"]) == "Library, desk D1"
    assert str(found["8145/1"]["LOCATION"]) == "Library"
    assert "LOCATION" not in found["1MA1/1H"]
    assert "Room: to be confirmed" in str(found["1MA1/1H"]["DESCRIPTION"])


def test_the_description_gives_the_paper_session_times_and_the_arrangement_in_words(tmp_path: Path) -> None:
    found = by_code(write(tmp_path))
    history = str(found["8145/1"]["DESCRIPTION"]).splitlines()
    assert "Board: AQA" in history
    assert "Paper: 8145/1 History Paper 1: Understanding the modern world" in history
    assert "Session: Wed 12/05/2027 AM" in history
    assert "Start: 11:03" in history
    assert any(line.startswith("Finish: 13:33") for line in history)
    assert f"Arrangement: {CLASH}" in history
    assert not any(line.startswith("Arrangement") for line in str(found["8035/1"]["DESCRIPTION"]).splitlines())


def test_the_calendar_is_named_for_its_candidate_and_carries_nobody_else(tmp_path: Path) -> None:
    finn = write(tmp_path, FINN, name="finn.ics")
    sian = write(tmp_path, SIAN, name="sian.ics")
    assert str(Calendar.from_ical(finn.read_bytes())["X-WR-CALNAME"]) == "Finn Watson: exams 2026/27"
    finn_text, sian_text = personal(finn), personal(sian)
    assert not any(word in finn_text for word in ("Siân", "Brontë", "0013"))
    assert not any(word in sian_text for word in ("Finn", "Watson", "0012"))
    assert "Siân Brontë-Ndiaye: exams 2026/27" in sian_text
    assert events(sian) == []  # nothing timetabled yet


def test_a_late_finish_is_a_time_and_never_a_reason(tmp_path: Path) -> None:
    words = write(tmp_path).read_text(encoding="utf-8").casefold()
    assert not any(reason in words for reason in ("extra time", "25%", "rest break", "reader", "scribe", "medical"))


def test_the_calendar_writer_formats_and_calls_no_domain_rule() -> None:
    tree = ast.parse(Path(timetable_ics.__file__).read_text(encoding="utf-8"))
    imported = {(node.module, alias.name) for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eoffice.domain")
                for alias in node.names}
    assert {name for module, name in imported if module == "eoffice.domain.examday"} <= {
        "CandidateTimetable", "TimetableSitting"}
    assert {(m, n) for m, n in imported if m != "eoffice.domain.examday"} <= {
        ("eoffice.domain.access", "clock"), ("eoffice.domain.dates", "format_date")}
