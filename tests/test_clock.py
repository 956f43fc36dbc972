"""The one clock: only ``eoffice/clock.py`` reads the system's time, tests stop it, and "today"
is the date in the UK at every edge an exams office meets (the academic year turning, a leap
day, the clocks changing, a Friday evening before a Monday deadline).

The architecture half is checked from the source text with ``ast``, so a call hidden inside
a function or a lambda counts too. It looks at ``src/`` (nothing but the clock may read the
time) and ``tests/`` (no test may read the real clock)."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from eoffice import clock
from eoffice.domain.keydates import countdown, working_days_before
from eoffice.domain.years import AcademicYear
from tests.conftest import FROZEN_AT, TODAY, FrozenClock

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "eoffice"
THE_CLOCK = PACKAGE / "clock.py"

# (receiver, attribute) pairs whose call reads the system clock. ``time.time`` and friends
# give dates too; ``time.perf_counter`` and ``time.monotonic`` measure durations and may stay.
CLOCK_READS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "ctime"),
    ("time", "asctime"),
    ("time", "strftime"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
    ("QDateTime", "currentMSecsSinceEpoch"),
    ("QDateTime", "currentSecsSinceEpoch"),
    ("QTime", "currentTime"),
    ("func", "now"),  # SQL's CURRENT_TIMESTAMP, read by the database instead
}


def clock_reads(source: str) -> list[str]:
    """Every call in ``source`` that reads the system clock, as ``receiver.attribute`` (the
    receiver's last name, so ``datetime.datetime.now()`` counts as ``datetime.now``)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", None)
            if (name, node.func.attr) in CLOCK_READS:
                found.append(f"{name}.{node.func.attr}")
        elif isinstance(node, ast.Name) and node.id in {"CURRENT_TIMESTAMP", "CURRENT_DATE"}:
            found.append(node.id)
    return found


def python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_the_checker_sees_every_way_of_reading_the_clock() -> None:
    source = (
        "import datetime, time\n"
        "from datetime import date\n"
        "a = date.today()\n"
        "b = datetime.datetime.now(datetime.UTC)\n"
        "def later():\n"
        "    return datetime.utcnow(), time.time(), QDate.currentDate()\n"
        "key = lambda: time.localtime()\n"
        "fine = time.perf_counter(), time.monotonic(), date(2026, 9, 1), clock.today()\n"
    )
    assert sorted(clock_reads(source)) == [
        "QDate.currentDate", "date.today", "datetime.now", "datetime.utcnow", "time.localtime", "time.time",
    ]


def test_only_the_clock_module_reads_the_system_clock() -> None:
    files = python_files(PACKAGE)
    assert THE_CLOCK in files and len(files) > 100
    readers = {
        path.relative_to(PACKAGE).as_posix(): reads
        for path in files
        if path != THE_CLOCK and (reads := clock_reads(path.read_text(encoding="utf-8")))
    }
    assert readers == {}, "ask eoffice.clock instead"
    assert clock_reads(THE_CLOCK.read_text(encoding="utf-8")) == ["datetime.now"]


def test_no_test_reads_the_real_clock() -> None:
    """Tests move the stopped clock (the ``frozen_clock`` fixture) instead; this file is the
    one exception, for the one test that the clock still follows the system once thawed."""
    here = Path(__file__).resolve()
    readers = {
        path.relative_to(ROOT).as_posix(): reads
        for path in python_files(ROOT / "tests")
        if path != here and (reads := clock_reads(path.read_text(encoding="utf-8")))
    }
    assert readers == {}


# --- the clock itself -----------------------------------------------------------------------------

def test_every_test_starts_on_the_stopped_clock() -> None:
    assert clock.is_frozen()
    assert clock.now() == FROZEN_AT
    assert clock.today() == TODAY == date(2026, 11, 23)
    assert clock.now_utc().tzinfo is UTC


def test_a_test_can_move_the_clock_and_the_next_test_starts_again(frozen_clock: FrozenClock) -> None:
    frozen_clock.set(datetime(2031, 2, 28, 12, 0))
    frozen_clock.advance(timedelta(days=1))
    assert clock.today() == date(2031, 3, 1)


def test_the_move_did_not_leak_into_this_test() -> None:
    assert clock.today() == TODAY


def test_thawed_the_clock_follows_the_system() -> None:
    try:
        clock.thaw()
        before = datetime.now(UTC)
        read = clock.now_utc()
        after = datetime.now(UTC)
    finally:
        clock.freeze(FROZEN_AT)
    assert before <= read <= after
    assert clock.in_uk(read).utcoffset() in {timedelta(0), timedelta(hours=1)}


def test_frozen_at_restores_what_was_there() -> None:
    with clock.frozen_at(datetime(2027, 5, 12, 9, 0)):
        assert clock.today() == date(2027, 5, 12)
    assert clock.now() == FROZEN_AT


@pytest.mark.parametrize(
    ("wall_clock", "label"),
    [
        (datetime(2027, 8, 31, 23, 59), "2026/27"),
        (datetime(2027, 9, 1, 0, 0), "2027/28"),
        (datetime(2028, 2, 29, 12, 0), "2027/28"),  # a leap day is an ordinary day of its year
    ],
)
def test_the_academic_year_follows_the_uk_date(frozen_clock: FrozenClock, wall_clock: datetime, label: str) -> None:
    frozen_clock.set(wall_clock)
    assert AcademicYear.current().label == label


def test_today_is_the_uk_date_not_the_utc_date(frozen_clock: FrozenClock) -> None:
    # 23:30 UTC on 31 August is 00:30 BST on 1 September: the new year has begun in the UK.
    frozen_clock.set(datetime(2027, 8, 31, 23, 30, tzinfo=UTC))
    assert clock.today() == date(2027, 9, 1)
    # In winter the UK is on UTC: 23:30 UTC on 31 December is still 31 December.
    frozen_clock.set(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert clock.today() == date(2026, 12, 31)


def test_the_clocks_going_forward_and_back(frozen_clock: FrozenClock) -> None:
    """The last Sunday of March (01:00 GMT becomes 02:00 BST) and of October (02:00 BST
    becomes 01:00 GMT): the date never jumps, stored moments stay in order, and the wall
    clock reads what a person in the UK sees."""
    frozen_clock.set(datetime(2027, 3, 28, 0, 59, tzinfo=UTC))
    before = clock.stored()
    assert clock.now().strftime("%H:%M %Z") == "00:59 GMT"
    frozen_clock.advance(timedelta(minutes=2))
    assert clock.now().strftime("%H:%M %Z") == "02:01 BST"
    assert clock.stored() - before == timedelta(minutes=2) and clock.today() == date(2027, 3, 28)

    frozen_clock.set(datetime(2027, 10, 31, 0, 59, tzinfo=UTC))
    assert clock.now().strftime("%H:%M %Z") == "01:59 BST"
    first = clock.stored()
    frozen_clock.advance(timedelta(minutes=2))
    assert clock.now().strftime("%H:%M %Z") == "01:01 GMT"  # the hour repeats on the wall ...
    assert clock.stored() > first  # ... but never in what is stored
    assert clock.today() == date(2027, 10, 31)


def test_stored_moments_are_utc_without_a_zone() -> None:
    assert clock.stored() == datetime(2026, 11, 23, 10, 0)  # GMT: the UK is on UTC in November
    assert clock.stored(datetime(2027, 6, 15, 9, 0)) == datetime(2027, 6, 15, 8, 0)  # BST: naive means UK
    assert clock.stored(datetime(2027, 6, 15, 9, 0, tzinfo=UTC)) == datetime(2027, 6, 15, 9, 0)
    assert clock.in_uk(datetime(2027, 6, 15, 8, 0)).strftime("%d/%m/%Y %H:%M") == "15/06/2027 09:00"


def test_a_friday_evening_before_a_monday_deadline(frozen_clock: FrozenClock) -> None:
    """At 23:59 on Friday 29 January 2027 the AQA entries deadline of Monday 1 February is
    "in 3 days", not yet overdue; at 00:00 on Tuesday it is "1 day overdue"; and the internal
    deadline five working days before it fell on Monday 25 January."""
    deadline = date(2027, 2, 1)
    frozen_clock.set(datetime(2027, 1, 29, 23, 59))
    assert clock.today().strftime("%A %d/%m/%Y") == "Friday 29/01/2027"
    assert countdown(deadline, clock.today()) == "in 3 days"
    frozen_clock.advance(timedelta(days=2, minutes=1))  # Monday 00:00
    assert countdown(deadline, clock.today()) == "today"
    frozen_clock.advance(timedelta(days=1))
    assert countdown(deadline, clock.today()) == "1 day overdue"
    assert working_days_before(deadline, 5, "England and Wales") == date(2027, 1, 25)
