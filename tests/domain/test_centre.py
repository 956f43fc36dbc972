"""The centre's details: validated first, saved with its key people, audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eoffice.db.models import AuditEntry, Centre, Person
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import people
from eoffice.domain.centre import NATIONS, CentreDetails, get_centre, save_centre, validate, validate_centre_number
from eoffice.errors import InputError

FULL = CentreDetails(
    name="Northfield Community Academy",
    centre_number="74125",
    nation="England and Wales",
    exams_officer="Priya Shah",
    line_manager="Daniel O'Connor",
    senco="Zoë Brontë",
)


def audit_rows(db: Database) -> list[tuple[str, str, str | None]]:
    with db.session() as session:
        return [(e.action, e.entity, e.entity_id) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


# --- centre number --------------------------------------------------------------------


def test_centre_number_of_five_digits_is_accepted() -> None:
    assert validate_centre_number("12345") == "12345"
    assert validate_centre_number(" 01234 ") == "01234"  # a leading zero is kept


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_centre_number_means_not_known(blank: str | None) -> None:
    assert validate_centre_number(blank) is None


@pytest.mark.parametrize("bad", ["1234", "123456", "12a45", "１２３４５", "12 45", "-1234", "١٢٣٤٥"])
def test_other_centre_numbers_are_refused(bad: str) -> None:
    with pytest.raises(InputError, match="5 digits") as caught:
        validate_centre_number(bad)
    assert bad.strip() in str(caught.value)


# --- validate -------------------------------------------------------------------------


def test_validate_tidies_the_name_and_number() -> None:
    clean = validate(CentreDetails(name="  Northfield   Academy ", centre_number=" 74125 "))
    assert clean.name == "Northfield Academy"
    assert clean.centre_number == "74125"
    assert clean.nation == NATIONS[0]


def test_validate_refuses_a_blank_name_and_an_unknown_nation() -> None:
    with pytest.raises(InputError, match="centre name is empty"):
        validate(CentreDetails(name="   "))
    with pytest.raises(InputError, match="not a nation"):
        validate(CentreDetails(name="X", nation="Wales"))


def test_nations() -> None:
    assert NATIONS == ("England and Wales", "Scotland", "Northern Ireland")


# --- save and get ---------------------------------------------------------------------


def test_no_centre_yet(db: Database) -> None:
    with db.session() as session:
        assert get_centre(session) is None


def test_save_then_get_round_trips_with_unicode_names(db: Database) -> None:
    with db.session() as session:
        saved = save_centre(session, FULL)
    assert saved == FULL
    with db.session() as session:
        assert get_centre(session) == FULL
        assert people.named_in_role(session, "senco").name == "Zoë Brontë"
        assert session.get(Centre, 1).centre_number == "74125"


def test_save_without_people_leaves_roles_empty(db: Database) -> None:
    with db.session() as session:
        save_centre(session, CentreDetails(name="Small Centre", nation="Scotland"))
    with db.session() as session:
        got = get_centre(session)
    assert got == CentreDetails(name="Small Centre", centre_number=None, nation="Scotland")


def test_bad_centre_number_writes_nothing(db: Database) -> None:
    with pytest.raises(InputError), db.session() as session:
        save_centre(session, CentreDetails(name="X", centre_number="1234", exams_officer="Priya Shah"))
    with db.session() as session:
        assert session.scalar(select(Centre)) is None
        assert session.scalar(select(Person)) is None
        assert audit.count(session) == 0


def test_bad_centre_number_changes_nothing_in_the_session_either(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(InputError):
            save_centre(session, CentreDetails(name="X", centre_number="12a45", senco="Zoë Brontë"))
        assert not session.new
        assert session.scalar(select(Centre)) is None
    assert audit_rows(db) == []


def test_bad_person_name_changes_nothing(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(InputError):
            save_centre(session, CentreDetails(name="X", centre_number="12345", senco="a" * 201))
        # A window that shows the error and carries on must not have half a centre pending.
        assert session.scalar(select(Centre)) is None
        assert audit.count(session) == 0


def test_audit_on_create_and_change_but_not_for_identical_details(db: Database) -> None:
    with db.session() as session:
        save_centre(session, FULL)
    created = audit_rows(db)
    assert ("create", "centre", "1") in created
    assert sum(1 for action, entity, _ in created if (action, entity) == ("create", "person")) == 3

    with db.session() as session:
        save_centre(session, FULL)
    assert audit_rows(db) == created  # saving the same details again writes nothing

    changed = CentreDetails(**{**FULL.__dict__, "centre_number": "74126"})
    with db.session() as session:
        save_centre(session, changed)
    after = audit_rows(db)
    assert after[len(created) :] == [("update", "centre", "1")]
    with db.session() as session:
        assert get_centre(session).centre_number == "74126"


def test_changing_a_key_person_renames_and_clearing_retires(db: Database) -> None:
    with db.session() as session:
        save_centre(session, FULL)
        senco_id = people.named_in_role(session, "senco").id
    renamed = CentreDetails(**{**FULL.__dict__, "senco": "Zoë Brontë-Ndiaye", "line_manager": None})
    with db.session() as session:
        save_centre(session, renamed)
    with db.session() as session:
        got = get_centre(session)
        assert got.senco == "Zoë Brontë-Ndiaye"
        assert got.line_manager is None
        assert people.named_in_role(session, "senco").id == senco_id  # same person, new name
        retired = people.people(session, "line_manager", active_only=False)
        assert [(p.name, p.active) for p in retired] == [("Daniel O'Connor", False)]
        actions = [(e.action, e.summary) for e in audit.entries(session, limit=2)]
    assert sorted(actions) == [("retire", "Line manager (senior leader) cleared"), ("update", "SENCo renamed")]
