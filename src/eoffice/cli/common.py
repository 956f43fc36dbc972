"""What every command shares: the exit codes, the ``--db`` and ``--year`` options, the
database path, one-line argument errors and how an import reports what it did."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol

from eoffice import paths

if TYPE_CHECKING:
    from eoffice.domain.years import AcademicYear

EXIT_OK = 0
EXIT_BAD_INPUT = 2

Handler = Callable[[argparse.Namespace], int]
Importer = Callable[[argparse.Namespace, Path, Path], int]  # (args, database, file) -> exit code


class Parser(argparse.ArgumentParser):
    """A mistake on the command line is one line on stderr and exit code 2, like bad input;
    argparse's own would print the whole usage first. Sub-commands inherit this class."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        default=None if top_level else argparse.SUPPRESS,
        help=f"the database file (default: {paths.default_database()})",
    )


def year_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", metavar="YYYY/YY", help="academic year, e.g. 2026/27 (default: the current one)")


def db_path(args: argparse.Namespace) -> Path:
    """``--db``, else the default database in the user's data folder."""
    return Path(args.db) if getattr(args, "db", None) else paths.default_database()


def year_of(args: argparse.Namespace) -> AcademicYear:
    """``--year``, else the academic year that contains today."""
    from eoffice.domain.years import AcademicYear

    return AcademicYear.parse(args.year) if getattr(args, "year", None) else AcademicYear.current()


class ImportResult(Protocol):
    def lines(self) -> list[str]: ...

    def summary(self, *, dry_run: bool) -> str: ...


def report_import(result: ImportResult, *, dry_run: bool) -> int:
    """Every import says what changed, then the totals; a dry run says nothing was written."""
    for line in result.lines():
        print(line)
    print(result.summary(dry_run=dry_run))
    if dry_run:
        print("dry run: nothing was written")
    return EXIT_OK
