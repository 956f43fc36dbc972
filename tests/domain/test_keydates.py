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
        keydates.validate_fields(fields(on=date(2027, 9, 1)), YEAR)
    assert str(caught.value) == "the date 01/09/2027 is outside 2026/27 (01/09/2026 to 31/08/2027)"


def test_an_end_before_the_date_is_refused() -> None:
    with pytest.raises(InputError, match=r"the end date 18/02/2027 is before the date 19/02/2027"):
        keydates.validate_fields(fields(end=date(2027, 2, 18)), YEAR)


def test_an_internal_deadline_after_the_external_date_is_refused() -> None:
    with pytest.raises(InputError, match=r"internal deadline 20/02/2027 is after the external date 19/02/2027"):
        keydates.validate_fields(fields(internal_deadline=date(2027, 2, 20), internal_derived=False), YEAR)


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
        keydates.validate_fields(fields(**change), YEAR)
    assert message in str(caught.value)


def test_validation_tidies_the_title_and_source() -> None:
    cleaned = keydates.validate_fields(fields(title="  AQA:   entries ", source=" AQA key dates "), YEAR)
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
    with db.session() as session, pytest.raises(InputError) as caught:
        keydates.load_reference_dates(session, AcademicYear(2031))
    assert str(caught.value) == "there are no reference dates for 2031/32; eoffice has them for 2025/26, 2026/27"


def test_updating_a_typed_date_sets_no_edited_flag(db: Database) -> None:
    with db.session() as session:
        record = keydates.add_key_date(session, YEAR, fields())
        assert not keydates.update_key_date(session, record.id, fields(title="Renamed")).edited
        row = session.scalar(select(KeyDate).where(KeyDate.id == record.id))
        assert row is not None and row.title == "Renamed"


# --- linked plan tasks ----------------------------------------------------------------------------

def test_shift_linked_tasks_moves_due_and_start_and_audits_each(db: Database) -> None:
    with db.session() as session:
        record = keydates.add_key_date(session, YEAR, fields())
        first = plan.add_task(session, YEAR, TaskFields("Collect entries", "entries", "exams_officer",
                                                        date(2027, 2, 5), start=date(2027, 1, 25)))
        second = plan.add_task(session, YEAR, TaskFields("Submit entries", "entries", "exams_officer", FRIDAY))
        loose = plan.add_task(session, YEAR, TaskFields("Unrelated", "other", "exams_officer", date(2027, 2, 5)))
        keydates.link_task(session, first.id, record.id)
        keydates.link_task(session, second.id, record.id)
        assert keydates.linked_task_ids(session, record.id) == [first.id, second.id]
        before = audit.count(session)
        assert keydates.shift_linked_tasks(session, record.id, 3) == [first.id, second.id]
        session.flush()
        moved = plan.task(session, first.id)
        assert (moved.start, moved.due) == (date(2027, 1, 28), date(2027, 2, 8))
        assert plan.task(session, second.id).due == date(2027, 2, 22)
        assert plan.task(session, loose.id).due == date(2027, 2, 5)
        assert audit.count(session) == before + 2
        summaries = [(e.entity, e.entity_id, e.summary) for e in audit.entries(session, limit=2)]
        assert sorted(summaries) == [
            ("plan_task", str(first.id), "moved +3 days with its key date"),
            ("plan_task", str(second.id), "moved +3 days with its key date"),
        ]
        keydates.shift_linked_tasks(session, record.id, -3)
        session.flush()
        assert plan.task(session, first.id).due == date(2027, 2, 5)


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
