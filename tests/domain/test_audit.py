"""The audit log: written in the caller's transaction, read newest first, in UTC."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from eoffice.db.session import Database
from eoffice.domain import audit
from tests.conftest import FrozenClock


@pytest.fixture(autouse=True)
def no_actor() -> Iterator[None]:
    audit.set_actor(None)
    yield
    audit.set_actor(None)


def test_record_then_read_back(db: Database) -> None:
    when = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    with db.session() as session:
        audit.record(session, "create", "person", 42, "Exams officer added", actor="jo", at=when)
    with db.session() as session:
        [entry] = audit.entries(session)
        assert audit.count(session) == 1
    assert entry.at == when
    assert entry.at.tzinfo is UTC
    assert (entry.actor, entry.action, entry.entity, entry.entity_id, entry.summary) == (
        "jo",
        "create",
        "person",
        "42",
        "Exams officer added",
    )


def test_entity_id_is_optional(db: Database) -> None:
    with db.session() as session:
        audit.record(session, "update", "centre")
    with db.session() as session:
        [entry] = audit.entries(session)
    assert entry.entity_id is None
    assert entry.summary == ""


def test_entry_in_a_rolled_back_transaction_vanishes(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        audit.record(session, "create", "person", 1, "added")
        session.flush()
        raise RuntimeError("the change failed")
    with db.session() as session:
        assert audit.count(session) == 0
        assert audit.entries(session) == []


def test_entries_are_newest_first_and_limited(db: Database) -> None:
    base = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    with db.session() as session:
        audit.record(session, "a", "x", 1, at=base + timedelta(minutes=5))
        audit.record(session, "b", "x", 2, at=base)
        audit.record(session, "c", "x", 3, at=base + timedelta(minutes=10))
        audit.record(session, "d", "x", 4, at=base + timedelta(minutes=10))  # same time: later id first
    with db.session() as session:
        assert [e.action for e in audit.entries(session)] == ["d", "c", "a", "b"]
        assert [e.action for e in audit.entries(session, limit=2)] == ["d", "c"]


def test_default_time_is_the_clocks_now_in_utc(db: Database, frozen_clock: FrozenClock) -> None:
    frozen_clock.set(datetime(2027, 6, 15, 9, 5))  # 09:05 BST is 08:05 UTC
    with db.session() as session:
        audit.record(session, "create", "x")
    with db.session() as session:
        [entry] = audit.entries(session)
    assert entry.at == datetime(2027, 6, 15, 8, 5, tzinfo=UTC)


def test_time_with_another_offset_is_converted_to_utc(db: Database) -> None:
    summer = timezone(timedelta(hours=1))  # British Summer Time
    with db.session() as session:
        audit.record(session, "update", "centre", at=datetime(2026, 6, 1, 12, 0, tzinfo=summer))
    with db.session() as session:
        [entry] = audit.entries(session)
    assert entry.at == datetime(2026, 6, 1, 11, 0, tzinfo=UTC)


def test_actor_defaults_to_the_login_name_and_can_be_set(db: Database) -> None:
    assert audit.current_actor() == getpass.getuser()
    with db.session() as session:
        audit.record(session, "a", "x")
    audit.set_actor("Priya Shah")
    assert audit.current_actor() == "Priya Shah"
    with db.session() as session:
        audit.record(session, "b", "x")
        audit.record(session, "c", "x", actor="explicit")
    audit.set_actor(None)
    assert audit.current_actor() == getpass.getuser()
    with db.session() as session:
        actors = {e.action: e.actor for e in audit.entries(session)}
    assert actors == {"a": getpass.getuser(), "b": "Priya Shah", "c": "explicit"}


def test_actor_falls_back_when_the_login_name_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise OSError("no login")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert audit.current_actor() == "unknown"


def test_entity_labels() -> None:
    assert audit.entity_label("academic_year") == "Academic year"
    assert audit.entity_label("person") == "Person"
    assert audit.entity_label("exam_room") == "Exam room"  # areas without a label get a tidy one
