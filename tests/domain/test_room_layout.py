"""Rooms as desks: lettered rows from the front, numbered columns, desks switched off,
the exit and the invigilator's desk, a spacing note (ICE 16.4 seating plans, ICE 11.10 spacing)."""

from __future__ import annotations

import pytest

from eoffice.domain.roster import (
    MAX_CAPACITY,
    MAX_COLUMNS,
    MAX_ROWS,
    POSITIONS,
    RoomLayout,
    default_layout,
    desk_label,
    desk_position,
    fit_to_capacity,
    format_off,
    parse_off,
    validate_layout,
)
from eoffice.errors import InputError


def test_the_agreed_limits_and_places() -> None:
    assert POSITIONS == ("front left", "front", "front right", "left", "right", "back left", "back", "back right")
    assert (MAX_ROWS, MAX_COLUMNS) == (26, 60)
    layout = RoomLayout(2, 3)
    assert (layout.off, layout.exit, layout.invigilator_desk, layout.spacing_note) == (frozenset(), "back right", "front", "")


@pytest.mark.parametrize(("place", "label"), [((0, 0), "A1"), ((1, 2), "B3"), ((25, 59), "Z60"), ((2, 11), "C12")])
def test_desks_are_named_by_row_letter_from_the_front_and_column_number(place: tuple[int, int], label: str) -> None:
    assert desk_label(*place) == label
    assert desk_position(label) == place


def test_a_desk_name_is_read_as_a_person_types_it() -> None:
    assert desk_position(" b3 ") == (1, 2)
    assert desk_position("c 12") == (2, 11)


@pytest.mark.parametrize("text", ["", "3B", "A0", "AA1", "A-1", "A1.5", "A01", "Ä1", "desk"])
def test_what_is_not_a_desk_is_refused_in_a_plain_sentence(text: str) -> None:
    with pytest.raises(InputError, match=r"is not a desk: write its row letter and column number, like A1 or C12"):
        desk_position(text)


@pytest.mark.parametrize("place", [(26, 0), (-1, 0), (0, -1)])
def test_there_is_no_desk_beyond_z_or_before_the_first(place: tuple[int, int]) -> None:
    with pytest.raises(InputError, match="there is no desk in row"):
        desk_label(*place)


def test_desks_in_plan_order_leave_out_the_ones_switched_off() -> None:
    layout = RoomLayout(2, 3, off=frozenset({"A2", "B3"}))
    assert layout.desks == ("A1", "A3", "B1", "B2")
    assert layout.size == 4
    assert RoomLayout(3, 4).size == 12


def test_desks_switched_off_are_stored_in_desk_order_and_read_back() -> None:
    assert format_off({"B7", "A12", "A3", "B10"}) == "A3;A12;B7;B10"
    assert format_off(frozenset()) == ""
    assert parse_off("A3;A12;B7;B10") == frozenset({"A3", "A12", "B7", "B10"})
    assert parse_off(" a3 ;b7, c1 ") == frozenset({"A3", "B7", "C1"})
    assert parse_off("") == frozenset() and parse_off(";;") == frozenset()
    with pytest.raises(InputError, match="'X' is not a desk"):
        parse_off("A3;X")


@pytest.mark.parametrize(
    ("capacity", "rows", "columns", "off"),
    [(1, 1, 1, set()), (2, 1, 2, set()), (3, 2, 2, {"B2"}), (4, 2, 2, set()), (7, 3, 3, {"C2", "C3"}),
     (30, 5, 6, set()), (96, 10, 10, {"J7", "J8", "J9", "J10"}), (100, 10, 10, set())],
)  # fmt: skip
def test_a_room_without_a_layout_gets_the_smallest_near_square_grid(capacity: int, rows: int, columns: int,
                                                                     off: set[str]) -> None:
    layout = default_layout(capacity)
    assert (layout.rows, layout.columns, set(layout.off)) == (rows, columns, off)
    assert layout.size == capacity and layout.columns >= layout.rows
    assert (layout.exit, layout.invigilator_desk) == ("back right", "front")


def test_the_default_grid_holds_every_capacity_exactly_with_the_spare_desks_at_the_back_right() -> None:
    for capacity in range(1, MAX_CAPACITY + 1):
        layout = default_layout(capacity)
        assert layout.size == capacity and layout.rows <= MAX_ROWS, capacity
        assert layout.columns >= layout.rows, capacity
        assert layout.rows * layout.columns - capacity < layout.columns, capacity  # no empty back row
        back = [desk_label(layout.rows - 1, c) for c in range(layout.columns)]
        assert sorted(layout.off, key=desk_position) == back[len(back) - len(layout.off):], capacity
        if layout.columns <= MAX_COLUMNS:
            assert validate_layout(layout) == layout, capacity  # a layout a person could have typed


