"""UK dates: shown and typed as DD/MM/YYYY; files may also use ISO (YYYY-MM-DD)."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from eoffice import clock
from eoffice.errors import InputError

DISPLAY_FORMAT = "%d/%m/%Y"
DISPLAY_DATETIME_FORMAT = "%d/%m/%Y %H:%M"


def format_date(value: date | None) -> str:
    """DD/MM/YYYY. Formatted by hand, not with ``strftime``: that imports ``time`` on every call,
    and under PySide6 every import goes through its Python import hook, so a table of 2,000
    dates of birth spent several milliseconds on the hook alone."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if value else ""


def local(moment: datetime) -> datetime:
    """A stored UTC time as the UK's wall clock shows it, for display."""
    return clock.in_uk(moment).replace(tzinfo=None)


def format_datetime(value: datetime | None) -> str:
    return value.strftime(DISPLAY_DATETIME_FORMAT) if value else ""


def parse_date(text: str, *, what: str = "date", allow_iso: bool = True) -> date:
    """Read DD/MM/YYYY (or ISO) and say plainly what is wrong when it cannot.

    A two-digit year is refused rather than guessed: 01/09/26 is too easy to misread.
    """
    raw = text.strip()
    if not raw:
        raise InputError(f"the {what} is empty; write it as DD/MM/YYYY")
    for fmt, allowed in (("%d/%m/%Y", True), ("%Y-%m-%d", allow_iso)):
        if not allowed:
            continue
        parts = raw.split("/" if fmt[2] == "/" else "-")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            continue
        year = parts[2] if fmt.startswith("%d") else parts[0]
        if len(year) != 4:
            raise InputError(f"{raw!r} is not a valid {what}: write the year with four digits")
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            raise InputError(f"{raw!r} is not a real {what} (there is no such day)") from None
    raise InputError(f"{raw!r} is not a valid {what}: write it as DD/MM/YYYY")


# Month names and their usual short forms, for dates typed as "15 Jan 2027".
_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december"),
), start=1) for name in names}
_WEEKDAYS = {"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
             "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday"}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_TYPED_FORMS = "15/01/2027, 15/1/27, 15 Jan 2027 or 2027-01-15"


def _typed_year(text: str) -> int:
    """Four digits as written; two digits are this century up to 69 and the last from 70.

    A person typing into a date field sees the whole date and its weekday at once, so a
    short year is safe here (files, read unseen, still need four digits: ``parse_date``).
    """
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        short = int(text)
        return 2000 + short if short < 70 else 1900 + short
    raise InputError(f"write the year with four digits ({_TYPED_FORMS})")


def _typed_parts(raw: str) -> tuple[int, int, int]:
    """Day, month and year from what was typed, before checking the day exists."""
    words = [w for w in re.split(r"[\s/.\-,]+", raw) if w]
    if words and words[0].lower() in _WEEKDAYS:  # "Fri 15/01/2027", as the field shows it
        words = words[1:]
    if len(words) == 3 and len(words[0]) == 4 and words[0].isdigit():  # 2027-01-15
        year, month, day = words
        if month.isdigit() and day.isdigit():
            return int(day), int(month), int(year)
    if len(words) == 2 and (words[1].isdigit() or words[1].lower() in _MONTHS):
        raise InputError(f"add the year ({_TYPED_FORMS})")
    if len(words) != 3 or not words[0].isdigit() or not words[2].isdigit():
        raise InputError(f"type it as {_TYPED_FORMS}")
    month_word = words[1].lower()
    if month_word.isdigit():
        month = int(month_word)
    elif month_word in _MONTHS:
        month = _MONTHS[month_word]
    else:
        raise InputError(f"{words[1]!r} is not a month")
    return int(words[0]), month, _typed_year(words[2])


def parse_typed_date(text: str) -> date:
    """A date as a person types it into a field: never rolled into another date.

    Takes 15/01/2027, 15/1/27, 15.1.2027, 15 Jan 2027, 15 January 2027 and 2027-01-15.
    An impossible day (31/02/2027) or month is refused with the reason, because a date
    field that quietly turns 31 February into 3 March saves a wrong deadline unseen.
    """
    raw = text.strip()
    if not raw:
        raise InputError(f"no date: type one as {_TYPED_FORMS}")
    day, month, year = _typed_parts(raw)
    if not 1 <= month <= 12:
        raise InputError(f"there is no month {month}")
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 0
    if not last:
        raise InputError(f"{year} is not a year eoffice can use")
    if not 1 <= day <= last:
        raise InputError(f"{_MONTH_NAMES[month - 1]} {year} has {last} days, not {day}")
    return date(year, month, day)


def weekday_short(value: date) -> str:
    """Mon, Tue, …: shown beside a typed date so a slip of one digit is seen at once."""
    return value.strftime("%a")
