"""Rooms: validation, unique names, what goes with a deleted room, undo, and their desk layouts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eoffice.db.models import Placement
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.roster import (
    RoomFields,
    RoomLayout,
    add_room,
    default_layout,
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


HALL_DESKS = RoomLayout(8, 12, frozenset({"C5", "H12"}), "back left", "front right", "1.25 m between desks, centre to centre")


def test_a_room_without_a_layout_is_laid_out_from_its_capacity(db: Database) -> None:
    with db.session() as session:
        hall = add_room(session, RoomFields("Hall", 96))
    assert hall.fields.layout is None
    assert hall.desk_layout == default_layout(96) and hall.desk_layout.size == 96


def test_with_a_layout_the_capacity_follows_the_desks_switched_on() -> None:
    checked = validate_room(RoomFields("Hall", 120, layout=HALL_DESKS))
    assert checked.capacity == 94 and checked.layout == HALL_DESKS
    tidied = validate_room(RoomFields("Hall", 0, layout=RoomLayout(2, 2, frozenset({"b2"}), "BACK", "front")))
    assert tidied.capacity == 3 and tidied.layout == RoomLayout(2, 2, frozenset({"B2"}), "back", "front")
    with pytest.raises(InputError, match="every desk is switched off"):
        validate_room(RoomFields("Hall", 10, layout=RoomLayout(1, 1, frozenset({"A1"}))))


def test_a_layout_is_stored_read_back_changed_and_undone(db: Database) -> None:
    with db.session() as session:
        hall = add_room(session, RoomFields("Hall", 50, layout=HALL_DESKS))
    with db.session() as session:
        stored = room(session, hall.id)
        assert stored.fields == RoomFields("Hall", 94, layout=HALL_DESKS)
        assert stored.desk_layout is stored.fields.layout
        assert rooms(session)[0].fields.layout == HALL_DESKS
        fewer = replace(HALL_DESKS, off=HALL_DESKS.off | {"A1"})
        update_room(session, hall.id, replace(stored.fields, layout=fewer))
        assert audit.entries(session, limit=1)[0].summary == "room Hall changed: capacity, desk layout"
        assert room(session, hall.id).capacity == 93
        update_room(session, hall.id, RoomFields("Hall", 80))  # the layout switched off: capacity typed again
        assert room(session, hall.id).fields == RoomFields("Hall", 80)
        gone = delete_rooms(session, [hall.id])
        restore_rooms(session, [replace(gone[0], fields=stored.fields)])
        assert room(session, hall.id).fields == stored.fields


def test_an_unchanged_layout_is_not_a_change(db: Database) -> None:
    with db.session() as session:
        hall = add_room(session, RoomFields("Hall", 94, layout=HALL_DESKS))
        before = audit.count(session)
        update_room(session, hall.id, hall.fields)
        assert audit.count(session) == before
