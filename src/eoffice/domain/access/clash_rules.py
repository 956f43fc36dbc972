"""What to do about a candidate's clashing papers, and when each clashing paper is sat.

The rules, from ``shared/domain/regulations.md`` (Sessions, clashes and late arrivals):

* papers in one session adding up to 3 hours or less, counting extra time and rest
  breaks, are sat in that session with a short supervised break between them, so the
  second starts when the first finishes plus the break (its length is the centre's: a
  setting of 0 to 20 minutes, since ICE 2025/26 (8.2) allows more than 20 minutes only in
  the long-day alternative below);
* more than 3 hours: one moves to the other session of the same day. That only works
  when the other session has room for it, so the papers already there count: a move
  that would put that session over the limit is not offered;
* three or more papers in a day over 5h30 (GCSE) or 6h (GCE): overnight supervision may
  be used, the afternoon paper taken the next morning (a Friday afternoon paper on
  Saturday morning), with JCQ's overnight supervision form completed no later than two
  weeks before the series; the candidate should also be offered the chance to sit every
  paper on the day, and from 2025/26 the supervised break in that case may be longer than
  20 minutes (a permission, not a requirement).

Plain functions over minutes, no database: ``exam_day`` reads the papers and calls them,
so the exam-day screen, the sheets and the command line agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from eoffice.domain.access.exam_time import Timing

SAME_SESSION = "same-session"
MOVE = "move-to-other-session"
OVERNIGHT = "overnight-supervision"
RESOLUTIONS = {
    SAME_SESSION: "Sit both in the session with a short supervised break",
    MOVE: "Move one paper to the other session of the day",
    OVERNIGHT: "Offer overnight supervision",
}
# ICE 2025/26 (8.2): between clashing papers in one session the supervised break is at most
# 20 minutes; only a candidate sitting every paper of a long day may have a longer one.
BREAK_MAX_MINUTES = 20
BREAK_SOURCE = "JCQ ICE 2025/26, 8.2"
# ICE 2025/26 key changes (8.2): from 2025/26 the break may be longer than 20 minutes when a
# candidate over the day limit sits every paper on the day. Sitting them all on the day is older.
LONGER_BREAK_FROM = date(2025, 9, 1)
# Overnight supervision guidance (check: Pearson 2022/23 page), as regulations.md words it.
OVERNIGHT_FORM = "JCQ's overnight supervision form"
OVERNIGHT_FORM_DUE = "no later than two weeks before the series"
OVERNIGHT_FORM_NOTE = (f"For overnight supervision the centre completes {OVERNIGHT_FORM} {OVERNIGHT_FORM_DUE}; "
                       "the candidate is supervised from when they are taken out of contact.")
FRIDAY = 4
OTHER = {"AM": "PM", "PM": "AM"}


@dataclass(frozen=True)
class Verdict:
    resolution: str
    advice: str  # the plain sentence the officer reads: which paper, how long, what instead


@dataclass(frozen=True)
class _Move:
    """Moving one paper of a clash to the other session: what each session then holds."""

    order: int
    code: str
    stay: int  # minutes left in this session
    moved: int  # minutes in the other session with this paper
    stays_fine: bool
    moves_fine: bool


def hours(minutes: int) -> str:
    """195 -> "3h 15m", 180 -> "3h", 45 -> "45m"."""
    whole, rest = divmod(minutes, 60)
    if not whole:
        return f"{rest}m"
    return f"{whole}h {rest:02d}m" if rest else f"{whole}h"


def _up(value: Fraction) -> int:
    return math.ceil(value)


def session_verdict(here: Sequence[tuple[str, Fraction]], other_session: str, there: Sequence[Fraction],
                    same_max: int, break_minutes: int) -> Verdict:
    """Two or more papers in one session: ``here`` is (code, minutes with extra time and rest)
    in the order sat; ``there`` the papers already in ``other_session`` of that day.

    Within ``same_max`` they are sat one after the other. Over it, the paper to move is the
    one that leaves both sessions within ``same_max`` and the fuller session emptiest; when
    none does, the verdict says so with the least the other session would then hold."""
    exact = sum((m for _, m in here), Fraction(0))
    total = _up(exact)
    if total <= same_max:
        return Verdict(SAME_SESSION, f"sit one after the other with a supervised break of {break_minutes} "
                                     f"minutes between papers ({hours(total)} of papers)")
    already = sum(there, Fraction(0))
    moves = [_Move(order, code, _up(exact - minutes), _up(already + minutes),
                   # A paper sat alone is never over the limit for clashing papers, however long.
                   len(here) == 2 or _up(exact - minutes) <= same_max, not there or _up(already + minutes) <= same_max)
             for order, (code, minutes) in enumerate(here)]
    fitting = [m for m in moves if m.stays_fine and m.moves_fine]
    if fitting:
        best = min(fitting, key=lambda m: (max(m.stay, m.moved), m.order))
        then = f"; the {other_session} then has {hours(best.moved)}" if there else ""
        return Verdict(MOVE, f"move {best.code} to the {other_session} session{then}")
    leaving = [m for m in moves if m.stays_fine]
    if leaving:
        least = min(leaving, key=lambda m: (m.moved, m.order))
        what = f"moving {least.code} puts {hours(least.moved)} in the {other_session}"
    else:
        what = f"moving one paper still leaves {hours(min(m.stay for m in moves))} in this session"
    # Still "move-to-other-session" (the command line's JSON promises only the three JCQ answers);
    # the advice says no single move keeps both sessions within the limit.
    return Verdict(MOVE, f"{what}, over the {hours(same_max)} limit for one session; "
                                 "decide how to split the day")


def overnight_advice(day: date, total: int, day_max: int, sit_all_break_over: int) -> str:
    """The words for a day over the limit: overnight supervision with its form and deadline,
    the Friday exception, and the chance to sit every paper on the day (from 2025/26 with a
    break that may be longer than ``sit_all_break_over`` minutes)."""
    when = ("the Friday afternoon paper is sat on Saturday morning" if day.weekday() == FRIDAY
            else "the afternoon paper is sat the next morning")
    text = (f"{hours(total)} in the day, over {hours(day_max)}: offer overnight supervision ({when}; complete "
            f"{OVERNIGHT_FORM} {OVERNIGHT_FORM_DUE}) or the chance to sit every paper on the day")
    if day >= LONGER_BREAK_FROM:
        text += f" (the supervised break may then be longer than {sit_all_break_over} minutes)"
    return text


def one_after_another(timings: Sequence[Timing], break_minutes: int) -> list[Timing]:
    """Papers sat in turn in one session: each starts at its published start or, when the one
    before is still going, at that one's finish (with extra time and rest) plus the break."""
    sat: list[Timing] = []
    for timing in timings:
        start = timing.start if not sat else max(timing.start, sat[-1].finish + break_minutes)
        sat.append(replace(timing, start=start))
    return sat


def clash_notes(codes: Sequence[str]) -> list[str]:
    """The mark on each clashing row, in the order sat: "clash: sits first, then 8145/1",
    "clash: sits after 8035/1"."""
    if len(codes) < 2:
        return ["" for _ in codes]
    return [f"clash: sits first, then {codes[1]}"] + [f"clash: sits after {before}" for before in codes[:-1]]
