"""One writer per database file: an operating-system lock that says who holds it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from eoffice.db import lock as lock_module
from eoffice.db.lock import LockOwner, WriterLock, lock_path
from tests.conftest import child_python

HOLDER = """
import sys
from pathlib import Path
from eoffice.db.lock import WriterLock
lock = WriterLock(Path(sys.argv[1]))
assert lock.try_acquire() is None
print("locked", flush=True)
sys.stdin.readline()
"""


def test_lock_file_sits_beside_the_database(db_path: Path) -> None:
    assert lock_path(db_path) == db_path.with_name("centre.sqlite3.lock")


def test_acquire_writes_who_holds_it(db_path: Path) -> None:
    lock = WriterLock(db_path)
    assert not lock.held
    assert lock.try_acquire() is None
    try:
        assert lock.held
        owner = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
        assert owner["pid"] == os.getpid()
        assert set(owner) == {"user", "host", "pid", "since"}
    finally:
        lock.release()


def test_second_lock_is_refused_and_names_the_holder(db_path: Path) -> None:
    first = WriterLock(db_path)
    assert first.try_acquire() is None
    try:
        owner = WriterLock(db_path).try_acquire()
        assert owner is not None
        assert owner.pid == os.getpid()
        assert f"(process {os.getpid()})" in owner.describe()
    finally:
        first.release()
    again = WriterLock(db_path)
    try:
        assert again.try_acquire() is None  # free once the first is released
    finally:
        again.release()


def test_release_empties_the_file_and_frees_the_lock(db_path: Path) -> None:
    first = WriterLock(db_path)
    assert first.try_acquire() is None
    first.release()
    first.release()  # twice is harmless
    assert not first.held
    assert lock_path(db_path).read_text(encoding="utf-8") == ""
    second = WriterLock(db_path)
    try:
        assert second.try_acquire() is None
    finally:
        second.release()


def test_unreadable_owner_is_described_generically(db_path: Path) -> None:
    path = lock_path(db_path)
    with open(path, "a+", encoding="utf-8") as handle:
        handle.write("not json")
        handle.flush()
        assert lock_module._lock(handle)
        try:
            owner = WriterLock(db_path).try_acquire()
        finally:
            lock_module._unlock(handle)
    assert owner == LockOwner("another eoffice", "this or another computer", 0, "unknown")


def test_parse_owner_rejects_partial_or_broken_text() -> None:
    assert lock_module._parse_owner("") is None
    assert lock_module._parse_owner("{") is None
    assert lock_module._parse_owner('{"user": "a"}') is None
    assert lock_module._parse_owner("[1, 2]") is None
    good = '{"user": "jo", "host": "pc1", "pid": "12", "since": "23/11/2026 09:00"}'
    assert lock_module._parse_owner(good) == LockOwner("jo", "pc1", 12, "23/11/2026 09:00")


def test_describe_reads_as_a_sentence() -> None:
    owner = LockOwner("jo", "EXAMS-PC", 4321, "23/11/2026 09:00")
    assert owner.describe() == "jo on EXAMS-PC (process 4321) since 23/11/2026 09:00"


def test_lock_held_by_another_process_and_freed_when_it_dies(db_path: Path) -> None:
    holder = subprocess.Popen(
        child_python("-c", HOLDER, str(db_path)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        owner = WriterLock(db_path).try_acquire()
        assert owner is not None
        assert owner.pid == holder.pid
    finally:
        holder.kill()  # a crash: no release, the operating system drops the lock
        holder.wait()
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.stdout.close()

    mine = WriterLock(db_path)
    try:
        assert mine.try_acquire() is None
    finally:
        mine.release()
