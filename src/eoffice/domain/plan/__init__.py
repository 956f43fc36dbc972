"""The annual exams plan: the year's tasks, from the template to done.

Owns: what a task is and how it is checked (``validate_task``), its phases, owners and
statuses, when a task is overdue or due soon (``Task.urgency``), progress by phase, the
template every new year starts from, and where a task lands when the plan is rolled
forward into the next academic year (``rules``, ``roll``). A task linked to a key date
moves with it; that rule belongs to key dates (``keydates.linked_tasks``).

Modules: ``task_records`` (the tasks in the database), ``rules`` (the vocabulary and the
date rules, no database), ``roll`` (rolling forward), ``demo``; ``task_reads`` (what a task is, and the
year's tasks read in plain SQL for the first paint).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Modules others may import by path: they load no storage layer, for the first paint (``eoffice.db.plain``).
PLAIN_MODULES = ("rules", "task_reads")

if TYPE_CHECKING:
    from eoffice.domain.plan.face import *  # noqa: F403
else:
    from eoffice.domain.lazy_face import lazy_face

    __getattr__ = lazy_face(__name__)
