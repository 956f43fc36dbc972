"""Undoable edits: each stores plain values (never ORM objects or indexes) and calls
a domain function in its own transaction.

The first run happens before the command is pushed, so a refused edit (bad input, a
read-only database) raises to the caller and never lands on the undo stack.

A command may say which records it touched (``Touched``: their kind and ids). While it
announces its area on ``AppContext.changed``, ``touched(context, area)`` answers with them,
so a tab on screen can read those records again and update their rows alone instead of
reading everything and resetting its tables. A change that does not say is read in full.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from eoffice.errors import EofficeError
from eoffice.ui.context import AppContext

Change = Callable[[Session], object]


@dataclass(frozen=True)
class Touched:
    """The records one change wrote: what they are ("plan_task", "arrangement") and their ids,
    those deleted too (a tab that reads them again and finds them gone removes their rows)."""

    kind: str
    ids: frozenset[int]

    @classmethod
    def of(cls, kind: str, ids: Iterable[int]) -> Touched:
        return cls(kind, frozenset(ids))


Touches = Callable[[], Touched]  # asked after each run: an added record's id is known only then
_announcing: list[tuple[AppContext, str, Touched | None]] = []  # the changes being announced, innermost last


def touched(context: AppContext, area: str) -> Touched | None:
    """The records the change being announced on ``context.changed`` for ``area`` touched, or
    None when it did not say (read everything again). Only meaningful inside a slot of that
    signal: a tab asks while it hears of the change."""
    if _announcing:
        announcer, announced, records = _announcing[-1]
        if announcer is context and announced == area:
            return records
    return None


def announce(context: AppContext, area: str, touches: Touches | None) -> None:
    """``context.changed.emit(area)``, with what the change touched for ``touched`` to tell (a
    change that does not say is announced as such, so one inside another is never mistaken for it)."""
    _announcing.append((context, area, touches() if touches is not None else None))
    try:
        context.changed.emit(area)
    finally:
        _announcing.pop()


class DomainCommand(QUndoCommand):
    def __init__(self, context: AppContext, text: str, area: str, do: Change, undo: Change, *,
                 undo_question: str = "", touches: Touches | None = None) -> None:
        super().__init__(text)
        self._context, self._area, self._do, self._undo = context, area, do, undo
        self._touches = touches
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
        announce(self._context, self._area, self._touches)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self._do)

    def undo(self) -> None:
        self._apply(self._undo)


def run(context: AppContext, text: str, area: str, do: Change, undo: Change, *,
        undo_question: Callable[[], str] | None = None, touches: Touches | None = None) -> None:
    """Do the change now; if it worked, make it undoable. Raises EofficeError if refused.

    ``undo_question``, when given, words (once the change is done, so it can count what
    was done) the yes/no question asked before Undo takes the change back. ``touches``, when
    given, says which records the change wrote (asked after each run; see ``touched``).
    """
    with context.session() as session:
        do(session)
    question = undo_question() if undo_question else ""
    context.undo_stack.push(DomainCommand(context, text, area, do, undo, undo_question=question, touches=touches))
    announce(context, area, touches)


def undo(stack: QUndoStack | None, confirm: Callable[[str], bool]) -> None:
    """Edit > Undo: the last change back, after its question when it has one."""
    if stack is None or not stack.canUndo():
        return
    command = stack.command(stack.index() - 1)
    question = command.undo_question if isinstance(command, DomainCommand) else ""
    if question and not confirm(question):
        return
    stack.undo()
