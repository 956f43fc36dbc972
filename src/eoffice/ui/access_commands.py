"""Undoable edits of candidates, arrangements and papers. Each keeps ids and field
values, never ORM rows, and its text names records by number only: the Edit menu
shows it, and arrangements are special category data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain import access
from eoffice.domain.access import (
    ArrangementFields,
    ArrangementRecord,
    CandidateFields,
    CandidateRecord,
    CandidateSnapshot,
    PaperFields,
    PaperRecord,
    PaperSnapshot,
    format_number,
    timetable,
)
from eoffice.domain.words import plural
from eoffice.ui import areas, commands
from eoffice.ui.context import AppContext

AREA = areas.ACCESS
ARRANGEMENT = "arrangement"  # what the arrangement commands touch (``commands.Touched``): the register updates those rows


def _arrangements(ids: Sequence[int] | Callable[[], Sequence[int]]) -> commands.Touches:
    """What an arrangement command tells the tab it touched (the ids, or how to find them once it has run)."""
    return lambda: commands.Touched.of(ARRANGEMENT, ids() if callable(ids) else ids)



# --- candidates ------------------------------------------------------------------------------

def add_candidate(context: AppContext, fields: CandidateFields) -> int:
    added: list[CandidateRecord] = []

    def do(session: Session) -> None:
        if added:  # redo: the same candidate back with the same id
            access.restore_candidates(session, [CandidateSnapshot(added[0])])
        else:
            added.append(access.add_candidate(session, fields, today=context.today))

    commands.run(context, f"Add candidate {format_number(fields.number)}", AREA, do,
                 lambda s: access.delete_candidates(s, [added[0].id]))
    return added[0].id


def edit_candidate(context: AppContext, old: CandidateRecord, new: CandidateFields) -> None:
    commands.run(
        context, f"Edit candidate {format_number(new.number)}", AREA,
        lambda s: access.update_candidate(s, old.id, new, today=context.today),
        lambda s: access.update_candidate(s, old.id, old.fields, today=date.max),
    )


def delete_candidates(context: AppContext, records: Sequence[CandidateRecord]) -> None:
    """Their entries and arrangements go with them; undo puts all of it back."""
    ids = [r.id for r in records]
    gone: list[CandidateSnapshot] = []

    def do(session: Session) -> None:
        gone[:] = access.delete_candidates(session, ids)

    commands.run(context, f"Delete {plural(len(ids), 'candidate')}", AREA, do,
                 lambda s: access.restore_candidates(s, gone))


# --- arrangements ------------------------------------------------------------------------------

def add_arrangement(context: AppContext, candidate_id: int, number: int, fields: ArrangementFields) -> int:
    added: list[ArrangementRecord] = []

    def do(session: Session) -> None:
        if added:
            access.restore_arrangements(session, added)
        else:
            added.append(access.add_arrangement(session, candidate_id, fields))

    commands.run(context, f"Add arrangement for candidate {format_number(number)}", AREA, do,
                 lambda s: access.delete_arrangements(s, [added[0].id]), touches=_arrangements(lambda: [added[0].id]))
    return added[0].id


def edit_arrangement(context: AppContext, old: ArrangementRecord, new: ArrangementFields) -> None:
    commands.run(
        context, f"Edit arrangement for candidate {format_number(old.candidate_number)}", AREA,
        lambda s: access.update_arrangement(s, old.id, new),
        lambda s: access.update_arrangement(s, old.id, old.fields),
        touches=_arrangements([old.id]),
    )


def delete_arrangements(context: AppContext, records: Sequence[ArrangementRecord]) -> None:
    ids = [r.id for r in records]
    gone: list[ArrangementRecord] = []

    def do(session: Session) -> None:
        gone[:] = access.delete_arrangements(session, ids)

    commands.run(context, f"Delete {plural(len(ids), 'arrangement')}", AREA, do,
                 lambda s: access.restore_arrangements(s, gone), touches=_arrangements(ids))


def set_status(context: AppContext, records: Sequence[ArrangementRecord], status: str) -> None:
    """Approving fills a missing approval date with today (and the expiry from it)."""
    ids = [r.id for r in records]
    before: dict[int, ArrangementFields] = {}

    def do(session: Session) -> None:
        before.clear()
        before.update(access.set_status(session, ids, status, approved_on=context.today))

    commands.run(context, f"Set the status of {plural(len(ids), 'arrangement')}", AREA, do,
                 lambda s: access.put_back_fields(s, before), touches=_arrangements(ids))


# --- papers ------------------------------------------------------------------------------

def add_paper(context: AppContext, fields: PaperFields) -> int:
    added: list[PaperRecord] = []

    def do(session: Session) -> None:
        if added:
            timetable.restore_papers(session, [PaperSnapshot(added[0], ())])
        else:
            added.append(timetable.add_paper(session, fields))

    commands.run(context, f"Add paper {fields.code}", AREA, do, lambda s: timetable.delete_papers(s, [added[0].id]))
    return added[0].id


def edit_paper(context: AppContext, old: PaperRecord, new: PaperFields) -> None:
    commands.run(
        context, f"Edit paper {old.code}", AREA,
        lambda s: timetable.update_paper(s, old.id, new),
        lambda s: timetable.update_paper(s, old.id, old.fields),
    )


def delete_papers(context: AppContext, records: Sequence[PaperRecord]) -> None:
    """Their entries go with them; undo puts them back."""
    ids = [r.id for r in records]
    gone: list[PaperSnapshot] = []

    def do(session: Session) -> None:
        gone[:] = timetable.delete_papers(session, ids)

    commands.run(context, f"Delete {plural(len(ids), 'paper')}", AREA, do, lambda s: timetable.restore_papers(s, gone))


# --- clashes ------------------------------------------------------------------------------

def settle_clash(context: AppContext, candidate_id: int, number: int, paper_id: int, code: str,
                 target: tuple[date, str] | None) -> None:
    """One clash paper sat at ``target`` (a date and session), or as timetabled when None.

    The domain checks the move on the first run, so a refused one never reaches the undo
    stack; undo puts back the decision there was before (``restore_clash_decision``), which
    may itself have been a move. The text names the candidate by number and the paper by
    code only, never an arrangement: the Edit menu shows it."""
    before: list[tuple[date, str] | None] = []  # clash_decisions.Before: the decision there was

    def do(session: Session) -> None:
        was = (access.clear_clash_decision(session, candidate_id, paper_id) if target is None
               else access.decide_clash(session, candidate_id, paper_id, *target))
        if not before:  # a redo finds the state undo left, the same as the first time
            before.append(was)

    where = "as timetabled" if target is None else f"to {target[0]:%a} {target[0].day} {target[0]:%b} {target[1]}"
    commands.run(context, f"Settle {format_number(number)}'s clash: {code} {where}", AREA, do,
                 lambda s: access.restore_clash_decision(s, candidate_id, paper_id, before[0]))
