"""The exam-day kit of one session, built from the one model of sittings.

Seating plans, registers and desk cards are filled here from ``seating.seat_sessions``
and the rooms' desk layouts, so each printed page says what the exam-day view says. The
writers (``io/exam_day_pdf.py``) only lay these records out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from sqlalchemy.orm import Session

from eoffice.domain.access import ExamDayRow, describe_timing, format_number
from eoffice.domain.centre import get_centre, printed_name
from eoffice.domain.examday.kit import DeskCard, ExamDayKit, KitPaper, Register, RegisterLine, RoomPlan, Seat
from eoffice.domain.examday.seating import SeatedSession, listed, seat_sessions
from eoffice.domain.roster import Room, desk_position, slot_label


def _paper(row: ExamDayRow) -> KitPaper:
    return KitPaper(row.board, row.code, row.title, row.published, row.published_finish, row.moved_from)


# A desk label's (row, column), worked out once per label: a hall's kit asks it of every seat
# in every session, and the labels are the same few hundred (``desk_position`` is a regex).
_position = lru_cache(maxsize=4096)(desk_position)


def _seat(rows: Sequence[ExamDayRow]) -> Seat:
    """One candidate's desk: their papers in the order sat, the earliest start and latest finish."""
    ordered = sorted(rows, key=lambda r: (r.start, r.code)) if len(rows) > 1 else rows  # most sit one paper
    first = ordered[0]
    row, column = _position(first.desk) if first.desk else (-1, -1)
    return Seat(first.desk or "", row, column, first.candidate, first.name, tuple(r.code for r in ordered),
                first.start, max(r.finish for r in ordered), first.arrangements, first.pending,
                describe_timing(first.extra_percent, first.rest_per_hour))


def _room_plan(room: Room, rows: Sequence[ExamDayRow]) -> tuple[RoomPlan, list[Seat]]:
    """The room's plan, and its seats in register order: down each column from the front
    (``column_order``), then those without a desk, by candidate number."""
    by_candidate: dict[int, list[ExamDayRow]] = defaultdict(list)
    for r in rows:
        by_candidate[r.candidate_id].append(r)
    seats = [_seat(taken) for taken in by_candidate.values()]
    at_desk = sorted((s for s in seats if s.desk), key=lambda s: (s.row, s.column))
    nowhere = sorted((s for s in seats if not s.desk), key=lambda s: s.candidate)
    last: dict[str, ExamDayRow] = {}  # each paper as its last row in (published, code) order says it
    for r in sorted(rows, key=lambda r: (r.published, r.code)):
        last[r.code] = r
    papers = {code: _paper(r) for code, r in last.items()}
    layout = room.desk_layout
    plan = RoomPlan(room.name, layout.rows, layout.columns, layout.off, layout.exit, layout.invigilator_desk,
                    layout.spacing_note, tuple(papers.values()), tuple(at_desk), tuple(nowhere))
    # ``column_order`` of the desks is (column, row): the seats carry both already.
    in_order = sorted(at_desk, key=lambda s: (s.column, s.row, s.candidate)) + nowhere
    return plan, in_order


def kit_for(session: Session, day: date, exam_session: str) -> ExamDayKit:
    """Seating plans, registers and desk cards for one session, from the one model."""
    return kit_of(session, day, exam_session, seat_sessions(session, day, day, exam_session))


def session_and_kit(session: Session, day: date, exam_session: str) -> tuple[list[ExamDayRow], ExamDayKit]:
    """The exam-day view's list (``session_list``) and the kit, from one seating of the session:
    what the Exam day page shows, worked out once."""
    seated = seat_sessions(session, day, day, exam_session)
    return listed(row for one in seated for row in one.rows), kit_of(session, day, exam_session, seated)


def kit_of(session: Session, day: date, exam_session: str, seated: Sequence[SeatedSession]) -> ExamDayKit:
    """The kit of one session already seated (``seat_sessions`` of that session)."""
    centre = get_centre(session)  # read once: ``printed_name`` would read it (and its people) again
    number = (centre.centre_number or "") if centre else ""
    name = centre.name if centre else printed_name(session)
    if not seated:
        return ExamDayKit(number, name, day, exam_session, (), (), (),
                          (f"Nobody sits an exam on {slot_label(day, exam_session)}.",))
    (one,) = seated
    by_room: dict[str, list[ExamDayRow]] = defaultdict(list)
    nowhere: list[ExamDayRow] = []
    for r in one.rows:
        (by_room[r.room] if r.room else nowhere).append(r)
    plans, registers, cards = [], [], []
    for room in sorted(by_room):
        plan, in_order = _room_plan(one.rooms[room], by_room[room])
        plans.append(plan)
        lines: dict[str, list[RegisterLine]] = {p.code: [] for p in plan.papers}
        for s in in_order:  # one line per seat, in each register of a paper sat at that desk
            line = RegisterLine(s.desk, s.candidate, s.name, s.arrangements, s.pending)
            for code in dict.fromkeys(s.codes):
                lines[code].append(line)
        registers += [Register(room, paper, tuple(lines[paper.code])) for paper in plan.papers]
        papers = {p.code: p for p in plan.papers}
        cards += [DeskCard(room, s.desk, s.candidate, s.name, tuple(papers[c] for c in s.codes), s.start, s.finish,
                           s.timing_text) for s in in_order]
    warnings = list(one.warnings)
    if nowhere:
        who = sorted({format_number(r.candidate_number) for r in nowhere})
        warnings.append(f"{len(who)} candidate{'s have' if len(who) != 1 else ' has'} no room: {', '.join(who)}")
    return ExamDayKit(number, name, day, exam_session, tuple(plans), tuple(registers),
                      tuple(cards), tuple(dict.fromkeys(warnings)))
