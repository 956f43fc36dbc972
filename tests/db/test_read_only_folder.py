"""Issue 14, item 5: a healthy database in a read-only folder opens read-only and says why.

Every command used to call it "damaged … Restore a backup": SQLite cannot make its -shm
file there. The folder is made read-only for real: a read-only bind mount when the tests
run as an administrator (who ignores folder permissions), else the folder's permissions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eoffice.db.backup import copy_database
from eoffice.db.session import open_database
from eoffice.errors import ReadOnlyDatabase
from tests.cli.cli_helpers import Capture, one_line, run

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="read-only folders as on Linux and macOS")


@pytest.fixture
def read_only_copy(tmp_path: Path, demo_template: Path) -> Iterator[Path]:
    folder = tmp_path / "shared"
    folder.mkdir()
    database = folder / "centre.sqlite3"
    copy_database(demo_template, database)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield database
        folder.chmod(0o755)
        return
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    made = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("this machine does not allow a read-only bind mount")
    subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("the bind mount did not become read-only")
        yield database
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_check_and_exports_read_a_database_in_a_read_only_folder(read_only_copy: Path, tmp_path: Path,
                                                                 capsys: Capture) -> None:
    code, out, err = run(capsys, "check", "--db", read_only_copy)
    assert code == 0, err
    assert "integrity: ok" in out
    code, _out, err = run(capsys, "export", "plan", "--format", "xlsx", "--out", tmp_path / "plan.xlsx",
                          "--db", read_only_copy)
    assert code == 0, err
    assert (tmp_path / "plan.xlsx").stat().st_size > 0


def test_a_change_is_refused_with_the_reason_not_called_damage(read_only_copy: Path, tmp_path: Path,
                                                               capsys: Capture) -> None:
    csv = tmp_path / "candidates.csv"
    csv.write_text("Candidate Number,Surname,Forenames\n9001,Smith,Ann\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", "candidates", csv, "--db", read_only_copy)
    assert code == 2
    line = one_line(err)
    assert "read-only" in line and "damaged" not in line and str(read_only_copy.parent) in line


def test_the_window_opens_it_read_only_and_says_why(read_only_copy: Path) -> None:
    with pytest.raises(ReadOnlyDatabase, match="folder"):
        open_database(read_only_copy)
    with open_database(read_only_copy, fall_back_to_read_only=True) as db:
        assert db.read_only and db.held_by is None
        assert db.read_only_reason is not None and "read-only" in db.read_only_reason
        with db.session() as session:
            assert session.connection().exec_driver_sql("SELECT count(*) FROM person").scalar_one() > 0
