"""``eoffice password reset NAME``: school IT resets the exams officer's or line manager's
forgotten password, or issues the one-time setup code for the first password of someone
who has never had one (or whose setup code was lost).

In the window nobody may reset the password of someone who signs the same Standards as
them (``domain.password_reset``), so the exams officer's and the line manager's are reset
here instead. Whoever can run this command can already write the database file, so it
adds no new way in; the audit log names their operating-system login and the computer.
The one-time code is printed once, to be given to the person, who signs in with it and
chooses a new password at once; eoffice keeps only its hash. A reset also retires the
person's signing key (signatures already given still verify); their new password gets a
new one.

``cli.main`` adds the sub-command.
"""

from __future__ import annotations

import argparse
import getpass
import socket
from typing import Any

from eoffice.cli.common import db_option, db_path


def add_commands(commands: Any) -> None:
    """``eoffice password reset NAME --db PATH``."""
    group = commands.add_parser("password", help="reset a forgotten password (for school IT)")
    actions = group.add_subparsers(dest="password_command", metavar="ACTION", required=True)
    reset = actions.add_parser("reset", help="replace a forgotten password with a one-time reset code (or give "
                               "someone without a password a one-time setup code)")
    reset.add_argument("name", metavar="NAME", help='the person\'s name as eoffice has it, e.g. "Priya Shah" '
                                                    "(capitals do not matter)")
    db_option(reset)
    reset.set_defaults(handler=reset_command)


def os_user() -> str:
    """The login of whoever runs the command, for the audit log."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "an unknown user"


def reset_command(args: argparse.Namespace) -> int:
    from eoffice.db.session import open_database
    from eoffice.domain.accounts import password_reset, role_word
    from eoffice.domain.dates import format_datetime

    with open_database(db_path(args), create=False) as db, db.session() as session:
        person_id = password_reset.account_named(session, args.name)
        issued = password_reset.reset_from_command_line(session, person_id, os_user=os_user(),
                                                        host=socket.gethostname() or "an unknown computer")
    who = f"{issued.name} ({role_word(issued.role)})"
    if issued.first:
        print(f"{who} has no password yet: this one-time setup code lets them choose their first one")
        print(f"setup code: {issued.code}")
        print(f"valid once, until {format_datetime(issued.valid_until_local)}: give it to {issued.name} in person; "
              "they sign in with it and choose their password straight away")
        return 0
    print(f"password of {who} reset; the old password no longer works")
    print(f"reset code: {issued.code}")
    print(f"valid once, until {format_datetime(issued.valid_until_local)}: give it to {issued.name} in person; "
          "they sign in with it and choose a new password straight away")
    return 0
