"""Exam rooms: how many candidates each seats and what it is suitable for.

Seating fills rooms up to capacity, puts on-screen tests only where there are
computers, and sends candidates who must sit apart to rooms marked for separate
invigilation; the requirement and the roster then follow the rooms actually in use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.db.models import Assignment, Placement
from eoffice.db.models import Room as RoomRow
from eoffice.domain import audit
from eoffice.errors import InputError

MAX_CAPACITY = 2000


@dataclass(frozen=True)
class RoomFields:
    name: str
    capacity: int
    on_screen: bool = False  # has computers for on-screen tests
    separate: bool = False  # suitable for a candidate who sits apart (separate invigilation, reader, scribe)


@dataclass(frozen=True)
class Room:
    id: int
    fields: RoomFields

    name = property(lambda self: self.fields.name)
    capacity = property(lambda self: self.fields.capacity)
    on_screen = property(lambda self: self.fields.on_screen)
    separate = property(lambda self: self.fields.separate)

    @property
    def suitability(self) -> str:
        parts = [w for w, on in (("on-screen", self.on_screen), ("separate invigilation", self.separate)) if on]
        return ", ".join(parts)


def validate_room(fields: RoomFields) -> RoomFields:
    name = " ".join(fields.name.split())
    if not name:
        raise InputError("the room needs a name")
    if len(name) > 80:
        raise InputError("the room name is longer than 80 characters")
    capacity = fields.capacity
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise InputError(f"the capacity must be a whole number of seats from 1 to {MAX_CAPACITY}")
    return replace(fields, name=name, on_screen=bool(fields.on_screen), separate=bool(fields.separate))


def _record(row: RoomRow) -> Room:
    return Room(row.id, RoomFields(row.name, row.capacity, row.on_screen, row.separate))


def rooms(session: Session) -> list[Room]:
    """Largest first, then by name: the order seating fills them in."""
    return [_record(r) for r in session.scalars(select(RoomRow).order_by(RoomRow.capacity.desc(), RoomRow.name))]


def room(session: Session, room_id: int) -> Room:
    row = session.get(RoomRow, room_id)
    if row is None:
        raise InputError(f"there is no room {room_id}")
    return _record(row)


def room_by_name(session: Session, name: str) -> Room | None:
    """Names are matched ignoring case and spacing, as a person types them."""
    wanted = " ".join(name.split()).casefold()
    for row in session.scalars(select(RoomRow)):
        if row.name.casefold() == wanted:
            return _record(row)
    return None


def _check_unique(session: Session, name: str, own_id: int | None) -> None:
    other = room_by_name(session, name)
    if other is not None and other.id != own_id:
        raise InputError(f"there is already a room called {other.name}")


def add_room(session: Session, fields: RoomFields, *, room_id: int | None = None) -> Room:
    fields = validate_room(fields)
    _check_unique(session, fields.name, None)
    row = RoomRow(**asdict(fields))
    if room_id is not None:
        row.id = room_id
    session.add(row)
    session.flush()
    audit.record(session, "create", "room", row.id, f"room {fields.name} added")
    return _record(row)


def update_room(session: Session, room_id: int, fields: RoomFields) -> Room:
    room(session, room_id)
    fields = validate_room(fields)
    _check_unique(session, fields.name, room_id)
    row = session.get(RoomRow, room_id)
    assert row is not None
    changed = [name for name, value in asdict(fields).items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, getattr(fields, name))
    if changed:
        session.flush()
        audit.record(session, "update", "room", room_id, f"room {fields.name} changed: {', '.join(changed)}")
    return _record(row)


def in_use(session: Session, room_id: int) -> tuple[int, int]:
    """(placements, assignments) in the room, so deleting it can say what goes with it."""
    placed = session.scalar(select(func.count()).select_from(Placement).where(Placement.room_id == room_id)) or 0
    rostered = session.scalar(select(func.count()).select_from(Assignment).where(Assignment.room_id == room_id)) or 0
    return placed, rostered


def delete_rooms(session: Session, room_ids: Iterable[int]) -> list[Room]:
    """Delete rooms; their placements and assignments go too (the window asks first)."""
    gone = [room(session, i) for i in room_ids]
    for record in gone:
        session.delete(session.get(RoomRow, record.id))
        audit.record(session, "delete", "room", record.id, f"room {record.name} deleted")
    session.flush()
    return gone


def restore_rooms(session: Session, snapshot: Sequence[Room]) -> None:
    for record in snapshot:
        add_room(session, record.fields, room_id=record.id)
