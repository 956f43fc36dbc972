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
plans are out of date), ``exports``, ``room_pauses``, ``incident_log``, ``incident_exports``, ``board``, ``timetables``, ``demo``.
"""

from __future__ import annotations

from eoffice.domain.examday.board import (
    Board,
    BoardBand,
    BoardPaper,
    board_for,
    board_of,
    board_rooms,
)
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
from eoffice.domain.examday.incident_exports import (
    IncidentLog,
    IncidentSheets,
    RoomSheet,
    incident_log_for,
    incident_sheets,
)
from eoffice.domain.examday.incident_log import (
    FOLLOW_UPS,
    INCIDENT_KINDS,
    VERY_LATE_MINUTES,
    IncidentFields,
    IncidentRecord,
    delete_incident,
    incidents,
    log_incident,
    open_follow_ups,
    parse_candidates,
    restore_incident,
    set_follow_up_done,
    suggested_follow_up,
    update_incident,
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
from eoffice.domain.examday.room_pauses import (
    Pause,
    PauseChange,
    pause_rooms,
    paused,
    paused_timing,
    pauses,
    resume_rooms,
    running_pauses,
    undo_pause,
    undo_resume,
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
from eoffice.domain.examday.timetables import (
    CONFIRM,
    CandidateTimetable,
    TimetableChoice,
    TimetableEntry,
    TimetableSitting,
    candidate_timetables,
    choice_from,
    clash_words,
    tier_of,
)

__all__ = [
    "BACK",
    "CONFIRM",
    "EXIT",
    "FOLLOW_UPS",
    "INCIDENT_KINDS",
    "KINDS",
    "VERY_LATE_MINUTES",
    "Board",
    "BoardBand",
    "BoardPaper",
    "CandidateTimetable",
    "CopiedPlan",
    "DeskBefore",
    "DeskCard",
    "DeskHolder",
    "EditablePlan",
    "ExamDayKit",
    "IncidentFields",
    "IncidentLog",
    "IncidentRecord",
    "IncidentSheets",
    "KitPaper",
    "Pause",
    "PauseChange",
    "Register",
    "RegisterLine",
    "RoomPlan",
    "RoomSeating",
    "RoomSheet",
    "Seat",
    "SeatedSession",
    "Sitter",
    "StalePrint",
    "TimetableChoice",
    "TimetableEntry",
    "TimetableSitting",
    "access_export_data",
    "board_for",
    "board_of",
    "board_rooms",
    "candidate_timetables",
    "candidates_exams",
    "choice_from",
    "clash_words",
    "column_order",
    "copy_room_plan",
    "delete_incident",
    "editable_plan",
    "examday_step",
    "fingerprints",
    "incident_log_for",
    "incident_sheets",
    "incidents",
    "kit_for",
    "kit_of",
    "log_incident",
    "move_to_desk",
    "open_follow_ups",
    "out_of_date_prints",
    "out_of_date_text",
    "parse_candidates",
    "pause_rooms",
    "paused",
    "paused_timing",
    "pauses",
    "record_printed",
    "restore_desks",
    "restore_incident",
    "resume_rooms",
    "running_pauses",
    "seat_room",
    "seat_session",
    "seat_sessions",
    "seating_rules",
    "session_and_kit",
    "session_list",
    "set_desk_locked",
    "set_follow_up_done",
    "sittings",
    "store_desks",
    "suggested_follow_up",
    "tier_of",
    "undo_pause",
    "undo_resume",
    "update_incident",
]
