"""The installer bundle builds, starts, and runs its migrations from inside the bundle.

Slow (about half a minute to build): ``pytest -m slow tests/test_installer.py``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import eoffice

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = sys.platform.startswith("win")


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


@pytest.mark.slow
def test_bundle_builds_and_migrates_a_new_database(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (it comes with the [test] extra)")

    dist, work = tmp_path / "dist", tmp_path / "build"
    build = _run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm",
            "--distpath", str(dist), "--workpath", str(work),
            "installer.spec",
        ],
        cwd=ROOT,
        timeout=1800,
    )
    assert build.returncode == 0, f"PyInstaller failed:\n{build.stderr[-4000:]}"

    suffix = ".exe" if WINDOWS else ""
    window_exe, exe = dist / "eoffice" / f"eoffice{suffix}", dist / "eoffice" / f"eoffice-cli{suffix}"
    assert window_exe.is_file()
    assert exe.is_file()  # the console twin: the command line prints on every system, Windows too
    # Alembic reads these as files, from the folder of the frozen package's __file__.
    migrations = dist / "eoffice" / "_internal" / "eoffice" / "db" / "migrations"
    assert (migrations / "env.py").is_file()
    assert list((migrations / "versions").glob("0001_*.py"))

    version = _run([str(exe), "--version"], timeout=120)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"eoffice {eoffice.__version__}"
    windowed = _run([str(window_exe), "--version"], timeout=120)
    assert windowed.returncode == 0, windowed.stderr  # windowed on Windows: no stdout to read there

    database = tmp_path / "bundle.sqlite3"
    init = _run([str(exe), "init", "--db", str(database)], timeout=120)
    assert init.returncode == 0, init.stderr
    assert database.is_file()

    check = _run([str(exe), "check", "--db", str(database)], timeout=120)
    assert check.returncode == 0, check.stderr
    assert "integrity: ok" in check.stdout

    # The parts loaded by name at run time travel in the bundle too: the UK bank
    # holidays (internal deadlines), the reference dates file and the roster solver.
    reference = _run([str(exe), "keydates", "load-reference", "--year", "2026/27", "--db", str(database)], timeout=120)
    assert reference.returncode == 0, reference.stderr
    demo = tmp_path / "demo.sqlite3"
    made = _run([str(exe), "demo", "--db", str(demo)], timeout=300)
    assert made.returncode == 0, made.stderr
    solved = _run([str(exe), "roster", "solve", "--db", str(demo), "--json"], timeout=300)
    assert solved.returncode == 0, solved.stderr
    assert '"status"' in solved.stdout
