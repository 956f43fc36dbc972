"""One writer per database file, across processes.

The lock is an operating-system lock, so it vanishes when the holder exits or crashes:
a stale lock can never keep a school out of its own data. It follows the file, not the
name it was opened by:

* ``<database>.lock`` sits beside the file the path resolves to, so a symbolic link, a
  relative path or ``..`` all reach the same lock; the holder writes who it is into it
  so a second eoffice can say who has it;
* on Linux and macOS the database file itself is also locked with ``flock``, which
  belongs to the file (its inode), so a hard link under another name meets the same
  lock. ``flock`` and SQLite's own ``fcntl`` locks do not interact. Closing any handle
  on the file drops the process's ``fcntl`` locks (POSIX), so a process never opens a
  second handle on a file it already holds: ``_HELD`` remembers which files those are.
  (On Windows the lock file alone is used; hard links there are not covered.)
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from eoffice import clock

_LOCK_OFFSET = 1 << 20  # Windows locks a byte range; lock one far beyond the owner text.
_HELD: set[tuple[int, int]] = set()  # (device, inode) of database files this process holds


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        if not self.pid:  # the lock is held but its owner note cannot be read (or is under another name)
            return f"{self.user} on {self.host}"
        return f"{self.user} on {self.host} (process {self.pid}) since {self.since}"


def lock_path(database: Path) -> Path:
    real = Path(database).resolve()
    return real.with_name(real.name + ".lock")


class WriterLock:
    def __init__(self, database: Path) -> None:
        self.database = Path(database).resolve()
        self.path = lock_path(database)
        self._file: IO[str] | None = None
        self._database_file: BinaryIO | None = None
        self._identity: tuple[int, int] | None = None

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
            return owner or _SOMEONE
        blocked = self._lock_database_file()
        if blocked:
            _unlock(handle)
            handle.close()
            return _SOMEONE
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

    def _lock_database_file(self) -> bool:
        """Lock the database file itself (creating it empty when new); True if another holds it."""
        if sys.platform == "win32":  # pragma: no cover - the lock file alone on Windows
            return False
        handle = open(self.database, "ab")  # noqa: SIM115 - held open on purpose; "a" never truncates
        stat = os.fstat(handle.fileno())
        identity = (stat.st_dev, stat.st_ino)
        if identity in _HELD:
            handle.close()  # this process holds it already, under another name
            return True
        if not _flock(handle):
            # Another process holds it. Closing this handle would drop fcntl locks our own
            # SQLite connections hold on the file, but _HELD shows we have none as writer.
            handle.close()
            return True
        _HELD.add(identity)
        self._database_file, self._identity = handle, identity
        return False

    def release(self) -> None:
        if self._database_file is not None:
            with contextlib.suppress(OSError):
                _funlock(self._database_file)
            self._database_file.close()
            _HELD.discard(self._identity or (0, 0))
            self._database_file = self._identity = None
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


_SOMEONE = LockOwner("another eoffice", "this or another computer", 0, "unknown")


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

    def _flock(handle: BinaryIO) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _funlock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
