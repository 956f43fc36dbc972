"""Key dates on the command line: ``keydates load-reference``, ``export keydates``, ``import keydates``.

Kept out of ``cli.py`` like the plan's commands; ``cli.py`` adds the sub-command and
registers the export and import. No Qt, no questions, and bad input is refused with one
plain line (exit 2) before anything is written: the year and the reference list are
checked, and an import file read and checked whole, before the database is opened for
writing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eoffice.errors import EofficeError



def add_commands(commands: Any, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """``eoffice keydates load-reference [--year Y] --db PATH``."""
    group = commands.add_parser("keydates", help="key dates: JCQ and awarding-body deadlines")
    actions = group.add_subparsers(dest="keydates_command", metavar="ACTION", required=True)
    load = actions.add_parser("load-reference", help="add the built-in reference dates for a year")
    load.add_argument("--year", metavar="YYYY/YY", help="academic year, e.g. 2026/27 (default: the current one)")
    db_option(load)
    load.set_defaults(handler=load_reference_command)


def _db_path(args: argparse.Namespace) -> Path:
    from eoffice.cli import _db_path

    return _db_path(args)


def _year(args: argparse.Namespace) -> Any:
    from eoffice.domain.years import AcademicYear

    return AcademicYear.parse(args.year) if getattr(args, "year", None) else AcademicYear.current()


def load_reference_command(args: argparse.Namespace) -> int:
    """Adds only the reference dates not there yet, so running it twice adds nothing."""
    from eoffice.db.session import open_database
    from eoffice.domain import keydates

    year = _year(args)
    try:
        known = keydates.reference_years()
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise EofficeError(f"the key dates reference list cannot be read ({error}); nothing was changed") from None
    if year not in known:
        raise EofficeError(
            f"there are no reference dates for {year.label}; eoffice has them for {', '.join(y.label for y in known)}"
        )
    with open_database(_db_path(args), create=False) as db, db.session() as session:
        added = keydates.load_reference_dates(session, year)
    n = len(added)
    print(f"added {n} reference date{'' if n == 1 else 's'} to {year.label}")
    return 0


def import_keydates(args: argparse.Namespace, db_path: Path, file: Path) -> int:
    """Registered as ``import keydates``: the whole file is checked before anything is written."""
    from eoffice.db.session import open_database
    from eoffice.io.keydates_import import apply_import, check_rows, keydates_import, read_keydates_file

    dry_run = bool(getattr(args, "dry_run", False))
    sheet = read_keydates_file(Path(file))
    checked = check_rows(sheet)  # a bad file or cell is refused before the database is opened
    with open_database(db_path, create=False, read_only=dry_run) as db, db.session() as session:
        result = keydates_import(session, sheet, checked)
        if not dry_run:
            apply_import(session, result)
    for line in result.lines():
        print(line)
    print(result.summary(dry_run=dry_run))
    if dry_run:
        print("dry run: nothing was written")
    return 0
