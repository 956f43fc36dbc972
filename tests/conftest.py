"""Shared fixtures: every test gets its own data folder; databases are real SQLite files.

Tests under tests/ui are marked ``gui`` automatically, so ``pytest -m "not gui"`` is
the fast loop.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from eoffice.db.backup import copy_database  # noqa: E402
from eoffice.db.session import Database, open_database  # noqa: E402
from eoffice.domain.demo import build_demo  # noqa: E402

TODAY = date(2026, 11, 23)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if f"{os.sep}tests{os.sep}ui{os.sep}" in str(item.fspath):
            item.add_marker(pytest.mark.gui)


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
