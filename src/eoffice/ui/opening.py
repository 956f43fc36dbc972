"""Opening a database from the window: refusals become a choice, never a crash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from eoffice import paths
from eoffice.db.session import Database, open_database
from eoffice.errors import EofficeError
from eoffice.ui.dialogs import ask

OPEN_ANOTHER = "Open another database…"
QUIT = "Cancel"


def open_with_dialogs(parent: QWidget | None, path: Path) -> Database | None:
    """Open ``path``; on refusal explain and offer another file. None if the user gives up.

    A file at this version opens without SQLAlchemy (``db.session.finish_opening``), so the
    window can paint its first tab through the plain reads before the storage layer loads."""
    while True:
        try:
            db = open_database(path, fall_back_to_read_only=True)
        except EofficeError as error:
            choice = ask.choose(parent, "Cannot open the database", str(error), [OPEN_ANOTHER, QUIT])
            if choice == OPEN_ANOTHER:
                other = ask.open_path(parent, "Open database", path.parent, ask.DATABASE_FILTER)
                if other is not None:
                    path = other
                    continue
            return None
        if db.held_by is not None:
            ask.info(
                parent,
                "Opened read-only",
                f"{db.held_by.describe()} has this database open, so it is open read-only here: "
                "you can look at everything, but nothing can be changed until they close it.",
            )
        elif db.read_only_reason:
            ask.info(parent, "Opened read-only", f"{db.path.name} {db.read_only_reason}.")
        return db


def demo_database_path() -> Path:
    return paths.data_dir() / "demo-centre.sqlite3"


def open_demo(parent: QWidget | None) -> Database | None:
    """The demo centre lives in its own file, so it never mixes with real data."""
    from eoffice.db.session import is_new
    from eoffice.domain.demo import build_demo

    path = demo_database_path()
    if is_new(path):
        try:
            with open_database(path) as db, db.session() as session:
                build_demo(session)
        except EofficeError as error:
            ask.error(parent, "Demo centre not created", str(error))
            return None
    return open_with_dialogs(parent, path)
