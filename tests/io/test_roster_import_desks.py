"""Rooms imported with their desks: optional Rows and Columns, given together, the desks beyond
the capacity switched off at the back right, the officer's own off desks and positions kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from eoffice.db.session import Database
from eoffice.domain.roster import Room, RoomFields, RoomLayout, add_room, rooms
from eoffice.errors import InputError
from eoffice.io import tables
from eoffice.io.roster_import import CHECKS, read_table
from eoffice.io.tables import Column, Sheet
from tests.io.test_roster_import import run, write_csv, xlsx

HEADERS = ["Room", "Capacity", "On-screen", "Separate", "Rows", "Columns"]


def _stored(db: Database) -> dict[str, Room]:
    with db.session() as session:
        return {r.name: r for r in rooms(session)}


def test_rooms_with_rows_and_columns_get_desks(db: Database, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "rooms.xlsx", [HEADERS, ["Sports Hall", 96, "No", "No", 8, 12], ["Library", "22", "Yes", "", "4", "6"],
                                          ["Room S1", 6, "", "Yes", None, ""]])  # fmt: skip
    assert run(db, path, "rooms") == ["row 2: add Sports Hall (96 seats in 8 x 12 desks)",
                                      "row 3: add Library (22 seats in 4 x 6 desks)", "row 4: add Room S1 (6 seats)"]  # fmt: skip
    found = _stored(db)
    assert found["Sports Hall"].fields.layout == RoomLayout(8, 12)
    assert found["Library"].fields.layout == RoomLayout(4, 6, frozenset({"D5", "D6"}))  # the back right switched off
    assert found["Library"].capacity == 22
    assert found["Room S1"].fields.layout is None


def test_a_rooms_file_written_out_and_read_back_changes_nothing(db: Database, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "rooms.csv", [HEADERS, ["Sports Hall", "94", "No", "No", "8", "12"], ["Room S1", "6", "", "Yes", "", ""]])
    run(db, first, "rooms")
    found = _stored(db).values()
    columns = [Column(h) for h in HEADERS]
    rows = [[r.name, r.capacity, r.on_screen, r.separate, r.fields.layout.rows if r.fields.layout else None,
             r.fields.layout.columns if r.fields.layout else None] for r in found]  # fmt: skip
    again = tables.write_csv(tmp_path / "again.csv", Sheet("Rooms", columns, rows))
    with db.session() as session:
        result = CHECKS["rooms"](session, read_table(again, "rooms"))
    assert (result.changes, result.unchanged) == ([], 2)
    assert _stored(db)["Sports Hall"].fields.layout == RoomLayout(8, 12, frozenset({"H11", "H12"}))


def test_the_officers_own_desks_off_and_positions_are_kept_while_they_fit(db: Database, tmp_path: Path) -> None:
    drawn = RoomLayout(8, 12, frozenset({"C5"}), "front left", "back", "1.25 m between desks")
    with db.session() as session:
        add_room(session, RoomFields("Sports Hall", 0, layout=drawn))
    same = write_csv(tmp_path / "same.csv", [["Room", "Capacity", "Rows", "Columns"], ["Sports Hall", "95", "8", "12"]])
    assert run(db, same, "rooms") == []  # unchanged: the pillar at C5 stays off
    blank = write_csv(tmp_path / "blank.csv", [["Room", "Capacity", "Rows", "Columns"], ["Sports Hall", "95", "", ""]])
    assert run(db, blank, "rooms") == []  # blank Rows and Columns keep the desks
    smaller = write_csv(tmp_path / "smaller.csv", [["Room", "Capacity", "Rows", "Columns"], ["sports hall", "70", "6", "12"]])
    assert run(db, smaller, "rooms") == ["row 2: change Sports Hall"]
    assert _stored(db)["Sports Hall"].fields == RoomFields(
        "Sports Hall", 70, layout=RoomLayout(6, 12, frozenset({"C5", "F12"}), "front left", "back", "1.25 m between desks"))  # fmt: skip
    fuller = write_csv(tmp_path / "fuller.csv", [["Room", "Capacity"], ["Sports Hall", "72"]])
    assert run(db, fuller, "rooms") == ["row 2: change Sports Hall"]  # no room left for the pillar: every desk on
    assert _stored(db)["Sports Hall"].fields.layout == RoomLayout(6, 12, frozenset(), "front left", "back", "1.25 m between desks")


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Room", "Capacity", "Rows"], ["Hall", "20", "4"]],
         "row 2, column 'Columns': Rows and Columns go together: give both, or leave both blank"),
        ([["Room", "Capacity", "rows", "columns"], ["Hall", "20", "", "5"]], "row 2, column 'rows': Rows and Columns go together"),
        ([["Room", "Capacity", "Rows", "Columns"], ["Hall", "20", "27", "5"]],
         "row 2, column 'Rows': 27 rows of desks is out of range: use 1 to 26"),
        ([["Room", "Capacity", "Rows", "Desks per row"], ["Hall", "20", "4", "ten"]],
         "row 2, column 'Desks per row': 'ten' is not a whole number of columns of desks: use 1 to 60"),
        ([["Room", "Capacity", "Rows", "Columns"], ["Hall", "20", "4", "61"]], "row 2, column 'Columns': 61 columns of desks is out"),
        ([["Room", "Capacity", "Rows", "Columns"], ["Hall", "21", "4", "5"]],
         "row 2, column 'Capacity': 21 seats do not fit a layout of 4 x 5 desks: the capacity must be from 1 to 20"),
        ([["Room", "Capacity", "Rows", "Columns"], ["Hall", "0", "4", "5"]], "row 2, column 'Capacity': 0 seats do not fit"),
    ],
)  # fmt: skip
def test_desks_that_cannot_be_refuse_the_whole_file(db: Database, tmp_path: Path, rows: list[list[object]], message: str) -> None:
    path = write_csv(tmp_path / "bad.csv", [*rows, ["Gym", "30", *[""] * (len(rows[0]) - 2)]])
    with db.session() as session, pytest.raises(InputError, match=message) as refused:
        CHECKS["rooms"](session, read_table(path, "rooms"))
    assert str(refused.value).startswith(str(path)) and "\n" not in str(refused.value)
    assert _stored(db) == {}


def test_a_capacity_beyond_a_stored_layout_is_refused_without_new_rows_and_columns(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        add_room(session, RoomFields("Sports Hall", 0, layout=RoomLayout(8, 12)))
    path = write_csv(tmp_path / "bigger.csv", [["Room", "Capacity"], ["Sports Hall", "120"]])
    with db.session() as session, pytest.raises(InputError, match="row 2, column 'Capacity': 120 seats do not fit a layout of 8 x 12"):
        CHECKS["rooms"](session, read_table(path, "rooms"))
