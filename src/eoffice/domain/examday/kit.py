"""The exam-day kit as plain records: what the seating plans, registers and desk cards show.

``examday.kit_for`` fills these from the one model of sittings (``examday.sittings``) and
the rooms' desk layouts; the PDF writers in ``io/exam_day_pdf.py`` only lay them out, so a
seating plan, a register and a desk card can never disagree with the exam-day view.
Times are minutes after midnight (``access.clock`` prints them); candidate numbers are the
four-digit text the awarding bodies use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eoffice.domain.access import clock

KINDS = ("seating-plan", "register", "desk-cards")  # ``eoffice export exam-day --kind``


@dataclass(frozen=True)
class KitPaper:
    """One paper sat in a room in the session, as the plan's header and the register name it."""

    board: str
    code: str
    title: str
    start: int  # the published start
    finish: int  # the published finish (start + duration, no extra time)
    moved_from: str = ""  # "Wed 12 May PM": the officer moved it here to settle a clash

    @property
    def moved_words(self) -> str:
        """`` on Wed 12 May PM, moved here to settle a clash``, or "" for a paper sat as timetabled."""
        return f" on {self.moved_from}, moved here to settle a clash" if self.moved_from else ""

    @property
    def published_words(self) -> str:
        """``published 13:30–15:15``, with where it was published when it was moved here."""
        return f"published {clock(self.start)}–{clock(self.finish)}{self.moved_words}"


@dataclass(frozen=True)
class Seat:
    """One occupied desk: who sits there and what the invigilator must know."""

    desk: str  # "A1": lettered rows from the front, numbered columns
    row: int  # 0 is the front row (row A)
    column: int  # 0 is column 1
    candidate: str  # "0012"
    name: str  # "Watson, Finn"
    codes: tuple[str, ...]  # the papers sat at this desk, in the order sat
    start: int  # as sat: after a clash paper when there is one
    finish: int  # with extra time and rest breaks
    arrangements: tuple[str, ...] = ()  # in force that day, in words ("25% extra time", "Reader")
    pending: tuple[str, ...] = ()  # applied for, not yet approved: planned for, never timed
    timing_text: str = ""  # "25% extra time, rest breaks 10 min/h"; "" for none

    @property
    def marked(self) -> bool:
        """Access-arrangement candidates are marked on the plans kept as centre records."""
        return bool(self.arrangements or self.pending)


@dataclass(frozen=True)
class RoomPlan:
    """One room in one session, desk by desk, as the seating plan prints it."""

    room: str
    rows: int
    columns: int
    off: frozenset[str]  # desks switched off (not used)
    exit: str  # one of ``roster.POSITIONS``: "back right"
    invigilator_desk: str  # one of ``roster.POSITIONS``: "front"
    spacing_note: str
    papers: tuple[KitPaper, ...]
    seats: tuple[Seat, ...]  # occupied desks, in desk order (A1, A2, ..., B1, ...)
    unseated: tuple[Seat, ...] = ()  # placed in this room but without a desk (more candidates than desks)


@dataclass(frozen=True)
class RegisterLine:
    desk: str
    candidate: str
    name: str
    arrangements: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()


@dataclass(frozen=True)
class Register:
    """The attendance register of one paper in one room, in seating order (scripts are collected in it)."""

    room: str
    paper: KitPaper
    lines: tuple[RegisterLine, ...]


@dataclass(frozen=True)
class DeskCard:
    room: str
    desk: str
    candidate: str
    name: str
    papers: tuple[KitPaper, ...]  # the papers sat at this desk
    start: int
    finish: int
    timing_text: str = ""  # shown with the finish only when the candidate has extra time or rest breaks


@dataclass(frozen=True)
class ExamDayKit:
    """Everything printed for one session."""

    centre_number: str  # "" when the centre has not recorded it
    centre_name: str
    on: date
    session: str  # "AM" or "PM"
    plans: tuple[RoomPlan, ...]
    registers: tuple[Register, ...]
    cards: tuple[DeskCard, ...]
    warnings: tuple[str, ...] = ()  # what the officer must settle before printing ("3 candidates have no desk")
