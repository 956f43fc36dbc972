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

Modules: ``desks``, ``seating``, ``copy_plan``, ``kit``, ``kit_records``, ``printed`` (which printed
plans are out of date), ``exports``, ``demo``.
"""

from __future__ import annotations

from eoffice.domain.examday.copy_plan import (
    CopiedPlan,
    DeskHolder,
    EditablePlan,
    copy_room_plan,
    editable_plan,
    set_desk_locked,
)
from eoffice.domain.examday.demo import (
    examday_step,
)
from eoffice.domain.examday.desks import (
    BACK,
    EXIT,
    RoomSeating,
    Sitter,
    column_order,
    seat_room,
)
from eoffice.domain.examday.exports import (
    access_export_data,
)
from eoffice.domain.examday.kit import (
    KINDS,
    DeskCard,
    ExamDayKit,
    KitPaper,
    Register,
    RegisterLine,
    RoomPlan,
    Seat,
)
from eoffice.domain.examday.kit_records import (
    kit_for,
    kit_of,
    session_and_kit,
)
from eoffice.domain.examday.printed import (
    StalePrint,
    fingerprints,
    out_of_date_text,
    record_printed,
)
from eoffice.domain.examday.printed import (
    out_of_date as out_of_date_prints,
)
from eoffice.domain.examday.seating import (
    DeskBefore,
    SeatedSession,
    candidates_exams,
    move_to_desk,
    restore_desks,
    seat_session,
    seat_sessions,
    seating_rules,
    session_list,
    sittings,
    store_desks,
)

__all__ = [
    "BACK",
    "EXIT",
    "KINDS",
    "CopiedPlan",
    "DeskBefore",
    "DeskCard",
    "DeskHolder",
    "EditablePlan",
    "ExamDayKit",
    "KitPaper",
    "Register",
    "RegisterLine",
    "RoomPlan",
    "RoomSeating",
    "Seat",
    "SeatedSession",
    "Sitter",
    "StalePrint",
    "access_export_data",
    "candidates_exams",
    "column_order",
    "copy_room_plan",
    "editable_plan",
    "examday_step",
    "fingerprints",
    "kit_for",
    "kit_of",
    "move_to_desk",
    "out_of_date_prints",
    "out_of_date_text",
    "record_printed",
    "restore_desks",
    "seat_room",
    "seat_session",
    "seat_sessions",
    "seating_rules",
    "session_and_kit",
    "session_list",
    "set_desk_locked",
    "sittings",
    "store_desks",
]
