"""Exam day: every sitting with its room, desk, start and finish, and the kit printed from it.

Owns: the one model of who sits where and until when (``seating.sittings``: the access
area's timed sittings, seated in the roster's rooms and in desks), the auto-seating rule
(``desks``: each paper together in candidate-number order, a blank column between papers,
late finishers where leaving disturbs nobody, locked desks kept), storing a session's
seating (``seat_session``), the officer's own desk moves and locks and a room's plan
copied to the other session (``seating.move_to_desk``, ``copy_plan``), and the exam-day
kit as records (``kit``: seating plans, registers, desk cards) with what the access
exports show of exam day (``exports``).
Depends on ``access`` (timing) and ``roster`` (rooms); nothing below depends on it.

In the room and in candidates' hands: a room's pauses (``room_pauses``: every finish still running
moves by the pause, in the one model), its incident log and the follow-ups it leaves
(``incident_log``), the display board (``board``) and candidates' own timetables and statements
of entry (``timetables``).

Modules: ``desks``, ``seating``, ``copy_plan``, ``kit``, ``kit_records``, ``printed`` (which printed
plans are out of date), ``exports``, ``room_pauses``, ``incident_log``, ``incident_exports``, ``board``, ``timetables``, ``demo``;
``incident_reads`` (the log read in plain SQL for the first paint).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Modules others may import by path: they load no storage layer, for the first paint (``eoffice.db.plain``).
PLAIN_MODULES = ("incident_reads",)

if TYPE_CHECKING:
    from eoffice.domain.examday.face import *  # noqa: F403
else:
    from eoffice.domain.lazy_face import lazy_face

    __getattr__ = lazy_face(__name__)
