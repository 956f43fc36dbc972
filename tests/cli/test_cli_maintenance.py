"""The command line's contract for checking, backing up, restoring and exporting a database."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from eoffice import cli, paths
from eoffice.db.maintenance import CheckReport
from eoffice.db.migrations import HEAD
from eoffice.db.session import open_database
from eoffice.domain import audit
from eoffice.domain.accounts import people
from eoffice.io import catalogue
from tests.cli.cli_file_helpers import made, other_names, snapshot  # noqa: F401 - a fixture
from tests.cli.cli_helpers import Capture, one_line, run

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
    assert set(report) == {"path", "integrity", "schema_version", "schema_current", "counts", "rules_year"}
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


def test_a_new_catalogue_entry_is_an_export_on_the_command_line(made: Path, tmp_path: Path, capsys: Capture,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    calls: list[tuple[object, Path]] = []

    def write(data: object, out: Path, request: catalogue.Request) -> Path:
        calls.append((data, out))
        out.write_text("done")
        return out

    things = catalogue.Export("things", "csv", "&Things (CSV)…", lambda source, request: request.year.label, write)
    monkeypatch.setattr(catalogue, "EXPORTS", (*catalogue.EXPORTS, things))
    out_file = tmp_path / "things.csv"
    code, _, _ = run(capsys, "export", "things", "--db", str(made), "--format", "csv", "--out", str(out_file))
    assert code == 0
    assert calls == [("2026/27", out_file)]
