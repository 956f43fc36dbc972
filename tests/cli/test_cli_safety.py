"""The command line never writes over a database, and a bad path or a typo is one plain line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from eoffice import cli

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str]:
    code = cli.main(list(argv))
    _out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) <= 1, err  # never a traceback or a usage block
    return code, lines[0] if lines else ""


@pytest.fixture
def made(db_path: Path, capsys: Capture) -> Path:
    assert run(capsys, "init", "--db", str(db_path))[0] == 0
    return db_path


@pytest.mark.parametrize("tail", ["", "-wal", "-shm", ".lock"])
def test_an_export_never_lands_on_the_database_it_reads(made: Path, capsys: Capture, tail: str) -> None:
    target = made.with_name(made.name + tail)
    before = target.read_bytes() if target.exists() else None
    code, err = run(capsys, "export", "plan", "--format", "csv", "--out", str(target), "--db", str(made))
    assert code == 2
    assert err == f"eoffice: {target}: is the database being exported (or one of its files); choose another file"
    assert (target.read_bytes() if target.exists() else None) == before
    assert run(capsys, "check", "--db", str(made))[0] == 0  # still a sound eoffice database


def test_an_export_never_writes_over_another_eoffice_database(made: Path, tmp_path: Path, capsys: Capture) -> None:
    other = tmp_path / "last-year.sqlite3"
    assert run(capsys, "init", "--db", str(other))[0] == 0
    before = other.read_bytes()
    code, err = run(capsys, "export", "plan", "--format", "xlsx", "--out", str(other), "--db", str(made))
    assert (code, err) == (2, f"eoffice: {other}: is an eoffice database; an export will not write over it")
    assert other.read_bytes() == before


def test_an_ordinary_file_of_that_name_is_replaced(made: Path, tmp_path: Path, capsys: Capture) -> None:
    out = tmp_path / "plan.csv"
    out.write_text("last week's export")
    assert run(capsys, "export", "plan", "--format", "csv", "--out", str(out), "--db", str(made))[0] == 0
    assert out.read_text(encoding="utf-8-sig").startswith("ID,Task")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_an_export_to_a_folder_is_refused_plainly(made: Path, tmp_path: Path, capsys: Capture, fmt: str) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    code, err = run(capsys, "export", "plan", "--format", fmt, "--out", str(folder), "--db", str(made))
    assert (code, err) == (2, f"eoffice: {folder}: is a folder; give a file name inside it (nothing was written)")
    assert list(folder.iterdir()) == [] and not list(tmp_path.glob(".*partial"))


def test_an_export_where_nothing_can_be_written_is_refused_plainly(made: Path, tmp_path: Path, capsys: Capture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    out = blocker / "plan.pdf"
    code, err = run(capsys, "export", "plan", "--format", "pdf", "--out", str(out), "--db", str(made))
    assert code == 2 and err.startswith(f"eoffice: cannot write {out}:")


def test_a_backup_where_nothing_can_be_written_is_refused_plainly(made: Path, tmp_path: Path, capsys: Capture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    out = blocker / "copy.sqlite3"
    code, err = run(capsys, "backup", "--db", str(made), "--out", str(out))
    assert code == 2 and err.startswith(f"eoffice: {out}: cannot be written")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["demo", "--scale", "abc"], "eoffice demo: argument --scale: invalid int value: 'abc' (see eoffice demo --help)"),
        (["export"], "eoffice export: the following arguments are required: KIND, --format, --out "
                     "(see eoffice export --help)"),
        (["no-such-command"], "eoffice: argument COMMAND: invalid choice: 'no-such-command'"),
    ],
)
def test_a_mistyped_command_is_one_line_and_exit_2(capsys: Capture, argv: list[str], expected: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    assert stopped.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected)
