"""The settings catalogue: every setting described once, typed values checked in plain words,
saving all or nothing, and the knock-on effects on worked-out internal deadlines."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

import eoffice.domain
from eoffice.db.models import AuditEntry, Setting
from eoffice.db.session import Database
from eoffice.domain import audit, keydates, settings
from eoffice.domain import settings_catalogue as catalogue
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.keydates import KeyDateFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

RATIO = "roster.ratio.written"
POST_RESULTS = "keydates.internal_days.post_results"


def all_areas_imported() -> set[str]:
    """Every domain module imported, as the whole app would; DEFAULTS must be complete before."""
    before = dict(settings.DEFAULTS)
    for module in pkgutil.walk_packages(eoffice.domain.__path__, "eoffice.domain."):
        importlib.import_module(module.name)
    assert before == settings.DEFAULTS, "a module added a setting at import time: declare it in settings.DEFAULTS"
    return set(settings.DEFAULTS)


# --- one entry for every setting ------------------------------------------------------------

def test_every_setting_has_an_entry_and_every_entry_a_default() -> None:
    keys = all_areas_imported()
    assert sorted(keys - set(catalogue.CATALOGUE)) == [], "settings with no catalogue entry"
    assert sorted(set(catalogue.CATALOGUE) - keys) == [], "catalogue entries with no default"


@pytest.mark.parametrize("key", sorted(catalogue.CATALOGUE))
def test_each_entry_is_complete_and_its_default_within_its_limits(key: str) -> None:
    info = catalogue.CATALOGUE[key]
    assert info.label and info.help.endswith(".") and info.area in catalogue.AREAS
    assert info.kind in (catalogue.WHOLE, catalogue.YES_NO, catalogue.TIME)
    if info.kind != catalogue.YES_NO:
        assert info.minimum <= info.maximum
    assert catalogue.check(key, info.default) == info.default
    assert catalogue.parse(key, catalogue.show(key, info.default)) == info.default


def test_areas_come_in_order_with_their_settings_together() -> None:
    areas = [info.area for info in catalogue.CATALOGUE.values()]
    assert list(dict.fromkeys(areas)) == list(catalogue.AREAS)
    assert catalogue.entry(RATIO).label == "Invigilators per written-exam candidates (1 per N)"
    assert catalogue.entry("keydates.internal_days.coursework").label == (
        "Internal deadline for coursework/NEA (working days before)"
    )


def test_the_limits_from_the_regulations() -> None:
    limits = {key: (catalogue.entry(key).minimum, catalogue.entry(key).maximum) for key in (
        RATIO, "access.expiry_months", POST_RESULTS, "accounts.lock_after_idle_minutes")}
    assert limits == {RATIO: (1, 100), "access.expiry_months": (1, 60), POST_RESULTS: (0, 60),
                      "accounts.lock_after_idle_minutes": (0, 240)}


# --- typed values -------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "text", "value"), [
    (RATIO, "25", 25), (RATIO, " 1 ", 1), (RATIO, "+100", 100), (POST_RESULTS, "0", 0),
    ("accounts.sign_in_on_open", "Yes", True), ("accounts.sign_in_on_open", "off", False),
    ("timetable.start.AM", "9.15", "09:15"), ("timetable.start.PM", "13:45", "13:45"),
])
def test_typed_values_are_read(key: str, text: str, value: object) -> None:
    assert catalogue.parse(key, text) == value


@pytest.mark.parametrize(("key", "text", "message"), [
    (RATIO, "abc", "Invigilators per written-exam candidates must be a whole number from 1 to 100; “abc” is not."),
    (RATIO, "0", "Invigilators per written-exam candidates must be a whole number from 1 to 100; “0” is not."),
    (RATIO, "2.5", "from 1 to 100; “2.5” is not."),
    (RATIO, "３０", "“３０” is not."),  # full-width digits are not taken for a number
    ("access.expiry_months", "61", "Access arrangement approval period must be a whole number from 1 to 60; “61”"),
    ("accounts.lock_after_idle_minutes", " ", "from 0 to 240 (0: never); it was left blank."),
    ("accounts.sign_in_on_open", "maybe", "Sign-in when a database opens must be yes or no; “maybe” is not."),
    ("timetable.start.AM", "9am", "Morning session start must be a time from 07:00 to 12:00, written HH:MM; “9am”"),
    ("timetable.start.AM", "13:00", "“13:00” is not."),
])
def test_bad_typed_values_are_refused_in_plain_words(key: str, text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        catalogue.parse(key, text)
    assert message in str(caught.value)


@pytest.mark.parametrize(("key", "value"), [
    (RATIO, True), (RATIO, "30"), (RATIO, 30.0), ("accounts.sign_in_on_open", 1), ("timetable.start.PM", 810),
    ("timetable.start.PM", "25:00"),
])
def test_values_of_the_wrong_kind_are_refused(key: str, value: object) -> None:
    with pytest.raises(InputError, match="must be"):
        catalogue.check(key, value)


def test_an_unknown_setting_is_named() -> None:
    with pytest.raises(InputError, match="there is no setting called 'roster.ratio'"):
        catalogue.parse("roster.ratio", "3")


def test_units_for_one() -> None:
    assert catalogue.entry(POST_RESULTS).unit_for(1) == "working day before"
    assert catalogue.entry(POST_RESULTS).unit_for(2) == "working days before"
    assert catalogue.entry(RATIO).unit_for(1) == "candidate per invigilator"
    assert catalogue.entry("access.expiry_months").unit_for(1) == "month"


# --- saving -----------------------------------------------------------------------------------

def test_save_writes_every_value_with_one_audit_line_each(db: Database) -> None:
    with db.session() as session:
        changed = catalogue.save(session, {RATIO: 25, "timetable.start.AM": "09:15", "accounts.sign_in_on_open": False})
    assert changed == {RATIO: (30, 25), "timetable.start.AM": ("09:00", "09:15")}  # the third was unchanged
    with db.session() as session:
        values = {v.info.key: v for v in catalogue.current(session)}
        summaries = sorted(e.summary for e in audit.entries(session))
    assert values[RATIO].value == 25 and not values[RATIO].is_default
    assert values["roster.ratio.on_screen"].is_default
    assert summaries == ["roster.ratio.written: 30 -> 25", "timetable.start.AM: '09:00' -> '09:15'"]


def test_one_bad_value_saves_nothing(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(InputError, match="Morning session start must be"):
            catalogue.save(session, {RATIO: 25, "timetable.start.AM": "14:00"})
        assert settings.get(session, RATIO) == 30
        assert session.scalars(select(Setting)).all() == []
        assert audit.count(session) == 0


def test_reset_goes_back_to_the_default(db: Database) -> None:
    with db.session() as session:
        catalogue.save(session, {RATIO: 25})
    with db.session() as session:
        assert catalogue.reset(session, RATIO) == {RATIO: (25, 30)}
        assert session.get(Setting, RATIO) is None
        assert catalogue.reset(session, RATIO) == {}


# --- knock-on effects: worked-out internal deadlines -------------------------------------------

YEAR, NEXT = AcademicYear(2026), AcademicYear(2027)
AFTER_ST_ANDREWS = date(2026, 12, 1)  # Tuesday; St Andrew's Day (Monday 30/11) is a Scottish bank holiday
AFTER_NEW_YEAR = date(2028, 1, 7)  # Friday; 2 January is a Scottish holiday too (Tuesday 4/1 in 2028)


def _add(session: object, year: AcademicYear, on: date, title: str, **more: object) -> int:
    fields = KeyDateFields(on=on, title=title, series="November", body="AQA", category="post_results")
    return keydates.add_key_date(session, year, replace(fields, **more)).id  # type: ignore[arg-type]


def deadlines(db: Database) -> dict[str, date | None]:
    with db.session() as session:
        found = keydates.key_dates(session, YEAR) + keydates.key_dates(session, NEXT)
        return {r.title: r.internal_deadline for r in found}


@pytest.fixture
def dated(db: Database) -> Database:
    """An English centre with worked-out deadlines in two years and one typed deadline."""
    with db.session() as session:
        save_centre(session, CentreDetails(name="Border High"))
        _add(session, YEAR, AFTER_ST_ANDREWS, "Reviews")
        _add(session, NEXT, AFTER_NEW_YEAR, "Next year")
        _add(session, YEAR, AFTER_ST_ANDREWS, "Typed", internal_deadline=date(2026, 11, 20), internal_derived=False)
        _add(session, YEAR, AFTER_ST_ANDREWS, "Other category", category="entries")
    return db


def test_fewer_or_more_working_days_move_every_worked_out_deadline(dated: Database) -> None:
    before = deadlines(dated)
    assert (before["Reviews"], before["Next year"]) == (date(2026, 11, 26), date(2028, 1, 4))  # 3 working days
    with dated.session() as session:
        catalogue.save(session, {POST_RESULTS: 5})
    after = deadlines(dated)
    assert (after["Reviews"], after["Next year"]) == (date(2026, 11, 24), date(2027, 12, 30))
    assert after["Typed"] == before["Typed"] == date(2026, 11, 20)  # the officer's own date never moves
    assert after["Other category"] == before["Other category"]
    with dated.session() as session:
        catalogue.reset(session, POST_RESULTS)  # undoing puts them back
    assert deadlines(dated) == before


def test_the_centres_nation_moves_worked_out_deadlines(dated: Database) -> None:
    before = deadlines(dated)
    with dated.session() as session:
        save_centre(session, CentreDetails(name="Border High", nation="Scotland"))
    scottish = deadlines(dated)
    assert (scottish["Reviews"], scottish["Next year"]) == (date(2026, 11, 25), date(2027, 12, 31))
    assert scottish["Typed"] == date(2026, 11, 20)
    with dated.session() as session:
        save_centre(session, CentreDetails(name="Border High", nation="England and Wales"))
    assert deadlines(dated) == before


def test_a_first_centre_outside_england_moves_deadlines_made_before_it(db: Database) -> None:
    with db.session() as session:
        _add(session, YEAR, AFTER_ST_ANDREWS, "Reviews")
        save_centre(session, CentreDetails(name="Glen Academy", nation="Scotland"))
    assert deadlines(db)["Reviews"] == date(2026, 11, 25)


def test_other_centre_changes_leave_deadlines_and_the_log_alone(dated: Database) -> None:
    with dated.session() as session:
        before = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()))
        save_centre(session, CentreDetails(name="Border High School"))
        entities = session.scalars(select(AuditEntry.entity).where(AuditEntry.id > before)).all()
    assert entities == ["centre"]
    assert deadlines(dated)["Reviews"] == date(2026, 11, 26)
