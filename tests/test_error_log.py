"""Issue 14, item 5: an unexpected error is one line naming a log; the log holds no person's data."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

import pytest

from eoffice import error_log
from tests.cli.cli_helpers import Capture, one_line, run

cli_main = importlib.import_module("eoffice.cli.main")  # the package's ``main`` is the function
SECRET = "SECRET-asthma-inhaler-MARKER"


def broken_handler(_args: argparse.Namespace) -> int:
    try:
        raise KeyError(SECRET)
    except KeyError as inner:
        raise ValueError(f"could not read {SECRET}") from inner


def break_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real = cli_main.build_parser

    def parser() -> argparse.ArgumentParser:
        built = real()
        built.set_defaults(handler=broken_handler)
        return built

    monkeypatch.setattr(cli_main, "build_parser", parser)
    monkeypatch.setattr(cli_main, "_open_window", lambda db: broken_handler(argparse.Namespace(db=db)))


def test_an_unexpected_error_is_one_line_and_a_log_without_the_message(
        capsys: Capture, monkeypatch: pytest.MonkeyPatch, eoffice_home: Path) -> None:
    break_every_command(monkeypatch)
    code, out, err = run(capsys)
    assert code == cli_main.EXIT_UNEXPECTED == 1
    line = one_line(err)
    assert "ValueError" in line and str(error_log.log_file()) in line and SECRET not in line + out
    log = error_log.log_file().read_text(encoding="utf-8")
    assert error_log.log_file().parent == eoffice_home / "logs"
    assert "broken_handler" in log and "builtins.ValueError" in log and "builtins.KeyError" in log
    assert SECRET not in log


def test_the_log_rotates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(error_log, "MAX_BYTES", 2_000)
    for _ in range(40):
        try:
            raise RuntimeError(SECRET)
        except RuntimeError as error:
            assert error_log.write(error, where="test") == error_log.log_file()
    logs = sorted(p.name for p in error_log.log_file().parent.iterdir())
    assert logs == ["eoffice.log", *(f"eoffice.log.{n}" for n in range(1, error_log.KEEP + 1))]
    assert all(p.stat().st_size <= 4_000 for p in error_log.log_file().parent.iterdir())


def test_a_log_that_cannot_be_written_still_gives_one_line(capsys: Capture, monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(error_log.paths, "logs_dir", lambda: blocker / "logs")
    break_every_command(monkeypatch)
    code, _out, err = run(capsys)
    assert code == 1 and "ValueError" in one_line(err) and SECRET not in err
