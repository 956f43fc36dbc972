"""Candidates, the exam timetable, entries and access arrangements: who sits what,
with which arrangements, and until when.

Owns: checking candidates the way the awarding bodies do (candidate numbers, UCI, ULN),
papers and entries, the kinds of arrangement and the rules of each (JCQ AA; which need a
Form 8, and the one Form 8 rule ``assessed_before_year_9``), when an
approval is in force and when it expires, what needs the officer's attention
(``attention``: applications not made, expiring approvals, rooms and helpers missing),
the one finish-time rule (``exam_time``), clashes (``clash_rules``: the break of at most 20
minutes, the overnight supervision form and its deadline) and the one timed model
of every sitting (``exam_day.paper_sittings``; ``examday`` seats it in rooms and desks).
Arrangements are health data: nothing here logs them.

Modules: ``candidate_records``, ``timetable``, ``arrangement_records``,
``arrangement_types``, ``attention``, ``exam_time``, ``clash_rules``, ``clash_decisions`` (the
officer's answers: a paper moved), ``exam_day``, ``exports``
(what the access exports show, read once), ``demo``; ``arrangement_reads`` and
``exam_series`` (every arrangement, and each series' first exam, read in plain SQL for the
warnings the first paint shows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Modules others may import by path: they load no storage layer, for the first paint (``eoffice.db.plain``).
PLAIN_MODULES = ("attention", "clash_rules", "exam_time")

if TYPE_CHECKING:
    from eoffice.domain.access.face import *  # noqa: F403
else:
    from eoffice.domain.lazy_face import lazy_face

    __getattr__ = lazy_face(__name__)
