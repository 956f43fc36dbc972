"""UK dates: shown and typed as DD/MM/YYYY; files may also use ISO (YYYY-MM-DD)."""

from __future__ import annotations

from datetime import date, datetime

from eoffice import clock
from eoffice.errors import InputError

DISPLAY_FORMAT = "%d/%m/%Y"
DISPLAY_DATETIME_FORMAT = "%d/%m/%Y %H:%M"


def format_date(value: date | None) -> str:
    return value.strftime(DISPLAY_FORMAT) if value else ""


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
