"""The command line: the window, and the sub-commands scripts and school IT rely on.

Names, options and exit codes are a contract (see the README): 0 on success, 2 with
one plain line on bad input, a refused file or a fault of the database file (busy,
full, read-only, damaged: ``db.faults``), and nothing written when that happens. An
unexpected error (a bug) exits 1 with one line naming the log that holds its traceback
(``error_log``: frames only, never a message that might quote a person's data).
Qt is imported only when the window is opened, so scripted commands start quickly
and run on servers with no display. Each area's commands live in a module of this
package and are registered here, explicitly, in the order ``--help`` lists them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from eoffice import __version__
from eoffice.errors import EofficeError

if TYPE_CHECKING:
    import argparse

EXIT_BAD_INPUT = 2  # the same as ``common.EXIT_BAD_INPUT``; kept here so the window needs no argparse
EXIT_UNEXPECTED = 1


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, every area's commands in the order ``--help`` lists them."""
    from eoffice.cli import access, database, exam_day, files, keydates, password, plan, roster, settings
    from eoffice.cli.common import Parser, db_option

    parser = Parser(prog="eoffice", description="The exams office's desktop application.")
    parser.add_argument("--version", action="version", version=f"eoffice {__version__}")
    db_option(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in (database, files, password, plan, keydates, access, exam_day, roster, settings):
        area.add_commands(sub)
    return parser


def window_database(argv: Sequence[str]) -> tuple[bool, Path | None]:
    """``eoffice`` or ``eoffice --db PATH``: (True, the path or None) when the words ask only for
    the window, which then opens without building the parser (argparse and nine command modules
    are about 25 ms that the window, timed from the click, never uses). Anything else, a value
    that looks like an option included, goes to the whole parser and its messages."""
    words = list(argv)
    if not words:
        return True, None
    if len(words) == 2 and words[0] == "--db" and not words[1].startswith("-"):
        return True, Path(words[1])
    if len(words) == 1 and words[0].startswith("--db="):
        return True, Path(words[0].removeprefix("--db="))
    return False, None


def _open_window(db: Path | None) -> int:
    from eoffice.ui import collector

    collector.hold()  # until the first tab has painted (``ui.collector``): before Qt is imported
    try:
        from eoffice.ui.app import run

        return run(db)
    finally:
        collector.release()  # already released once the window started; here if it never did


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    window, db = window_database(words)
    if window:
        return _guarded(lambda: _open_window(db), None, db)
    args = build_parser().parse_args(words)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:  # options only (``--db PATH`` with ``--db`` given twice, say): the window
        return _guarded(lambda: _open_window(args.db), None, args.db)
    return _guarded(lambda: handler(args), args.command, args.db)


def _guarded(call: Callable[[], int], command: str | None, db: Path | None) -> int:
    """Run a command: bad input, a refused path or a fault of the database file is one plain
    line and exit 2; a bug is one line naming the log and exit 1; never a traceback."""
    try:
        return call()
    except EofficeError as error:
        print(f"eoffice: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # a path that cannot be written or read: said plainly, not a traceback
        where = error.filename2 or error.filename
        print(f"eoffice: {where}: {error.strerror or error}" if where else f"eoffice: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        return _unexpected(error, command, db)


def _unexpected(error: Exception, command: str | None, db: Path | None) -> int:
    from eoffice import error_log, paths
    from eoffice.db.faults import database_fault

    fault = database_fault(error, Path(db) if db else paths.default_database())
    if fault is not None:
        print(f"eoffice: {fault}", file=sys.stderr)
        return EXIT_BAD_INPUT
    log = error_log.write(error, where=f"eoffice {command or 'window'}")
    details = f"; the details for IT are in {log}" if log else ""
    print(f"eoffice: an unexpected error stopped the command ({type(error).__name__}){details}", file=sys.stderr)
    return EXIT_UNEXPECTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