def test_a_very_big_room_stops_at_row_z_and_goes_wider_than_a_person_may_type() -> None:
    layout = default_layout(MAX_CAPACITY)
    assert (layout.rows, layout.columns, layout.size) == (26, 77, 2000)
    assert layout.off == frozenset({"Z76", "Z77"})  # 26 x 77 is 2002 desks
    with pytest.raises(InputError, match="1 to 60 columns"):
        validate_layout(layout)  # never validated: it only seats the capacity a room allows
    assert default_layout(26 * 60).columns == 60


@pytest.mark.parametrize("capacity", [0, -3, True])
def test_a_default_layout_needs_a_seat(capacity: int) -> None:
    with pytest.raises(InputError, match="at least one seat"):
        default_layout(capacity)


def test_fitting_a_capacity_switches_off_from_the_back_right_and_keeps_the_officers_own() -> None:
    assert fit_to_capacity(RoomLayout(3, 4), 9).off == frozenset({"C2", "C3", "C4"})
    assert fit_to_capacity(RoomLayout(3, 2), 3).off == frozenset({"B2", "C1", "C2"})  # into the row in front
    pillar = RoomLayout(3, 4, off=frozenset({"B2"}), exit="front left", spacing_note="1.25 m")
    fitted = fit_to_capacity(pillar, 10)
    assert fitted.off == frozenset({"B2", "C4"})
    assert (fitted.exit, fitted.spacing_note) == ("front left", "1.25 m")
    assert fit_to_capacity(pillar, 11) == pillar
    assert fit_to_capacity(pillar, 12).off == frozenset()  # more seats than the pillar leaves: all desks on
    assert fit_to_capacity(RoomLayout(2, 2, off=frozenset({"F9"})), 4).off == frozenset()  # gone from the room
    for capacity in (0, 13):
        with pytest.raises(InputError, match=f"{capacity} seats do not fit a layout of 3 x 4 desks: the capacity must be from 1 to 12"):
            fit_to_capacity(pillar, capacity)


def test_a_typed_layout_is_tidied() -> None:
    typed = RoomLayout(8, 12, frozenset({"c5", " h12"}), " Back  Left", "FRONT", "  desks 1.25 m  apart ")
    assert validate_layout(typed) == RoomLayout(8, 12, frozenset({"C5", "H12"}), "back left", "front", "desks 1.25 m apart")
    assert validate_layout(typed).size == 94


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        (RoomLayout(0, 5), "a desk layout needs 1 to 26 rows \\(A to Z\\)"),
        (RoomLayout(27, 5), "a desk layout needs 1 to 26 rows"),
        (RoomLayout(True, 5), "a desk layout needs 1 to 26 rows"),  # type: ignore[arg-type]
        (RoomLayout(5, 0), "a desk layout needs 1 to 60 columns of desks"),
        (RoomLayout(5, 61), "a desk layout needs 1 to 60 columns of desks"),
        (RoomLayout(5, "6"), "a desk layout needs 1 to 60 columns of desks"),  # type: ignore[arg-type]
        (RoomLayout(2, 3, frozenset({"C1"})), "desk C1 is switched off but is not in the room: it has rows A to B and columns 1 to 3"),
        (RoomLayout(2, 3, frozenset({"A4"})), "desk A4 is switched off but is not in the room"),
        (RoomLayout(2, 3, frozenset({"A?"})), "'A\\?' is not a desk"),
        (RoomLayout(1, 2, frozenset({"A1", "A2"})), "every desk is switched off: a room needs at least one desk on"),
        (RoomLayout(2, 2, exit="by the fire door"), "'by the fire door' is not a place for the exit: use one of front left, front,"),
        (RoomLayout(2, 2, invigilator_desk="middle"), "'middle' is not a place for the invigilator's desk"),
        (RoomLayout(2, 2, spacing_note="x" * 201), "the spacing note is longer than 200 characters"),
    ],
)  # fmt: skip
def test_a_layout_that_cannot_be_is_refused_in_one_sentence(layout: RoomLayout, message: str) -> None:
    with pytest.raises(InputError, match=message) as refused:
        validate_layout(layout)
    assert "\n" not in str(refused.value)


def test_the_biggest_typed_layout_and_a_long_note_are_allowed() -> None:
    assert validate_layout(RoomLayout(26, 60, spacing_note="x" * 200)).size == 1560
    assert validate_layout(RoomLayout(1, 1)).desks == ("A1",)
