"""What every tab shares: the open database, the chosen year and the undo stack.

Tabs listen to ``changed`` (with the name of the area that changed, one of ``ui.areas``)
to refresh, and to ``yearChanged``; they never hold ORM objects across events, only plain
records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from eoffice import clock
from eoffice.domain.years import AcademicYear

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from eoffice.db.plain import Reader
    from eoffice.db.session import Database

T = TypeVar("T")


class AppContext(QObject):
    changed = Signal(str)
    yearChanged = Signal(object)
    errorRaised = Signal(str)

    def __init__(
        self, db: Database, year: AcademicYear, parent: QObject | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.year = year
        self._today = today
        self.undo_stack = QUndoStack(self)

    @property
    def today(self) -> date:
        """Fixed in tests; otherwise the real date, read each time (the app runs for days)."""
        return self._today or clock.today()

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def read(self, query: Callable[[Session], T]) -> T:
        with self.db.sessions() as session:
            return query(session)

    def read_plain(self, query: Callable[[Reader], T]) -> T:
        """``query`` on the database's plain connection (``eoffice.db.plain``): the reads the
        window makes before SQLAlchemy has loaded (the first tab, the title, the year list)."""
        return query(self.db.reader())

    def change(self, edit: Callable[[Session], T]) -> T:
        """Run ``edit`` and commit it (what an export's ``Source`` needs; screens use undo commands)."""
        with self.db.session() as session:
            return edit(session)

    def set_year(self, year: AcademicYear) -> None:
        if year != self.year:
            self.year = year
            self.yearChanged.emit(year)
