"""What every named setting means to the exams officer, and the one check of a typed value.

``settings.DEFAULTS`` holds the keys and defaults, in one table; this catalogue
gives each key a label in the officer's words, the area of the window it belongs to, the
kind of value (whole number, yes/no, time of day) with its limits, and one line of help.
The settings window and ``eoffice settings`` both read it, so a limit or a label is
written once. Limits come from sense and from the regulations: a ratio of 1 to 100
candidates per invigilator, an approval of 1 to 60 months, 0 to 60 working days, a break
between clashing papers of 0 to 20 minutes (JCQ ICE 2025/26, 8.2).

A rule's default records where it came from and the academic year of that source
(``source``, ``source_year``: "2025/26"); ``rules_year.RULES_YEAR`` is the year the build
follows, and no default's source is later. A setting that is the centre's own choice (the
roster solver's time, the idle lock) has neither.

A value stored before a limit narrowed stays in the database; ``in_force`` reads it as the
nearest limit and ``out_of_range`` names it for ``eoffice check``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eoffice.db.plain import Reads, as_reader, marks
from eoffice.domain import settings
from eoffice.domain.access.clash_rules import BREAK_MAX_MINUTES, BREAK_SOURCE
from eoffice.domain.access.exam_time import clock, parse_clock
from eoffice.domain.keydates.key_date_fields import CATEGORIES
from eoffice.errors import InputError

if TYPE_CHECKING:  # ``settings.get`` reads the limits here before the storage layer loads (issue 17)
    from sqlalchemy.orm import Session

WHOLE, YES_NO, TIME = "whole number", "yes/no", "time of day"

KEY_DATES, TIMETABLE, ACCESS = "Key dates", "Timetable and clashes", "Access arrangements"
INVIGILATORS, STANDARDS, ACCOUNTS = "Invigilators", "Professional Standards", "Accounts"
AREAS: tuple[str, ...] = (KEY_DATES, TIMETABLE, ACCESS, INVIGILATORS, STANDARDS, ACCOUNTS)
# What holds for every setting of an area, said once above them rather than in each help line.
AREA_NOTES: dict[str, str] = {
    KEY_DATES: "Working days skip weekends and the bank holidays of the centre's nation. Changing a number moves "
    "every worked-out internal deadline at once, in every year; a typed internal deadline never moves.",
    TIMETABLE: "Clash limits count extra time and supervised rest breaks.",
    INVIGILATORS: "Every room in use needs invigilators for its candidates at these ratios, and always at least one.",
}


@dataclass(frozen=True)
class SettingInfo:
    key: str
    label: str
    area: str
    kind: str
    help: str
    minimum: int = 0  # a time of day: minutes after midnight
    maximum: int = 0
    unit: str = ""  # after a whole number: "working days", "months"
    zero_means: str = ""  # a whole number whose 0 is special: "never"
    source: str = ""  # where a rule's default comes from: "JCQ ICE 2025/26, 8.2"; "" for the centre's choice
    source_year: str = ""  # the academic year of that source: "2025/26"
    limit_source: str = ""  # where a limit comes from, when the regulations set it

    @property
    def default(self) -> Any:
        return settings.DEFAULTS[self.key]

    @property
    def name(self) -> str:
        """The label without a closing note in brackets, for sentences."""
        return re.sub(r"\s*\([^()]*\)$", "", self.label)

    def unit_for(self, count: int) -> str:
        """``1 month``, ``1 working day before``: the first plural word loses its s for one."""
        words = self.unit.split(" ")
        plural = next((i for i, word in enumerate(words) if word.endswith("s")), None)
        if count == 1 and plural is not None:
            words[plural] = words[plural][:-1]
        return " ".join(words)

    def limits(self) -> str:
        if self.kind == TIME:
            return f"a time from {clock(self.minimum)} to {clock(self.maximum)}, written HH:MM"
        if self.kind == YES_NO:
            return "yes or no"
        notes = [f"0: {self.zero_means}"] if self.zero_means else []
        notes += [self.limit_source] if self.limit_source else []
        said = f" ({'; '.join(notes)})" if notes else ""
        return f"a whole number from {self.minimum} to {self.maximum}{said}"

    @property
    def default_source(self) -> str:
        """"JCQ ICE 8.2 (2025/26)": where the default comes from and its year, for a tooltip; "" for
        the centre's own choice."""
        return f"{self.source} ({self.source_year})" if self.source else ""


def _whole(key: str, label: str, area: str, low: int, high: int, unit: str, text: str, zero: str = "",
           source: str = "", year: str = "", limit_source: str = "") -> SettingInfo:
    return SettingInfo(key, label, area, WHOLE, text, low, high, unit, zero, source, year, limit_source)



