"""One writer per database file, across processes.

The lock is an operating-system lock on ``<database>.lock``, so it vanishes when the
holder exits or crashes: a stale lock can never keep a school out of its own data.
The holder writes who it is into the file so a second eoffice can say who has it.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from eoffice import clock

_LOCK_OFFSET = 1 << 20  # Windows locks a byte range; lock one far beyond the owner text.


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}) since {self.since}"


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class WriterLock:
    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def try_acquire(self) -> LockOwner | None:
        """Take the lock; on failure return whoever holds it (None means we hold it)."""
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open on purpose
        if not _lock(handle):
            handle.seek(0)
            owner = _parse_owner(handle.read())
            handle.close()
            return owner or LockOwner("another user", "this or another computer", 0, "unknown")
        handle.seek(0)
        handle.truncate()
        me = LockOwner(
            user=getpass.getuser(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=clock.now().strftime("%d/%m/%Y %H:%M"),
        )
        handle.write(json.dumps(me.__dict__))
        handle.flush()
        self._file = handle
        return None

    def release(self) -> None:
        if self._file is None:
            return
        try:
            self._file.seek(0)
            self._file.truncate()
            self._file.flush()
            _unlock(self._file)
        finally:
            self._file.close()
            self._file = None


def _parse_owner(text: str) -> LockOwner | None:
    try:
        data = json.loads(text)
        return LockOwner(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (ValueError, KeyError, TypeError):
        return None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> bool:
        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
