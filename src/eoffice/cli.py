"""The command line: the window, and the sub-commands scripts and school IT rely on.

Names, options and exit codes are a contract (see the README): 0 on success, 2 with
one plain line on bad input or a refused file, and nothing written when that happens.
Qt is imported only when the window is opened, so scripted commands start quickly
and run on servers with no display.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from eoffice import __version__, clock, paths
from eoffice.errors import EofficeError
from eoffice.io import catalogue

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")

EXIT_OK = 0
EXIT_BAD_INPUT = 2

Handler = Callable[[argparse.Namespace], int]


def _db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        default=None if top_level else argparse.SUPPRESS,
        help=f"the database file (default: {paths.default_database()})",
    )


def _year_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", metavar="YYYY/YY", help="academic year, e.g. 2026/27 (default: the current one)")


class _Parser(argparse.ArgumentParser):
    """A mistake on the command line is one line on stderr and exit code 2, like bad input;
    argparse's own would print the whole usage first. Sub-commands inherit this class."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="eoffice", description="The exams office's desktop application.")
    parser.add_argument("--version", action="version", version=f"eoffice {__version__}")
    _db_option(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="create an empty database")
    _db_option(init)
    init.add_argument("--centre-name", metavar="NAME")
    init.add_argument("--centre-number", metavar="NNNNN")
    init.set_defaults(handler=_init)

    demo = commands.add_parser("demo", help="create a realistic demo centre")
    _db_option(demo)
    demo.add_argument("--scale", type=int, default=1, metavar="N", help="multiply the demo's size by N")
    demo.set_defaults(handler=_demo)

    check = commands.add_parser("check", help="report integrity, schema version and counts")
    _db_option(check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(handler=_check)

    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    _db_option(backup)
    backup.add_argument("--out", type=Path, required=True, metavar="FILE")
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser("restore", help="put a backup back (the current file is backed up first)")
    _db_option(restore)
    restore.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE")
    restore.set_defaults(handler=_restore)

    export = commands.add_parser("export", help="export data to a file")
    export.add_argument("kind", choices=catalogue.names(), metavar="KIND", help=", ".join(catalogue.names()))
    export.add_argument("--format", required=True, metavar="FORMAT")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    _db_option(export)
    _year_option(export)
    export.add_argument("--kind", dest="document", metavar="KIND",
                        help="which document, for exports that have several (" + "; ".join(
                            f"{name}: {', '.join(catalogue.documents(name))}" for name in catalogue.names()
                            if catalogue.documents(name)) + ")")
    export.set_defaults(handler=_export)

    import_ = commands.add_parser("import", help="read an edited export back in")
    import_.add_argument("kind", choices=sorted(IMPORTS), metavar="KIND", help=", ".join(sorted(IMPORTS)))
    import_.add_argument("file", type=Path, metavar="FILE")
    _db_option(import_)
    import_.add_argument("--dry-run", action="store_true", help="report what would change and write nothing")
    import_.set_defaults(handler=_import)

    password_cli.add_commands(commands, _db_option)
    plan_cli.add_commands(commands, _db_option)
    keydates_cli.add_commands(commands, _db_option)
    access_cli.add_commands(commands, _db_option)
    roster_cli.add_commands(commands, _db_option)
    settings_cli.add_commands(commands, _db_option)
    return parser


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else paths.default_database()


def _init(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import create_database
    from eoffice.domain.centre import CentreDetails, save_centre, validate
    from eoffice.domain.series import ensure_year
    from eoffice.domain.years import AcademicYear

    details = None
    if args.centre_name or args.centre_number:
        # Validate before the file exists, so a typo leaves nothing behind.
        details = validate(CentreDetails(name=args.centre_name or "My centre", centre_number=args.centre_number))
    path = _db_path(args)
    with create_database(path) as db, db.session() as session:
        if details is not None:
            save_centre(session, details)
        ensure_year(session, AcademicYear.current())
    print(f"created {path}")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import create_database
    from eoffice.domain.demo import build_demo

    if args.scale < 1:
        raise EofficeError(f"--scale {args.scale}: the scale must be a whole number of at least 1")
    path = _db_path(args)
    with create_database(path) as db:  # refuses an existing file before anything else
        try:
            with db.session() as session:
                build_demo(session, scale=args.scale)
        except BaseException:
            db.close()
            _remove_database_files(path)  # ours alone: created a moment ago
            raise
    print(f"created demo centre in {path}")
    return EXIT_OK


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _check(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import check_database

    report = check_database(_db_path(args))
    if args.json:
        print(
            json.dumps(
                {
                    "path": str(report.path),
                    "integrity": report.integrity,
                    "schema_version": report.schema_version,
                    "schema_current": report.schema_current,
                    "counts": report.counts,
                },
                indent=2,
            )
        )
    else:
        state = "current" if report.schema_current else "older; it will be upgraded when opened"
        print(f"database: {report.path}")
        print(f"integrity: {report.integrity}")
        print(f"schema: {report.schema_version} ({state})")
        for table, n in report.counts.items():
            print(f"  {table}: {n}")
    if not report.ok:
        print(f"{report.path}: integrity check failed; restore a backup with `eoffice restore`", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import backup_database

    out = backup_database(_db_path(args), args.out)
    print(f"backed up to {out}")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import restore_database

    path = _db_path(args)
    safety = restore_database(path, args.source)
    if safety is not None:
        print(f"the previous database was backed up to {safety}")
    print(f"restored {path} from {args.source}")
    return EXIT_OK


# --- exports: every one is an entry of the catalogue the window's File > Export reads too -------

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


def _export(args: argparse.Namespace) -> int:
    from eoffice.db.files import refuse_overwriting_a_database
    from eoffice.domain.years import AcademicYear

    export = catalogue.find(args.kind, args.format, args.document)
    year = AcademicYear.parse(args.year) if args.year else AcademicYear.current()  # refused before any file is touched
    db_path = _db_path(args)
    refuse_overwriting_a_database(args.out, db_path)
    out = export.run(DatabaseFile(db_path), catalogue.Request(year, clock.today()), args.out)
    print(f"exported {args.kind} to {out}")
    return EXIT_OK


# --- imports: each area registers KIND -> reader, mirroring the exports ----------------

Importer = Callable[[argparse.Namespace, Path, Path], int]
IMPORTS: dict[str, Importer] = {}


def register_import(kind: str, importer: Importer) -> None:
    IMPORTS[kind] = importer


def _import(args: argparse.Namespace) -> int:
    return IMPORTS[args.kind](args, _db_path(args), args.file)


# The plan's commands live in their own module (no Qt there either).
from eoffice import plan_cli  # noqa: E402

register_import("plan", plan_cli.import_plan)

# Key dates likewise (no Qt there either).
from eoffice import keydates_cli  # noqa: E402

register_import("keydates", keydates_cli.import_keydates)

# Candidates, timetable, entries and access arrangements (no Qt there either).
from eoffice import access_cli  # noqa: E402

for _kind, _importer in access_cli.IMPORTERS.items():
    register_import(_kind, _importer)


# School IT resets the exams officer's or line manager's forgotten password (no Qt there either).
from eoffice import password_cli  # noqa: E402

# The invigilation roster: invigilators, availability, rooms, solve, exports (no Qt; OR-Tools loads only to solve).
from eoffice import roster_cli  # noqa: E402

for _kind in roster_cli.IMPORT_KINDS:
    register_import(_kind, roster_cli.importer(_kind))

# The named settings: list, set, reset (no Qt there either).
from eoffice import settings_cli  # noqa: E402


def _open_window(args: argparse.Namespace) -> int:
    from eoffice.ui.app import run

    return run(args.db)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", _open_window)
    try:
        return handler(args)
    except EofficeError as error:
        print(f"eoffice: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # a path that cannot be written or read: said plainly, not a traceback
        where = error.filename2 or error.filename
        print(f"eoffice: {where}: {error.strerror or error}" if where else f"eoffice: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
