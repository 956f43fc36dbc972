"""UK dates: typed and shown as DD/MM/YYYY; ISO accepted from files."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eoffice.domain.dates import format_date, format_datetime, parse_date
from eoffice.errors import InputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23/11/2026", date(2026, 11, 23)),
        ("01/09/2026", date(2026, 9, 1)),
        ("1/9/2026", date(2026, 9, 1)),
        (" 29/02/2028 ", date(2028, 2, 29)),
        ("2026-11-23", date(2026, 11, 23)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_day_comes_before_month() -> None:
    assert parse_date("03/04/2026") == date(2026, 4, 3)


@pytest.mark.parametrize("text", ["31/02/2026", "29/02/2027", "31/04/2026", "2026-02-30", "00/01/2026"])
def test_impossible_day_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="not a real"):
        parse_date(text)


@pytest.mark.parametrize("text", ["01/09/26", "26-09-01"])
def test_two_digit_year_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="four digits"):
        parse_date(text)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        parse_date(text)


@pytest.mark.parametrize("text", ["tomorrow", "23.11.2026", "23/11", "23/11/2026/1", "2026/11"])
def test_other_shapes_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="DD/MM/YYYY"):
        parse_date(text)


def test_iso_can_be_switched_off() -> None:
    with pytest.raises(InputError, match="DD/MM/YYYY"):
        parse_date("2026-11-23", allow_iso=False)
    assert parse_date("23/11/2026", allow_iso=False) == date(2026, 11, 23)


def test_message_names_the_field() -> None:
    with pytest.raises(InputError, match="access arrangement expiry"):
        parse_date("31/02/2026", what="access arrangement expiry")


def test_format_date() -> None:
    assert format_date(date(2026, 9, 1)) == "01/09/2026"
    assert format_date(None) == ""


def test_format_datetime() -> None:
    assert format_datetime(datetime(2026, 11, 23, 9, 5)) == "23/11/2026 09:05"
    assert format_datetime(None) == ""


def test_format_then_parse_round_trips() -> None:
    day = date(2027, 6, 30)
    assert parse_date(format_date(day)) == day
