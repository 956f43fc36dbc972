"""The command line's contract: names, options, exit codes, and nothing written on refusal."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import openpyxl
import pytest

import eoffice
from eoffice import cli, paths
from eoffice.db.lock import lock_path
from eoffice.db.maintenance import CheckReport
from eoffice.db.migrations import HEAD
from eoffice.db.session import inspect_file, open_database
from eoffice.domain import audit, people
from eoffice.domain.centre import get_centre
from eoffice.domain.series import stored_years
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError
from tests.cli.cli_helpers import Capture, one_line, run


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=os.environ.copy(), timeout=120)


@pytest.fixture
def made(db_path: Path, capsys: Capture) -> Path:
    """An initialised database with one extra person in it."""
    assert run(capsys, "init", "--db", str(db_path))[0] == 0
    with open_database(db_path, backup=False) as db, db.session() as session:
        people.add_person(session, "Before", "other")
    return db_path


def other_names(path: Path) -> list[str]:
    with open_database(path, read_only=True) as db, db.session() as session:
        return [p.name for p in people.people(session, "other")]


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


# --- check ----------------------------------------------------------------------------


def test_check_prints_integrity_and_counts(made: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "check", "--db", str(made))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"database: {made}"
    assert "integrity: ok" in lines
    assert f"schema: {HEAD} (current)" in lines
    assert "  person: 1" in lines
    assert "  academic_year: 1" in lines


def test_check_json(made: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "check", "--db", str(made), "--json")
    assert code == 0
    report = json.loads(out)
    assert set(report) == {"path", "integrity", "schema_version", "schema_current", "counts"}
    assert report["path"] == str(made)
    assert report["integrity"] == "ok"
    assert report["schema_version"] == HEAD
    assert report["schema_current"] is True
    assert report["counts"]["person"] == 1
    assert report["counts"]["series"] == 3


def test_check_refuses_a_file_that_is_not_ours(tmp_path: Path, capsys: Capture) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    before = snapshot(notes)
    code, out, err = run(capsys, "check", "--db", str(notes))
    assert code == 2 and out == ""
    assert str(notes) in one_line(err)
    assert snapshot(notes) == before


def test_check_refuses_a_missing_file(db_path: Path, capsys: Capture) -> None:
    code, _, err = run(capsys, "check", "--db", str(db_path))
    assert code == 2
    assert "does not exist" in one_line(err)
    assert not db_path.exists()


def test_check_exits_2_when_integrity_fails(made: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    import eoffice.db.maintenance as maintenance

    bad = CheckReport(made, "row 3 missing from index ix_person_role", HEAD, True, {"person": 1})
    monkeypatch.setattr(maintenance, "check_database", lambda path: bad)
    code, out, err = run(capsys, "check", "--db", str(made))
    assert code == 2
    assert "integrity: row 3 missing from index ix_person_role" in out
    assert "eoffice restore" in one_line(err)


def test_check_works_while_the_window_has_the_database(made: Path, capsys: Capture) -> None:
    with open_database(made):
        assert run(capsys, "check", "--db", str(made))[0] == 0


# --- backup and restore ---------------------------------------------------------------


def test_backup_then_restore_round_trip(made: Path, tmp_path: Path, capsys: Capture) -> None:
    saved = tmp_path / "saved.sqlite3"
    code, out, _ = run(capsys, "backup", "--db", str(made), "--out", str(saved))
    assert code == 0
    assert out == f"backed up to {saved}\n"
    assert other_names(saved) == ["Before"]

    with open_database(made) as db, db.session() as session:
        people.add_person(session, "After", "other")

    code, out, _ = run(capsys, "restore", "--db", str(made), "--from", str(saved))
    assert code == 0
    assert f"restored {made} from {saved}" in out
    assert "previous database was backed up to" in out
    assert other_names(made) == ["Before"]
    safety = Path(out.split("backed up to ", 1)[1].splitlines()[0])
    assert safety.parent == paths.backups_dir(made)
    assert other_names(safety) == ["After", "Before"]


def test_backup_refuses_an_existing_out(made: Path, tmp_path: Path, capsys: Capture) -> None:
    out_file = tmp_path / "keep.sqlite3"
    out_file.write_text("keep")
    code, _, err = run(capsys, "backup", "--db", str(made), "--out", str(out_file))
    assert code == 2
    assert str(out_file) in one_line(err)
    assert out_file.read_text() == "keep"


def test_restore_refuses_while_another_eoffice_writes(made: Path, tmp_path: Path, capsys: Capture) -> None:
    saved = tmp_path / "saved.sqlite3"
    run(capsys, "backup", "--db", str(made), "--out", str(saved))
    with open_database(made) as db:
        with db.session() as session:
            people.add_person(session, "After", "other")
        code, _, err = run(capsys, "restore", "--db", str(made), "--from", str(saved))
        assert code == 2
        assert "open in another eoffice" in one_line(err)
    assert other_names(made) == ["After", "Before"]


def test_restore_needs_from(made: Path, capsys: Capture) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["restore", "--db", str(made)])
    assert caught.value.code == 2
    assert "--from" in capsys.readouterr().err


# --- export ---------------------------------------------------------------------------


def test_export_audit_xlsx(made: Path, tmp_path: Path, capsys: Capture) -> None:
    out_file = tmp_path / "audit.xlsx"
    code, out, _ = run(capsys, "export", "audit", "--db", str(made), "--format", "xlsx", "--out", str(out_file))
    assert code == 0
    assert out == f"exported audit to {out_file}\n"
    ws = openpyxl.load_workbook(out_file).active
    assert ws["A1"].value == "When (UTC)"
    with open_database(made, read_only=True) as db, db.session() as session:
        expected = audit.count(session)
    assert expected >= 2  # the year and the person
    assert ws.max_row == 1 + expected


def test_export_audit_csv(made: Path, tmp_path: Path, capsys: Capture) -> None:
    out_file = tmp_path / "audit.csv"
    code, _, _ = run(capsys, "export", "audit", "--db", str(made), "--format", "CSV", "--out", str(out_file))
    assert code == 0
    with open(out_file, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["When (UTC)", "Who", "Action"]
    assert {"academic_year", "person"} <= {row[3] for row in rows[1:]}


def test_export_refuses_an_unknown_format(made: Path, tmp_path: Path, capsys: Capture) -> None:
    out_file = tmp_path / "audit.pdf"
    code, _, err = run(capsys, "export", "audit", "--db", str(made), "--format", "pdf", "--out", str(out_file))
    assert code == 2
    assert "--format pdf" in one_line(err)
    assert not out_file.exists()


def test_export_refuses_a_bad_year_and_writes_nothing(made: Path, tmp_path: Path, capsys: Capture) -> None:
    out_file = tmp_path / "audit.xlsx"
    code, _, err = run(
        capsys, "export", "audit", "--db", str(made), "--format", "xlsx", "--out", str(out_file), "--year", "2026/28"
    )
    assert code == 2
    assert "2026/28" in one_line(err)
    assert not out_file.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx" or "partial" in p.name) == []


def test_export_accepts_a_good_year(made: Path, tmp_path: Path, capsys: Capture) -> None:
    out_file = tmp_path / "audit.csv"
    code, _, _ = run(capsys, "export", "audit", "--db", str(made), "--format", "csv", "--out", str(out_file), "--year", "2026/27")
    assert code == 0
    assert out_file.is_file()


def test_export_of_a_missing_database_exits_2(db_path: Path, tmp_path: Path, capsys: Capture) -> None:
    out_file = tmp_path / "audit.csv"
    code, _, err = run(capsys, "export", "audit", "--db", str(db_path), "--format", "csv", "--out", str(out_file))
    assert code == 2
    assert "does not exist" in one_line(err)
    assert not out_file.exists()
    assert not db_path.exists()


def test_unknown_export_kind_is_a_usage_error(made: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["export", "nonsense", "--format", "csv", "--out", str(tmp_path / "x.csv"), "--db", str(made)])
    assert caught.value.code == 2


def test_areas_register_their_exports(made: Path, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Path, str, Path]] = []

    def exporter(args: object, db_path: Path, fmt: str, out: Path) -> Path:
        calls.append((db_path, fmt, out))
        out.write_text("done")
        return out

    monkeypatch.setitem(cli.EXPORTS, "things", (("csv",), exporter))
    out_file = tmp_path / "things.csv"
    code, _, _ = run(capsys, "export", "things", "--db", str(made), "--format", "csv", "--out", str(out_file))
    assert code == 0
    assert calls == [(made, "csv", out_file)]


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
