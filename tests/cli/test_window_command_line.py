"""`eoffice` and `eoffice --db PATH` open the window without building the parser (start-up
speed), and every other command line still goes through the whole one."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

cli_main = importlib.import_module("eoffice.cli.main")  # the package's ``main`` is the function


@pytest.mark.parametrize(("argv", "expected"), [
    ([], (True, None)),
    (["--db", "school.sqlite3"], (True, Path("school.sqlite3"))),
    (["--db=school.sqlite3"], (True, Path("school.sqlite3"))),
    (["--db"], (False, None)),  # the whole parser says what is missing
    (["--db", "--help"], (False, None)),  # a value that looks like an option: the parser decides
    (["--help"], (False, None)),
    (["--version"], (False, None)),
    (["check"], (False, None)),
    (["--db", "school.sqlite3", "check"], (False, None)),
    (["plan", "list", "--db", "school.sqlite3"], (False, None)),
])
def test_only_the_window_skips_the_parser(argv: list[str], expected: tuple[bool, Path | None]) -> None:
    assert cli_main.window_database(argv) == expected


def test_the_window_gets_the_database_path(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path | None] = []
    monkeypatch.setattr(cli_main, "_open_window", lambda db: seen.append(db) or 0)
    assert cli_main.main(["--db", "school.sqlite3"]) == 0
    assert cli_main.main([]) == 0
    assert cli_main.main(["--db", "a.sqlite3", "--db", "b.sqlite3"]) == 0  # the parser's way: the last one
    assert seen == [Path("school.sqlite3"), None, Path("b.sqlite3")]


def test_opening_the_window_imports_no_parser_and_no_command_module() -> None:
    code = ("import sys, importlib; m = importlib.import_module('eoffice.cli.main'); m._open_window = lambda db: 0; "
            "m.main(['--db', 'x']); print('argparse' in sys.modules, "
            "sorted(n for n in sys.modules if n.startswith('eoffice.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False ['eoffice.cli.main']"


def test_a_bad_db_option_is_still_one_plain_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli_main.main(["--db"])
    assert stopped.value.code == 2
    assert "expected one argument" in capsys.readouterr().err


def test_a_bug_while_the_window_opens_is_one_line_and_exit_1(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], eoffice_home: Path) -> None:
    def broken(db: Path | None) -> int:
        raise ValueError("nothing personal")

    monkeypatch.setattr(cli_main, "_open_window", broken)
    assert cli_main.main(["--db", str(eoffice_home / "x.sqlite3")]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "ValueError" in err and "nothing personal" not in err
