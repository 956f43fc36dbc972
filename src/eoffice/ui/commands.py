"""Undoable edits: each stores plain values (never ORM objects or indexes) and calls
a domain function in its own transaction.

The first run happens before the command is pushed, so a refused edit (bad input, a
read-only database) raises to the caller and never lands on the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from eoffice.errors import EofficeError
from eoffice.ui.context import AppContext

Change = Callable[[Session], object]


class DomainCommand(QUndoCommand):
    def __init__(self, context: AppContext, text: str, area: str, do: Change, undo: Change) -> None:
        super().__init__(text)
        self._context, self._area, self._do, self._undo = context, area, do, undo
        self._first = True

    def _apply(self, change: Change) -> None:
        try:
            with self._context.session() as session:
                change(session)
        except EofficeError as error:
            self.setObsolete(True)
            self._context.errorRaised.emit(str(error))
            return
        self._context.changed.emit(self._area)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self._do)

    def undo(self) -> None:
        self._apply(self._undo)


def run(context: AppContext, text: str, area: str, do: Change, undo: Change) -> None:
    """Do the change now; if it worked, make it undoable. Raises EofficeError if refused."""
    with context.session() as session:
        do(session)
    context.undo_stack.push(DomainCommand(context, text, area, do, undo))
    context.changed.emit(area)