def _key_dates() -> list[SettingInfo]:
    found = []
    for category, label in CATEGORIES.items():
        words = label[0].lower() + label[1:]  # "coursework/NEA", "centre admin"
        found.append(_whole(
            f"keydates.internal_days.{category}", f"Internal deadline for {words} (working days before)", KEY_DATES,
            0, 60, "working days before",
            f"A worked-out internal deadline for a key date in {label} falls this many working days before "
            "its external date.",
        ))
    return found


_ENTRIES: list[SettingInfo] = [
    *_key_dates(),
    SettingInfo(
        "timetable.start.AM", "Morning session start", TIMETABLE, TIME,
        "Morning papers start at this time unless the timetable gives their own (JCQ publishes 09:00).",
        7 * 60, 12 * 60, source="JCQ published start times, WJEC timetabling guidance", source_year="2025/26",
    ),
    SettingInfo(
        "timetable.start.PM", "Afternoon session start", TIMETABLE, TIME,
        "Afternoon papers start at this time unless the timetable gives their own (JCQ publishes 13:30).",
        12 * 60, 17 * 60, source="JCQ published start times, WJEC timetabling guidance", source_year="2025/26",
    ),
    _whole(
        "access.clash.same_session_max_minutes", "Longest clash sat in one session (minutes)", TIMETABLE,
        60, 600, "minutes",
        "Clashing papers that add up to this or less, with extra time and rest breaks, are sat in one session; "
        "longer, one moves to the other session of the day (JCQ: 3 hours).",
        source="JCQ ICE on clashes, as school exam policies cite it", year="2025/26",
    ),
    _whole(
        "access.clash.day_max_minutes.gcse", "Longest GCSE day before overnight supervision (minutes)", TIMETABLE,
        60, 720, "minutes",
        "Three or more GCSE papers in a day adding up to more than this may be split with overnight supervision "
        "(JCQ: 5 hours 30 minutes).",
        source="JCQ overnight supervision guidance", year="2025/26",
    ),
    _whole(
        "access.clash.day_max_minutes.gce", "Longest AS/A level day before overnight supervision (minutes)",
        TIMETABLE, 60, 720, "minutes",
        "Three or more AS or A level papers in a day adding up to more than this may be split with overnight "
        "supervision (JCQ: 6 hours).",
        source="JCQ overnight supervision guidance", year="2025/26",
    ),
    _whole(
        "access.clash.break_minutes", "Supervised break between clashing papers in one session (minutes)",
        TIMETABLE, 0, BREAK_MAX_MINUTES, "minutes",
        "Clashing papers sat in one session follow each other with a short supervised break: the next starts this "
        "many minutes after the one before finishes. JCQ ICE 2025/26 (8.2) allows a break of more than 20 minutes "
        "only when a candidate over the day limit sits every paper on the day, so here it is at most 20 minutes.",
        source="JCQ ICE 8.2; the length up to 20 minutes is the centre's", year="2025/26", limit_source=BREAK_SOURCE,
    ),
    _whole(
        "access.clash.sit_all_break_over_minutes", "Break when sitting every paper of a long day (may be longer "
        "than N minutes)", TIMETABLE, 0, 120, "minutes",
        "A candidate over the day limit should be offered the chance to sit every paper on the day instead of "
        "overnight supervision; the supervised break may then be longer than this, a permission rather than a "
        "requirement (JCQ ICE 2025/26, 8.2: 20 minutes).",
        source="JCQ ICE 8.2 and overnight supervision guidance", year="2025/26",
    ),
    _whole(
        "seating.gap_columns", "Blank columns between papers in a room", INVIGILATORS, 0, 3, "columns",
        "Auto-seating keeps each paper's candidates together, in candidate-number order, and leaves this many "
        "empty columns of desks before the next paper (dropped, with a warning, when the room is too full).",
    ),
    SettingInfo(
        "seating.late_finishers_by_exit", "Late finishers sit by the exit", INVIGILATORS, YES_NO,
        "Candidates with extra time or rest breaks are seated where leaving late disturbs nobody: nearest the "
        "exit when this is on, otherwise in the back rows from the exit's side.",
    ),
    SettingInfo(
        "board.candidate_numbers", "Candidate numbers on the exam room board", INVIGILATORS, YES_NO,
        "The display board shows each later finish as a band (\"25% extra time: finishes 11:12\"), never with names. "
        "When this is on, each band also lists its candidates' numbers; it is off by default because the board is "
        "read by the whole room.",
    ),
    _whole(
        "seating.separate_group_size", "Candidates invigilated separately who may share a room", INVIGILATORS,
        1, 30, "candidates",
        "Rooming spares staff: candidates with separate invigilation (no reader, scribe or prompter) share a small "
        "room in groups of up to this many, each group with one invigilator; 1 gives each a room of their own.",
    ),
    _whole(
        "access.expiry_months", "Access arrangement approval period (months)", ACCESS, 1, 60, "months",
        "An approval on Access Arrangements Online expires this many months after it was given "
        "(the widely used figure is 26 months; check the current AARA).",
        source="JCQ AARA, the widely used figure", year="2025/26",
    ),
    _whole(
        "access.deadline_warning_days", "Warning before an application deadline (days)", ACCESS, 0, 180, "days",
        "An arrangement not yet applied for is flagged from this many days before its series' application deadline.",
    ),
    _whole(
        "access.fallback_deadline_days_before_series", "Application deadline without a key date (days before "
        "the series)", ACCESS, 0, 365, "days before the series",
        "With no access-arrangements key date for a series, applications are taken as due this many days before "
        "its first exam.",
        source="awarding bodies' key dates, about 21 March for June (Pearson)", year="2022/23",
    ),
    _whole(
        "access.fallback_modified_papers_days_before_series", "Modified papers deadline without a key date (days "
        "before the series)", ACCESS, 0, 365, "days before the series",
        "With no modified-papers key date for a series, orders are taken as due this many days before its first "
        "exam.",
        source="awarding bodies' key dates, about 31 January for June (Pearson)", year="2022/23",
    ),
    _whole(
        "roster.ratio.written", "Invigilators per written-exam candidates (1 per N)", INVIGILATORS,
        1, 100, "candidates per invigilator",
        "A written exam needs one invigilator for every N candidates or part of N (JCQ: 30, so 31 candidates need 2).",
        source="JCQ ICE section 12", year="2025/26",
    ),
    _whole(
        "roster.ratio.on_screen", "Invigilators per on-screen test candidates (1 per N)", INVIGILATORS,
        1, 100, "candidates per invigilator",
        "An on-screen test needs one invigilator for every N candidates or part of N (JCQ: 20).",
        source="JCQ ICE section 12; AQA exams officer guidance", year="2025/26",
    ),
    _whole(
        "roster.ratio.practical", "Invigilators per practical-exam candidates (1 per N)", INVIGILATORS,
        1, 100, "candidates per invigilator",
        "A practical exam needs one invigilator for every N candidates or part of N (JCQ: 20).",
        source="JCQ ICE section 12", year="2025/26",
    ),
    _whole(
        "roster.arrive_minutes_before", "Invigilators' arrival before the start (minutes)", INVIGILATORS,
        0, 120, "minutes",
        "Each duty on the roster begins this many minutes before the paper starts.",
    ),
    _whole(
        "roster.dbs_renewal_years", "DBS check renewal (years)", INVIGILATORS, 1, 10, "years",
        "An invigilator whose DBS check is older than this gets a warning (a safeguarding rule of the school, "
        "not a JCQ one).",
    ),
    _whole(
        "roster.solver_seconds", "Roster solver time limit (seconds)", INVIGILATORS, 1, 600, "seconds",
        "Solving the roster stops after this long with the best roster found so far.",
    ),
    _whole(
        "standards.meeting_months.new", "Meeting interval for a new exams officer (months)", STANDARDS,
        1, 12, "months",
        "The next line-manager meeting with an officer new to the role is due this many months after the last.",
        source="NAEO Exams Officer Professional Standards guide", year="2025/26",
    ),
    _whole(
        "standards.meeting_weeks.experienced", "Meeting interval for an experienced exams officer (weeks)",
        STANDARDS, 1, 26, "weeks",
        "The next line-manager meeting with an experienced officer is due this many weeks after the last "
        "(6 weeks keeps one in every half term).",
        source="NAEO Exams Officer Professional Standards guide", year="2025/26",
    ),
    _whole(
        "meeting_pack.weeks_ahead", "Meeting pack look-ahead (weeks)", STANDARDS, 1, 26, "weeks",
        "The line manager's meeting pack lists the key dates coming up in this many weeks.",
    ),
    SettingInfo(
        "accounts.sign_in_on_open", "Sign-in when a database opens", ACCOUNTS, YES_NO,
        "The window opens locked until someone signs in, once somebody has set a password. "
        "Takes effect the next time the database is opened.",
    ),
    _whole(
        "accounts.lock_after_idle_minutes", "Idle time before the window locks (minutes; 0: never)", ACCOUNTS,
        0, 240, "minutes",
        "Someone signed in who leaves eoffice untouched this long is signed out and the window locks. "
        "Takes effect the next time the database is opened.",
        zero="never",
    ),
]
CATALOGUE: dict[str, SettingInfo] = {info.key: info for area in AREAS for info in _ENTRIES if info.area == area}


