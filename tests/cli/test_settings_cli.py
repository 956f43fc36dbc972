"""``eoffice settings``: list (text and JSON), set and reset; exit 2 with one line naming the
setting, and nothing written, when a key or value is wrong."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice.db.models import Setting
from eoffice.db.session import Database, open_database
from eoffice.domain import audit, keydates, settings
from eoffice.domain import settings_catalogue as catalogue
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.keydates import KeyDateFields
from eoffice.domain.years import AcademicYear
from tests.cli.cli_helpers import Capture, one_line, run

RATIO = "roster.ratio.written"


def stored(path: Path) -> tuple[dict[str, str], int]:
    """The stored settings (not the database's own id) and the audit count: what "nothing written" means."""
    with open_database(path, read_only=True) as db, db.session() as session:
        rows = session.scalars(select(Setting).where(Setting.key.in_(catalogue.CATALOGUE)))
        return {s.key: s.value for s in rows}, audit.count(session)


@pytest.fixture
def centre(db: Database, db_path: Path) -> Path:
    """A centre with one worked-out entries deadline, closed so the command line can write."""
    with db.session() as session:
        save_centre(session, CentreDetails(name="Riverside Academy"))
        fields = KeyDateFields(on=date(2027, 2, 19), title="Summer entries", series="Summer", body="AQA",
                               category="entries")
        keydates.add_key_date(session, AcademicYear(2026), fields)
    db.close()
    return db_path


def test_the_list_shows_every_setting_with_its_value_default_and_label(centre: Path, capsys: Capture) -> None:
    with open_database(centre) as db, db.session() as session:
        settings.put(session, RATIO, 25)
    code, out, err = run(capsys, "settings", "--db", centre)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["KEY", "VALUE", "DEFAULT", "SETTING"]
    assert len(lines) == 1 + len(catalogue.CATALOGUE)
    row = next(line for line in lines if line.startswith(RATIO))
    assert row.split()[:3] == [RATIO, "25", "30"]
    assert row.endswith("Invigilators per written-exam candidates (1 per N)")
    assert next(line for line in lines if line.startswith("accounts.sign_in_on_open")).split()[1:3] == ["no", "no"]


def test_the_json_list(centre: Path, capsys: Capture) -> None:
    code, out, _err = run(capsys, "settings", "--db", centre, "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == len(catalogue.CATALOGUE)
    assert all(set(row) == {"key", "value", "default", "label", "area"} for row in rows)
    by_key = {row["key"]: row for row in rows}
    assert by_key[RATIO] == {"key": RATIO, "value": 30, "default": 30, "area": "Invigilators",
                             "label": "Invigilators per written-exam candidates (1 per N)"}
    assert by_key["accounts.sign_in_on_open"]["value"] is False
    assert by_key["timetable.start.PM"]["value"] == "13:30"


def test_set_changes_one_setting_and_says_what_it_was(centre: Path, capsys: Capture) -> None:
    audited_before = stored(centre)[1]
    assert run(capsys, "settings", "set", RATIO, "25", "--db", centre) == (0, f"{RATIO}: 30 -> 25\n", "")
    assert run(capsys, "settings", "--db", centre, "set", "timetable.start.AM", "9.15")[1] == (
        "timetable.start.AM: 09:00 -> 09:15\n"
    )
    assert run(capsys, "settings", "set", "accounts.sign_in_on_open", "yes", "--db", centre)[1] == (
        "accounts.sign_in_on_open: no -> yes\n"
    )
    values, audited = stored(centre)
    assert values == {RATIO: "25", "timetable.start.AM": '"09:15"', "accounts.sign_in_on_open": "true"}
    assert audited == audited_before + 3  # one line per setting


def test_setting_the_same_value_again_writes_nothing(centre: Path, capsys: Capture) -> None:
    before = stored(centre)
    assert run(capsys, "settings", "set", RATIO, "30", "--db", centre)[1] == f"{RATIO}: 30 -> 30 (no change)\n"
    assert stored(centre) == before


def test_reset_goes_back_to_the_default(centre: Path, capsys: Capture) -> None:
    run(capsys, "settings", "set", RATIO, "25", "--db", centre)
    assert run(capsys, "settings", "reset", RATIO, "--db", centre) == (0, f"{RATIO}: 25 -> 30\n", "")
    assert RATIO not in stored(centre)[0]


def test_changing_the_days_moves_worked_out_deadlines(centre: Path, capsys: Capture) -> None:
    def deadline() -> date | None:
        with open_database(centre, read_only=True) as db, db.session() as session:
            return keydates.key_dates(session, AcademicYear(2026))[0].internal_deadline

    assert deadline() == date(2027, 2, 5)  # 10 working days before Friday 19/02/2027
    assert run(capsys, "settings", "set", "keydates.internal_days.entries", "5", "--db", centre)[0] == 0
    assert deadline() == date(2027, 2, 12)


@pytest.mark.parametrize(("argv", "message"), [
    (("set", RATIO, "abc"), f"eoffice: {RATIO}: Invigilators per written-exam candidates must be a whole number "
                            "from 1 to 100; “abc” is not."),
    (("set", RATIO, "-5"), f"eoffice: {RATIO}: Invigilators per written-exam candidates must be a whole number "
                           "from 1 to 100; “-5” is not."),
    (("set", "timetable.start.PM", "25:00"), "eoffice: timetable.start.PM: Afternoon session start must be a time"),
    (("set", "roster.ratio", "20"), "eoffice: there is no setting called 'roster.ratio'; `eoffice settings` lists"),
    (("reset", "no.such"), "eoffice: there is no setting called 'no.such'"),
])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    centre: Path, capsys: Capture, argv: tuple[str, ...], message: str
) -> None:
    before = stored(centre)
    code, out, err = run(capsys, "settings", *argv, "--db", centre)
    assert (code, out) == (2, "")
    assert one_line(err).startswith(message)
    assert stored(centre) == before


def test_a_missing_database_is_refused(tmp_path: Path, capsys: Capture) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    code, _out, err = run(capsys, "settings", "set", RATIO, "25", "--db", missing)
    assert code == 2 and str(missing) in one_line(err)
    assert not missing.exists()
    assert run(capsys, "settings", "--db", missing)[0] == 2
    assert not missing.exists()


def test_setting_the_limit_over_a_break_stored_before_the_limit_says_what_it_was(centre: Path, capsys: Capture) -> None:
    """A break of 45 minutes saved when 60 was allowed (ICE 8.2 now gives 20 at most): setting
    20 reports the 45 it replaces, not "20 -> 20 (no change)"."""
    with open_database(centre) as db, db.session() as session:
        session.merge(Setting(key="access.clash.break_minutes", value="45"))
    code, out, err = run(capsys, "settings", "set", "access.clash.break_minutes", "20", "--db", centre)
    assert (code, err) == (0, "")
    assert out.strip() == "access.clash.break_minutes: 45 -> 20"
    assert stored(centre)[0].get("access.clash.break_minutes") == "20"
