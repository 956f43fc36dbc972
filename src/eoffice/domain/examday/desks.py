"""Which desk each candidate in a room sits at: the auto-seating rule.

Common practice (``shared/domain/regulations.md``, Exam room), as the MIS exams modules
seat a room:

* each paper's candidates together, in candidate-number order, filling the room column
  by column from the front (A1, B1, C1, ... then A2, ...), so an invigilator walking a
  column meets one paper;
* a blank column (a setting, ``seating.gap_columns``) between one paper and the next;
  when the room is too full for the gaps they are dropped, with a warning, rather than
  leaving a candidate without a desk;
* candidates who finish late (extra time or rest breaks in force) sit where leaving late
  disturbs nobody: at the back, or by the exit (a setting), from the exit's side;
* desks the officer chose (locked) are kept, and nobody else is put there.

Plain functions over desk labels, no database: ``examday.seating`` reads the rooms and
stores the answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from eoffice.domain.roster import RoomLayout, desk_position

BACK, EXIT = "back", "exit"


@dataclass(frozen=True)
class Sitter:
    """One candidate to seat in a room: what the rule needs to know, nothing more."""

    candidate_id: int
    number: int
    paper: str  # the code of the first paper they sit in the session
    late: bool  # finishes after the others (extra time or rest breaks in force)


@dataclass(frozen=True)
class RoomSeating:
    desks: dict[int, str]  # candidate id -> desk
    unseated: tuple[int, ...] = ()  # more candidates than desks: these have none
    warnings: tuple[str, ...] = ()


def _exit_point(layout: RoomLayout) -> tuple[float, float]:
    """The exit as a (row, column) point just outside the grid: front is above row A."""
    where = layout.exit
    row = -1.0 if where.startswith("front") else float(layout.rows) if where.startswith("back") else \
        (layout.rows - 1) / 2
    if where.endswith("left"):
        column = -1.0
    elif where.endswith("right"):
        column = float(layout.columns)
    else:
        column = (layout.columns - 1) / 2
    return row, column


def late_order(layout: RoomLayout, free: Sequence[str], place: str) -> list[str]:
    """The desks late finishers take first: nearest the exit, or the back rows from the exit's side."""
    exit_row, exit_column = _exit_point(layout)

    def key(label: str) -> tuple[float, ...]:
        row, column = desk_position(label)
        if place == EXIT:
            return ((row - exit_row) ** 2 + (column - exit_column) ** 2, row, column)
        return (-row, abs(column - exit_column), column)

    return sorted(free, key=key)


def column_order(desks: Sequence[str]) -> list[str]:
    """Column by column from the front: A1, B1, C1, ..., A2, ..."""
    return sorted(desks, key=lambda label: desk_position(label)[::-1])


@lru_cache(maxsize=512)
def _ordered(layout: RoomLayout, place: str | None) -> tuple[str, ...]:
    """Every desk of a layout in column order (``place`` None) or late finishers' order: the
    same for every session in the room, so sorted once (a hall has hundreds of desks)."""
    return tuple(column_order(layout.desks) if place is None else late_order(layout, layout.desks, place))


def seat_room(people: Sequence[Sitter], layout: RoomLayout, locked: Mapping[int, str] | None = None, *,
              gap_columns: int = 1, late_place: str = BACK, room: str = "the room") -> RoomSeating:
    """Desks for everyone in one room in one session; ``locked`` (candidate id -> desk) stays."""
    usable = set(layout.desks)
    present = {p.candidate_id for p in people}
    desks: dict[int, str] = {}
    taken: set[str] = set()
    for cid, desk in (locked or {}).items():
        if cid in present and desk in usable and desk not in taken:
            desks[cid] = desk
            taken.add(desk)
    todo = [p for p in people if p.candidate_id not in desks]
    late = sorted((p for p in todo if p.late), key=lambda p: (p.paper, p.number))
    rest = [p for p in todo if not p.late]
    room_for_late = max(0, len(usable) - len(taken) - len(rest))  # late finishers never push anyone out
    wanted = min(len(late), room_for_late)
    late_desks = [d for d in _ordered(layout, late_place) if d not in taken][:wanted] if wanted else []
    for person, desk in zip(late, late_desks, strict=False):
        desks[person.candidate_id] = desk
    rest += late[len(late_desks):]  # no special desk left for them: seated with their paper
    taken |= set(late_desks)
    order = [d for d in _ordered(layout, None) if d not in taken]
    groups: dict[str, list[Sitter]] = {}
    for person in sorted(rest, key=lambda p: (p.paper, p.number)):
        groups.setdefault(person.paper, []).append(person)
    warnings: list[str] = []
    placed = _fill(list(groups.values()), order, gap_columns)
    if placed is None:
        placed = _fill(list(groups.values()), order, -1)
        if placed is not None:
            warnings.append(f"{room}: papers share columns with no blank column between them: the room is too full")
    if placed is None:  # more candidates than desks, even without gaps
        everyone = [p for group in groups.values() for p in group]
        placed = dict(zip((p.candidate_id for p in everyone), order, strict=False))
    desks.update(placed)
    unseated = tuple(p.candidate_id for p in people if p.candidate_id not in desks)
    if unseated:
        who = "1 candidate has" if len(unseated) == 1 else f"{len(unseated)} candidates have"
        warnings.append(f"{room}: {who} no desk: there are more candidates than desks")
    return RoomSeating(desks, unseated, tuple(warnings))


def _fill(groups: list[list[Sitter]], order: list[str], gap: int) -> dict[int, str] | None:
    """Each group from the next free column after the last one used plus ``gap`` blank
    columns (``gap`` -1: straight on in the same column); None when that leaves someone
    without a desk."""
    placed: dict[int, str] = {}
    position = 0
    for index, group in enumerate(groups):
        if index and gap >= 0:
            last_column = desk_position(order[position - 1])[1] if position else -1
            while position < len(order) and desk_position(order[position])[1] <= last_column + gap:
                position += 1
        if position + len(group) > len(order):
            return None
        for person in group:
            placed[person.candidate_id] = order[position]
            position += 1
    return placed
