"""Undoable edits of key dates. Each keeps ids and field values, never ORM rows.

Moving a key date can move its linked plan tasks in the same step (those that stay
inside their academic year), so one undo puts both back. Those edits also change the
plan: the plan tab refreshes on "keydates".

Each edit of chosen key dates says which it touched (``commands.Touched``), so the list on
screen reads those alone again and updates their rows; loading the reference dates touches
many and is read in full.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from eoffice.domain import keydates
from eoffice.domain.keydates import KeyDateFields, KeyDateRecord, TaskShift, linked_tasks
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.ui import areas, commands
from eoffice.ui.commands import Touched
from eoffice.ui.context import AppContext

AREA = areas.KEYDATES
KIND = "key_date"  # what ``Touched`` names: the ids are key dates'



def add(context: AppContext, fields: KeyDateFields) -> None:
    added: list[KeyDateRecord] = []

    def do(session: Session) -> None:
        if added:  # redo: the same key date back with the same id
            keydates.restore_key_dates(session, added)
        else:
            added.append(keydates.add_key_date(session, context.year, fields))

    commands.run(context, f"Add key date {fields.title!r}", AREA, do, lambda s: keydates.delete_key_dates(s, [r.id for r in added]),
                 touches=lambda: Touched.of(KIND, [r.id for r in added]))


def edit(context: AppContext, old: KeyDateRecord, new: KeyDateFields, *, shift_days: int = 0) -> None:
    """Save ``new``; with ``shift_days`` also move the linked tasks that stay inside their year.

    Undo puts back the fields, the "edited" flag (so a reference date whose edit is undone
    is the reference list's again) and exactly the tasks that moved.
    """
    shifts: list[TaskShift] = []

    def do(session: Session) -> None:
        keydates.update_key_date(session, old.id, new)
        if shift_days:
            if shifts:  # redo: the same tasks as the first time
                linked_tasks.move_tasks(session, shifts[0].moving, shift_days)
            else:
                shifts.append(linked_tasks.shift_linked_tasks(session, old.id, shift_days))

    def undo(session: Session) -> None:
        keydates.update_key_date(session, old.id, old.fields, edited=old.edited)
        if shifts:
            linked_tasks.move_tasks(session, shifts[0].moving, -shift_days)

    text = f"Edit key date {old.title!r}" + (" and move its linked tasks" if shift_days else "")
    commands.run(context, text, AREA, do, undo, touches=lambda: Touched.of(KIND, [old.id]))


def delete(context: AppContext, records: Sequence[KeyDateRecord]) -> None:
    """Deleting unlinks the tasks (they stay in the plan); undo links them again."""
    snapshot = list(records)
    links: dict[int, list[int]] = {}

    def do(session: Session) -> None:
        for record in snapshot:
            links[record.id] = keydates.linked_task_ids(session, record.id)
        keydates.delete_key_dates(session, [r.id for r in snapshot])

    def undo(session: Session) -> None:
        keydates.restore_key_dates(session, snapshot)
        for key_date_id, task_ids in links.items():
            for task_id in task_ids:
                keydates.link_task(session, task_id, key_date_id)

    commands.run(context, f"Delete {plural(len(snapshot), 'key date')}", AREA, do, undo,
                 touches=lambda: Touched.of(KIND, [r.id for r in snapshot]))


def set_done(context: AppContext, records: Sequence[KeyDateRecord], done: bool) -> None:
    before = {r.id: r.done for r in records}

    def undo(session: Session) -> None:
        for value in (True, False):
            ids = [i for i, was in before.items() if was is value]
            if ids:
                keydates.set_done(session, ids, value)

    text = f"Mark {plural(len(before), 'key date')} {'done' if done else 'not done'}"
    commands.run(context, text, AREA, lambda s: keydates.set_done(s, list(before), done), undo,
                 touches=lambda: Touched.of(KIND, before))


def load_reference(context: AppContext, year: AcademicYear) -> tuple[keydates.ReferenceUpdate, int]:
    """Bring ``year`` up to eoffice's reference pack (``keydates.update_reference_dates``): add
    the missing dates, update those the officer has not edited, moving their linked tasks.
    One undo removes what was added and puts back each updated date and each moved task.

    Returns the update and how many plan tasks were linked to the dates added.

    Raises InputError (a year the pack does not cover) or OSError/ValueError (the pack is
    missing or damaged) before anything is written.
    """
    done: list[keydates.ReferenceUpdate] = []
    before: dict[int, KeyDateRecord] = {}  # the year's dates as they were: what undo puts back
    changed_fields: dict[int, KeyDateFields] = {}  # each updated date as the pack made it: what redo puts back
    linked: list[int] = []

    def do(session: Session) -> None:
        if done:  # redo: the same dates and tasks as the first time
            update = done[0]
            keydates.restore_key_dates(session, update.added)
            for change in update.changed:
                keydates.update_key_date(session, change.record_id, changed_fields[change.record_id], edited=False)
            for shift in update.shifts:
                linked_tasks.move_tasks(session, shift.moving, shift.days)
        else:
            before.update({r.id: r for r in keydates.key_dates(session, year)})
            update = keydates.update_reference_dates(session, year)
            done.append(update)
            now = {r.id: r for r in keydates.key_dates(session, year)}
            changed_fields.update({c.record_id: now[c.record_id].fields for c in update.changed})
        linked.append(keydates.link_template_tasks(session, year))  # the plan came first

    def undo(session: Session) -> None:
        update = done[0]
        for shift in update.shifts:
            linked_tasks.move_tasks(session, shift.moving, -shift.days)
        for change in update.changed:
            old = before[change.record_id]
            keydates.update_key_date(session, old.id, old.fields, edited=old.edited)
        keydates.delete_key_dates(session, [r.id for r in update.added])

    commands.run(context, f"Load reference dates for {year.label}", AREA, do, undo)
    return done[0], linked[0]
