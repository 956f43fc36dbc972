"""Candidates, the exam timetable, entries and access arrangements: who sits what,
with which arrangements, and until when.

Owns: checking candidates the way the awarding bodies do (candidate numbers, UCI, ULN),
papers and entries, the kinds of arrangement and the rules of each (JCQ AA), when an
approval is in force and when it expires, what needs the officer's attention
(``attention``: applications not made, expiring approvals, rooms and helpers missing),
the one finish-time rule (``exam_time``), clashes (``clash_rules``) and the one timed model
of every sitting (``exam_day.paper_sittings``; ``examday`` seats it in rooms and desks).
Arrangements are health data: nothing here logs them.

Modules: ``candidate_records``, ``timetable``, ``arrangement_records``,
``arrangement_types``, ``attention``, ``exam_time``, ``clash_rules``, ``clash_decisions`` (the
officer's answers: a paper moved), ``exam_day``, ``exports``
(what the access exports show, read once), ``demo``.
"""

from __future__ import annotations

from eoffice.domain.access import attention, exam_day, timetable
from eoffice.domain.access.arrangement_records import (
    REFERENCE_MAX,
    REST_MAX,
    ArrangementFields,
    ArrangementRecord,
    add_arrangement,
    add_months,
    arrangement,
    arrangements,
    candidate_timing,
    default_expiry,
    delete_arrangements,
    describe_timing,
    kind_label,
    new_fields,
    parse_extra_time,
    parse_kind,
    pending_on,
    put_back_fields,
    restore_arrangements,
    set_status,
    update_arrangement,
    validate_arrangement,
)
from eoffice.domain.access.arrangement_types import (
    FORM_8_NOTE,
    HELPER_ROLE,
    OWN_ROOM,
    ROOM_NEEDS,
    ROUTES,
    STATUSES,
    TYPES,
)
from eoffice.domain.access.attention import (
    ASSESSED_EARLY,
    EXPIRES,
    NO_HELPER,
    NO_ROOM,
    NOT_APPLIED,
    NOT_APPROVED,
    WORDS,
    AccessWarning,
    assessed_before_year_9,
    year_9_start,
)
from eoffice.domain.access.attention import (
    find_warnings as warnings,
)
from eoffice.domain.access.attention import (
    summary_lines as overview_lines,
)
from eoffice.domain.access.candidate_records import (
    ULN_WEIGHTS,
    YEAR_GROUP_MAX,
    YEAR_GROUP_MIN,
    CandidateFields,
    CandidateRecord,
    CandidateSnapshot,
    add_candidate,
    by_number,
    candidate,
    candidate_names,
    candidates,
    delete_candidates,
    format_number,
    full_name,
    numbers_to_ids,
    parse_number,
    parse_year_group,
    restore_candidates,
    uln_check_digit,
    update_candidate,
    validate_candidate,
    validate_uci,
    validate_uln,
)
from eoffice.domain.access.clash_decisions import (
    OVERNIGHT as MOVED_OVERNIGHT,
)
from eoffice.domain.access.clash_decisions import (
    Decision,
    decisions,
)
from eoffice.domain.access.clash_decisions import (
    clear as clear_clash_decision,
)
from eoffice.domain.access.clash_decisions import (
    decide as decide_clash,
)
from eoffice.domain.access.clash_decisions import (
    kind_of as clash_move_kind,
)
from eoffice.domain.access.clash_decisions import (
    restore as restore_clash_decision,
)
from eoffice.domain.access.clash_decisions import (
    settle as settle_clash,
)
from eoffice.domain.access.clash_rules import (
    MOVE,
    OVERNIGHT,
    RESOLUTIONS,
    SAME_SESSION,
    one_after_another,
    overnight_advice,
    session_verdict,
)
from eoffice.domain.access.demo import (
    access_step,
    exam_days,
)
from eoffice.domain.access.exam_day import (
    Clash,
    ExamDayRow,
    busiest_session,
    clashes,
    paper_sittings,
)
from eoffice.domain.access.exam_time import (
    DEFAULT_STARTS,
    SESSIONS,
    clock,
    day_label,
    finish_time,
    other_session,
    parse_clock,
    parse_duration,
    slot_label,
    timing,
)
from eoffice.domain.access.exports import (
    AccessData,
    access_data,
)
from eoffice.domain.access.timetable import (
    MODES,
    PaperFields,
    PaperRecord,
    PaperSnapshot,
    add_entries,
    add_paper,
    exam_sessions,
    papers,
    parse_session,
    series_of,
    validate_paper,
)

__all__ = [
    "ASSESSED_EARLY",
    "DEFAULT_STARTS",
    "EXPIRES",
    "FORM_8_NOTE",
    "HELPER_ROLE",
    "MODES",
    "MOVE",
    "MOVED_OVERNIGHT",
    "NOT_APPLIED",
    "NOT_APPROVED",
    "NO_HELPER",
    "NO_ROOM",
    "OVERNIGHT",
    "OWN_ROOM",
    "REFERENCE_MAX",
    "RESOLUTIONS",
    "REST_MAX",
    "ROOM_NEEDS",
    "ROUTES",
    "SAME_SESSION",
    "SESSIONS",
    "STATUSES",
    "TYPES",
    "ULN_WEIGHTS",
    "WORDS",
    "YEAR_GROUP_MAX",
    "YEAR_GROUP_MIN",
    "AccessData",
    "AccessWarning",
    "ArrangementFields",
    "ArrangementRecord",
    "CandidateFields",
    "CandidateRecord",
    "CandidateSnapshot",
    "Clash",
    "Decision",
    "ExamDayRow",
    "PaperFields",
    "PaperRecord",
    "PaperSnapshot",
    "access_data",
    "access_step",
    "add_arrangement",
    "add_candidate",
    "add_entries",
    "add_months",
    "add_paper",
    "arrangement",
    "arrangements",
    "assessed_before_year_9",
    "attention",
    "busiest_session",
    "by_number",
    "candidate",
    "candidate_names",
    "candidate_timing",
    "candidates",
    "clash_move_kind",
    "clashes",
    "clear_clash_decision",
    "clock",
    "day_label",
    "decide_clash",
    "decisions",
    "default_expiry",
    "delete_arrangements",
    "delete_candidates",
    "describe_timing",
    "exam_day",
    "exam_days",
    "exam_sessions",
    "finish_time",
    "format_number",
    "full_name",
    "kind_label",
    "new_fields",
    "numbers_to_ids",
    "one_after_another",
    "other_session",
    "overnight_advice",
    "overview_lines",
    "paper_sittings",
    "papers",
    "parse_clock",
    "parse_duration",
    "parse_extra_time",
    "parse_kind",
    "parse_number",
    "parse_session",
    "parse_year_group",
    "pending_on",
    "put_back_fields",
    "restore_arrangements",
    "restore_candidates",
    "restore_clash_decision",
    "series_of",
    "session_verdict",
    "set_status",
    "settle_clash",
    "slot_label",
    "timetable",
    "timing",
    "uln_check_digit",
    "update_arrangement",
    "update_candidate",
    "validate_arrangement",
    "validate_candidate",
    "validate_paper",
    "validate_uci",
    "validate_uln",
    "warnings",
    "year_9_start",
]
