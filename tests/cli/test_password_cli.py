"""``eoffice password reset NAME``: school IT resets the exams officer's or line manager's password;
the code is printed once with its expiry, the audit names the login and computer; an unknown or
ambiguous name exits 2 with one plain line and nothing written."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from eoffice.cli import password as password_cli
from eoffice.db.session import Database, open_database
from eoffice.domain import audit
from eoffice.domain.accounts import ResetPending, password_reset, passwords, people
from tests.cli.cli_helpers import Capture, one_line, run
from tests.domain.standards_helpers import MANAGER_PASSWORD, NOW, OFFICER_PASSWORD, Staff, make_staff

CODE = r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}"


@pytest.fixture
def centre(db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Staff]:
    """Officer, line manager and assistant with passwords; closed so the command line can write."""
    monkeypatch.setattr(password_cli, "os_user", lambda: "itadmin")
    monkeypatch.setattr(socket, "gethostname", lambda: "office-pc")
    with db.session() as session:
        staff = make_staff(session)
    db.close()
    return db_path, staff


def _audit(path: Path) -> list[audit.AuditRecord]:
    with open_database(path, read_only=True) as db, db.session() as session:
        return audit.entries(session)


def test_school_it_resets_the_line_managers_password(centre: tuple[Path, Staff], capsys: Capture) -> None:
    path, staff = centre
    code, out, err = run(capsys, "password", "reset", "daniel o'connor", "--db", path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "password of Daniel O'Connor (line manager) reset; the old password no longer works"
    printed = re.fullmatch(f"reset code: ({CODE})", lines[1])
    assert printed is not None
    assert re.fullmatch(r"valid once, until \d\d/\d\d/\d{4} \d\d:\d\d: give it to Daniel O'Connor in person; they "
                        "sign in with it and choose a new password straight away", lines[2])
    (entry,) = [e for e in _audit(path) if e.action == "reset"]
    assert (entry.action, entry.actor, entry.entity_id) == ("reset", "itadmin", str(staff.manager))
    assert entry.summary.startswith("password of Daniel O'Connor (line manager) reset from the command line by "
                                    "itadmin on office-pc; a one-time reset code was issued")
    assert all(printed.group(1) not in e.summary for e in _audit(path))
    with open_database(path) as db, db.session() as session:
        with pytest.raises(ResetPending):  # the old password stopped working
            passwords.verify(session, staff.manager, MANAGER_PASSWORD, now=NOW)
        account = password_reset.use_code(session, staff.manager, printed.group(1), "daniels-new-one-1")
        assert account.name == "Daniel O'Connor"
    audit.set_actor(None)


def test_the_officers_password_too(centre: tuple[Path, Staff], capsys: Capture) -> None:
    path, staff = centre
    code, out, _err = run(capsys, "password", "reset", "SIÂN ŁUKASZ", "--db", path)
    assert code == 0 and out.startswith("password of Siân Łukasz (exams officer) reset")
    with open_database(path, read_only=True) as db, db.session() as session:
        assert password_reset.pending_until(session, staff.officer) is not None
        assert password_reset.pending_until(session, staff.manager) is None


@pytest.mark.parametrize(("name", "message"), [
    ("Priya", 'nobody with an account is called "Priya"; the people with an account are "Daniel O\'Connor", '
              '"Siân Łukasz", "Tom Barker"'),
    ("daniel", 'nobody with an account is called "daniel"; did you mean "Daniel O\'Connor"?'),
    ("Zoë Brontë", "Zoë Brontë has no account: only the exams officer, exams assistant and line manager have "
                   "passwords"),
])
def test_an_unknown_name_exits_2_with_one_line_and_writes_nothing(centre: tuple[Path, Staff], capsys: Capture,
                                                                 name: str, message: str) -> None:
    path, _staff = centre
    before = len(_audit(path))
    code, out, err = run(capsys, "password", "reset", name, "--db", path)
    assert (code, out) == (2, "")
    assert one_line(err) == f"eoffice: {message}"
    assert len(_audit(path)) == before


def test_an_ambiguous_name_exits_2_and_resets_nobody(centre: tuple[Path, Staff], capsys: Capture) -> None:
    path, staff = centre
    with open_database(path) as db, db.session() as session:
        other = people.add_person(session, "daniel O'Connor", "exams_assistant").id
        passwords.set_password(session, other, "another-daniel-1", now=NOW)
    code, out, err = run(capsys, "password", "reset", "Daniel O'Connor", "--db", path)
    assert (code, out) == (2, "")
    assert one_line(err).startswith('eoffice: 2 people with an account are called "Daniel O\'Connor" (')
    with open_database(path, read_only=True) as db, db.session() as session:
        passwords.verify(session, staff.manager, MANAGER_PASSWORD, now=NOW)
        passwords.verify(session, staff.officer, OFFICER_PASSWORD, now=NOW)


def test_a_missing_database_or_one_open_in_the_window_is_refused(centre: tuple[Path, Staff], capsys: Capture,
                                                                 tmp_path: Path) -> None:
    path, _staff = centre
    code, _out, err = run(capsys, "password", "reset", "Tom Barker", "--db", tmp_path / "missing.sqlite3")
    assert code == 2 and "does not exist" in one_line(err)
    with open_database(path):  # another eoffice holds it
        code, _out, err = run(capsys, "password", "reset", "Tom Barker", "--db", path)
    assert code == 2 and "is open in another eoffice" in one_line(err)
    assert not (tmp_path / "missing.sqlite3").exists()
