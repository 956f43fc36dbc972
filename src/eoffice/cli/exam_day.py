"""Exam day on the command line: ``eoffice exam-day seat`` seats one session in rooms and desks.

The seating plans, registers and desk cards of a session are ``eoffice export exam-day
--kind seating-plan|register|desk-cards --date D --session AM|PM`` (the export catalogue's).
Output names candidates by number; arrangements appear as the invigilator needs them.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from eoffice.cli.common import db_option, db_path


def add_commands(commands: Any) -> None:
    """``eoffice exam-day seat --date YYYY-MM-DD --session AM|PM [--json]``."""
    exam_day = commands.add_parser("exam-day", help="exam day: seat a session in rooms and desks")
    actions = exam_day.add_subparsers(dest="exam_day_command", metavar="ACTION", required=True)
    seat = actions.add_parser("seat", help="seat one session in rooms and desks and store it (locked desks stay)")
    seat.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    seat.add_argument("--session", required=True, metavar="AM|PM")
    seat.add_argument("--json", action="store_true", help="print a JSON list, one object per candidate and paper")
    db_option(seat)
    seat.set_defaults(handler=seat_command)


def seat_command(args: argparse.Namespace) -> int:
    from eoffice.db.session import open_database
    from eoffice.domain.access import clock, parse_session
    from eoffice.domain.dates import parse_date
    from eoffice.domain.examday import kit_of, out_of_date_prints, out_of_date_text, seat_session
    from eoffice.domain.roster import desk_position, staffing
    from eoffice.domain.words import plural

    day = parse_date(args.date, what="--date")
    exam_session = parse_session(args.session)
    with open_database(db_path(args), create=False) as db, db.session() as session:
        seated = seat_session(session, day, exam_session)
        staff = next((s for s in staffing(session, day, day, placed=seated.layout) if s.session == exam_session),
                     None)
        reprint = out_of_date_text(out_of_date_prints(session, kit_of(session, day, exam_session, [seated])), day,
                                   exam_session)
    rows = sorted(seated.rows, key=lambda r: (r.room or "~", desk_position(r.desk) if r.desk else (99, 0), r.start,
                                              r.code))
    if args.json:
        print(json.dumps([{
            "candidate": r.candidate, "paper": r.code, "room": r.room, "desk": r.desk, "start": clock(r.start),
            "finish": clock(r.finish), "arrangements": list(r.arrangements), "pending": list(r.pending),
        } for r in rows], indent=2, ensure_ascii=False))
        return 0
    for room in sorted({r.room for r in rows if r.room}):
        here = [r for r in rows if r.room == room]
        print(f"{room}: {plural(len({r.candidate for r in here}), 'candidate')}, "
              f"{plural(seated.rooms[room].desk_layout.size, 'desk')}")
        for r in here:
            extra = ", ".join(r.arrangements) + (f" (pending: {', '.join(r.pending)})" if r.pending else "")
            print(f"  {r.desk or 'no desk':<7} {r.candidate}  {r.code:<12} {clock(r.start)}-{clock(r.finish)}"
                  + (f"  {extra}" if extra.strip() else ""))
    nowhere = sorted({r.candidate for r in rows if not r.room})
    if nowhere:
        print(f"no room: {', '.join(nowhere)}")
    for warning in seated.warnings:
        print(f"warning: {warning}")
    if reprint:
        print(f"warning: {reprint}")
    if staff is not None:
        print(f"staff: {staff.text}")
    print(f"{len({r.candidate for r in rows})} candidates seated for {day.isoformat()} {exam_session}")
    return 0
