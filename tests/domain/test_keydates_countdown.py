"""When a key date is due and whether it is overdue: one rule for the list, the Overview,
the meeting pack and the exports (they once disagreed about a date marked done)."""

from __future__ import annotations

from datetime import date

from eoffice.domain import keydates
from eoffice.domain.keydates import KeyDateFields, KeyDateRecord
from eoffice.domain.years import AcademicYear

TODAY = date(2026, 11, 23)


def record(on: date, *, end: date | None = None, internal: date | None = None, done: bool = False) -> KeyDateRecord:
    fields = KeyDateFields(on, "Entries deadline", "June 2027", "AQA", "entries", end=end,
                           internal_deadline=internal, internal_derived=False, done=done)
    return KeyDateRecord(1, AcademicYear(2026), fields, None, False)


def test_the_countdown_in_words() -> None:
    assert keydates.countdown_text(record(date(2026, 11, 28)), TODAY) == "in 5 days"
    assert keydates.countdown_text(record(TODAY), TODAY) == "today"
    assert keydates.countdown_text(record(date(2026, 11, 21)), TODAY) == "2 days overdue"


def test_a_date_marked_done_says_done_and_is_never_overdue() -> None:
    finished = record(date(2026, 11, 1), done=True)
    assert keydates.countdown_text(finished, TODAY) == "done"
    assert not keydates.is_overdue(finished, TODAY)


def test_an_open_window_counts_down_to_its_last_day_and_is_overdue_only_after_it() -> None:
    window = record(date(2026, 11, 16), end=date(2026, 11, 26))
    assert keydates.last_day(window) == date(2026, 11, 26)
    assert keydates.countdown_text(window, TODAY) == "open, ends in 3 days"
    assert not keydates.is_overdue(window, TODAY)
    assert keydates.is_overdue(window, date(2026, 11, 27))
    assert keydates.countdown_text(window, date(2026, 11, 27)) == "1 day overdue"


def test_the_internal_deadline_is_soon_within_14_days_then_passed() -> None:
    assert keydates.internal_state(record(date(2027, 2, 21), internal=date(2026, 12, 7)), TODAY) == keydates.SOON
    assert keydates.internal_state(record(date(2027, 2, 21), internal=date(2026, 12, 8)), TODAY) is None
    assert keydates.internal_state(record(date(2027, 2, 21), internal=date(2026, 11, 20)), TODAY) == keydates.PASSED
    # Once the key date itself is overdue, or done, its internal deadline says nothing more.
    assert keydates.internal_state(record(date(2026, 11, 22), internal=date(2026, 11, 10)), TODAY) is None
    assert keydates.internal_state(record(date(2027, 2, 21), internal=date(2026, 11, 20), done=True), TODAY) is None


def test_a_deadline_row_is_overdue_when_passed_and_not_done() -> None:
    rows = keydates.deadlines([record(date(2027, 2, 21), internal=date(2026, 11, 20))])
    assert [(d.internal, keydates.deadline_overdue(d, TODAY)) for d in rows] == [(True, True), (False, False)]


def test_due_soon_is_within_14_days_and_never_once_done() -> None:
    assert keydates.is_due_soon(record(date(2026, 12, 7)), TODAY)
    assert not keydates.is_due_soon(record(date(2026, 12, 8)), TODAY)
    assert not keydates.is_due_soon(record(date(2026, 12, 1), done=True), TODAY)
