"""``eoffice demo`` prints the demo people's sign-in passwords, and they open the accounts."""

from __future__ import annotations

import re
from pathlib import Path

from eoffice.db.session import open_database
from eoffice.domain.accounts import passwords, role_word
from tests.cli.cli_helpers import Capture, run

LINE = re.compile(r"^demo sign-in: (?P<name>.+), (?P<role>[a-z ]+), password (?P<password>\S+)$")


def test_demo_prints_one_line_per_person_after_its_first_line(db_path: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "demo", "--db", db_path)
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0] == f"created demo centre in {db_path}"  # the first line, as before
    assert lines[1:] == [
        "demo sign-in: Priya Shah, exams officer, password officer-demo-2026",
        "demo sign-in: Daniel O'Connor, line manager, password manager-demo-2026",
        "demo sign-in: Tom Barker, exams assistant, password assistant-demo-2026",
    ]


def test_each_printed_password_signs_its_person_in(db_path: Path, capsys: Capture) -> None:
    _, out, _ = run(capsys, "demo", "--db", db_path)
    printed = [m.groupdict() for m in map(LINE.match, out.splitlines()) if m]
    assert len(printed) == 3
    with open_database(db_path) as db, db.session() as session:
        accounts = {a.name: a for a in passwords.accounts(session)}
        for person in printed:
            account = passwords.sign_in(session, accounts[person["name"]].id, person["password"])
            assert account.name == person["name"] and role_word(account.role) == person["role"]
    for file in (db_path, Path(f"{db_path}-wal")):  # hashed and salted: no password is in the file
        assert not file.exists() or b"-demo-2026" not in file.read_bytes()
