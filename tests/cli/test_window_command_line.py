"""`eoffice` and `eoffice --db PATH` open the window through a short parser (start-up speed),
and every other command line still goes through the whole one."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

cli_main = importlib.import_module("eoffice.cli.main")  # the package's ``main`` is the function


@pytest.mark.parametrize(("argv", "window"), [
    ([], True),
    (["--db", "school.sqlite3"], True),
    (["--db=school.sqlite3"], True),
    (["--db"], False),  # the whole parser says what is missing
    (["--help"], False),
    (["--version"], False),
    (["check"], False),
    (["--db", "school.sqlite3", "check"], False),
    (["plan", "list", "--db", "school.sqlite3"], False),
])
def test_only_the_window_takes_the_short_parser(argv: list[str], window: bool) -> None:
    assert cli_main.opens_the_window(argv) is window


def test_the_window_gets_the_database_path(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[argparse.Namespace] = []
    monkeypatch.setattr(cli_main, "_open_window", lambda args: seen.append(args) or 0)
    assert cli_main.main(["--db", "school.sqlite3"]) == 0
    assert cli_main.main([]) == 0
    assert [args.db for args in seen] == [Path("school.sqlite3"), None]
    assert all(args.command is None for args in seen)


def test_the_short_parser_imports_no_command_module() -> None:
    code = ("import sys; from eoffice.cli.main import build_parser; build_parser(commands=False)"
            ".parse_args(['--db', 'x']); print(sorted(m for m in sys.modules if m.startswith('eoffice.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['eoffice.cli.common', 'eoffice.cli.main']"


def test_a_bad_db_option_is_still_one_plain_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli_main.main(["--db"])
    assert stopped.value.code == 2
    assert "expected one argument" in capsys.readouterr().err
