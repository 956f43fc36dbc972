"""Issue 14, item 6: one writer per database file, whatever name it is opened by.

Through a symbolic link a second writer used to get in; through a hard link two writers
each committed 300 audit rows and 300 were lost.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eoffice.db.session import open_database
from eoffice.errors import DatabaseInUse
from tests.conftest import child_python

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic and hard links as on Linux and macOS")


def other_names(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    folder = db_path.parent
    (folder / "sub").mkdir()
    os.symlink(db_path, folder / "link.sqlite3")
    os.link(db_path, folder / "hard.sqlite3")
    monkeypatch.chdir(folder / "sub")
    return {
        "symbolic link": folder / "link.sqlite3",
        "hard link": folder / "hard.sqlite3",
        "relative path": Path("..") / db_path.name,
        "path through ..": folder / "sub" / ".." / db_path.name,
    }


def test_every_name_of_the_file_meets_the_one_writer(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(db_path).close()
    names = other_names(db_path, monkeypatch)
    with open_database(db_path):
        for how, name in names.items():
            with pytest.raises(DatabaseInUse):
                open_database(name)
            with open_database(name, fall_back_to_read_only=True) as second:
                assert second.read_only, how
    for how, name in names.items():  # and each name can write once the writer has gone
        with open_database(name) as db:
            assert not db.read_only, how


HOLD = (
    "import sys, time\n"
    "from eoffice.db.session import open_database\n"
    "db = open_database(sys.argv[1])\n"
    "print('held', flush=True)\n"
    "sys.stdin.readline()\n"
    "db.close()\n"
)


def test_a_writer_in_another_process_holds_every_name(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(db_path).close()
    names = other_names(db_path, monkeypatch)
    holder = subprocess.Popen(child_python("-c", HOLD, str(names["hard link"].resolve())),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        for name in [db_path, *names.values()]:
            with pytest.raises(DatabaseInUse):
                open_database(name)
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=60)
        if holder.stdout is not None:
            holder.stdout.close()
    with open_database(db_path) as db:
        assert not db.read_only
