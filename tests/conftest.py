"""Shared fixtures: every test gets its own data folder; databases are real SQLite files;
the clock is stopped.

Every test runs with eoffice's one clock (``eoffice.clock``) stopped at ``FROZEN_AT``, a
Monday morning of the autumn term; a test that cares about another moment moves it with the
``frozen_clock`` fixture. No test reads the real clock, so the suite means the same thing on
any day of any year. A test that starts eoffice in another process does it through
``child_python``, which stops the child's clock at the same moment.

Tests under tests/ui are marked ``gui`` automatically, so ``pytest -m "not gui"`` is
the fast loop.

Passwords, reset and setup codes and signing keys are hashed at ``TEST_COST_N`` instead of
eoffice's production scrypt cost (N=2^17, about 0.3 s a hash): the suite creates hundreds.
``passwords.COST_N`` is the one switch for that cost; ``tests/domain/test_password_cost.py``
holds the production default to 2^17 and turns the switch back up where it must.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from eoffice import clock
from eoffice.db.backup import copy_database
from eoffice.db.session import Database, open_database
from eoffice.domain.accounts import passwords
from eoffice.domain.demo import build_demo

FROZEN_AT = datetime(2026, 11, 23, 10, 0, tzinfo=clock.UK)  # a Monday of the autumn term
TODAY = FROZEN_AT.date()
STOPPED_CLOCK = Path(__file__).with_name("stopped_clock.py")

# Stopped from the moment tests are collected, so session fixtures (the demo centre) and
# module-level code read the same clock as the tests themselves.
clock.freeze(FROZEN_AT)

# Cheap hashing for the whole run (see the module docstring); set before any password is made.
TEST_COST_N = 2**10
passwords.COST_N = TEST_COST_N


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if f"{os.sep}tests{os.sep}ui{os.sep}" in str(item.fspath):
            item.add_marker(pytest.mark.gui)


class FrozenClock:
    """The stopped clock a test runs on: it stays where it is put."""

    def set(self, moment: datetime) -> None:
        """Stop the clock at ``moment`` (naive means UK wall-clock time)."""
        clock.freeze(moment)

    def advance(self, delta: timedelta) -> None:
        clock.freeze(clock.now_utc() + delta)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[FrozenClock]:
    """Every test starts at ``FROZEN_AT``, whatever an earlier test did to the clock."""
    clock.freeze(FROZEN_AT)
    yield FrozenClock()
    clock.freeze(FROZEN_AT)


def child_python(*args: str) -> list[str]:
    """The command for ``python ARGS`` in a child process whose clock is stopped where this
    test's is (``args`` start with ``-c CODE`` or ``-m MODULE``)."""
    return [sys.executable, str(STOPPED_CLOCK), clock.now_utc().isoformat(), *args]


@pytest.fixture(autouse=True)
def eoffice_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every eoffice path (backups, default database) at the test's own folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("EOFFICE_HOME", str(home))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "centre.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A new database migrated to head, held open for writing."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo centre built once per test run (a new file makes no backup, so nothing is
    written outside this folder); each test gets its own copy."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    with open_database(path, backup=False) as database, database.session() as session:
        build_demo(session, today=TODAY)
    return path


@pytest.fixture
def demo_db(db_path: Path, demo_template: Path) -> Iterator[Database]:
    """A demo centre of the test's own: a consistent copy of the template, opened as the app does."""
    copy_database(demo_template, db_path)
    database = open_database(db_path)
    yield database
    database.close()