def entry(key: str) -> SettingInfo:
    if key not in CATALOGUE:
        raise InputError(f"there is no setting called {key!r}")
    return CATALOGUE[key]


def _refuse(info: SettingInfo, shown: str) -> InputError:
    what = f"“{shown}” is not" if shown.strip() else "it was left blank"
    return InputError(f"{info.name} must be {info.limits()}; {what}.")


def parse(key: str, text: str) -> Any:
    """The value typed for a setting (the command line, a line edit), checked against its limits."""
    info = entry(key)
    raw = text.strip()
    if info.kind == YES_NO:
        answers = {"yes": True, "y": True, "on": True, "true": True, "1": True,
                   "no": False, "n": False, "off": False, "false": False, "0": False}
        if raw.lower() not in answers:
            raise _refuse(info, text)
        return answers[raw.lower()]
    if info.kind == TIME:
        try:
            return check(key, clock(parse_clock(raw)))
        except InputError:
            raise _refuse(info, text) from None
    if not re.fullmatch(r"[+-]?[0-9]+", raw):
        raise _refuse(info, text)
    try:
        return check(key, int(raw))
    except InputError:
        raise _refuse(info, text) from None


def check(key: str, value: Any) -> Any:
    """A value for a setting (from an editor, or a stored default) checked against its limits."""
    info = entry(key)
    if info.kind == YES_NO:
        if not isinstance(value, bool):
            raise _refuse(info, show(key, value))
        return value
    if info.kind == TIME:
        try:
            minutes = parse_clock(value) if isinstance(value, str) else -1
        except InputError:
            minutes = -1
        if not info.minimum <= minutes <= info.maximum:
            raise _refuse(info, str(value))
        return clock(minutes)
    if isinstance(value, bool) or not isinstance(value, int) or not info.minimum <= value <= info.maximum:
        raise _refuse(info, str(value))
    return value


