"""Exam rooms: how many candidates each seats, what it is suitable for, and its desks.

Seating fills rooms up to capacity, puts on-screen tests only where there are
computers, and sends candidates who must sit apart to rooms marked for separate
invigilation; the requirement and the roster then follow the rooms actually in use.
A room may have a desk layout (``room_layout``); one without is laid out from its
capacity when seating needs desks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.db.models import Assignment, Placement
from eoffice.db.models import Room as RoomRow
from eoffice.domain import audit
from eoffice.domain.bulk import Updates, audit_each, by_ids, insert_all
from eoffice.domain.roster.room_layout import RoomLayout, default_layout, format_off, parse_off, validate_layout
from eoffice.errors import InputError

MAX_CAPACITY = 2000


@dataclass(frozen=True)
class RoomFields:
    name: str
    capacity: int
    on_screen: bool = False  # has computers for on-screen tests
    separate: bool = False  # suitable for a candidate who sits apart (separate invigilation, reader, scribe)
    layout: RoomLayout | None = None  # None: no desk layout stored; seating lays out the capacity itself


@dataclass(frozen=True)
class Room:
    id: int
    fields: RoomFields

    name = property(lambda self: self.fields.name)
    capacity = property(lambda self: self.fields.capacity)
    on_screen = property(lambda self: self.fields.on_screen)
    separate = property(lambda self: self.fields.separate)

    @property
    def desk_layout(self) -> RoomLayout:
        """The desks seating uses: the room's own layout, or one made from its capacity."""
        return self.fields.layout or default_layout(self.capacity)

    @property
    def suitability(self) -> str:
        parts = [w for w, on in (("on-screen", self.on_screen), ("separate invigilation", self.separate)) if on]
        return ", ".join(parts)


def validate_room(fields: RoomFields) -> RoomFields:
    """The room tidied, or refused with one plain sentence.

    With a desk layout the capacity follows the desks switched on (whatever capacity was
    typed): a room cannot seat more candidates than it has desks, and a desk switched
    off is a seat lost, so the two can never disagree.
    """
    name = " ".join(fields.name.split())
    if not name:
        raise InputError("the room needs a name")
    if len(name) > 80:
        raise InputError("the room name is longer than 80 characters")
    layout = validate_layout(fields.layout) if fields.layout is not None else None
    capacity = layout.size if layout is not None else fields.capacity
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise InputError(f"the capacity must be a whole number of seats from 1 to {MAX_CAPACITY}")
    return replace(fields, name=name, capacity=capacity, on_screen=bool(fields.on_screen), separate=bool(fields.separate),
                   layout=layout)  # fmt: skip


def _record(row: RoomRow) -> Room:
    layout = None
    if row.rows is not None and row.columns is not None:
        layout = RoomLayout(row.rows, row.columns, parse_off(row.desks_off), row.exit_at, row.invigilator_at,
                            row.spacing_note)  # fmt: skip
    return Room(row.id, RoomFields(row.name, row.capacity, row.on_screen, row.separate, layout))


def _columns(fields: RoomFields) -> dict[str, object]:
    """The room's stored columns; no layout stores the columns' defaults, so it reads back as none."""
    layout = fields.layout
    shown = layout or RoomLayout(0, 0)
    return {
        "name": fields.name, "capacity": fields.capacity, "on_screen": fields.on_screen, "separate": fields.separate,
        "rows": layout.rows if layout else None, "columns": layout.columns if layout else None,
        "desks_off": format_off(shown.off), "exit_at": shown.exit, "invigilator_at": shown.invigilator_desk,
        "spacing_note": shown.spacing_note,
    }  # fmt: skip


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
    row = RoomRow(**_columns(fields))
    if room_id is not None:
        row.id = room_id
    session.add(row)
    session.flush()
    audit.record(session, "create", "room", row.id, f"room {fields.name} added")
    return _record(row)


def update_room(session: Session, room_id: int, fields: RoomFields) -> Room:
    before = room(session, room_id).fields
    fields = validate_room(fields)
    _check_unique(session, fields.name, room_id)
    row = session.get(RoomRow, room_id)
    assert row is not None
    changed = [name.replace("layout", "desk layout") for name in RoomFields.__dataclass_fields__
               if getattr(before, name) != getattr(fields, name)]  # fmt: skip
    if changed:
        for column, value in _columns(fields).items():
            setattr(row, column, value)
        session.flush()
        audit.record(session, "update", "room", room_id, f"room {fields.name} changed: {', '.join(changed)}")
    return _record(row)


def _names(session: Session) -> dict[str, tuple[int, str]]:
    """Every room by its name as ``room_by_name`` matches it (any case): name -> (id, name)."""
    return {name.casefold(): (room_id, name) for room_id, name in session.execute(select(RoomRow.id, RoomRow.name))}


def add_rooms(session: Session, many: Sequence[RoomFields]) -> list[int]:
    """Add many rooms (an import), each checked and audited as ``add_room`` does; returns
    their ids. One query for the names taken and one insert, whatever the count (one room
    at a time read every room's name again, so 8,000 rooms took minutes)."""
    checked = [validate_room(fields) for fields in many]
    taken = _names(session)
    for fields in checked:
        other = taken.get(fields.name.casefold())
        if other is not None:
            raise InputError(f"there is already a room called {other[1]}")
        taken[fields.name.casefold()] = (0, fields.name)
    ids = insert_all(session, RoomRow, [_columns(fields) for fields in checked])
    audit_each(session, "create", "room", ((room_id, f"room {fields.name} added") for room_id, fields in zip(ids, checked, strict=True)))
    return ids


def update_rooms(session: Session, changes: Sequence[tuple[int, RoomFields]]) -> None:
    """Change many rooms (an import), each checked and audited as ``update_room`` does, in a few statements."""
    rows = by_ids(session, RoomRow, (room_id for room_id, _fields in changes))
    taken = _names(session)
    updates = Updates(RoomRow, "room")
    for room_id, fields in changes:
        row = rows.get(room_id)
        if row is None:
            raise InputError(f"there is no room {room_id}")
        before = _record(row).fields
        fields = validate_room(fields)
        other = taken.get(fields.name.casefold())
        if other is not None and other[0] != room_id:
            raise InputError(f"there is already a room called {other[1]}")
        taken.pop(row.name.casefold(), None)
        taken[fields.name.casefold()] = (room_id, fields.name)
        changed = [name.replace("layout", "desk layout") for name in RoomFields.__dataclass_fields__
                   if getattr(before, name) != getattr(fields, name)]  # fmt: skip
        if changed:
            updates.add(room_id, _columns(fields), f"room {fields.name} changed: {', '.join(changed)}")
    updates.write(session)


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
