"""The half-termly meeting pack: a section from each area, as at one day."""

from __future__ import annotations

from datetime import date, timedelta

from eoffice.db.session import Database
from eoffice.domain import plan
from eoffice.domain.overview import meeting_pack
from eoffice.domain.plan import TaskFields
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

YEAR = AcademicYear(2026)


def test_the_demo_pack_has_every_section_in_order(demo_db: Database) -> None:
    with demo_db.session() as session:
        pack = meeting_pack(session, YEAR, TODAY)
    assert pack.centre == "Northfield Community Academy"
    assert pack.until == TODAY + timedelta(weeks=7)
    keys = [s.key for s in pack.sections]
    assert keys[:2] == ["plan", "keydates"] and keys[-1] == "standards"
    assert {"access", "invigilators"} <= set(keys)  # both areas are installed in this build


def test_the_plan_section_counts_by_phase_and_lists_what_is_overdue(db: Database) -> None:
    with db.session() as session:
        for title, due, status in (("Order papers", date(2026, 11, 2), "not_started"),
                                   ("Book rooms", date(2026, 10, 1), "done"),
                                   ("Seating plans", date(2026, 12, 1), "in_progress")):
            plan.add_task(session, YEAR, TaskFields(title, "pre_exams", "exams_officer", due, status=status))
        section = meeting_pack(session, YEAR, TODAY).sections[0]
    assert section.summary == "1 of 3 tasks done; 1 overdue."
    by_phase, overdue = section.tables
    assert by_phase.rows == (("Pre-exams", "1", "3", "33%"),)
    assert overdue.title == "Overdue tasks"
    assert overdue.rows == (("02/11/2026", "Order papers", "Exams officer", "21 days overdue"),)
    assert overdue.flags == ("overdue",)


def test_key_dates_are_those_of_the_next_half_term(demo_db: Database) -> None:
    with demo_db.session() as session:
        section = next(s for s in meeting_pack(session, YEAR, TODAY).sections if s.key == "keydates")
    for row in (section.tables[0].rows if section.tables else ()):
        day, month, year = map(int, row[0].split("/"))
        assert TODAY <= date(year, month, day) <= TODAY + timedelta(weeks=7)


def test_the_standards_section_has_the_grid_and_the_next_meeting(demo_db: Database) -> None:
    with demo_db.session() as session:
        section = meeting_pack(session, YEAR, TODAY).sections[-1]
    (grid,) = section.tables
    assert grid.columns == ("Exams officer", "K&U", "Key Skills", "V&A", "Meetings", "SLT", "Certificate")
    assert grid.rows[0][0] == "Priya Shah" and grid.rows[0][3] == "✓ Signed by both"
    assert section.lines[0].startswith("Priya Shah: 1 of 6 criteria met; next meeting")


def test_an_empty_centre_gets_every_section_in_plain_words(db: Database) -> None:
    """Every area always ships, so the pack always has its five sections; an empty one says so."""
    with db.session() as session:
        pack = meeting_pack(session, YEAR, TODAY)
    assert [s.key for s in pack.sections] == ["plan", "keydates", "access", "invigilators", "standards"]
    assert pack.sections[0].summary == "There is no exams plan for 2026/27 yet."
    assert pack.sections[3].summary == "Every active invigilator is trained and checked."
    assert pack.sections[-1].summary == "No exams officer is recorded."
