"""Key dates: validation, derived internal deadlines, the reference list, links to plan tasks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from eoffice.db.models import KeyDate
from eoffice.db.session import Database
from eoffice.domain import audit, keydates, plan, settings
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.keydates import KeyDateFields
from eoffice.domain.plan import TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

YEAR = AcademicYear(2026)
FRIDAY = date(2027, 2, 19)  # no bank holiday in the three weeks before it


def fields(**changes: object) -> KeyDateFields:
    base = KeyDateFields(on=FRIDAY, title="AQA: summer entries", series="Summer", body="AQA", category="entries")
    return replace(base, **changes)  # type: ignore[arg-type]


# --- validation -----------------------------------------------------------------------------

def test_a_date_outside_the_year_names_both_bounds() -> None:
    with pytest.raises(InputError) as caught:
        keydates.validate_key_date(fields(on=date(2027, 9, 1)), YEAR)
    assert str(caught.value) == "the date 01/09/2027 is outside 2026/27 (01/09/2026 to 31/08/2027)"


def test_an_end_before_the_date_is_refused() -> None:
    with pytest.raises(InputError, match=r"the end date 18/02/2027 is before the date 19/02/2027"):
        keydates.validate_key_date(fields(end=date(2027, 2, 18)), YEAR)


def test_an_internal_deadline_after_the_external_date_is_refused() -> None:
    with pytest.raises(InputError, match=r"internal deadline 20/02/2027 is after the external date 19/02/2027"):
        keydates.validate_key_date(fields(internal_deadline=date(2027, 2, 20), internal_derived=False), YEAR)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"body": "Edexcel"}, "'Edexcel' is not an awarding body; use one of: JCQ, AQA"),
        ({"series": "March"}, "'March' is not a series"),
        ({"category": "Entries"}, "'Entries' is not a category; use one of: Entries, Access arrangements"),
        ({"title": "   "}, "the key date needs a title"),
        ({"title": "x" * 301}, "longer than 300 characters"),
    ],
)
def test_other_refusals(change: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as caught:
        keydates.validate_key_date(fields(**change), YEAR)
    assert message in str(caught.value)


def test_validation_tidies_the_title_and_source() -> None:
    cleaned = keydates.validate_key_date(fields(title="  AQA:   entries ", source=" AQA key dates "), YEAR)
    assert (cleaned.title, cleaned.source) == ("AQA: entries", "AQA key dates")


# --- internal deadlines -------------------------------------------------------------------------

def test_internal_deadline_is_derived_per_category(db: Database) -> None:
    with db.session() as session:
        entries = keydates.add_key_date(session, YEAR, fields())
        access = keydates.add_key_date(session, YEAR, fields(category="access_arrangements"))
        results = keydates.add_key_date(session, YEAR, fields(category="results", on=date(2027, 8, 14)))
    assert entries.internal_deadline == date(2027, 2, 5)  # 10 working days: two weeks
    assert access.internal_deadline == date(2027, 1, 29)  # 15 working days: three weeks
    assert results.internal_deadline == date(2027, 8, 13)  # 0 days from a Saturday: the Friday


def test_a_typed_internal_deadline_is_kept(db: Database) -> None:
    with db.session() as session:
        record = keydates.add_key_date(session, YEAR, fields(internal_deadline=date(2027, 2, 1), internal_derived=False))
    assert record.internal_deadline == date(2027, 2, 1)


def test_moving_a_date_before_its_old_derived_deadline_derives_it_again(db: Database) -> None:
    # A regression: the stale derived deadline (05/02) was refused as "after" the new date.
    with db.session() as session:
        record = keydates.add_key_date(session, YEAR, fields())
        moved = keydates.update_key_date(session, record.id, replace(record.fields, on=date(2027, 2, 1)))
    assert moved.internal_deadline == date(2027, 1, 18)


def test_changing_the_setting_then_rederiving_moves_derived_deadlines_only(db: Database) -> None:
    with db.session() as session:
        derived = keydates.add_key_date(session, YEAR, fields())
        typed = keydates.add_key_date(session, YEAR, fields(title="Typed", internal_deadline=date(2027, 2, 1),
                                                            internal_derived=False))
        other = keydates.add_key_date(session, YEAR, fields(title="Other", category="coursework"))
        settings.put(session, "keydates.internal_days.entries", 5)
        assert keydates.internal_days(session, "entries") == 5
        assert keydates.key_date(session, derived.id).internal_deadline == date(2027, 2, 5)  # not yet
        assert keydates.rederive_internal_deadlines(session, YEAR) == 1
        assert keydates.key_date(session, derived.id).internal_deadline == date(2027, 2, 12)
        assert keydates.key_date(session, typed.id).internal_deadline == date(2027, 2, 1)
        assert keydates.key_date(session, other.id).internal_deadline == date(2027, 2, 5)
        assert keydates.rederive_internal_deadlines(session, YEAR) == 0


def test_the_centres_nation_decides_the_bank_holidays(db: Database) -> None:
    monday = date(2027, 1, 4)  # the Scottish 2 January holiday is observed on Monday 4th in 2027
    with db.session() as session:
        save_centre(session, CentreDetails(name="Glen Academy", nation="Scotland"))
        assert keydates.derive_internal_deadline(session, monday, "results") == date(2026, 12, 31)
        save_centre(session, CentreDetails(name="Glen Academy", nation="England and Wales"))
        assert keydates.derive_internal_deadline(session, monday, "results") == monday


def test_pearsons_20_september_deadline_is_shortened_to_the_first_working_day_of_the_year(db: Database) -> None:
    # Sunday 20/09/2026, 15 working days back (access arrangements) is Thursday 27/08/2026, in
    # the summer holiday of 2025/26: it is Tuesday 1 September instead, and says so.
    with db.session() as session:
        keydates.load_reference_dates(session, YEAR)
        pearson = next(r for r in keydates.key_dates(session, YEAR) if r.reference_key == "nov-modified-papers-pearson")
        assert (pearson.on, pearson.category) == (date(2026, 9, 20), "access_arrangements")
        assert pearson.internal_deadline == date(2026, 9, 1)
        assert pearson.internal_note == "Shortened: 15 working days before would fall before the year starts"
        assert keydates.key_date(session, pearson.id).internal_note == pearson.internal_note
        later = next(r for r in keydates.key_dates(session, YEAR) if r.reference_key == "reviews-of-marking")
        assert later.internal_note == ""  # 24/09/2026 less 3 working days is inside the year


def test_rederiving_applies_the_start_of_year_rule_both_ways(db: Database) -> None:
    with db.session() as session:
        record = keydates.add_key_date(session, YEAR, fields(on=date(2026, 9, 11), category="timetable"))
        assert (record.internal_deadline, record.internal_note) == (date(2026, 9, 4), "")  # 5 working days
        settings.put(session, "keydates.internal_days.timetable", 10)
        assert keydates.rederive_internal_deadlines(session, YEAR) == 1
        again = keydates.key_date(session, record.id)
        assert again.internal_deadline == date(2026, 9, 1)
        assert again.internal_note == "Shortened: 10 working days before would fall before the year starts"
        settings.put(session, "keydates.internal_days.timetable", 1)
        assert keydates.rederive_internal_deadlines(session, YEAR) == 1
        last = keydates.key_date(session, record.id)
        assert (last.internal_deadline, last.internal_note) == (date(2026, 9, 10), "")


def test_a_typed_deadline_on_the_first_day_has_no_shortened_note(db: Database) -> None:
    with db.session() as session:
        typed = keydates.add_key_date(session, YEAR, fields(on=date(2026, 9, 11), internal_deadline=date(2026, 9, 1),
                                                            internal_derived=False))
    assert typed.internal_note == ""


def test_the_shortened_note_in_plain_words() -> None:
    assert keydates.shortened_note(1) == "Shortened: 1 working day before would fall before the year starts"
    assert keydates.shortened_note(0) == (
        "Shortened: the last working day on or before it would fall before the year starts")
    # Saturday 1 September 2029: "0 days before" is Friday 31 August; the first working day
    # of the year, Monday 3rd, is after the date itself, so the deadline is the date.
    assert keydates.derived_deadline(date(2029, 9, 1), 0, "England and Wales") == (
        date(2029, 9, 1), keydates.shortened_note(0))


# --- editing, done, delete and restore ------------------------------------------------------------

def test_marking_done_is_audited_and_does_not_count_as_an_edit(db: Database) -> None:
    with db.session() as session:
        record = keydates.load_reference_dates(session, YEAR)[0]
        before = audit.count(session)
        assert keydates.set_done(session, [record.id], True) == {record.id: False}
        assert keydates.key_date(session, record.id).done
        assert not keydates.key_date(session, record.id).edited
        assert audit.count(session) == before + 1
        assert audit.entries(session, limit=1)[0].summary == "marked done"


def test_delete_then_restore_puts_the_same_key_date_back(db: Database) -> None:
    with db.session() as session:
        record = keydates.add_key_date(session, YEAR, fields(source="AQA"))
        gone = keydates.delete_key_dates(session, [record.id])
        assert keydates.key_dates(session, YEAR) == []
        keydates.restore_key_dates(session, gone)
        assert keydates.key_dates(session, YEAR) == [record]


# --- the reference list -------------------------------------------------------------------------

def test_loading_the_reference_twice_adds_nothing_and_keeps_an_edit(db: Database) -> None:
    with db.session() as session:
        added = keydates.load_reference_dates(session, YEAR)
        assert len(added) >= 30
        assert all(r.reference_key for r in added)
        target = next(r for r in added if r.reference_key == "summer-entries-aqa")
        moved = replace(target.fields, on=date(2027, 2, 19), title="AQA: summer entries (moved)")
        updated = keydates.update_key_date(session, target.id, moved)
        assert updated.edited
        assert keydates.load_reference_dates(session, YEAR) == []
        again = keydates.key_date(session, target.id)
        assert (again.on, again.title, again.edited) == (date(2027, 2, 19), "AQA: summer entries (moved)", True)
        assert len(keydates.key_dates(session, YEAR)) == len(added)


def test_a_deleted_reference_date_comes_back_on_reload(db: Database) -> None:
    with db.session() as session:
        added = keydates.load_reference_dates(session, YEAR)
        keydates.delete_key_dates(session, [added[0].id])
        assert [r.reference_key for r in keydates.load_reference_dates(session, YEAR)] == [added[0].reference_key]


def test_an_unknown_reference_year_names_the_years_there_are(db: Database) -> None:
    # 2027/28 to 2035/36 are projected from the pack's rules (issue 15); 2040/41 is beyond them.
    with db.session() as session, pytest.raises(InputError) as caught:
        keydates.load_reference_dates(session, AcademicYear(2040))
    assert str(caught.value) == "there are no reference dates for 2040/41; eoffice has them for 2025/26 to 2035/36"


def test_updating_a_typed_date_sets_no_edited_flag(db: Database) -> None:
    with db.session() as session:
        record = keydates.add_key_date(session, YEAR, fields())
        assert not keydates.update_key_date(session, record.id, fields(title="Renamed")).edited
        row = session.scalar(select(KeyDate).where(KeyDate.id == record.id))
        assert row is not None and row.title == "Renamed"


def test_update_puts_the_edited_flag_back_when_told(db: Database) -> None:
    with db.session() as session:
        target = keydates.load_reference_dates(session, YEAR)[0]
        assert keydates.update_key_date(session, target.id, replace(target.fields, title="Renamed")).edited
        before = audit.count(session)
        back = keydates.update_key_date(session, target.id, target.fields, edited=False)
        assert (back.fields, back.edited) == (target.fields, False)
        assert audit.count(session) == before + 1  # the fields' change, as any update
        assert not keydates.update_key_date(session, target.id, target.fields, edited=False).edited
        assert audit.count(session) == before + 1  # nothing changed: nothing recorded
        assert not keydates.key_date(session, target.id).edited


# --- linked plan tasks ----------------------------------------------------------------------------

def test_linking_refuses_what_is_not_there(db: Database) -> None:
    with db.session() as session:
        task = plan.add_task(session, YEAR, TaskFields("Task", "other", "exams_officer", FRIDAY))
        with pytest.raises(InputError, match="there is no key date 999"):
            keydates.link_task(session, task.id, 999)
        with pytest.raises(InputError, match="there is no task 999"):
            keydates.link_task(session, 999, None)


# --- what is coming -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 11, 23), "today"),
        (date(2026, 11, 24), "tomorrow"),
        (date(2026, 11, 28), "in 5 days"),
        (date(2026, 11, 22), "1 day overdue"),
        (date(2026, 11, 21), "2 days overdue"),
    ],
)
def test_countdown_wording(day: date, words: str) -> None:
    assert keydates.countdown(day, date(2026, 11, 23)) == words


def test_deadlines_list_internal_and_external_separately_in_date_order(db: Database) -> None:
    with db.session() as session:
        entries = keydates.add_key_date(session, YEAR, fields())
        results = keydates.add_key_date(session, YEAR, fields(title="Results", category="results", on=date(2027, 2, 10)))
        found = keydates.deadlines(keydates.key_dates(session, YEAR))
    assert [(d.on, d.internal, d.key_date.id) for d in found] == [
        (date(2027, 2, 5), True, entries.id),
        (date(2027, 2, 10), False, results.id),  # 0 working days: no separate internal deadline
        (FRIDAY, False, entries.id),
    ]
