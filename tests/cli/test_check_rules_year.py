"""``eoffice check`` says which year's JCQ regulations this build follows (``rules_year``) and
warns about a stored setting a narrower limit now refuses; ``eoffice settings set`` refuses a
clash break over 20 minutes (JCQ ICE 2025/26, 8.2)."""

from __future__ import annotations

import json
from pathlib import Path

from eoffice.db.models import Setting
from eoffice.db.session import open_database
from eoffice.domain import settings
from tests.cli.cli_file_helpers import made  # noqa: F401 - a fixture
from tests.cli.cli_helpers import Capture, one_line, run

BREAK = "access.clash.break_minutes"


def store_45(path: Path) -> None:
    """As an eoffice that allowed 0-60 minutes left it."""
    with open_database(path, backup=False) as db, db.session() as session:
        session.add(Setting(key=BREAK, value="45"))


def test_check_json_gains_rules_year_and_keeps_every_key(made: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "check", "--db", made, "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["rules_year"] == "2025/26"
    assert {"path", "integrity", "schema_version", "schema_current", "counts"} < set(report)
    assert report["integrity"] == "ok" and report["counts"]["person"] == 1


def test_plain_check_adds_one_last_line(made: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "check", "--db", made)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"database: {made}" and "integrity: ok" in lines
    assert lines[-1] == "rules: the 2025/26 JCQ regulations"
    assert sum(line.startswith("rules:") for line in lines) == 1


def test_a_stored_break_over_20_opens_and_check_warns_without_failing(made: Path, capsys: Capture) -> None:
    store_45(made)
    code, out, err = run(capsys, "check", "--db", made, "--json")
    assert code == 0 and json.loads(out)["rules_year"] == "2025/26"
    assert one_line(err) == (
        "eoffice: warning: setting access.clash.break_minutes is stored as 45 but must now be a whole number from "
        "0 to 20 (JCQ ICE 2025/26, 8.2); eoffice uses 20 until it is changed "
        "(eoffice settings set access.clash.break_minutes VALUE)")
    code, out, _ = run(capsys, "settings", "--db", made, "--json")
    assert code == 0 and next(r for r in json.loads(out) if r["key"] == BREAK)["value"] == 20
    with open_database(made) as db, db.session() as session:  # opens for writing too
        assert settings.get(session, BREAK) == 20
    assert run(capsys, "settings", "set", BREAK, "15", "--db", made)[0] == 0
    assert run(capsys, "check", "--db", made)[2] == ""  # changed: nothing left to warn about


def test_settings_set_refuses_21_minutes_in_one_line(made: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "settings", "set", BREAK, "21", "--db", made)
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"eoffice: {BREAK}: Supervised break between clashing papers in one session must be a whole number from "
        "0 to 20 (JCQ ICE 2025/26, 8.2); “21” is not.")
    assert run(capsys, "settings", "set", BREAK, "20", "--db", made)[:2] == (0, f"{BREAK}: 10 -> 20\n")
