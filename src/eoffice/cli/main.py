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

import argparse
import sys
from collections.abc import Sequence

from eoffice import __version__
from eoffice.cli.common import EXIT_BAD_INPUT, Handler, Parser, db_option, db_path
from eoffice.errors import EofficeError

EXIT_UNEXPECTED = 1


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without ``commands`` only what opening the window takes
    (``--db``), so the window does not pay for importing every area's commands."""
    parser = Parser(prog="eoffice", description="The exams office's desktop application.")
    parser.add_argument("--version", action="version", version=f"eoffice {__version__}")
    db_option(parser, top_level=True)
    if commands:
        from eoffice.cli import access, database, exam_day, files, keydates, password, plan, roster, settings

        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        for area in (database, files, password, plan, keydates, access, exam_day, roster, settings):
            area.add_commands(sub)
    else:
        parser.set_defaults(command=None)
    return parser


def opens_the_window(argv: Sequence[str]) -> bool:
    """``eoffice`` or ``eoffice --db PATH``: nothing but the window, so the short parser will do."""
    words = list(argv)
    return not words or (len(words) == 2 and words[0] == "--db") or (len(words) == 1 and words[0].startswith("--db="))


def _open_window(args: argparse.Namespace) -> int:
    from eoffice.ui.app import run

    return run(args.db)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(commands=not opens_the_window(words)).parse_args(words)
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
    except Exception as error:
        return _unexpected(error, args)


def _unexpected(error: Exception, args: argparse.Namespace) -> int:
    from eoffice import error_log
    from eoffice.db.faults import database_fault

    fault = database_fault(error, db_path(args))
    if fault is not None:
        print(f"eoffice: {fault}", file=sys.stderr)
        return EXIT_BAD_INPUT
    log = error_log.write(error, where=f"eoffice {args.command or 'window'}")
    details = f"; the details for IT are in {log}" if log else ""
    print(f"eoffice: an unexpected error stopped the command ({type(error).__name__}){details}", file=sys.stderr)
    return EXIT_UNEXPECTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
