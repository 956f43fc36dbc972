"""Key dates on the command line: ``keydates load-reference`` and ``import keydates``
(``export keydates`` is the export catalogue's).

``cli.main`` adds the sub-command and the import this module lists in ``IMPORTS``. No Qt,
no questions, and bad input is refused with one plain line (exit 2) before anything is
written: the year and the reference list are checked, and an import file read and checked
whole, before the database is opened for writing.

``load-reference`` reads eoffice's own key-dates pack, or ``--from FILE`` (a newer pack a
school downloads), checked whole first. It adds the year's missing dates, updates the
reference dates the officer has not edited, keeps those they have, and prints what changed
after the lines it always printed (added, plan, past), so scripts reading those still work.
A year the pack does not list gets its recurring dates projected from their rules.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eoffice.cli.common import Importer, db_option, db_path, report_import, year_of, year_option
from eoffice.errors import EofficeError

if TYPE_CHECKING:
    from eoffice.domain.keydates import ReferencePack


def add_commands(commands: Any) -> None:
    """``eoffice keydates load-reference [--year Y] [--from FILE] --db PATH``."""
    group = commands.add_parser("keydates", help="key dates: JCQ and awarding-body deadlines")
    actions = group.add_subparsers(dest="keydates_command", metavar="ACTION", required=True)
    load = actions.add_parser("load-reference", help="add the built-in reference dates for a year")
    year_option(load)
    load.add_argument(
        "--past-dates", choices=("open", "done"), default="open",
        help="a year begun after its first month: keep the dates already past open (the default), "
             "or mark them done (they passed before eoffice)",
    )
    load.add_argument(
        "--from", dest="pack", type=Path, metavar="FILE",
        help="a key-dates pack (JSON) to load instead of eoffice's own, e.g. a newer one; "
             "dates you have changed are kept as you made them",
    )
    db_option(load)
    load.set_defaults(handler=load_reference_command)


def _pack(file: Path | None) -> ReferencePack | None:
    """The ``--from`` pack, checked whole; None for eoffice's own. One plain line if it is bad."""
    from eoffice.domain import keydates

    try:
        if file is None:
            keydates.reference_pack()  # eoffice's own: read and checked before anything is written
            return None
        return keydates.read_pack(file)
    except FileNotFoundError:
        if file is None:
            raise EofficeError(f"the key dates reference list is missing ({keydates.reference_path()}); nothing was changed") from None
        raise EofficeError(f"{file}: there is no such file") from None
    except OSError as error:
        if file is None:
            raise EofficeError(f"the key dates reference list cannot be read ({error}); nothing was changed") from None
        raise EofficeError(f"{file}: cannot be read ({error.strerror or error})") from None
    except (ValueError, KeyError, TypeError) as error:
        if file is None:
            raise EofficeError(f"the key dates reference list cannot be read ({error}); nothing was changed") from None
        raise EofficeError(f"{file}: not a key dates pack ({error})") from None


def load_reference_command(args: argparse.Namespace) -> int:
    """Adds only the reference dates not there yet, so running it twice adds nothing; updates
    the ones the officer has not edited to the pack."""
    from eoffice import clock
    from eoffice.db.session import open_database
    from eoffice.domain import keydates, plan
    from eoffice.domain.dates import format_date
    from eoffice.domain.words import plural

    year = year_of(args)
    file = Path(args.pack) if getattr(args, "pack", None) else None
    pack = _pack(file)
    if year not in keydates.covered_years(pack):
        raise EofficeError(keydates.no_reference_dates(year, pack))
    with open_database(db_path(args), create=False) as db, db.session() as session:
        result = keydates.update_reference_dates(session, year, pack)
        added = list(result.added)
        linked = keydates.link_template_tasks(session, year)  # when the plan came first
        today = clock.today()
        started_mid_year = plan.started_mid_year(year.start, today, year.end)
        past = [r for r in added if keydates.is_overdue(r, today)] if started_mid_year else []
        if past and args.past_dates == "done":
            keydates.set_done(session, [r.id for r in past], True)
    n = len(added)
    print(f"added {plural(n, 'reference date')} to {year.label}")
    if linked:
        print(f"plan: {keydates.linked_text(linked)}")
    if past:
        what = "marked done" if args.past_dates == "done" else "kept open (--past-dates done marks such dates done)"
        print(f"past: {plural(len(past), 'date')} passed before today, {what}")
    if pack is not None:
        print(f"pack: {file}, version {pack.version}, as of {format_date(pack.as_of)}")
        own = keydates.reference_pack()
        if pack.version < own.version:
            print(f"note: that pack is older than eoffice's own (version {own.version}, as of {format_date(own.as_of)})")
    for line in result.lines():
        print(line)
    return 0


def import_keydates(args: argparse.Namespace, database: Path, file: Path) -> int:
    """Registered as ``import keydates``: the whole file is checked before anything is written."""
    from eoffice.db.session import open_database
    from eoffice.domain.bulk import paused
    from eoffice.io.keydates_import import apply_import, check_rows, keydates_import, read_keydates_file

    dry_run = bool(getattr(args, "dry_run", False))
    with paused():  # 100,000 rows: no pauses of the garbage collector from reading to printing
        sheet = read_keydates_file(Path(file))
        checked = check_rows(sheet)  # a bad file or cell is refused before the database is opened
        with open_database(database, create=False, read_only=dry_run) as db, db.session() as session:
            result = keydates_import(session, sheet, checked)
            if not dry_run:
                apply_import(session, result)
        return report_import(result, dry_run=dry_run)


IMPORTS: dict[str, Importer] = {"keydates": import_keydates}
