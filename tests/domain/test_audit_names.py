"""The audit log names what changed (``Person: Tom Barker``), one query per kind of record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event
from sqlalchemy.orm import Session

from eoffice.db.models import AcademicYear, Arrangement, Candidate, Person, PlanTask
from eoffice.db.session import Database
from eoffice.domain import audit, audit_names

WHEN = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
HEALTH = "Diagnosed with dyslexia; anxiety"


def _log(session: Session, entity: str, entity_id: object, summary: str = "changed") -> None:
    audit.record(session, "update", entity, entity_id, summary, actor="jo", at=WHEN)


def _centre(session: Session) -> dict[str, int]:
    year = AcademicYear(start_year=2026)
    person = Person(name="Tom Barker", role="exams_officer")
    candidate = Candidate(number=42, surname="Smith", forenames="Jane")
    session.add_all([year, person, candidate])
    session.flush()
    task = PlanTask(year_id=year.id, title="Submit summer entries to AQA", phase="entries", owner="officer",
                    due=date(2027, 2, 21))
    arrangement = Arrangement(candidate_id=candidate.id, kind="extra_time_25", route="aao", notes=HEALTH,
                              normal_way_of_working=HEALTH, assessor="Dr Ward")
    session.add_all([task, arrangement])
    session.flush()
    return {"person": person.id, "candidate": candidate.id, "task": task.id, "arrangement": arrangement.id}


@contextmanager
def _counting(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_records_are_named_by_name_and_title(db: Database) -> None:
    with db.session() as session:
        ids = _centre(session)
        _log(session, "person", ids["person"], "password changed")
        _log(session, "plan_task", ids["task"])
        _log(session, "candidate", ids["candidate"])
        _log(session, "placement", ids["candidate"], "room set")
        _log(session, "clash_decision", ids["candidate"])
    with db.session() as session:
        named = {r.entity: r for r in audit_names.named_entries(session)}
    assert named["person"].what == "Person: Tom Barker"
    assert named["person"].summary == "password changed"
    assert named["person"].entity_id == str(ids["person"])  # the id stays, for tracing
    assert named["plan_task"].what == "Plan task: Submit summer entries to AQA"
    assert named["candidate"].what == "Candidate: 0042 Smith, Jane"
    assert named["placement"].what == "Candidate placement: 0042 Smith, Jane"
    assert named["clash_decision"].name == "0042 Smith, Jane"
    assert not any(r.gone for r in named.values())


def test_an_arrangement_is_named_by_its_type_and_candidate_never_its_notes(db: Database) -> None:
    with db.session() as session:
        ids = _centre(session)
        _log(session, "arrangement", ids["arrangement"], "arrangement 1 for candidate 0042 added")
    with db.session() as session:
        [record] = audit_names.named_entries(session)
    assert record.what == "Access arrangement: 25% extra time for 0042 Smith, Jane"
    assert "dyslexia" not in repr(record).lower()
    assert "Ward" not in repr(record)


def test_a_deleted_record_keeps_its_label_id_and_summary(db: Database) -> None:
    with db.session() as session:
        _centre(session)
        _log(session, "plan_task", 93, "task deleted from 2026/27")
        _log(session, "arrangement", 7, "arrangement 7 for candidate 0042 deleted")
    with db.session() as session:
        task, arrangement = sorted(audit_names.named_entries(session), key=lambda r: r.entity, reverse=True)
    assert (task.name, task.gone, task.what) == (None, True, "Plan task 93 (deleted)")
    assert task.summary == "task deleted from 2026/27"
    assert arrangement.what == "Access arrangement 7 (deleted)"


def test_records_without_a_row_id(db: Database) -> None:
    with db.session() as session:
        _log(session, "placement", None, "180 candidates given desks")
        _log(session, "academic_year", "2026/27", "year 2026/27 added")
        _log(session, "setting", "keydates.internal_days.entries", "changed")
        _log(session, "exam_room", 3)  # a kind nobody names yet: its label and id, not "deleted"
        _log(session, "person", "not-a-number")
    with db.session() as session:
        named = {r.entity: r for r in audit_names.named_entries(session)}
    assert named["placement"].what == "Candidate placement"
    assert named["academic_year"].what == "Academic year: 2026/27"
    assert named["setting"].what == "Setting: Internal deadline for entries"
    assert (named["exam_room"].what, named["exam_room"].gone) == ("Exam room 3", False)
    assert (named["person"].what, named["person"].gone) == ("Person not-a-number", False)


def test_one_query_per_kind_however_many_rows(db: Database) -> None:
    with db.session() as session:
        ids = _centre(session)
        for n in range(1200):  # more than WHOLE_TABLE_FROM: the whole table in one query
            _log(session, "plan_task", ids["task"] if n % 2 else 10_000 + n)
        for _ in range(300):  # fewer: one IN query
            _log(session, "person", ids["person"])
            _log(session, "placement", ids["candidate"])
            _log(session, "candidate", ids["candidate"])  # shares the placement's query
        _log(session, "placement", None)
    assert 1200 > audit_names.WHOLE_TABLE_FROM > 300
    with db.session() as session:
        records = audit.entries(session)
        with _counting(session) as statements:
            named = audit_names.named(session, records)
    assert len(statements) == 3, statements
    assert [r.id for r in named] == [r.id for r in records]  # the same rows in the same order
    tasks = [r for r in named if r.entity == "plan_task"]
    assert sum(r.gone for r in tasks) == 600
    assert {r.name for r in tasks if not r.gone} == {"Submit summer entries to AQA"}


def test_named_entries_keeps_the_order_and_the_limit(db: Database) -> None:
    with db.session() as session:
        ids = _centre(session)
        for n in range(5):
            audit.record(session, "update", "person", ids["person"], f"change {n}", at=WHEN + timedelta(minutes=n))
    with db.session() as session:
        named = audit_names.named_entries(session, limit=3)
    assert [r.summary for r in named] == ["change 4", "change 3", "change 2"]
    assert {r.what for r in named} == {"Person: Tom Barker"}
