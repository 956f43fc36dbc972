"""What every tab shares: the open database, the chosen year and the undo stack.

Tabs listen to ``changed`` (with the name of the area that changed) to refresh, and
to ``yearChanged``; they never hold ORM objects across events, only plain records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.orm import Session

from eoffice.db.session import Database
from eoffice.domain.years import AcademicYear


class AppContext(QObject):
    changed = Signal(str)
    yearChanged = Signal(object)
    errorRaised = Signal(str)

    def __init__(self, db: Database, year: AcademicYear, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = year
        self.undo_stack = QUndoStack(self)

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def read(self, query: Callable[[Session], object]) -> object:
        with self.db.sessions() as session:
            return query(session)

    def set_year(self, year: AcademicYear) -> None:
        if year != self.year:
            self.year = year
            self.yearChanged.emit(year)
