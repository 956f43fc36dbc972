"""``eoffice roster solve`` reports candidates without a seat as a shortfall, in JSON and in words."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eoffice.db.session import Database
from tests.cli.test_roster_cli import SCOPE, Capture, run
from tests.domain.roster_helpers import invigilator, room, sitting

DAY = date(2027, 5, 18)
NO_SEAT = "Tue 18 May AM, No room: needs 1, 3 candidates have no seat: the rooms are full (add a room or more capacity)"


@pytest.fixture
def full_hall(db: Database, db_path: Path) -> Path:
    """33 candidates for a hall of 30, and two invigilators."""
    with db.session() as session:
        room(session, "Hall", 30)
        sitting(session, 33, DAY, "AM")
        invigilator(session, "Ann Ellis")
        invigilator(session, "Bob Kerr")
    db.close()
    return db_path


def test_json_shows_the_unseated_as_a_shortfall_with_the_agreed_keys(full_hall: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "roster", "solve", "--db", full_hall, "--json", *SCOPE)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["shortfalls"] == [{"date": "2027-05-18", "session": "AM", "room": "No room", "needed": 1, "assigned": 0,
                                   "reason": NO_SEAT}]  # fmt: skip
    assert [(r["room"], r["candidates"], r["needed"], len(r["assigned"])) for r in data["requirements"]] == [
        ("Hall", 30, 1, 1), ("No room", 3, 1, 0)]  # fmt: skip


def test_in_words_the_places_count_them_too(full_hall: Path, capsys: Capture) -> None:
    code, out, _err = run(capsys, "roster", "solve", "--db", full_hall, "--dry-run", *SCOPE)
    assert code == 0
    assert "2 places, 1 covered" in out
    assert f"short: {NO_SEAT}" in out.splitlines()
