"""Migration 0007 gives rooms their desk layout and placements their desk; rooms and
placements already stored keep every value and get the defaults."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import inspect, text

from eoffice.db.migrations import downgrade, upgrade
from eoffice.db.models import Placement
from eoffice.db.session import Database, open_database
from eoffice.domain.roster import RoomFields, RoomLayout, add_room, default_layout, room
from tests.domain.roster_helpers import candidates

ROOM_COLUMNS = {"rows", "columns", "desks_off", "exit_at", "invigilator_at", "spacing_note"}
PLACEMENT_COLUMNS = {"desk", "desk_locked"}
DAY = date(2027, 5, 18)


def _columns(db: Database, table: str) -> set[str]:
    with db.engine.connect() as conn:
        return {c["name"] for c in inspect(conn).get_columns(table)}


def test_an_older_database_upgrades_with_its_rooms_and_placements_as_they_were(db: Database, db_path: Path) -> None:
    with db.session() as session:
        hall = add_room(session, RoomFields("Sports Hall", 96, separate=True))
        (cid,) = candidates(session, 1)
        session.add(Placement(candidate_id=cid, on=DAY, session="AM", room_id=hall.id, override=True))
    with db.engine.connect() as conn:
        downgrade(conn, "0006")
        conn.commit()
    assert not ROOM_COLUMNS & _columns(db, "room") and not PLACEMENT_COLUMNS & _columns(db, "placement")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT name, capacity, on_screen, separate FROM room")).all() == [("Sports Hall", 96, 0, 1)]
    db.close()

    reopened = open_database(db_path)  # what the window does with an older file: back up, then upgrade
    try:
        assert _columns(reopened, "room") >= ROOM_COLUMNS and _columns(reopened, "placement") >= PLACEMENT_COLUMNS
        with reopened.engine.connect() as conn:
            assert conn.execute(text("SELECT rows, columns, desks_off, exit_at, invigilator_at, spacing_note FROM room")).all() == [
                (None, None, "", "back right", "front", "")]  # fmt: skip
            assert conn.execute(text("SELECT room_id, override, desk, desk_locked FROM placement")).all() == [
                (hall.id, 1, None, 0)]  # fmt: skip
        with reopened.session() as session:
            stored = room(session, hall.id)
            assert stored.fields == RoomFields("Sports Hall", 96, separate=True)  # no layout stored
            assert stored.desk_layout == default_layout(96)  # seating lays out its capacity
    finally:
        reopened.close()


def test_downgrade_drops_only_the_desks(db: Database) -> None:
    with db.session() as session:
        add_room(session, RoomFields("Hall", 6, layout=RoomLayout(2, 3, spacing_note="1.25 m")))
        add_room(session, RoomFields("Room S1", 4))
    with db.engine.connect() as conn:
        downgrade(conn, "0006")
        conn.commit()
        assert conn.execute(text("SELECT name, capacity FROM room ORDER BY name")).all() == [("Hall", 6), ("Room S1", 4)]
        upgrade(conn)
        conn.commit()
        assert conn.execute(text("SELECT count(*) FROM room WHERE rows IS NULL AND exit_at = 'back right'")).scalar() == 2
