"""Undoable edits: each stores plain values (never ORM objects or indexes) and calls
a domain function in its own transaction.

The first run happens before the command is pushed, so a refused edit (bad input, a
read-only database) raises to the caller and never lands on the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from eoffice.errors import EofficeError
from eoffice.ui.context import AppContext

Change = Callable[[Session], object]


class DomainCommand(QUndoCommand):
    def __init__(self, context: AppContext, text: str, area: str, do: Change, undo: Change, *,
                 undo_question: str = "") -> None:
        super().__init__(text)
        self._context, self._area, self._do, self._undo = context, area, do, undo
        self._first = True
        # Asked before undoing a change too big to lose to one Ctrl+Z too many (a whole year).
        self.undo_question = undo_question

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


def run(context: AppContext, text: str, area: str, do: Change, undo: Change, *,
        undo_question: Callable[[], str] | None = None) -> None:
    """Do the change now; if it worked, make it undoable. Raises EofficeError if refused.

    ``undo_question``, when given, words (once the change is done, so it can count what
    was done) the yes/no question asked before Undo takes the change back.
    """
    with context.session() as session:
        do(session)
    question = undo_question() if undo_question else ""
    context.undo_stack.push(DomainCommand(context, text, area, do, undo, undo_question=question))
    context.changed.emit(area)


def undo(stack: QUndoStack | None, confirm: Callable[[str], bool]) -> None:
    """Edit > Undo: the last change back, after its question when it has one."""
    if stack is None or not stack.canUndo():
        return
    command = stack.command(stack.index() - 1)
    question = command.undo_question if isinstance(command, DomainCommand) else ""
    if question and not confirm(question):
        return
    stack.undo()
