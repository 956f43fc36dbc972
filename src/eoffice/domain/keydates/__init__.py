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
``demo``; ``key_date_reads`` (the year's key dates read in plain SQL for the first paint).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Modules others may import by path: they load no storage layer, for the first paint (``eoffice.db.plain``).
PLAIN_MODULES = ("due", "key_date_fields", "key_date_reads")

if TYPE_CHECKING:
    from eoffice.domain.keydates.face import *  # noqa: F403
else:
    from eoffice.domain.lazy_face import lazy_face

    __getattr__ = lazy_face(__name__)
