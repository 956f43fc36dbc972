"""The annual exams plan on the command line: ``plan new-year`` and ``import plan``
(``export plan`` is the export catalogue's, like every export).

``cli.main`` adds these sub-commands and the import this module lists in ``IMPORTS``. Like
the rest of the command line it never imports Qt, never asks a question, and refuses bad
input with one plain line (exit 2) before anything is written: years are parsed and files
read before the database is opened, and an import is checked whole before its one
transaction.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from eoffice import clock
from eoffice.cli.common import Importer, db_option, db_path, report_import
from eoffice.errors import EofficeError


def add_commands(commands: Any) -> None:
    """``eoffice plan new-year --year Y (--from-template | --from Y) --db PATH``."""
    plan = commands.add_parser("plan", help="the annual exams plan")
    actions = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    new_year = actions.add_parser("new-year", help="fill a year from the template, or roll a year forward")
    new_year.add_argument("--year", required=True, metavar="YYYY/YY", help="the year to fill, e.g. 2027/28")
    source = new_year.add_mutually_exclusive_group(required=True)
    source.add_argument("--from-template", action="store_true", help="fill an empty year from the template")
    source.add_argument("--from", dest="source", metavar="YYYY/YY", help="copy this year's tasks forward")
    new_year.add_argument(
        "--past-tasks", choices=("open", "before-eoffice"), default="open",
        help="a year begun after its first month: keep the tasks already past open (the default), "
             "or mark them 'before eoffice' (neither done nor overdue)",
    )
    db_option(new_year)
    new_year.set_defaults(handler=new_year_command)


def new_year_command(args: argparse.Namespace) -> int:
    from eoffice import clock
    from eoffice.db.session import open_database
    from eoffice.domain import keydates, plan
    from eoffice.domain.words import plural
    from eoffice.domain.years import AcademicYear

    target = AcademicYear.parse(args.year)
    source = AcademicYear.parse(args.source) if args.source else None
    template = None
    links = ""
    if source is None:
        try:
            template = plan.load_template()
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise EofficeError(f"the plan template cannot be read ({error}); nothing was changed") from None
    with open_database(db_path(args), create=False) as db, db.session() as session:
        if source is None:
            added = plan.new_year_from_template(session, target, template)
            how = "from the template"
        else:
            rolled = plan.roll_forward(session, source, target)
            added, links = list(rolled.added), rolled.links_note()
            how = f"rolled forward from {source.label}"
        linked = keydates.link_template_tasks(session, target)  # when the key dates came first
        if linked and not links:
            links = plan.links_note(linked, 0, target)
        today = clock.today()
        past = plan.already_past(added, today) if plan.started_mid_year(target.start, today, target.end) else []
        if past and args.past_tasks == "before-eoffice":
            plan.set_status(session, [t.id for t in past], plan.BEFORE_EOFFICE, today=today)
    n = len(added)
    print(f"added {plural(n, 'task')} to {target.label} {how}")
    if links:
        print(f"key dates: {links}")
    if past:
        what = "marked before eoffice" if args.past_tasks == "before-eoffice" else (
            "kept open (--past-tasks before-eoffice marks such tasks before eoffice)")
        print(f"past: {plural(len(past), 'task')} fell due before today, {what}")
    return 0


def import_plan(args: argparse.Namespace, database: Path, file: Path) -> int:
    """Registered as ``import plan``: the whole file is checked before anything is written."""
    from eoffice.db.session import open_database
    from eoffice.domain.bulk import paused
    from eoffice.io.plan_import import apply_import, plan_import, read_plan_sheet

    dry_run = bool(getattr(args, "dry_run", False))
    with paused():  # 100,000 rows: no pauses of the garbage collector from reading to printing
        sheet = read_plan_sheet(Path(file))  # a bad file is refused before the database is opened
        today = clock.today()
        with open_database(database, create=False, read_only=dry_run) as db, db.session() as session:
            result = plan_import(session, sheet, today=today)
            if not dry_run:
                apply_import(session, result, today=today)
        return report_import(result, dry_run=dry_run)


IMPORTS: dict[str, Importer] = {"plan": import_plan}
