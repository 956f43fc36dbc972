"""The named settings on the command line: ``settings``, ``settings set``, ``settings reset``.

``cli.main`` adds the sub-command. A value is checked against the settings catalogue before the database is opened, so a
typo is refused with one plain line naming the setting (exit 2) and nothing is written.
Changes go through the same domain function as the settings window, so their knock-on
effects (worked-out internal deadlines moving) happen here too.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from eoffice.cli.common import db_option, db_path
from eoffice.errors import EofficeError


def add_commands(commands: Any) -> None:
    """``eoffice settings [--json]``, ``settings set KEY VALUE`` and ``settings reset KEY``, each with ``--db``."""
    group = commands.add_parser("settings", help="list or change the named settings (ratios, deadlines, times)")
    db_option(group)
    group.add_argument("--json", action="store_true", help="print the list as JSON")
    group.set_defaults(handler=list_command)
    actions = group.add_subparsers(dest="settings_command", metavar="ACTION")
    change = actions.add_parser("set", help="change one setting")
    change.add_argument("key", metavar="KEY", help="the setting's key, as `eoffice settings` lists it")
    change.add_argument("value", metavar="VALUE", help="a whole number, yes or no, or a time as HH:MM")
    db_option(change)
    change.set_defaults(handler=set_command)
    reset = actions.add_parser("reset", help="put one setting back to its default")
    reset.add_argument("key", metavar="KEY", help="the setting's key, as `eoffice settings` lists it")
    db_option(reset)
    reset.set_defaults(handler=reset_command)


def _known(key: str) -> None:
    from eoffice.domain import settings_catalogue as catalogue

    if key not in catalogue.CATALOGUE:
        raise EofficeError(f"there is no setting called {key!r}; `eoffice settings` lists them")


def list_command(args: argparse.Namespace) -> int:
    from eoffice.db.session import open_database
    from eoffice.domain import settings_catalogue as catalogue

    with open_database(db_path(args), read_only=True) as db, db.session() as session:
        values = catalogue.current(session)
    if args.json:
        rows = [
            {"key": v.info.key, "value": v.value, "default": v.info.default, "label": v.info.label, "area": v.info.area}
            for v in values
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    table = [("KEY", "VALUE", "DEFAULT", "SETTING")]
    table += [
        (v.info.key, catalogue.show(v.info.key, v.value), catalogue.show(v.info.key, v.info.default), v.info.label)
        for v in values
    ]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3])
    return 0


def _change(args: argparse.Namespace, key: str, value: Any) -> int:
    from eoffice.db.session import open_database
    from eoffice.domain import settings
    from eoffice.domain import settings_catalogue as catalogue

    with open_database(db_path(args), create=False) as db, db.session() as session:
        old = settings.stored(session, key)  # as kept, even a value over a limit the rules now set
        catalogue.save(session, {key: value})
    same = " (no change)" if old == value else ""
    print(f"{key}: {catalogue.show(key, old)} -> {catalogue.show(key, value)}{same}")
    return 0


def set_command(args: argparse.Namespace) -> int:
    from eoffice.domain import settings_catalogue as catalogue

    _known(args.key)
    try:
        value = catalogue.parse(args.key, args.value)  # checked before the database is opened
    except EofficeError as error:
        raise EofficeError(f"{args.key}: {error}") from None
    return _change(args, args.key, value)


def reset_command(args: argparse.Namespace) -> int:
    from eoffice.domain import settings_catalogue as catalogue

    _known(args.key)
    return _change(args, args.key, catalogue.entry(args.key).default)
