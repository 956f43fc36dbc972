"""The demo's candidates, timetable, entries and arrangements: sizes, realism, every status."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from eoffice.db.models import Candidate, Entry, Paper
from eoffice.db.session import Database, open_database
from eoffice.domain import access
from eoffice.domain.access import STATUSES, access_step, exam_days, papers
from eoffice.domain.demo import DEMO_STEPS, build_demo
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_access_step_runs_after_the_plan_and_key_dates() -> None:
    names = [step.__name__ for step in DEMO_STEPS]
    assert names.index("access_step") > names.index("plan_step")
    assert names.index("access_step") > names.index("keydates_step")
    assert access_step in DEMO_STEPS


def test_about_180_candidates_in_years_11_and_13(demo_db: Database) -> None:
    with demo_db.session() as session:
        found = access.candidates(session)
    assert 170 <= len(found) <= 190
    assert Counter(c.year_group for c in found).keys() == {11, 13}
    for c in found:
        # Everything the demo made passes the same checks as typed data.
        assert access.validate_candidate(c.fields, today=TODAY) == c.fields
        assert c.fields.uln and c.fields.uci and c.fields.uci.startswith("74125")
    assert any("ë" in c.surname or "ó" in c.forenames.lower() or "Ó" in c.surname for c in found)


def test_a_summer_timetable_of_real_looking_papers(demo_db: Database) -> None:
    with demo_db.session() as session:
        found = papers(session, AcademicYear(2026))
    assert len(found) >= 50
    assert {p.board for p in found} == {"AQA", "OCR", "Pearson", "WJEC Eduqas"}
    assert {p.qualification for p in found} == {"GCSE", "GCE A level"}
    assert {p.session for p in found} == {"AM", "PM"}
    assert all(date(2027, 5, 1) <= p.sat_on <= date(2027, 6, 30) and p.sat_on.weekday() < 5 for p in found)
    assert {"8700/1", "1MA1/1H", "J277/01", "9MA0/01", "7402/1", "C120P1"} <= {p.code for p in found}
    assert all((p.start_minutes, p.session) in ((540, "AM"), (810, "PM")) for p in found)


def test_exam_days_skip_the_half_term_week() -> None:
    days = exam_days(2027)
    assert days[0] == date(2027, 5, 10)
    assert not any(date(2027, 5, 31) <= d <= date(2027, 6, 4) for d in days)
    assert all(d.weekday() < 5 for d in days)


def test_entries_for_everyone(demo_db: Database) -> None:
    entries = count(demo_db, Entry)
    people = count(demo_db, Candidate)
    assert 8 * people <= entries <= 15 * people
    with demo_db.session() as session:
        unentered = session.scalar(
            select(func.count()).select_from(Candidate).where(~Candidate.id.in_(select(Entry.candidate_id))))
    assert unentered == 0


def test_about_12_percent_have_arrangements_in_every_status(demo_db: Database) -> None:
    with demo_db.session() as session:
        records = access.arrangements(session)
        people = len(access.candidates(session))
        for r in records:
            assert access.validate_arrangement(session, r.fields) == r.fields
    with_arrangements = {r.candidate_id for r in records}
    assert 0.10 * people <= len(with_arrangements) <= 0.14 * people
    assert {r.status for r in records} == set(STATUSES)
    approved = [r for r in records if r.status == "approved"]
    assert all(r.approved_on and r.expires_on and r.approved_on <= TODAY for r in approved)
    assert all(r.expires_on < TODAY for r in records if r.status == "expired")


def test_the_demo_shows_an_approval_running_out(demo_db: Database) -> None:
    with demo_db.session() as session:
        lines = access.overview_lines(session, AcademicYear(2026), TODAY)
    assert any("expire" in line for line in lines)


def test_scale_multiplies_candidates(tmp_path: Path) -> None:
    """How long it takes is the bench's business (bench/access_rows.py builds the same), not a test's."""
    with open_database(tmp_path / "ten.sqlite3") as db:
        with db.session() as session:
            build_demo(session, scale=10, today=TODAY)
        assert 1700 <= count(db, Candidate) <= 2000
        assert 17_000 <= count(db, Entry) <= 25_000
        assert count(db, Paper) < 100


def test_same_seed_same_demo(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        build_demo(session, today=TODAY, seed=5)
    with open_database(tmp_path / "again.sqlite3") as again, again.session() as session:
        build_demo(session, today=TODAY, seed=5)
        second = [(r.candidate_number, r.kind, r.status) for r in access.arrangements(session)]
    with db.session() as session:
        assert [(r.candidate_number, r.kind, r.status) for r in access.arrangements(session)] == second
