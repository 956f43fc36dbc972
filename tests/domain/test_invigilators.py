"""Invigilators: validation, compliance on the date of each session, availability with defaults, the Overview."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from eoffice.db.models import Availability
from eoffice.db.session import Database
from eoffice.domain import audit, settings
from eoffice.domain.roster import (
    BLOCKED,
    OK,
    WARNING,
    InvigilatorFields,
    RosterSettings,
    add_invigilator,
    answers,
    compliance,
    delete_invigilators,
    invigilator,
    invigilators,
    is_available,
    overview_lines,
    parse_roles,
    restore_invigilators,
    set_availability,
    training_cutoff,
    update_invigilator,
    validate_invigilator,
)
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from tests.domain.roster_helpers import invigilator as make

SUMMER = date(2027, 5, 18)
CONFIG = RosterSettings()


def fields(**changes: object) -> InvigilatorFields:
    base = InvigilatorFields(name="Margaret Ashworth", trained_on=date(2026, 9, 15), dbs_checked_on=date(2025, 1, 10))
    return replace(base, **changes)  # type: ignore[arg-type]


def test_roles_are_read_from_keys_or_labels_in_a_fixed_order() -> None:
    assert parse_roles("Reader; invigilator;SCRIBE") == ("invigilator", "reader", "scribe")
    assert parse_roles(["lead invigilator", "on-screen support", "practical_assistant"]) == (
        "lead_invigilator", "practical_assistant", "on_screen_support")  # fmt: skip
    with pytest.raises(InputError, match="'Driver' is not a role"):
        parse_roles("Invigilator; Driver")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "needs a name"),
        ({"email": "not an address"}, "is not an e-mail address"),
        ({"roles": ()}, "at least one role"),
        ({"max_per_day": 3}, "sessions per day must be a whole number from 0 to 2"),
        ({"max_per_week": 11}, "sessions per week must be a whole number from 0 to 10"),
        ({"max_per_day": 2, "max_per_week": 1}, "cannot be fewer than the most per day"),
        ({"hourly_rate_pence": -1}, "hourly rate"),
        ({"trained_on": date(1980, 1, 1)}, "too long ago"),
    ],
)
def test_validation_says_what_is_wrong(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        validate_invigilator(fields(**changes))


def test_validation_tidies() -> None:
    clean = validate_invigilator(fields(name="  Siân   Lloyd ", email=" sian@example.org ", roles=("reader", "invigilator")))
    assert (clean.name, clean.email, clean.roles) == ("Siân Lloyd", "sian@example.org", ("invigilator", "reader"))


def test_training_counts_from_the_1_september_before_the_session() -> None:
    assert training_cutoff(SUMMER) == date(2026, 9, 1)
    assert training_cutoff(date(2026, 9, 1)) == date(2026, 9, 1)
    assert training_cutoff(date(2026, 8, 31)) == date(2025, 9, 1)


def test_compliance() -> None:
    ok = compliance(fields(), SUMMER, CONFIG)
    assert (ok.level, ok.reasons) == (OK, ())
    last_year = compliance(fields(trained_on=date(2026, 6, 30)), SUMMER, CONFIG)
    assert last_year.level == BLOCKED and last_year.reasons == ("not trained since 01/09/2026",)
    assert last_year.keys == ("untrained",)
    on_the_day = compliance(fields(trained_on=date(2026, 9, 1)), SUMMER, CONFIG)
    assert on_the_day.level == OK
    later = compliance(fields(trained_on=date(2027, 5, 20)), SUMMER, CONFIG)
    assert later.level == BLOCKED and "after the session" in later.reasons[0]
    no_dbs = compliance(fields(dbs_checked_on=None), SUMMER, CONFIG)
    assert no_dbs.level == BLOCKED and no_dbs.reasons == ("no DBS check on record",)
    both = compliance(fields(trained_on=None, dbs_checked_on=None, active=False), SUMMER, CONFIG)
    assert both.keys == ("inactive", "untrained", "no_dbs")
    old = compliance(fields(dbs_checked_on=date(2024, 5, 17)), SUMMER, CONFIG)
    assert old.level == WARNING and old.reasons == ("DBS check of 17/05/2024 is older than 3 years",)
    assert compliance(fields(dbs_checked_on=date(2024, 5, 18)), SUMMER, CONFIG).level == OK
    assert compliance(fields(dbs_checked_on=date(2024, 5, 18)), SUMMER, RosterSettings(dbs_renewal_years=2)).level == WARNING


def test_add_update_delete_and_restore(db: Database) -> None:
    with db.session() as session:
        before = audit.count(session)
        record = add_invigilator(session, fields(roles=("reader", "invigilator")))
        assert invigilator(session, record.id).fields.roles == ("invigilator", "reader")
        with pytest.raises(InputError, match="already an invigilator called Margaret Ashworth"):
            add_invigilator(session, fields())
        update_invigilator(session, record.id, fields(max_per_week=6))
        assert invigilator(session, record.id).max_per_week == 6
        set_availability(session, record.id, SUMMER, "AM", False)
        gone = delete_invigilators(session, [record.id])
        assert invigilators(session) == []
        restore_invigilators(session, gone)
        assert invigilator(session, record.id).max_per_week == 6
        assert answers(session, SUMMER, SUMMER) == {(record.id, SUMMER, "AM"): False}
        assert audit.count(session) > before


def test_availability_uses_the_default_where_there_is_no_answer(db: Database) -> None:
    with db.session() as session:
        keen = make(session, "Keen")
        asks = make(session, "Ask me first", available_by_default=False)
        assert set_availability(session, keen, SUMMER, "PM", False) is None
        assert set_availability(session, asks, SUMMER, "AM", True) is None
        stored = answers(session, SUMMER, SUMMER)
        people = {p.name: p for p in invigilators(session)}
        assert is_available(people["Keen"], SUMMER, "AM", stored)
        assert not is_available(people["Keen"], SUMMER, "PM", stored)
        assert is_available(people["Ask me first"], SUMMER, "AM", stored)
        assert not is_available(people["Ask me first"], SUMMER, "PM", stored)
        assert set_availability(session, keen, SUMMER, "PM", None) is False  # back to the default
        assert session.scalar(select(func.count()).select_from(Availability)) == 1
        with pytest.raises(InputError, match="not a session"):
            set_availability(session, keen, SUMMER, "EV", True)


def test_overview_lines(db: Database) -> None:
    today = date(2026, 11, 23)
    with db.session() as session:
        assert overview_lines(session, AcademicYear(2026), today) == []
        make(session, "Trained")
        make(session, "Last year", trained=date(2026, 7, 1))
        make(session, "Never", trained=None)
        make(session, "No check", dbs=None)
        make(session, "Old check", dbs=date(2023, 11, 1))
        make(session, "Left", trained=None, active=False)
        assert overview_lines(session, AcademicYear(2026), today) == [
            "2 invigilators not trained since 1 September 2026",
            "1 invigilator with no DBS check on record",
            "1 DBS check older than 3 years",
        ]
        settings.put(session, "roster.dbs_renewal_years", 2)
        assert overview_lines(session, AcademicYear(2026), today)[-1] == "1 DBS check older than 2 years"
