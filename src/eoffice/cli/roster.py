"""The roster on the command line: ``roster solve`` and ``import invigilators|availability|rooms``
(``export roster`` is the export catalogue's).

``cli.main`` adds the sub-command and the imports this module lists in ``IMPORTS``. Bad
input (an unknown series, a bad date, a file that does not read) is refused with one plain
line and exit 2 before anything is written. A solve that leaves places uncovered still exits 0: the shortfalls are the
answer, reported line by line (or in the JSON), and the roster is written.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eoffice import clock
from eoffice.cli.common import Importer, db_option, db_path, report_import, year_of

IMPORT_KINDS = ("invigilators", "availability", "rooms")


def add_commands(commands: Any) -> None:
    """``eoffice roster solve --db PATH [--series NAME] [--year Y] [--from DATE] [--json] [--dry-run]``."""
    roster = commands.add_parser("roster", help="the invigilation roster")
    actions = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    solve = actions.add_parser("solve", help="roster invigilators to every room in use, keeping locked assignments")
    db_option(solve)
    solve.add_argument("--series", metavar="NAME", help="November, January or Summer (default: the whole year)")
    solve.add_argument("--year", metavar="YYYY/YY", help="academic year, e.g. 2026/27 (default: the current one)")
    solve.add_argument("--from", dest="start", metavar="DD/MM/YYYY",
                       help="roster sessions from this date on; earlier ones are kept as they are (default: today)")
    solve.add_argument("--json", action="store_true", help="print the result as JSON")
    solve.add_argument("--dry-run", action="store_true", help="solve and report, but write nothing")
    solve.set_defaults(handler=solve_command)


def solve_command(args: argparse.Namespace) -> int:
    from eoffice.db.session import open_database
    from eoffice.domain.dates import parse_date
    from eoffice.domain.roster import apply_result, reseat, scope_for, seating, solve_scope

    year = year_of(args)
    start = parse_date(args.start, what="--from date") if args.start else clock.today()
    scope = scope_for(year, args.series, today=start)  # every mistake is refused before the file is opened
    with open_database(db_path(args), create=False, read_only=args.dry_run) as db, db.session() as session:
        if args.dry_run:
            plans = list(seating.layout(session, scope.start, scope.end).values())
            notes = seating.warnings(plan for _people, plan in plans)
        else:
            notes = reseat(session, scope)  # as the window's auto-roster does: overrides stay
        result = solve_scope(session, scope)
        if not args.dry_run:
            apply_result(session, result, scope)
    if args.json:
        print(json.dumps({**result.as_json(), "warnings": notes}, indent=2, ensure_ascii=False))
        return 0
    needed = sum(r.needed for r in result.requirements)
    covered = needed - sum(s.needed - s.assigned for s in result.shortfalls)
    gap = "" if result.gap is None else f", gap {100 * result.gap:.2f}%"
    print(f"{scope.label} from {scope.start:%d/%m/%Y}: {result.status}{gap}, {result.seconds:.1f} s")
    print(f"{len(result.requirements)} rooms in use in {len({r.slot for r in result.requirements})} sessions: "
          f"{needed} places, {covered} covered")  # fmt: skip
    for line in notes:
        print(f"warning: {line}")
    for short in result.shortfalls:
        print(f"short: {short.reason}")
    written = sum(1 for a in result.assignments if not a.locked and scope.start <= a.on <= scope.end)
    print("dry run: nothing was written" if args.dry_run else f"wrote {written} assignments; locked ones kept")
    return 0


def importer(kind: str) -> Callable[[argparse.Namespace, Path, Path], int]:
    """The ``import KIND`` handler: the whole file is checked before anything is written."""

    def run(args: argparse.Namespace, database: Path, file: Path) -> int:
        from eoffice.db.session import open_database
        from eoffice.domain.bulk import paused
        from eoffice.io.roster_import import CHECKS, read_table

        dry_run = bool(getattr(args, "dry_run", False))
        with paused():  # 100,000 rows: no pauses of the garbage collector from reading to printing
            table = read_table(Path(file), kind)  # a bad file is refused before the database is opened
            with open_database(database, create=False, read_only=dry_run) as db, db.session() as session:
                result = CHECKS[kind](session, table)
                if not dry_run:
                    result.apply(session)
            return report_import(result, dry_run=dry_run)

    return run


IMPORTS: dict[str, Importer] = {kind: importer(kind) for kind in IMPORT_KINDS}
