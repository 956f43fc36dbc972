"""The demo centre's Professional Standards: last year earned, this year in progress with two meetings."""

from __future__ import annotations

from datetime import date, datetime

from eoffice.db.session import Database
from eoffice.domain import standards
from eoffice.domain.accounts import passwords, people
from eoffice.domain.standards import (
    ASSISTANT_PASSWORD,
    MANAGER_PASSWORD,
    OFFICER_PASSWORD,
    certificate,
    certificate_eligibility,
    grid,
    load,
    reminder,
)
from eoffice.domain.standards import demo as standards_demo
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

CURRENT = AcademicYear(2026)
PREVIOUS = AcademicYear(2025)


def test_last_year_earned_the_certificate(demo_db: Database) -> None:
    with demo_db.session() as session:
        (record,) = standards.years_in(session, PREVIOUS)
        st = load(session, record.id)
        assert (record.officer, record.experience) == ("Priya Shah", "experienced")
        assert certificate_eligibility(st) == []
        earned = certificate(session, record.id)
        assert (earned.line_manager, earned.centre) == ("Daniel O'Connor", "Northfield Community Academy")
        assert PREVIOUS.contains(earned.declared_on)
        assert all(s.valid for s in st.signatures)
        assert {s.kind for s in st.signatures} == {"values_officer", "values_line_manager", "slt_declaration"}


def test_this_year_is_in_progress_with_two_meetings(demo_db: Database) -> None:
    with demo_db.session() as session:
        (row,) = grid(session, CURRENT)
        assert row.officer == "Priya Shah" and row.standards is not None
        st = row.standards
        assert [m.kind for m in st.meetings] == ["target_setting", "review"]
        assert all(m.held_on < TODAY for m in st.meetings)
        words = {c.key: (c.met, c.word) for c in row.cells}
        assert words["values"] == (True, "Signed by both")
        assert words["certificate"] == (False, "Not yet")
        assert not words["knowledge"][0] and not words["skills"][0]
        assert len(st.skills) == 3
        assert "SLT declaration: not yet signed by the line manager" in certificate_eligibility(st)
        due = reminder(session, st, TODAY)
        assert due.due is not None and due.due > st.meetings[-1].held_on
        assert standards.overview_lines(session, CURRENT, TODAY) == [
            f"Standards 2026/27: 1 of 6 criteria met; {due.text}"
        ]


def test_the_demo_passwords_work_and_the_assistant_has_one(demo_db: Database) -> None:
    now = datetime(2026, 11, 23, 9, 0)
    with demo_db.session() as session:
        for role, password in (("exams_officer", OFFICER_PASSWORD), ("line_manager", MANAGER_PASSWORD),
                               ("exams_assistant", ASSISTANT_PASSWORD)):
            person = people.named_in_role(session, role)
            assert person is not None
            assert passwords.verify(session, person.id, password, now=now).id == person.id
    doc = standards_demo.__doc__ or ""
    assert all(p in doc for p in ("officer-demo-2026", "manager-demo-2026", "assistant-demo-2026"))


def test_the_demo_looks_current_early_in_the_year(db: Database) -> None:
    from eoffice.domain.demo import build_demo

    early = date(2026, 9, 3)
    with db.session() as session:
        build_demo(session, today=early)
        (row,) = grid(session, CURRENT)
        assert row.standards is not None
        assert len(row.standards.meetings) == 2
        assert all(CURRENT.contains(m.held_on) and m.held_on <= early for m in row.standards.meetings)
