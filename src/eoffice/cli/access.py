"""Access arrangements on the command line: the four MIS imports, ``access session`` and
``access clashes`` (``export access`` is the export catalogue's).

``cli.main`` adds the sub-commands and the imports this module lists in ``IMPORTS``. Like
the rest of the command line it never imports Qt and never asks a question: a bad file is
refused with one line naming its row and column (exit 2) before anything is written.
Output names candidates by number; arrangement details appear only where the command was
asked for them (``access session``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from eoffice.cli.common import Importer, ImportResult, db_option, db_path, report_import

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from eoffice.io.tables import Table

R = TypeVar("R", bound=ImportResult)  # each import's own result type


def add_commands(commands: Any) -> None:
    """``eoffice access session --date D --session AM|PM`` and ``eoffice access clashes``."""
    access = commands.add_parser("access", help="access arrangements on exam day")
    actions = access.add_subparsers(dest="access_command", metavar="ACTION", required=True)
    day = actions.add_parser("session", help="candidates with arrangements in one session, with finish times")
    day.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    day.add_argument("--session", required=True, metavar="AM|PM")
    day.add_argument("--json", action="store_true", help="print a JSON list")
    db_option(day)
    day.set_defaults(handler=session_command)
    clash = actions.add_parser("clashes", help="every candidate's timetable clashes and how to resolve them")
    clash.add_argument("--json", action="store_true", help="print a JSON list")
    clash.add_argument("--year", metavar="YYYY/YY", help="only this academic year (default: every paper)")
    db_option(clash)
    clash.set_defaults(handler=clashes_command)
    move = actions.add_parser("move-paper", help="settle a clash: sit one paper in the other session of its day, or "
                                                 "the next morning under overnight supervision")
    move.add_argument("--candidate", required=True, metavar="NUMBER")
    move.add_argument("--paper", required=True, metavar="CODE")
    move.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day it is now sat")
    move.add_argument("--session", required=True, metavar="AM|PM", help="the session it is now sat")
    db_option(move)
    move.set_defaults(handler=move_paper_command)


def session_command(args: argparse.Namespace) -> int:
    from eoffice.db.session import open_database
    from eoffice.domain.access import clock, parse_session
    from eoffice.domain.dates import parse_date
    from eoffice.domain.examday import session_list

    day = parse_date(args.date, what="--date")
    exam_session = parse_session(args.session)
    with open_database(db_path(args), create=False, read_only=True) as db, db.session() as session:
        rows = session_list(session, day, exam_session)
    if args.json:
        print(json.dumps([r.as_json() for r in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"no candidate with an arrangement in force sits a paper on {day.isoformat()} {exam_session}")
        return 0
    for r in rows:
        added = " ".join(p for p in (f"+{float(r.timing.extra_minutes):g} min" if r.timing.extra_minutes else "",
                                     f"rest {float(r.timing.rest_minutes):g} min" if r.timing.rest_minutes else "") if p)
        print(f"{r.candidate}  {r.name:<30.30}  {r.code:<12}  {clock(r.start)}  {r.timing.duration:>3} min  "
              f"{added or '-':<22}  finish {clock(r.finish)}  {r.room or 'room not assigned'}"
              + (f" {r.desk}" if r.desk else "") + (f"  (pending: {', '.join(r.pending)})" if r.pending else "")
              + (f"  ({r.clash_note}; published start {clock(r.published)})" if r.clash_note and not r.moved_from
                 else "") + (f"  (moved from {r.moved_from} to settle a clash)" if r.moved_from else ""))
    for warning in dict.fromkeys(r.warning for r in rows if r.warning):
        print(f"warning: {warning}")
    print(f"{len({r.candidate for r in rows})} candidates, {len(rows)} papers")
    return 0


def clashes_command(args: argparse.Namespace) -> int:
    from eoffice.db.session import open_database
    from eoffice.domain.access import RESOLUTIONS, clashes
    from eoffice.domain.years import AcademicYear

    year = AcademicYear.parse(args.year) if args.year else None
    with open_database(db_path(args), create=False, read_only=True) as db, db.session() as session:
        found = clashes(session, year)
    if args.json:
        print(json.dumps([c.as_json() for c in found], indent=2, ensure_ascii=False))
        return 0
    for c in found:
        where = f"{c.sat_on.isoformat()} {c.session or 'day'}"
        print(f"{c.candidate}  {where:<14}  {' + '.join(c.codes):<36}  {c.total_minutes:>4} min  "
              f"{c.resolution}: {c.advice or RESOLUTIONS[c.resolution].lower()}"
              + (f"  decided: {c.decision}" if c.decision else ""))
    print(f"{len(found)} clash{'es' if len(found) != 1 else ''}")
    return 0


def move_paper_command(args: argparse.Namespace) -> int:
    """``eoffice access move-paper``: the paper's own date and session put it back as timetabled."""
    from eoffice.db.session import open_database
    from eoffice.domain.access import parse_number, parse_session, settle_clash
    from eoffice.domain.dates import parse_date

    on = parse_date(args.date, what="--date")
    exam_session = parse_session(args.session)
    number = parse_number(args.candidate)
    with open_database(db_path(args), create=False) as db, db.session() as session:
        back = settle_clash(session, number, args.paper, on, exam_session)
    code = args.paper.strip()
    print(f"{number:04d} sits {code} " + ("as timetabled" if back else f"on {on.isoformat()} {exam_session}"))
    return 0


# --- imports ---------------------------------------------------------------------------

def _run_import(args: argparse.Namespace, database: Path, read: Callable[[Path], Table], check: Callable[[Session, Table], R],
                apply: Callable[[Session, R], None], file: Path) -> int:
    """Read the file before the database is opened, check every row, then write in one transaction."""
    from eoffice.db.session import open_database
    from eoffice.domain.bulk import paused

    dry_run = bool(getattr(args, "dry_run", False))
    with paused():  # 100,000 rows: no pauses of the garbage collector from reading to printing
        table = read(Path(file))
        with open_database(database, create=False, read_only=dry_run) as db, db.session() as session:
            result = check(session, table)
            if not dry_run:
                apply(session, result)
        return report_import(result, dry_run=dry_run)


def import_candidates(args: argparse.Namespace, database: Path, file: Path) -> int:
    from eoffice.io.candidate_import import apply_candidates, check_candidates, read_candidates

    return _run_import(args, database, read_candidates, check_candidates, apply_candidates, file)


def import_timetable(args: argparse.Namespace, database: Path, file: Path) -> int:
    from eoffice.io.timetable_import import apply_timetable, check_timetable, read_timetable

    return _run_import(args, database, read_timetable, check_timetable, apply_timetable, file)


def import_entries(args: argparse.Namespace, database: Path, file: Path) -> int:
    from eoffice.io.timetable_import import apply_entries, check_entries, read_entries

    return _run_import(args, database, read_entries, check_entries, apply_entries, file)


def import_arrangements(args: argparse.Namespace, database: Path, file: Path) -> int:
    from eoffice.io.arrangement_import import apply_arrangements, check_arrangements, read_arrangements

    return _run_import(args, database, read_arrangements, check_arrangements, apply_arrangements, file)


IMPORTS: dict[str, Importer] = {"candidates": import_candidates, "timetable": import_timetable,
                                 "entries": import_entries, "arrangements": import_arrangements}
