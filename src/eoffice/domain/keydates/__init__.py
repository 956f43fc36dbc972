"""Key dates: the external deadlines of each series and awarding body, and the centre's
own internal deadline before each.

Owns: the published reference dates (a versioned pack with each date's source, "as of"
date and status, and the rules that project the recurring ones into any year the pack does
not list) and loading them, when a key date is due and
whether it is overdue (``due``: the one rule the list, the Overview, the meeting
pack and the exports read), internal deadlines worked out in working days of the
centre's nation (``working_days``), the calendar file's events, and moving the plan
tasks linked to a key date with it (``linked_tasks``).

Modules: ``key_date_fields`` (what a key date is, no database), ``key_date_records``
(the dates in the database, and loading the reference dates), ``pack_format`` (the pack
file, checked whole, and the dates it gives a year), ``date_rules`` (the recurring dates'
rules), ``pack_updates`` (bringing a year up to a newer pack), ``due``, ``working_days``,
``linked_tasks``, ``template_links`` (template tasks meet their reference key dates),
``demo``.
"""

from __future__ import annotations

from eoffice.domain.keydates import linked_tasks
from eoffice.domain.keydates.date_rules import (
    DateRule,
    parse_rule,
)
from eoffice.domain.keydates.demo import (
    DONE_BEFORE_DAYS,
    keydates_step,
    left_overdue,
)
from eoffice.domain.keydates.due import (
    DUE_SOON_DAYS,
    PASSED,
    SOON,
    countdown_text,
    deadline_overdue,
    internal_state,
    is_due_soon,
    is_overdue,
    is_soon,
    last_day,
)
from eoffice.domain.keydates.key_date_fields import (
    BODIES,
    CATEGORIES,
    SERIES,
    KeyDateFields,
    validate_key_date,
)
from eoffice.domain.keydates.key_date_records import (
    DEFAULT_INTERNAL_DAYS,
    KeyDateRecord,
    add_key_date,
    add_key_dates,
    centre_nation,
    countdown,
    covered_years,
    dates_in_category,
    deadline_rule,
    deadlines,
    delete_key_dates,
    derive_internal_deadline,
    derived_deadline,
    internal_days,
    key_date,
    key_dates,
    key_dates_with_ids,
    link_task,
    linked_task_ids,
    load_reference,
    load_reference_dates,
    no_reference_dates,
    rederive_all_internal_deadlines,
    rederive_internal_deadlines,
    reference_dates,
    reference_pack,
    reference_path,
    reference_summary,
    reference_years,
    restore_key_dates,
    set_done,
    shortened_note,
    update_key_date,
)
from eoffice.domain.keydates.linked_tasks import (
    TaskShift,
)
from eoffice.domain.keydates.pack_format import (
    STATUSES,
    ReferenceDate,
    ReferencePack,
    read_pack,
    years_text,
)
from eoffice.domain.keydates.pack_updates import (
    KeptDate,
    ReferenceChange,
    ReferenceUpdate,
    update_reference_dates,
)
from eoffice.domain.keydates.template_links import (
    link_template_tasks,
    linked_text,
    on_the_day_tasks,
    template_task_links,
)
from eoffice.domain.keydates.working_days import (
    first_working_day_on_or_after,
    is_working_day,
    working_days_before,
    working_days_before_from,
)

__all__ = [
    "BODIES",
    "CATEGORIES",
    "DEFAULT_INTERNAL_DAYS",
    "DONE_BEFORE_DAYS",
    "DUE_SOON_DAYS",
    "PASSED",
    "SERIES",
    "SOON",
    "STATUSES",
    "DateRule",
    "KeptDate",
    "KeyDateFields",
    "KeyDateRecord",
    "ReferenceChange",
    "ReferenceDate",
    "ReferencePack",
    "ReferenceUpdate",
    "TaskShift",
    "add_key_date",
    "add_key_dates",
    "centre_nation",
    "countdown",
    "countdown_text",
    "covered_years",
    "dates_in_category",
    "deadline_overdue",
    "deadline_rule",
    "deadlines",
    "delete_key_dates",
    "derive_internal_deadline",
    "derived_deadline",
    "first_working_day_on_or_after",
    "internal_days",
    "internal_state",
    "is_due_soon",
    "is_overdue",
    "is_soon",
    "is_working_day",
    "key_date",
    "key_dates",
    "key_dates_with_ids",
    "keydates_step",
    "last_day",
    "left_overdue",
    "link_task",
    "link_template_tasks",
    "linked_task_ids",
    "linked_tasks",
    "linked_text",
    "load_reference",
    "load_reference_dates",
    "no_reference_dates",
    "on_the_day_tasks",
    "parse_rule",
    "read_pack",
    "rederive_all_internal_deadlines",
    "rederive_internal_deadlines",
    "reference_dates",
    "reference_pack",
    "reference_path",
    "reference_summary",
    "reference_years",
    "restore_key_dates",
    "set_done",
    "shortened_note",
    "template_task_links",
    "update_key_date",
    "update_reference_dates",
    "validate_key_date",
    "working_days_before",
    "working_days_before_from",
    "years_text",
]
