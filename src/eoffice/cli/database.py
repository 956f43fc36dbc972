"""Looking after the database file: ``init``, ``demo``, ``check``, ``backup`` and ``restore``.

Each opens the file through ``db.maintenance``, which refuses a file that is not an eoffice
database, a damaged one or one from a newer eoffice with one plain line, and leaves it as it was.

``check`` also says which year's JCQ regulations this eoffice follows (``rules_year``, the
JSON key ``rules_year``; the last line of the text), and warns on standard error, without
changing the exit code, about a stored setting a narrower limit now refuses (the database
still opens and uses the nearest limit).

``check`` also checks what must not change behind eoffice's back (a current schema only):
the audit log's hash chain (``audit.verify_chain``: the first row that breaks it) and every
signature against its signer's signing key (``standards.check_all_signatures``). Each is a
line before the ``rules:`` line, with the signatures that do not verify, were given before
signing keys (so cannot be verified), are disputed or whose record changed since, one
indented line each. A broken chain or a signature that does not verify exits 2 with one
line on standard error; the others are reported but do not change the exit code. The JSON
keeps its keys; the same line goes to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eoffice.cli.common import EXIT_BAD_INPUT, EXIT_OK, db_option, db_path
from eoffice.errors import EofficeError


def add_commands(commands: Any) -> None:
    init = commands.add_parser("init", help="create an empty database")
    db_option(init)
    init.add_argument("--centre-name", metavar="NAME")
    init.add_argument("--centre-number", metavar="NNNNN")
    init.set_defaults(handler=_init)

    demo = commands.add_parser("demo", help="create a realistic demo centre")
    db_option(demo)
    demo.add_argument("--scale", type=int, default=1, metavar="N", help="multiply the demo's size by N")
    demo.set_defaults(handler=_demo)

    check = commands.add_parser("check", help="report integrity, schema version and counts")
    db_option(check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(handler=_check)

    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    db_option(backup)
    backup.add_argument("--out", type=Path, required=True, metavar="FILE")
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser("restore", help="put a backup back (the current file is backed up first)")
    db_option(restore)
    restore.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE")
    restore.set_defaults(handler=_restore)


def _init(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import create_database
    from eoffice.domain.centre import CentreDetails, save_centre, validate
    from eoffice.domain.series import ensure_year
    from eoffice.domain.years import AcademicYear

    details = None
    if args.centre_name or args.centre_number:
        # Validate before the file exists, so a typo leaves nothing behind.
        details = validate(CentreDetails(name=args.centre_name or "My centre", centre_number=args.centre_number))
    path = db_path(args)
    with create_database(path) as db, db.session() as session:
        if details is not None:
            save_centre(session, details)
        ensure_year(session, AcademicYear.current())
    print(f"created {path}")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import create_database
    from eoffice.domain.demo import build_demo, demo_sign_ins

    if args.scale < 1:
        raise EofficeError(f"--scale {args.scale}: the scale must be a whole number of at least 1")
    path = db_path(args)
    with create_database(path) as db:  # refuses an existing file before anything else
        try:
            with db.session() as session:
                build_demo(session, scale=args.scale)
                sign_ins = demo_sign_ins(session)
        except BaseException:
            db.close()
            _remove_database_files(path)  # ours alone: created a moment ago
            raise
    print(f"created demo centre in {path}")
    for person in sign_ins:  # demo passwords, so a tester can sign in and sign; a real centre has none
        print(f"demo sign-in: {person.line()}")
    return EXIT_OK


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _check(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import check_database
    from eoffice.domain.rules_year import rules_label

    report = check_database(db_path(args))
    if args.json:
        print(
            json.dumps(
                {
                    "path": str(report.path),
                    "integrity": report.integrity,
                    "schema_version": report.schema_version,
                    "schema_current": report.schema_current,
                    "counts": report.counts,
                    "rules_year": rules_label(),
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
    trust = _trust(report.path) if report.ok and report.schema_current else None
    if not args.json:
        for line in trust.lines if trust is not None else []:
            print(line)
        print(f"rules: the {rules_label()} JCQ regulations")
    if not report.ok:
        print(f"{report.path}: integrity check failed; restore a backup with `eoffice restore`", file=sys.stderr)
        return EXIT_BAD_INPUT
    if report.schema_current:
        for line in _settings_out_of_range(report.path):
            print(f"eoffice: warning: {line}", file=sys.stderr)
    if trust is not None and trust.failure:
        print(f"{report.path}: {trust.failure}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


@dataclass(frozen=True)
class _Trust:
    lines: list[str]  # for the text report
    failure: str  # "" when nothing was changed behind eoffice's back


def _trust(path: Path) -> _Trust:
    """The audit chain and every signature, read-only (safe while the window has the file)."""
    from eoffice.db.session import open_database
    from eoffice.domain import audit, standards

    with open_database(path, read_only=True) as db, db.session() as session:
        chain = audit.verify_chain(session)
        signed = standards.check_all_signatures(session)
    lines = [chain.message if not chain.ok else f"{chain.message}; head {chain.head or 'none'}", signed.summary]
    lines += [f"  {problem.line}" for problem in signed.problems]
    failing = [p for p in signed.problems if p.failing]
    reasons = [] if chain.ok else [chain.message]
    if failing:
        reasons.append(f"{len(failing)} signature{' does' if len(failing) == 1 else 's do'} not verify "
                       f"(signature {', '.join(str(p.signature_id) for p in failing)})")
    failure = ("; ".join(reasons) + ": changed outside eoffice; compare with a backup (`eoffice restore` puts one "
               "back)") if reasons else ""
    return _Trust(lines, failure)


def _settings_out_of_range(path: Path) -> list[str]:
    """Stored settings a narrower limit now refuses, read-only (safe while the window has the file)."""
    from eoffice.db.session import open_database
    from eoffice.domain import settings_catalogue

    with open_database(path, read_only=True) as db, db.session() as session:
        return [found.line() for found in settings_catalogue.out_of_range(session)]


def _backup(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import backup_database

    out = backup_database(db_path(args), args.out)
    print(f"backed up to {out}")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from eoffice.db.maintenance import restore_database

    path = db_path(args)
    safety = restore_database(path, args.source)
    if safety is not None:
        print(f"the previous database was backed up to {safety}")
    print(f"restored {path} from {args.source}")
    return EXIT_OK
