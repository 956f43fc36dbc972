"""A room as desks: rows lettered from the front, columns numbered, some desks switched off.

A seating plan of each room shows exactly where each candidate sat (ICE 16.4), with the
exit, the invigilator's desk, the way candidates face and lettered rows in its header
(the usual plan template), and chairs at least 1.25 m apart, centre to centre (ICE
11.10), which the spacing note records. So each desk has a name an invigilator can read
from the plan: row A is the front row, the one nearest what the candidates face;
columns count from 1, so ``B3`` is the third desk of the second row. A desk that cannot
be used (a pillar, a broken desk, the gangway to the fire exit) is switched off rather
than the grid made ragged, so a plan drawn from the layout keeps the room's real shape.

Plain Python, no storage: ``room_records`` stores a layout with a room and seating reads it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from eoffice.errors import InputError

# Where the exit and the invigilator's desk are, as the candidates see the room.
POSITIONS = ("front left", "front", "front right", "left", "right", "back left", "back", "back right")
MAX_ROWS = 26  # rows are lettered A to Z
MAX_COLUMNS = 60  # wider than any exam hall; a typed 600 is a slip, not a room
MAX_NOTE = 200

_LABEL = re.compile(r"([A-Z])([1-9][0-9]*)")


@dataclass(frozen=True)
class RoomLayout:
    """The desks of one room. ``validate_layout`` checks one typed by a person;
    ``default_layout`` makes one for a room that has none."""

    rows: int  # row A is the front row (candidates face the front)
    columns: int
    off: frozenset[str] = frozenset()  # desk labels switched off
    exit: str = "back right"  # one of POSITIONS
    invigilator_desk: str = "front"  # one of POSITIONS
    spacing_note: str = ""  # e.g. "desks 1.25 m apart, centre to centre"

    @cached_property
    def desks(self) -> tuple[str, ...]:
        """Usable desks in the order a plan reads them: A1, A2, ..., B1, ... (off ones left out)."""
        grid = _grid(self.rows, self.columns)
        return tuple(label for label in grid if label not in self.off) if self.off else grid

    @property
    def size(self) -> int:
        """How many candidates the room seats: the desks switched on."""
        return len(self.desks)


@lru_cache(maxsize=1024)  # an import lays out a room a row: 100,000 rooms of a few dozen shapes
def _grid(rows: int, columns: int) -> tuple[str, ...]:
    return tuple(desk_label(r, c) for r in range(rows) for c in range(columns))


def desk_label(row: int, column: int) -> str:
    """The desk's name from its place counted from 0: ``(0, 0)`` is ``A1``, ``(1, 2)`` is ``B3``."""
    if not 0 <= row < MAX_ROWS or column < 0:
        raise InputError(f"there is no desk in row {row + 1}, column {column + 1}: rows run A to Z and columns from 1")
    return f"{chr(ord('A') + row)}{column + 1}"


@lru_cache(maxsize=8192)  # seating a summer asks for the same few thousand desks again and again
def desk_position(label: str) -> tuple[int, int]:
    """``"B3"`` to ``(1, 2)``: the row and column counted from 0. Case and spaces are forgiven."""
    found = _LABEL.fullmatch("".join(str(label).split()).upper())
    if found is None:
        raise InputError(f"{label!r} is not a desk: write its row letter and column number, like A1 or C12")
    return ord(found.group(1)) - ord("A"), int(found.group(2)) - 1


def _in_desk_order(labels: Iterable[str]) -> list[str]:
    return sorted(labels, key=desk_position)


def format_off(off: Iterable[str]) -> str:
    """Desks switched off as stored and shown: ``"A3;B7"``, in desk order."""
    return ";".join(_in_desk_order(off))


def parse_off(text: str) -> frozenset[str]:
    """``"a3; B7"`` (or commas) back to labels; a word that is not a desk is refused."""
    words = [w for w in re.split(r"[;,\s]+", text or "") if w]
    return frozenset(desk_label(*desk_position(w)) for w in words)


def fit_to_capacity(layout: RoomLayout, capacity: int) -> RoomLayout:
    """The layout with exactly ``capacity`` desks on.

    The desks it already has switched off stay off while that still leaves ``capacity``
    desks (they are there for a reason the officer knows: a pillar, the fire exit);
    otherwise they come back on. Desks beyond the capacity are then switched off at the
    back right (the end of the back row first), so the front of the room fills first
    and the gangway by the usual exit is kept clear.
    """
    cells = _grid(layout.rows, layout.columns)
    if not 1 <= capacity <= len(cells):
        raise InputError(f"{capacity} seats do not fit a layout of {layout.rows} x {layout.columns} desks: "
                         f"the capacity must be from 1 to {len(cells)}")  # fmt: skip
    inside = set(cells)
    kept = frozenset(label for label in layout.off if label in inside)
    if len(cells) - len(kept) < capacity:
        kept = frozenset()
    extra = len(cells) - len(kept) - capacity
    on = [label for label in cells if label not in kept]
    return replace(layout, off=kept | frozenset(on[len(on) - extra:] if extra else ()))


def default_layout(capacity: int) -> RoomLayout:
    """For a room with no layout stored: the smallest near-square grid holding ``capacity``.

    As many columns as the square root of the capacity, rounded up, then as few rows as
    hold it, so columns are at least the rows (96 seats are 10 x 10, 30 are 5 x 6). Rows
    stop at Z, so a very large room gets long rows: 2000 seats are 26 x 77. That is over
    ``MAX_COLUMNS`` on purpose: ``MAX_COLUMNS`` limits what a person types, while this only
    has to seat every candidate a room's capacity allows, so it is never validated. The
    desks beyond the capacity are switched off at the back right.
    """
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
        raise InputError("a room needs at least one seat to have desks")
    columns = math.isqrt(capacity - 1) + 1  # ceil(sqrt(capacity))
    rows = -(-capacity // columns)
    if rows > MAX_ROWS:
        rows = MAX_ROWS
        columns = -(-capacity // MAX_ROWS)
    return fit_to_capacity(RoomLayout(rows, columns), capacity)


def _position(value: str, what: str) -> str:
    word = " ".join(str(value).split()).lower()
    if word not in POSITIONS:
        raise InputError(f"{value!r} is not a place for the {what}: use one of {', '.join(POSITIONS)}")
    return word


def _count(value: object, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(f"a desk layout needs {low} to {high} {what}")
    return value


def validate_layout(layout: RoomLayout) -> RoomLayout:
    """A layout typed by a person or read from a file, tidied, or refused with one sentence."""
    rows = _count(layout.rows, 1, MAX_ROWS, "rows (A to Z)")
    columns = _count(layout.columns, 1, MAX_COLUMNS, "columns of desks")
    off: set[str] = set()
    for label in layout.off:
        row, column = desk_position(label)
        if row >= rows or column >= columns:
            raise InputError(f"desk {desk_label(row, column)} is switched off but is not in the room: "
                             f"it has rows A to {desk_label(rows - 1, 0)[0]} and columns 1 to {columns}")  # fmt: skip
        off.add(desk_label(row, column))
    if len(off) >= rows * columns:
        raise InputError("every desk is switched off: a room needs at least one desk on")
    note = " ".join(str(layout.spacing_note).split())
    if len(note) > MAX_NOTE:
        raise InputError(f"the spacing note is longer than {MAX_NOTE} characters")
    return RoomLayout(rows, columns, frozenset(off), _position(layout.exit, "exit"),
                      _position(layout.invigilator_desk, "invigilator's desk"), note)  # fmt: skip
