"""The exam-day kit of one session, built from the one model of sittings.

Seating plans, registers and desk cards are filled here from ``seating.seat_sessions``
and the rooms' desk layouts, so each printed page says what the exam-day view says. The
writers (``io/exam_day_pdf.py``) only lay these records out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain.access import ExamDayRow, describe_timing, format_number
from eoffice.domain.centre import get_centre, printed_name
from eoffice.domain.examday.desks import column_order
from eoffice.domain.examday.kit import DeskCard, ExamDayKit, KitPaper, Register, RegisterLine, RoomPlan, Seat
from eoffice.domain.examday.seating import SeatedSession, listed, seat_sessions
from eoffice.domain.roster import Room, desk_position, slot_label


def _paper(row: ExamDayRow) -> KitPaper:
    return KitPaper(row.board, row.code, row.title, row.published, row.published_finish, row.moved_from)


def _seat(rows: Sequence[ExamDayRow]) -> Seat:
    """One candidate's desk: their papers in the order sat, the earliest start and latest finish."""
    ordered = sorted(rows, key=lambda r: (r.start, r.code))
    first = ordered[0]
    row, column = desk_position(first.desk) if first.desk else (-1, -1)
    return Seat(first.desk or "", row, column, first.candidate, first.name, tuple(r.code for r in ordered),
                first.start, max(r.finish for r in ordered), first.arrangements, first.pending,
                describe_timing(first.extra_percent, first.rest_per_hour))


def _room_plan(room: Room, rows: Sequence[ExamDayRow]) -> tuple[RoomPlan, list[Seat]]:
    by_candidate: dict[int, list[ExamDayRow]] = defaultdict(list)
    for r in rows:
        by_candidate[r.candidate_id].append(r)
    seats = [_seat(taken) for taken in by_candidate.values()]
    at_desk = sorted((s for s in seats if s.desk), key=lambda s: (s.row, s.column))
    nowhere = sorted((s for s in seats if not s.desk), key=lambda s: s.candidate)
    papers = {r.code: _paper(r) for r in sorted(rows, key=lambda r: (r.published, r.code))}
    layout = room.desk_layout
    plan = RoomPlan(room.name, layout.rows, layout.columns, layout.off, layout.exit, layout.invigilator_desk,
                    layout.spacing_note, tuple(papers.values()), tuple(at_desk), tuple(nowhere))
    return plan, at_desk + nowhere


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
    centre = get_centre(session)
    number = (centre.centre_number or "") if centre else ""
    if not seated:
        return ExamDayKit(number, printed_name(session), day, exam_session, (), (), (),
                          (f"Nobody sits an exam on {slot_label(day, exam_session)}.",))
    (one,) = seated
    by_room: dict[str, list[ExamDayRow]] = defaultdict(list)
    nowhere: list[ExamDayRow] = []
    for r in one.rows:
        (by_room[r.room] if r.room else nowhere).append(r)
    plans, registers, cards = [], [], []
    for name in sorted(by_room):
        rows = by_room[name]
        plan, seats = _room_plan(one.rooms[name], rows)
        plans.append(plan)
        order = {d: i for i, d in enumerate(column_order([s.desk for s in seats if s.desk]))}
        in_order = sorted(seats, key=lambda s: (order.get(s.desk, len(order)), s.candidate))
        for paper in plan.papers:
            lines = tuple(RegisterLine(s.desk, s.candidate, s.name, s.arrangements, s.pending)
                          for s in in_order if paper.code in s.codes)
            registers.append(Register(name, paper, lines))
        papers = {p.code: p for p in plan.papers}
        cards += [DeskCard(name, s.desk, s.candidate, s.name, tuple(papers[c] for c in s.codes), s.start, s.finish,
                           s.timing_text) for s in in_order]
    warnings = list(one.warnings)
    if nowhere:
        who = sorted({format_number(r.candidate_number) for r in nowhere})
        warnings.append(f"{len(who)} candidate{'s have' if len(who) != 1 else ' has'} no room: {', '.join(who)}")
    return ExamDayKit(number, printed_name(session), day, exam_session, tuple(plans), tuple(registers),
                      tuple(cards), tuple(dict.fromkeys(warnings)))
