"""The expected failures, in one family, each with a message a person can act on.

The window shows ``str(error)`` in a dialog and the command line prints it as one line
with exit code 2. Programming errors are deliberately not in this family: they should
raise loudly, not be dressed up for the user.
"""

from __future__ import annotations

from pathlib import Path


class EofficeError(Exception):
    """Something the user can understand and fix; ``str()`` is the plain message."""


class DatabaseError(EofficeError):
    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: {message}")


class NotAnEofficeDatabase(DatabaseError):
    pass


class DamagedDatabase(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    pass


class CannotOpenDatabase(DatabaseError):
    """The file or its folder cannot be read or written (permissions, missing drive)."""


class DatabaseInUse(DatabaseError):
    """Another eoffice has the file open for writing."""


class ReadOnlyDatabase(DatabaseError):
    """A change was asked of a database opened read-only (or the file, folder or drive is)."""


class DatabaseBusy(DatabaseError):
    """Another program held a write transaction longer than eoffice waits."""


class DiskFull(DatabaseError):
    """The drive holding the database (or its journal) has no room left."""


class DriveError(DatabaseError):
    """The operating system reported an input/output error reading or writing the file."""


class UnsafeOutput(EofficeError):
    """An ``--out`` (or Save As) target that is not a plain file: a device, a pipe, a link."""


class InputError(EofficeError):
    """Bad input from a person or a file, located as exactly as we can."""

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = Path(file) if file is not None else None
        self.row = row
        self.column = column
        self.reason = message
        where = []
        if self.file is not None:
            where.append(str(self.file))
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