def in_force(key: str, value: Any) -> Any:
    """The value a stored one stands for now. Within its limits it is itself; a whole number a
    narrower limit now refuses (45 minutes for the clash break, 0-20 since ICE 2025/26) is read as
    the nearest limit; anything else that fails its check, as the default. A key the catalogue
    does not describe is left alone."""
    info = CATALOGUE.get(key)
    if info is None:
        return value
    try:
        check(key, value)
    except InputError:
        if info.kind == WHOLE and isinstance(value, int) and not isinstance(value, bool):
            return min(max(value, info.minimum), info.maximum)
        return info.default
    return value


@dataclass(frozen=True)
class OutOfRange:
    """A stored value outside its setting's limits, and what eoffice uses instead."""

    info: SettingInfo
    stored: Any
    used: Any

    def line(self) -> str:
        """One line for ``eoffice check``."""
        key = self.info.key
        return (f"setting {key} is stored as {show(key, self.stored)} but must now be {self.info.limits()}; "
                f"eoffice uses {show(key, self.used)} until it is changed (eoffice settings set {key} VALUE)")


def out_of_range(db: Reads) -> list[OutOfRange]:
    """Every stored value its setting's limits now refuse (a database from an eoffice with wider
    limits), in catalogue order: the database still opens and reads each as ``in_force`` says."""
    keys = list(CATALOGUE)
    rows: dict[str, str] = dict(as_reader(db).execute(f"SELECT key, value FROM setting WHERE key IN ({marks(len(keys))})",
                                                      keys).fetchall())
    found = []
    for key, info in CATALOGUE.items():
        if key not in rows:
            continue
        try:
            value = json.loads(rows[key])
        except ValueError:
            continue  # not a value at all: nothing a limit can say about it
        used = in_force(key, value)
        if used != value or type(used) is not type(value):
            found.append(OutOfRange(info, value, used))
    return found


def show(key: str, value: Any) -> str:
    """A value as the officer reads it: ``10``, ``yes``, ``09:00``."""
    if entry(key).kind == YES_NO and isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True)
class SettingValue:
    info: SettingInfo
    value: Any

    @property
    def is_default(self) -> bool:
        return bool(self.value == self.info.default)


def current(session: Session) -> list[SettingValue]:
    """Every setting with its value now, area by area."""
    return [SettingValue(info, settings.get(session, key)) for key, info in CATALOGUE.items()]


def save(session: Session, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Check every value first, then write them together with their knock-on effects
    (``settings.change``), so one bad value saves nothing. Returns key -> (old, new)."""
    checked = {key: check(key, value) for key, value in values.items()}
    return settings.change(session, checked)


def reset(session: Session, key: str) -> dict[str, tuple[Any, Any]]:
    return save(session, {key: entry(key).default})
