"""People by role: added, listed, renamed and retired, each change audited."""

from __future__ import annotations

import pytest

from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import ROLES, PersonRecord, add_person, clean_name, named_in_role, people, set_named_in_role
from eoffice.errors import InputError


def test_clean_name_collapses_spaces_and_limits_length() -> None:
    assert clean_name("  Zoë   Brontë \t") == "Zoë Brontë"
    assert clean_name("x" * 200) == "x" * 200
    with pytest.raises(InputError, match="longer than 200"):
        clean_name("x" * 201)
    with pytest.raises(InputError, match="the surname is empty"):
        clean_name(" \n ", what="surname")


def test_add_person_stores_and_audits(db: Database) -> None:
    with db.session() as session:
        added = add_person(session, "  Siobhán   Ó Briain ", "exams_assistant", "sob@school.example")
    assert added.name == "Siobhán Ó Briain"
    assert added.role_label == "Exams assistant"
    assert added.active
    with db.session() as session:
        assert people.people(session) == [added]
        [entry] = audit.entries(session)
    assert (entry.action, entry.entity, entry.entity_id) == ("create", "person", str(added.id))
    assert entry.summary == "Exams assistant added"
    assert "Siobhán" not in entry.summary  # the log names the record, not the person


def test_blank_email_is_stored_as_none(db: Database) -> None:
    with db.session() as session:
        assert add_person(session, "Ann", "other", "").email is None


def test_add_person_refuses_an_unknown_role(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(InputError, match="'caretaker' is not a role"):
            add_person(session, "Ann", "caretaker")
        assert people.people(session) == []
        assert audit.count(session) == 0


@pytest.mark.parametrize("blank", ["", "   "])
def test_add_person_refuses_a_blank_name(db: Database, blank: str) -> None:
    with db.session() as session:
        with pytest.raises(InputError, match="empty"):
            add_person(session, blank, "other")
        assert people.people(session) == []
        assert audit.count(session) == 0


def test_people_are_listed_by_role_then_name_and_can_be_filtered(db: Database) -> None:
    with db.session() as session:
        add_person(session, "Zed", "other")
        add_person(session, "Amy", "other")
        add_person(session, "Bob", "finance")
    with db.session() as session:
        assert [(p.role, p.name) for p in people.people(session)] == [
            ("finance", "Bob"),
            ("other", "Amy"),
            ("other", "Zed"),
        ]
        assert [p.name for p in people.people(session, "other")] == ["Amy", "Zed"]


def test_named_in_role_is_the_first_active_person(db: Database) -> None:
    with db.session() as session:
        assert named_in_role(session, "senco") is None
        first = add_person(session, "Zara", "senco")
        add_person(session, "Abe", "senco")
        assert named_in_role(session, "senco") == first


def test_set_named_in_role_adds_renames_and_retires(db: Database) -> None:
    with db.session() as session:
        set_named_in_role(session, "exams_officer", "Priya  Shah")
    with db.session() as session:
        holder = named_in_role(session, "exams_officer")
        assert holder is not None and holder.name == "Priya Shah"

        set_named_in_role(session, "exams_officer", "Priya Shah-Khan")
        renamed = named_in_role(session, "exams_officer")
        assert renamed == PersonRecord(holder.id, "Priya Shah-Khan", "exams_officer", None, True)

        before = audit.count(session)
        set_named_in_role(session, "exams_officer", " Priya   Shah-Khan ")  # same name: nothing to do
        assert audit.count(session) == before

        set_named_in_role(session, "exams_officer", "  ")
        assert named_in_role(session, "exams_officer") is None
        [retired] = people.people(session, "exams_officer", active_only=False)
        assert retired.id == holder.id and not retired.active
        actions = [e.action for e in audit.entries(session)]
    assert actions[:3] == ["retire", "update", "create"]


def test_set_named_in_role_with_nobody_and_no_name_does_nothing(db: Database) -> None:
    with db.session() as session:
        set_named_in_role(session, "senco", None)
        assert people.people(session, active_only=False) == []
        assert audit.count(session) == 0


def test_role_labels() -> None:
    assert ROLES["senco"] == "SENCo"
    assert PersonRecord(1, "A", "unknown_role", None, True).role_label == "unknown_role"
    assert {"exams_officer", "line_manager", "senco", "head_of_department"} <= set(ROLES)
