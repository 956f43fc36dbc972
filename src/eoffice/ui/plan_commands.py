"""Undoable edits of the annual plan. Each keeps ids and field values, never ORM rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from eoffice.domain import keydates, plan
from eoffice.domain.plan import Task, TaskFields
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.ui import areas, commands
from eoffice.ui.context import AppContext

AREA = areas.PLAN
UNCHANGED = -1  # edit(): leave the task's key-date link as it is
TASK = "plan_task"  # what these commands touch (``commands.Touched``): the plan tab updates those rows alone


def _tasks(ids: Callable[[], Iterable[int]]) -> commands.Touches:
    """What a command tells the tab it touched: the ids, found once it has run (an added task's
    is known only then)."""
    return lambda: commands.Touched.of(TASK, ids())


def add(context: AppContext, fields: TaskFields, *, text: str = "Add task", key_date_id: int | None = None) -> None:
    added: list[Task] = []

    def do(session: Session) -> None:
        if added:  # redo: put the same task back with the same id
            plan.restore_tasks(session, added)  # with its key-date link
            return
        task = plan.add_task(session, context.year, fields, today=context.today)
        if key_date_id is not None:
            keydates.link_task(session, task.id, key_date_id)
            task = replace(task, key_date_id=key_date_id)
        added.append(task)

    commands.run(context, text, AREA, do, lambda s: plan.delete_tasks(s, [t.id for t in added]),
                 touches=_tasks(lambda: [t.id for t in added]))


def duplicate(context: AppContext, task: Task) -> None:
    fields = replace(task.fields, title=f"{task.title} (copy)", status="not_started", done_on=None)
    add(context, fields, text="Duplicate task", key_date_id=task.key_date_id)


def edit(context: AppContext, old: Task, new: TaskFields, key_date_id: int | None = UNCHANGED) -> None:
    """Change a task's fields and, when ``key_date_id`` is given, its key-date link, as one step."""
    relink = key_date_id != UNCHANGED and key_date_id != old.key_date_id

    def do(session: Session) -> None:
        plan.update_task(session, old.id, new, today=context.today)
        if relink:
            keydates.link_task(session, old.id, key_date_id)

    def undo(session: Session) -> None:
        plan.update_task(session, old.id, old.fields, today=old.fields.done_on)
        if relink:
            keydates.link_task(session, old.id, old.key_date_id)

    commands.run(context, f"Edit task {old.title!r}", AREA, do, undo, touches=_tasks(lambda: [old.id]))


def delete(context: AppContext, tasks: Sequence[Task]) -> None:
    snapshot = list(tasks)
    commands.run(
        context,
        f"Delete {plural(len(snapshot), 'task')}",
        AREA,
        lambda s: plan.delete_tasks(s, [t.id for t in snapshot]),
        lambda s: plan.restore_tasks(s, snapshot),
        touches=_tasks(lambda: [t.id for t in snapshot]),
    )


def set_status(context: AppContext, tasks: Sequence[Task], status: str) -> None:
    previous = {t.id: t.fields for t in tasks}
    commands.run(
        context,
        f"Mark {plural(len(previous), 'task')} {status.replace('_', ' ')}",
        AREA,
        lambda s: plan.set_status(s, list(previous), status, today=context.today),
        lambda s: plan.put_back_fields(s, previous),
        touches=_tasks(lambda: previous),
    )


def fill_year(context: AppContext, year: AcademicYear, source: AcademicYear | None) -> tuple[int, str]:
    """From the template (``source`` None) or rolled forward from ``source``; undo removes them.

    Returns how many tasks were added and, for a roll forward, what became of their
    key-date links ("" when none of the tasks had one).
    """
    added: list[Task] = []
    note: list[str] = []

    def do(session: Session) -> None:
        if added:
            plan.restore_tasks(session, added)
        elif source is None:
            added.extend(plan.new_year_from_template(session, year))
        else:
            rolled = plan.roll_forward(session, source, year)
            added.extend(rolled.added)
            note.append(rolled.links_note())
        linked = keydates.link_template_tasks(session, year)  # the year's key dates came first
        if linked and not note:
            note.append(plan.links_note(linked, 0, year))

    text = f"New {year.label} plan from the template" if source is None else f"Roll {source.label} forward to {year.label}"
    def question() -> str:
        return (f"Undo “{text}”? This removes all {plural(len(added), 'task')} it added to {year.label}, "
                "with anything you have changed in them since.")

    commands.run(context, text, AREA, do, lambda s: plan.delete_tasks(s, [t.id for t in added]),
                 undo_question=question)
    return len(added), "".join(note)
