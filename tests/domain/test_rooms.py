"""Rooms: validation, unique names, what goes with a deleted room, undo."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.db.models import Placement
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.roster import (
    RoomFields,
    add_room,
    delete_rooms,
    in_use,
    restore_rooms,
    room,
    room_by_name,
    rooms,
    update_room,
    validate_room,
)
from eoffice.errors import InputError
from tests.domain.roster_helpers import candidates


@pytest.mark.parametrize(
    ("fields", "message"),
    [(RoomFields(" ", 10), "needs a name"), (RoomFields("Hall", 0), "capacity"), (RoomFields("Hall", 2001), "capacity"),
     (RoomFields("x" * 81, 10), "longer than 80")],
)  # fmt: skip
def test_validation(fields: RoomFields, message: str) -> None:
    with pytest.raises(InputError, match=message):
        validate_room(fields)


def test_rooms_in_the_order_seating_fills_them(db: Database) -> None:
    with db.session() as session:
        add_room(session, RoomFields("Room S1", 2, separate=True))
        add_room(session, RoomFields("Sports  Hall", 120))
        add_room(session, RoomFields("Library", 30, on_screen=True))
        assert [r.name for r in rooms(session)] == ["Sports Hall", "Library", "Room S1"]
        assert room_by_name(session, "sports hall").capacity == 120  # type: ignore[union-attr]
        assert room_by_name(session, "Gym") is None
        assert rooms(session)[1].suitability == "on-screen"
        with pytest.raises(InputError, match="already a room called Sports Hall"):
            add_room(session, RoomFields("SPORTS HALL", 10))


def test_update_delete_and_restore(db: Database) -> None:
    with db.session() as session:
        hall = add_room(session, RoomFields("Hall", 100))
        update_room(session, hall.id, RoomFields("Hall", 90, separate=False))
        assert room(session, hall.id).capacity == 90
        (cid,) = candidates(session, 1)
        session.add(Placement(candidate_id=cid, on=date(2027, 5, 18), session="AM", room_id=hall.id))
        session.flush()
        assert in_use(session, hall.id) == (1, 0)
        gone = delete_rooms(session, [hall.id])
        session.expire_all()
        assert rooms(session) == [] and in_use(session, hall.id) == (0, 0)
        restore_rooms(session, gone)
        assert room(session, hall.id).fields == RoomFields("Hall", 90)
        assert [e.entity for e in audit.entries(session, limit=3)] == ["room", "room", "room"]
        with pytest.raises(InputError, match="there is no room 999"):
            room(session, 999)
