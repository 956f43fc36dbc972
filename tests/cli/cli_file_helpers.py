"""What the core command-line tests share: a made database, its people, and a child Python."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from eoffice.db.session import open_database
from eoffice.domain.accounts import people
from tests.cli.cli_helpers import Capture, run
from tests.conftest import child_python


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def python(*args: str) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` (``-c CODE`` or ``-m MODULE`` first) in a child on the test's clock."""
    return subprocess.run(child_python(*args), capture_output=True, text=True, env=os.environ.copy(), timeout=120)


@pytest.fixture
def made(db_path: Path, capsys: Capture) -> Path:
    """An initialised database with one extra person in it."""
    assert run(capsys, "init", "--db", str(db_path))[0] == 0
    with open_database(db_path, backup=False) as db, db.session() as session:
        people.add_person(session, "Before", "other")
    return db_path


def other_names(path: Path) -> list[str]:
    with open_database(path, read_only=True) as db, db.session() as session:
        return [p.name for p in people.people(session, "other")]
