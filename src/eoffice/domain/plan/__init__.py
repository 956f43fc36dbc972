"""The annual exams plan: the year's tasks, from the template to done.

Owns: what a task is and how it is checked (``validate_task``), its phases, owners and
statuses, when a task is overdue or due soon (``Task.urgency``), progress by phase, the
template every new year starts from, and where a task lands when the plan is rolled
forward into the next academic year (``rules``, ``roll``). A task linked to a key date
moves with it; that rule belongs to key dates (``keydates.linked_tasks``).

Modules: ``task_records`` (the tasks in the database), ``rules`` (the vocabulary and the
date rules, no database), ``roll`` (rolling forward), ``demo``.
"""

from __future__ import annotations

from eoffice.domain.plan.demo import (
    plan_step,
)
from eoffice.domain.plan.roll import (
    links_note,
)
from eoffice.domain.plan.rules import (
    BEFORE_EOFFICE,
    CLOSED,
    DATE_RULES,
    DUE_SOON,
    DUE_SOON_DAYS,
    OVERDUE,
    OWNERS,
    PHASES,
    STATUSES,
    UNCOUNTED,
    already_past,
    choice,
    roll_date,
    started_mid_year,
    urgency,
)
from eoffice.domain.plan.task_records import (
    TITLE_MAX,
    Progress,
    Task,
    TaskFields,
    Template,
    TemplateTask,
    add_task,
    add_tasks,
    check_done_on,
    check_start,
    count_tasks,
    delete_tasks,
    load_template,
    new_year_from_template,
    open_tasks,
    progress_by_month,
    progress_by_phase,
    put_back_fields,
    restore_tasks,
    roll_forward,
    set_status,
    task,
    tasks,
    tasks_by_id,
    template_path,
    update_task,
    update_tasks,
    validate_task,
)

__all__ = [
    "BEFORE_EOFFICE",
    "CLOSED",
    "DATE_RULES",
    "DUE_SOON",
    "DUE_SOON_DAYS",
    "OVERDUE",
    "OWNERS",
    "PHASES",
    "STATUSES",
    "TITLE_MAX",
    "UNCOUNTED",
    "Progress",
    "Task",
    "TaskFields",
    "Template",
    "TemplateTask",
    "add_task",
    "add_tasks",
    "already_past",
    "check_done_on",
    "check_start",
    "choice",
    "count_tasks",
    "delete_tasks",
    "links_note",
    "load_template",
    "new_year_from_template",
    "open_tasks",
    "plan_step",
    "progress_by_month",
    "progress_by_phase",
    "put_back_fields",
    "restore_tasks",
    "roll_date",
    "roll_forward",
    "set_status",
    "started_mid_year",
    "task",
    "tasks",
    "tasks_by_id",
    "template_path",
    "update_task",
    "update_tasks",
    "urgency",
    "validate_task",
]
