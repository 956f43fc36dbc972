"""``eoffice export`` and ``eoffice import``: files out of and into the database.

Every export is an entry of the export catalogue (``io.catalogue``), the same list the
window's File > Export runs, so the two cannot drift. Every import belongs to its area's
module, which lists it in ``IMPORTS``; ``IMPORTS`` here gathers them, area by area.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from eoffice import clock
from eoffice.cli import access, keydates, plan, roster
from eoffice.cli.common import EXIT_OK, Importer, db_option, db_path, year_of, year_option
from eoffice.io import catalogue

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from eoffice.domain.examday import TimetableChoice

T = TypeVar("T")

IMPORTS: dict[str, Importer] = {**plan.IMPORTS, **keydates.IMPORTS, **access.IMPORTS, **roster.IMPORTS}


def add_commands(commands: Any) -> None:
    export = commands.add_parser("export", help="export data to a file")
    export.add_argument("kind", choices=catalogue.names(), metavar="KIND", help=", ".join(catalogue.names()))
    export.add_argument("--format", required=True, metavar="FORMAT")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    db_option(export)
    year_option(export)
    export.add_argument("--date", metavar="YYYY-MM-DD", help="the exam day, for exports of one session (exam-day)")
    export.add_argument("--session", metavar="AM|PM", help="the exam session, with --date")
    export.add_argument("--kind", dest="document", metavar="KIND",
                        help="which document, for exports that have several (" + "; ".join(
                            f"{name}: {', '.join(catalogue.documents(name))}" for name in catalogue.names()
                            if catalogue.documents(name)) + ")")
    export.add_argument("--candidate", metavar="NNNN", help="one candidate's timetable (timetable)")
    export.add_argument("--form", metavar="NAME", help="a form's timetables (timetable)")
    export.add_argument("--year-group", dest="year_group", metavar="N", help="a year group's timetables (timetable)")
    export.add_argument("--series", metavar="NAME", help="one series of the year: November, January or Summer "
                        "(incidents)")
    export.set_defaults(handler=export_command)

    import_ = commands.add_parser("import", help="read an edited export back in")
    import_.add_argument("kind", choices=sorted(IMPORTS), metavar="KIND", help=", ".join(sorted(IMPORTS)))
    import_.add_argument("file", type=Path, metavar="FILE")
    db_option(import_)
    import_.add_argument("--dry-run", action="store_true", help="report what would change and write nothing")
    import_.set_defaults(handler=import_command)


class DatabaseFile:
    """Where the command line's exports read: each read opens the file read-only; the one
    change an export may make (a calendar's database id, made once) opens it for writing."""

    read_only = False

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self, query: Callable[[Session], T]) -> T:
        from eoffice.db.session import open_database

        with open_database(self.path, create=False, read_only=True) as db, db.session() as session:
            return query(session)

    def change(self, edit: Callable[[Session], T]) -> T:
        from eoffice.db.session import open_database

        with open_database(self.path, create=False) as db, db.session() as session:
            return edit(session)


def export_command(args: argparse.Namespace) -> int:
    from eoffice.db.files import refuse_overwriting_a_database

    export = catalogue.find(args.kind, args.format, args.document)
    year = year_of(args)  # a bad year, date or session is refused before any file is touched
    on, exam_session = _exam_session(args, export.one_session)
    choice = _candidates(args, export.chooses)
    series = _series(args, export.by_series)
    database = db_path(args)
    refuse_overwriting_a_database(args.out, database)
    request = catalogue.Request(year, clock.today(), on=on, session=exam_session, choice=choice, series=series)
    out = export.run(DatabaseFile(database), request, args.out)
    print(f"exported {args.kind} to {out}")
    return EXIT_OK


def _exam_session(args: argparse.Namespace, needed: bool) -> tuple[date | None, str | None]:
    """``--date`` and ``--session``: both for an export of one session, neither otherwise."""
    from eoffice.domain.access import parse_session
    from eoffice.domain.dates import parse_date
    from eoffice.errors import InputError

    given = [name for name in ("date", "session") if getattr(args, name, None)]
    if not needed:
        if given:
            raise InputError(f"--{given[0]}: only exam-day exports are of one session")
        return None, None
    if len(given) < 2:
        raise InputError("exam-day exports are of one session: give --date YYYY-MM-DD and --session AM or PM")
    return parse_date(args.date, what="--date"), parse_session(args.session)


def _candidates(args: argparse.Namespace, needed: bool) -> TimetableChoice | None:
    """``--candidate``, ``--form`` or ``--year-group``: for timetables only, at most one of them."""
    from eoffice.domain.examday import choice_from
    from eoffice.errors import InputError

    given = [name for name in ("candidate", "form", "year_group") if getattr(args, name, None) is not None]
    if not needed:
        if given:
            raise InputError(f"--{given[0].replace('_', '-')}: only timetable exports choose candidates")
        return None
    return choice_from(args.candidate, args.form, args.year_group)


def _series(args: argparse.Namespace, needed: bool) -> str | None:
    """``--series``: for the incident log only; checked against the year's series there."""
    from eoffice.errors import InputError

    if getattr(args, "series", None) is not None and not needed:
        raise InputError("--series: only the incident log is exported by series")
    return getattr(args, "series", None)


def import_command(args: argparse.Namespace) -> int:
    return IMPORTS[args.kind](args, db_path(args), args.file)
