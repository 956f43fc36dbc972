"""Invigilators, exam rooms and the roster: who invigilates which room in which session.

Owns: invigilators and their checks (training, DBS renewal), rooms and what they suit,
rooms as desks (``room_layout``: lettered rows from the front, numbered columns, desks
switched off, where the exit and the invigilator's desk are; a room without a layout is
laid out from its capacity by ``default_layout``), how many invigilators a room needs
(``requirement``: the one rule, used everywhere), where candidates sit by room
(``seating``), the auto-roster (``solver``: each goal settled and proven by network
flows, ``cover_bound``, then ``polish``; OR-Tools' CP-SAT only where the flows fall short;
loaded only when solving), and the officer's own changes to its answer.

Modules: ``invigilator_records``, ``room_records``, ``room_layout``, ``requirement``,
``seating``, ``places`` (the solver's records), ``solver``, ``cover_bound``, ``polish``,
``duty_records``, ``exports`` (what the roster's exports show, read once), ``demo``;
``roster_config`` and ``compliance_reads`` (the settings and the compliance counts, read in
plain SQL for the first paint).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Modules others may import by path: they load no storage layer, for the first paint (``eoffice.db.plain``).
PLAIN_MODULES = ("compliance_reads",)

if TYPE_CHECKING:
    from eoffice.domain.roster.face import *  # noqa: F403
else:
    from eoffice.domain.lazy_face import lazy_face

    __getattr__ = lazy_face(__name__)
