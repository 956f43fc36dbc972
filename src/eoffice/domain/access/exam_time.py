"""When a candidate's exam ends: the one rule for finish times.

Extra time is a percentage of the published duration (25% of 90 minutes is 22.5);
supervised rest breaks are minutes per hour of the published duration and are added
to the end; the total is rounded up to the next whole minute, because a candidate must
never be stopped early. Screens, PDFs, the roster and the command line all call this.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from eoffice.errors import InputError

SESSIONS = ("AM", "PM")
NONE = Fraction(0)
DEFAULT_STARTS = {"AM": 9 * 60, "PM": 13 * 60 + 30}


@dataclass(frozen=True)
class Timing:
    start: int  # minutes after midnight
    duration: int  # published, in minutes
    extra_minutes: Fraction
    rest_minutes: Fraction
    paused: int = 0  # whole minutes the room was paused while this candidate was working (``examday.paused``)
    # Minutes after midnight, rounded up to a whole minute: worked out once, when made (the
    # busiest summer reads it hundreds of thousands of times; ``replace`` works it out again).
    finish: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        end = (self.start + self.duration if not self.extra_minutes and not self.rest_minutes
               else self.start + math.ceil(self.duration + self.extra_minutes + self.rest_minutes))
        object.__setattr__(self, "finish", end + self.paused)

    @property
    def total_minutes(self) -> int:
        return self.finish - self.start


def timing(start: int, duration: int, extra_percent: int | None = None, rest_per_hour: int | None = None) -> Timing:
    if duration <= 0:
        raise InputError("the duration must be more than 0 minutes")
    extra = Fraction(duration * extra_percent, 100) if extra_percent else NONE
    rest = Fraction(duration * rest_per_hour, 60) if rest_per_hour else NONE
    return Timing(start, duration, extra, rest)


def finish_time(start: int, duration: int, extra_percent: int | None = None, rest_per_hour: int | None = None) -> int:
    return timing(start, duration, extra_percent, rest_per_hour).finish


def day_label(on: date) -> str:
    """``Tue 19 May``: how the office names an exam day in a sentence."""
    return f"{on:%a} {on.day} {on:%b}"


def slot_label(on: date, sess: str) -> str:
    """``Tue 19 May AM``: how the office names a session."""
    return f"{day_label(on)} {sess}"


def other_session(sess: str) -> str:
    """The day's other session: PM for AM and AM for PM."""
    return "PM" if sess == "AM" else "AM"


def clock(minutes: int) -> str:
    """24-hour HH:MM."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def parse_clock(text: str) -> int:
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", text or "")
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InputError(f"{text!r} is not a time: write it as HH:MM, e.g. 09:00 or 13:30")
    return int(match.group(1)) * 60 + int(match.group(2))


def parse_duration(text: object) -> int:
    """Minutes from ``90``, ``"90"``, ``"1h 30m"``, ``"1h30"``, ``"2h"`` or ``"45m"``."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        minutes = float(text)
    else:
        raw = str(text or "").strip().lower().replace(" ", "")
        match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)(?:m|min|mins)?)?", raw)
        if not raw or not match or (match.group(1) is None and match.group(2) is None):
            raise InputError(f"{text!r} is not a duration: write minutes (90) or hours and minutes (1h 30m)")
        hours, rest = int(match.group(1) or 0), int(match.group(2) or 0)
        if match.group(1) is not None and rest >= 60:
            raise InputError(f"{text!r} is not a duration: minutes after the hours must be under 60")
        minutes = hours * 60 + rest
    if minutes != int(minutes) or minutes <= 0 or minutes > 24 * 60:
        raise InputError(f"{text!r} is not a duration: it must be a whole number of minutes, more than 0")
    return int(minutes)
