"""The exam room's display board: what the wall shows, worked out from the one model.

JCQ (ICE 11.8) asks for a clock showing the actual time, visible to every candidate, and a
board with the centre number, subject, paper number, date and actual start and finish
times. The board here is that record for one room of one session: each paper with its
actual start and finish (moved by any pause), and the later finishes in the room as
bands, "25% extra time: finishes 11:12", never with names; candidate numbers only when
the centre allows it (the ``board.candidate_numbers`` setting, off by default). The
window draws it (``ui/board``) and keeps the clock; everything it says comes from here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from sqlalchemy.orm import Session

from eoffice.domain import settings
from eoffice.domain.access import ExamDayRow, Timing, clock
from eoffice.domain.centre import get_centre, printed_name
from eoffice.domain.examday.room_pauses import Pause, paused_timing
from eoffice.domain.examday.seating import seat_sessions
from eoffice.domain.roster import slot_label
from eoffice.errors import InputError

NONE = Fraction(0)
AFTER_ANOTHER = "after another paper"  # a clash: the candidate sits this paper second, after a supervised break


@dataclass(frozen=True)
class BoardPaper:
    """One paper sat in the room: the times for candidates with no extra time."""

    board: str
    code: str
    title: str
    start: int  # minutes after midnight, actual (a pause before the start moves it)
    finish: int  # actual: the published duration, plus any pause while it ran
    published_start: int

    @property
    def times(self) -> str:
        return f"{clock(self.start)}–{clock(self.finish)}"


@dataclass(frozen=True)
class BoardBand:
    """Candidates of one paper who finish at another time than the paper: why, and when."""

    code: str
    reason: str  # "25% extra time", "rest 10 min/hour", "after another paper"
    start: int
    finish: int
    starts_late: bool  # starts after the paper (a clash): the start is said too
    numbers: tuple[str, ...] = ()  # only when the setting allows them on the board

    def text(self, with_code: bool) -> str:
        """``8035/1, 25% extra time: finishes 11:12`` (the code only when the room sits several papers)."""
        head = f"{self.code}, {self.reason}" if with_code else self.reason[:1].upper() + self.reason[1:]
        when = (f"starts {clock(self.start)}, finishes {clock(self.finish)}" if self.starts_late
                else f"finishes {clock(self.finish)}")
        return f"{head}: {when}" + (f" ({', '.join(self.numbers)})" if self.numbers else "")


@dataclass(frozen=True)
class Board:
    centre_number: str
    centre_name: str
    on: date
    session: str
    room: str
    papers: tuple[BoardPaper, ...]
    bands: tuple[BoardBand, ...]
    paused_since: datetime | None = None  # UK time, while the room is paused
    rooms_in_session: tuple[str, ...] = ()  # every room of the session, for "pause every room"

    @property
    def heading(self) -> str:
        """``Centre 12345, Northfield Academy``."""
        return f"Centre {self.centre_number}, {self.centre_name}" if self.centre_number else self.centre_name

    @property
    def when(self) -> str:
        return f"{self.on:%A} {self.on.day} {self.on:%B %Y}, {'morning' if self.session == 'AM' else 'afternoon'}"

    @property
    def band_lines(self) -> list[str]:
        several = len(self.papers) > 1
        return [b.text(several) for b in self.bands]

    @property
    def last_finish(self) -> int:
        return max([p.finish for p in self.papers] + [b.finish for b in self.bands])

    def remaining(self, now: datetime) -> str:
        """The line beside the clock: what is left, never a countdown in place of the clock."""
        if self.paused_since is not None:
            return f"Paused at {self.paused_since:%H:%M}: finish times are held until the exam resumes"
        second = now.hour * 3600 + now.minute * 60 + now.second
        running = sorted((p for p in self.papers if p.start * 60 <= second < p.finish * 60), key=lambda p: p.finish)
        if running:
            p = running[0]
            left = _duration(p.finish * 60 - second)
            return f"Time remaining: {left}" if len(self.papers) == 1 else f"{p.code} ends in {left}, at {clock(p.finish)}"
        coming = sorted((p for p in self.papers if second < p.start * 60), key=lambda p: p.start)
        if coming:
            return f"{coming[0].code} starts at {clock(coming[0].start)}"
        if second < self.last_finish * 60:
            return f"Later finishes still running: the last at {clock(self.last_finish)}"
        return "Every paper in this room has finished"


def _duration(seconds: int) -> str:
    """``1 h 05 min`` or ``12 min``: whole minutes, rounded up (never shows less time than there is)."""
    minutes = -(-seconds // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def _seconds(rows: Sequence[ExamDayRow]) -> set[int]:
    """The rows a candidate sits after another paper of the session (a clash): every one of their
    papers but the first, by start (``id`` of the row)."""
    by_candidate: dict[int, list[ExamDayRow]] = defaultdict(list)
    for r in rows:
        by_candidate[r.candidate_id].append(r)
    return {id(r) for mine in by_candidate.values() for r in sorted(mine, key=lambda r: (r.start, r.code))[1:]}


def board_of(rows: Sequence[ExamDayRow], centre_number: str, centre_name: str, day: date, exam_session: str,
             room: str, *, numbers: bool = False, pauses: Sequence[Pause] = (), rooms: Sequence[str] = ()) -> Board:
    """The board from one room's sittings (already timed, seated and paused by the model) and the
    room's pauses (a running one holds the finishes; resumed ones moved the paper's own times)."""
    second = _seconds(rows)
    by_code: dict[str, list[ExamDayRow]] = defaultdict(list)
    for r in rows:
        by_code[r.code].append(r)
    papers, bands = [], []
    for code, here in by_code.items():
        plain = [r for r in here if not r.extra_percent and not r.rest_per_hour and id(r) not in second]
        first = min(here, key=lambda r: (id(r) in second, r.start))
        if plain:
            start, finish = min(r.start for r in plain), max(r.finish for r in plain)
        else:  # everyone here has extra time or sits it second: the paper's own times, moved by the pauses
            base = first.start if id(first) not in second else first.published
            own = paused_timing(Timing(base, first.timing.duration, NONE, NONE), pauses)
            start, finish = own.start, own.finish
        papers.append(BoardPaper(first.board, code, first.title, start, finish, first.published))
        grouped: dict[tuple[str, int, int], list[str]] = defaultdict(list)
        for r in here:
            if (r.start, r.finish) != (start, finish):
                reason = ", ".join(p for p in (r.timing_text, AFTER_ANOTHER if id(r) in second else "") if p)
                grouped[(reason or "later finish", r.start, r.finish)].append(r.candidate)
        bands += [BoardBand(code, reason, s, f, s != start, tuple(sorted(who)) if numbers else ())
                  for (reason, s, f), who in grouped.items()]
    papers.sort(key=lambda p: (p.start, p.code))
    order = {p.code: i for i, p in enumerate(papers)}
    bands.sort(key=lambda b: (order[b.code], b.finish, b.reason))
    held = next((p.paused_at for p in pauses if p.running), None)
    return Board(centre_number, centre_name, day, exam_session, room, tuple(papers), tuple(bands), held, tuple(rooms))


def board_rooms(session: Session, day: date, exam_session: str) -> list[str]:
    """The rooms in use in one session, by name (what "Show board" offers)."""
    return sorted({r.room for s in seat_sessions(session, day, day, exam_session) for r in s.rows if r.room})


def board_for(session: Session, day: date, exam_session: str, room: str) -> Board:
    """The board of one room of one session, from the one model of sittings."""
    seated = seat_sessions(session, day, day, exam_session)
    rows = [r for s in seated for r in s.rows]
    rooms = sorted({r.room for r in rows if r.room})
    if room not in rooms:
        where = f"the rooms in use are {', '.join(rooms)}" if rooms else "nobody sits an exam then"
        raise InputError(f"nobody sits in {room} on {slot_label(day, exam_session)}: {where}")
    centre = get_centre(session)
    number = (centre.centre_number or "") if centre else ""
    stopped = [p for s in seated for p in s.pauses if p.room == room]
    return board_of([r for r in rows if r.room == room], number, printed_name(session), day, exam_session, room,
                    numbers=bool(settings.get(session, "board.candidate_numbers")), pauses=stopped, rooms=rooms)
