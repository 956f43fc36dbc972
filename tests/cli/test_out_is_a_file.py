"""Issue 14, item 8: ``--out`` writes files, only files.

``--out /dev/full`` (as root) replaced the device node with a file, and a symbolic link or
a named pipe given as ``--out`` was replaced rather than refused. An existing target that
is not a regular file is now refused, and so is a symbolic link (not followed: the README
says so), with one line and exit 2, leaving the target as it was.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from eoffice.db.backup import copy_database
from tests.cli.cli_helpers import Capture, one_line, run

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pipes and device nodes as on Linux and macOS")

EXPORTS = {
    "xlsx": ["export", "plan", "--format", "xlsx"],
    "pdf": ["export", "plan", "--format", "pdf"],
    "ics": ["export", "keydates", "--format", "ics"],
    "backup": ["backup"],
}


@pytest.fixture
def demo_file(db_path: Path, demo_template: Path) -> Path:
    copy_database(demo_template, db_path)
    return db_path


def make_target(kind: str, folder: Path) -> Path:
    target = folder / f"target-{kind}.out"
    if kind == "symbolic link":
        (folder / "elsewhere.txt").write_text("someone's file", encoding="utf-8")
        os.symlink(folder / "elsewhere.txt", target)
    elif kind == "dangling link":
        os.symlink(folder / "nowhere.txt", target)
    elif kind == "pipe":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    return target


@pytest.mark.parametrize("export", sorted(EXPORTS))
@pytest.mark.parametrize("kind", ["symbolic link", "dangling link", "pipe", "folder"])
def test_a_target_that_is_not_a_plain_file_is_refused(export: str, kind: str, demo_file: Path, tmp_path: Path,
                                                      capsys: Capture) -> None:
    target = make_target(kind, tmp_path)
    before = os.lstat(target)
    code, _out, err = run(capsys, *EXPORTS[export], "--out", target, "--db", demo_file)
    assert code == 2
    assert str(target) in one_line(err)
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino
    assert not (tmp_path / "nowhere.txt").exists()
    if kind == "symbolic link":
        assert (tmp_path / "elsewhere.txt").read_text(encoding="utf-8") == "someone's file"
    assert not list(tmp_path.glob(".*.partial")) and not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_a_device_is_refused_not_replaced(export: str, demo_file: Path, tmp_path: Path, capsys: Capture) -> None:
    """A device node of the test's own, like /dev/null (the trial used /dev/full): a real
    system device would be destroyed if the refusal failed."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs an administrator")
    before = os.lstat(device)
    code, _out, err = run(capsys, *EXPORTS[export], "--out", device, "--db", demo_file)
    assert code == 2 and str(device) in one_line(err)
    assert stat.S_ISCHR(os.lstat(device).st_mode) and os.lstat(device).st_ino == before.st_ino


@pytest.mark.parametrize("export", ["xlsx", "pdf", "ics"])
def test_an_existing_plain_file_is_still_replaced(export: str, demo_file: Path, tmp_path: Path,
                                                  capsys: Capture) -> None:
    target = tmp_path / f"plan.{export}"
    target.write_bytes(b"last week's copy")
    code, _out, err = run(capsys, *EXPORTS[export], "--out", target, "--db", demo_file)
    assert code == 0, err
    assert target.read_bytes() != b"last week's copy"
