"""The expected failures: one family, plain messages that say where."""

from __future__ import annotations

from pathlib import Path

import pytest

from eoffice import errors
from eoffice.errors import DatabaseError, EofficeError, InputError


@pytest.mark.parametrize(
    "kind",
    [
        errors.NotAnEofficeDatabase,
        errors.DamagedDatabase,
        errors.DatabaseTooNew,
        errors.DatabaseInUse,
        errors.ReadOnlyDatabase,
        errors.CannotOpenDatabase,
    ],
)
def test_database_errors_start_with_the_path(kind: type[DatabaseError]) -> None:
    error = kind("/data/centre.sqlite3", "is something")
    assert isinstance(error, EofficeError)
    assert error.path == Path("/data/centre.sqlite3")
    assert str(error) == f"{Path('/data/centre.sqlite3')}: is something"


def test_input_error_says_where() -> None:
    error = InputError("not a date", file="entries.csv", row=4, column="Date")
    assert str(error) == "entries.csv, row 4, column 'Date': not a date"
    assert (error.file, error.row, error.column, error.reason) == (Path("entries.csv"), 4, "Date", "not a date")


def test_input_error_without_a_place_is_just_the_message() -> None:
    error = InputError("the name is empty")
    assert str(error) == "the name is empty"
    assert error.file is None and error.row is None and error.column is None
    assert isinstance(error, EofficeError)


def test_input_error_with_only_a_row() -> None:
    assert str(InputError("bad", row=2)) == "row 2: bad"
