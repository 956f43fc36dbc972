"""The command line's contract: names, options, exit codes, and nothing written on refusal.

Checking, backing up, restoring and exporting are in test_cli_maintenance.py."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

import eoffice
from eoffice import cli, paths
from eoffice.db.lock import lock_path
from eoffice.db.maintenance import CheckReport
from eoffice.db.migrations import HEAD
from eoffice.db.session import inspect_file, open_database
from eoffice.domain.accounts import people
from eoffice.domain.centre import get_centre
from eoffice.domain.series import stored_years
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError
from tests.cli.cli_file_helpers import made, other_names, python, snapshot  # noqa: F401 - a fixture
from tests.cli.cli_helpers import Capture, one_line, run

# --- version --------------------------------------------------------------------------


def test_version(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"eoffice {eoffice.__version__}\n"
    assert eoffice.__version__ == "0.1.0"


def test_python_dash_m_version() -> None:
    result = python("-m", "eoffice", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "eoffice 0.1.0"


# --- init -----------------------------------------------------------------------------


def test_init_creates_an_empty_database_with_this_year(db_path: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "init", "--db", str(db_path))
    assert code == 0 and err == ""
    assert out == f"created {db_path}\n"
    assert inspect_file(db_path).revision == HEAD
    with open_database(db_path, read_only=True) as db, db.session() as session:
        assert get_centre(session) is None
        assert stored_years(session) == [AcademicYear.current()]


def test_init_stores_the_centre(db_path: Path, capsys: Capture) -> None:
    code, _, _ = run(capsys, "init", "--db", str(db_path), "--centre-name", "Ysgol Glan Môr", "--centre-number", "68123")
    assert code == 0
    with open_database(db_path, read_only=True) as db, db.session() as session:
        centre = get_centre(session)
    assert centre is not None
    assert (centre.name, centre.centre_number) == ("Ysgol Glan Môr", "68123")


def test_init_with_only_a_number_names_the_centre_for_now(db_path: Path, capsys: Capture) -> None:
    assert run(capsys, "init", "--db", str(db_path), "--centre-number", "68123")[0] == 0
    with open_database(db_path, read_only=True) as db, db.session() as session:
        assert get_centre(session).name == "My centre"


def test_init_refuses_a_bad_centre_number_and_creates_nothing(tmp_path: Path, db_path: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "init", "--db", str(db_path), "--centre-number", "1234")
    assert code == 2
    assert out == ""
    line = one_line(err)
    assert line.startswith("eoffice: ")
    assert "1234" in line
    assert not db_path.exists()
    assert not lock_path(db_path).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_init_refuses_an_existing_file(made: Path, capsys: Capture) -> None:
    before = snapshot(made)
    code, _, err = run(capsys, "init", "--db", str(made))
    assert code == 2
    assert "already exists" in one_line(err)
    assert snapshot(made) == before
    assert other_names(made) == ["Before"]


def test_init_without_db_uses_the_default_in_a_new_data_folder(eoffice_home: Path, capsys: Capture) -> None:
    assert not eoffice_home.exists()
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert paths.default_database() == eoffice_home / "eoffice.sqlite3"
    assert out == f"created {eoffice_home / 'eoffice.sqlite3'}\n"
    assert inspect_file(eoffice_home / "eoffice.sqlite3").revision == HEAD


def test_db_may_come_before_the_command(db_path: Path, capsys: Capture) -> None:
    assert run(capsys, "--db", str(db_path), "init")[0] == 0
    assert db_path.is_file()


# --- demo -----------------------------------------------------------------------------


def test_demo_creates_a_demo_centre(db_path: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "demo", "--db", str(db_path))
    assert code == 0
    assert str(db_path) in out
    with open_database(db_path, read_only=True) as db, db.session() as session:
        assert get_centre(session).name == "Northfield Community Academy"
        assert len(people.people(session, "head_of_department")) == 16


def test_demo_scale_multiplies(db_path: Path, capsys: Capture) -> None:
    assert run(capsys, "demo", "--db", str(db_path), "--scale", "2")[0] == 0
    with open_database(db_path, read_only=True) as db, db.session() as session:
        assert len(people.people(session, "head_of_department")) == 32


@pytest.mark.parametrize("scale", ["0", "-3"])
def test_demo_refuses_a_scale_below_one(db_path: Path, capsys: Capture, scale: str) -> None:
    code, _, err = run(capsys, "demo", "--db", str(db_path), "--scale", scale)
    assert code == 2
    assert f"--scale {scale}" in one_line(err)
    assert not db_path.exists()


def test_demo_refuses_an_existing_database_and_leaves_it(made: Path, capsys: Capture) -> None:
    before = snapshot(made)
    code, _, err = run(capsys, "demo", "--db", str(made))
    assert code == 2
    assert "already exists" in one_line(err)
    assert made.exists()
    assert snapshot(made) == before
    assert other_names(made) == ["Before"]


def test_demo_that_fails_part_way_leaves_no_file(db_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    import eoffice.domain.demo as demo

    def broken(session: object, **kwargs: object) -> None:
        people.add_person(session, "Half", "other")  # type: ignore[arg-type]
        raise EofficeError("the demo could not be built")

    monkeypatch.setattr(demo, "build_demo", broken)
    code, _, err = run(capsys, "demo", "--db", str(db_path))
    assert code == 2
    assert "could not be built" in one_line(err)
    leftovers = [p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]
    assert leftovers == []


# --- the window and interruptions -----------------------------------------------------


def test_no_command_opens_the_window(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    fake = types.ModuleType("eoffice.ui.app")
    fake.run = lambda db: opened.append(db) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "eoffice.ui.app", fake)
    assert cli.main(["--db", str(db_path)]) == 0
    assert opened == [db_path]


def test_ctrl_c_exits_130(made: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eoffice.db.maintenance as maintenance

    def interrupted(path: Path) -> CheckReport:
        raise KeyboardInterrupt

    monkeypatch.setattr(maintenance, "check_database", interrupted)
    assert cli.main(["check", "--db", str(made)]) == 130


# --- no Qt for scripted commands ------------------------------------------------------

NO_QT = """
import runpy, sys
sys.argv = ["eoffice", *sys.argv[1:]]
try:
    runpy.run_module("eoffice", run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
else:
    code = None
assert "PySide6" not in sys.modules, sorted(m for m in sys.modules if m.startswith("PySide6"))
print("exit", code)
"""


def test_pyside6_is_installed_so_the_next_tests_mean_something() -> None:
    import importlib.util

    assert importlib.util.find_spec("PySide6") is not None


def test_version_does_not_import_qt() -> None:
    result = python("-c", NO_QT, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["eoffice 0.1.0", "exit 0"]


def test_check_does_not_import_qt(made: Path) -> None:
    result = python("-c", NO_QT, "check", "--db", str(made))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "exit 0"
    assert "integrity: ok" in result.stdout


def test_cli_main_check_does_not_import_qt(made: Path) -> None:
    script = (
        "import sys, eoffice.cli\n"
        f"code = eoffice.cli.main(['check', '--db', {str(made)!r}])\n"
        "assert code == 0, code\n"
        "assert 'PySide6' not in sys.modules\n"
    )
    result = python("-c", script)
    assert result.returncode == 0, result.stderr
