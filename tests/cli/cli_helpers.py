"""How the command-line tests run eoffice: in this process, reading what it printed."""

from __future__ import annotations

import pytest

from eoffice import cli

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: object) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``eoffice argv…``."""
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    """Bad input is one plain line on stderr: never a traceback or a usage block."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]
