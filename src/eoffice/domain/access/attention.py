"""What about access arrangements needs the officer's attention, worked out set-based.

What goes wrong in real centres, each caught here:

* an approval that runs out before the candidate's last exam (approvals last 26
  months, so a Year 10 approval can lapse in the middle of Year 11's exams);
* an application still not made as the awarding bodies' deadline nears: the deadline
  comes from key dates (category "access_arrangements", "modified" in the title for
  modified papers) when the officer has them, else it is estimated from the series'
  first exam (settings), because a missed AAO deadline cannot be undone;
* a candidate who needs a room of their own or a helper (reader, scribe, ...) with
  none assigned by the roster for one of their sessions;
* a centre-delegated arrangement (word processor, rest breaks, ...) still not marked
  approved as the candidate's exams near: it needs no application, so no deadline
  catches it, yet only approved arrangements reach the exam-day sheets;
* an assessment dated before the candidate's Year 9, for an arrangement applied for
  whose kind needs a Form 8 (``arrangement_types``: extra time, reader, scribe and the
  like; never modified papers): JCQ (change-of-centre guidance, from 1 Sep 2025) says
  Form 8 assessment tests are taken no earlier than Year 9. Year 9 is worked out from the
  candidate's year group, which the MIS gives for the current academic year.

A handful of queries for the whole centre, never one per candidate. Messages carry no
condition and no name: the record's ids let the screen show the rest to the officer.

The Overview shows these warnings' counts on the window's first paint, before SQLAlchemy
loads (issue 17): so every read here is plain SQL, with either handle (``db.plain.Reads``:
the window's first ``sqlite3`` connection or an ORM session), and this module imports
neither SQLAlchemy nor the models, even indirectly (other areas by submodule, never by face).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from eoffice.db.plain import Reader, Reads, as_reader, in_chunks, marks, stored_day
from eoffice.db.plain import day as stored_date
from eoffice.domain import settings
from eoffice.domain.access.arrangement_reads import APPLICATION_ROUTES, CLOSED, NOT_YET_APPLIED, ArrangementRecord, arrangements
from eoffice.domain.access.arrangement_types import FORM_8_NOTE, HELPER_ROLE, OWN_ROOM, ROOM_NEEDS, TYPES, needs_form_8
from eoffice.domain.access.exam_series import first_exam_of_series, series_of
from eoffice.domain.bulk import bulk
from eoffice.domain.dates import format_date
from eoffice.domain.keydates.key_date_reads import dates_in_category
from eoffice.domain.years import AcademicYear

EXPIRES = "expires_before_last_exam"
NOT_APPLIED = "application_not_made"
NO_ROOM = "no_room"
NO_HELPER = "no_helper"
NOT_APPROVED = "delegated_not_approved"
ASSESSED_EARLY = "assessed_before_year_9"
MODIFIED_PAPERS = "modified_papers"
# The warning in a few words, for tables and the register's flag column.
WORDS: dict[str, str] = {
    EXPIRES: "Expires before last exam", NOT_APPLIED: "Application not made", NO_ROOM: "No room assigned",
    NO_HELPER: "No helper assigned", NOT_APPROVED: "Not approved: not on exam day",
    ASSESSED_EARLY: "Assessed before Year 9",
}
FIRST_ASSESSMENT_YEAR_GROUP = 9  # Form 8: tests no earlier than Year 9 (JCQ)


@dataclass(frozen=True)
class AccessWarning:
    kind: str
    arrangement_id: int
    candidate_id: int
    candidate_number: int
    message: str
    deadline: date | None = None
    deadline_label: str = ""


def when(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    return "passed yesterday" if days == -1 else f"passed {-days} days ago"


# The papers of the year, with their parameters (``_in_year``): every read here is of one year's exams.
_IN_YEAR = "paper.sat_on >= ? AND paper.sat_on <= ?"


def _in_year(year: AcademicYear) -> tuple[str, str]:
    return (stored_day(year.start), stored_day(year.end))


def _key_deadlines(db: Reads, year: AcademicYear) -> dict[tuple[str, bool], date]:
    """(series, modified papers?) -> the earliest external access-arrangements key date. Only
    those key dates' date, title and series are read (``key_date_reads.dates_in_category``): the
    whole list would work out every key date's internal deadline too, a third of the
    warnings' time at ten times a large school (issue 17)."""
    found: dict[tuple[str, bool], date] = {}
    for on, title, listed in dates_in_category(db, year, "access_arrangements"):
        modified = "modified" in title.casefold()
        series_list = ("November", "January", "Summer") if listed == "All year" else (listed,)
        for series in series_list:
            key = (series, modified)
            if key not in found or on < found[key]:
                found[key] = on
    return found


def _deadline(
    key: dict[tuple[str, bool], date], first: dict[str, date], series: str, modified: bool, fallback_days: dict[bool, int]
) -> date | None:
    """The key date when the officer has one, else N days (a setting) before the series' first exam."""
    if (series, modified) in key:
        return key[(series, modified)]
    if series in first:
        return first[series] - timedelta(days=fallback_days[modified])
    return None


@bulk  # the Access tab reads it as it opens: no collector's pause in the middle
def find_warnings(
    db: Reads, year: AcademicYear, today: date, records: list[ArrangementRecord] | None = None
) -> list[AccessWarning]:
    reader = as_reader(db)
    records = arrangements(reader) if records is None else records
    if not records:
        return []
    last, next_exam = _last_and_next_exams(reader, year, today, sorted({r.candidate_id for r in records}))
    found: list[AccessWarning] = []
    for r in records:
        if (r.status == "approved" and r.expires_on is not None and r.candidate_id in last
                and r.expires_on < last[r.candidate_id]):
                found.append(AccessWarning(
                    EXPIRES, r.id, r.candidate_id, r.candidate_number,
                    f"approval expires {format_date(r.expires_on)}, before the candidate's last exam "
                    f"on {format_date(last[r.candidate_id])}",
                ))
    found += _applications(reader, year, today, records, next_exam)
    found += _rooms_and_helpers(reader, year, today, records)
    found += _delegated_not_approved(reader, today, records, next_exam)
    found += _assessed_before_year_9(reader, today, records)
    return found


def _last_and_next_exams(
    reader: Reader, year: AcademicYear, today: date, ids: list[int]
) -> tuple[dict[int, date], dict[int, date]]:
    """Each candidate's last exam of the year, and their next from today (for those with one).
    One pass over the entries of the candidates with arrangements (a few hundred of 2,000, so
    through the candidate index) gives both."""
    last: dict[int, date] = {}
    next_exam: dict[int, date] = {}
    for chunk in in_chunks(ids):
        for cid, latest, coming in reader.execute(
            "SELECT entry.candidate_id, MAX(paper.sat_on), MIN(CASE WHEN paper.sat_on >= ? THEN paper.sat_on END) "
            "FROM entry JOIN paper ON paper.id = entry.paper_id "
            f"WHERE entry.candidate_id IN ({marks(len(chunk))}) AND {_IN_YEAR} GROUP BY entry.candidate_id",
            (stored_day(today), *chunk, *_in_year(year)),
        ):
            last[cid] = stored_date(latest)
            if coming is not None:
                next_exam[cid] = stored_date(coming)
    return last, next_exam


# Where each kind comes in ``find_warnings``' list: by kind, then in the register's order (a
# room and a helper of one arrangement side by side, the room first).
_PLACE = {EXPIRES: (0, 0), NOT_APPLIED: (1, 0), NO_ROOM: (2, 0), NO_HELPER: (2, 1), NOT_APPROVED: (3, 0),
          ASSESSED_EARLY: (4, 0)}


def _counts_in_helper_demand(record: ArrangementRecord) -> bool:
    """An approved need for a helper: counted in its room's demand, so it can change whether
    another candidate's helper is enough (the one warning that reaches across arrangements)."""
    return record.status == "approved" and record.room_need in HELPER_ROLE


def warnings_after_edit(
    db: Reads, year: AcademicYear, today: date, before: Sequence[ArrangementRecord],
    found: Sequence[AccessWarning], after: list[ArrangementRecord], edited: Collection[int],
) -> list[AccessWarning]:
    """``find_warnings`` for ``after``, the register once the arrangements ``edited`` were
    added, changed or deleted, from ``found``, the warnings of ``before``: the same list,
    worked out for the edited arrangements alone. Every warning is about its own arrangement,
    its candidate's exams and year group, none of which an arrangement's edit changes, except
    a missing helper, which counts every approved helper need in the room: when an edited
    arrangement is (or was) one, all are worked out again."""
    changed = [r for r in (*before, *after) if r.id in edited]
    if any(_counts_in_helper_demand(r) for r in changed):
        return find_warnings(db, year, today, after)
    fresh = find_warnings(db, year, today, [r for r in after if r.id in edited])
    row = {r.id: i for i, r in enumerate(after)}
    kept = [w for w in found if w.arrangement_id not in edited and w.arrangement_id in row]
    return sorted([*kept, *fresh], key=lambda w: (_PLACE[w.kind][0], row[w.arrangement_id], _PLACE[w.kind][1]))


def _applications(
    reader: Reader, year: AcademicYear, today: date, records: list[ArrangementRecord], next_exam: dict[int, date]
) -> list[AccessWarning]:
    """``next_exam``: candidate id -> their first exam from today in the year."""
    pending = [r for r in records if r.route in APPLICATION_ROUTES and r.status in NOT_YET_APPLIED]
    if not pending:
        return []
    first = first_exam_of_series(reader, year)
    upcoming = sorted((day, series) for series, day in first.items() if day >= today)
    key = _key_deadlines(reader, year)
    fallback = {
        False: int(settings.get(reader, "access.fallback_deadline_days_before_series")),
        True: int(settings.get(reader, "access.fallback_modified_papers_days_before_series")),
    }
    warn_days = int(settings.get(reader, "access.deadline_warning_days"))
    found = []
    for r in pending:
        if r.candidate_id in next_exam:
            series = series_of(next_exam[r.candidate_id])
        elif upcoming:
            series = upcoming[0][1]
        else:
            continue
        modified = r.kind == MODIFIED_PAPERS
        deadline = _deadline(key, first, series, modified, fallback)
        if deadline is None or today < deadline - timedelta(days=warn_days):
            continue
        label = "modified papers" if modified else "AAO"
        found.append(AccessWarning(
            NOT_APPLIED, r.id, r.candidate_id, r.candidate_number,
            f"application not yet made; {series} {label} deadline {format_date(deadline)} {when(deadline, today)}",
            deadline, label,
        ))
    return found


def _rooms_and_helpers(
    reader: Reader, year: AcademicYear, today: date, records: list[ArrangementRecord]
) -> list[AccessWarning]:
    """A need is met in a session when the candidate is placed in a separate room (for a
    room of their own) and that room has enough invigilators in the helper's role."""
    needing = [r for r in records if r.status == "approved" and (r.room_need in OWN_ROOM or r.room_need in HELPER_ROLE)]
    if not needing:
        return []
    sittings, placed = _sittings_and_rooms(reader, year, today, sorted({r.candidate_id for r in needing}))
    roles = sorted(set(HELPER_ROLE.values()))
    supply: Counter[tuple[date, str, int, str]] = Counter(
        (stored_date(on), sess, room_id, role) for on, sess, room_id, role in reader.execute(
            f'SELECT "on", session, room_id, role FROM assignment WHERE role IN ({marks(len(roles))})', roles)
    )
    demand: Counter[tuple[date, str, int, str]] = Counter()
    for r in needing:
        if r.room_need in HELPER_ROLE:
            for day, sess in sittings[r.candidate_id]:
                if r.in_force(day) and (r.candidate_id, day, sess) in placed:
                    demand[(day, sess, placed[(r.candidate_id, day, sess)][0], HELPER_ROLE[r.room_need])] += 1
    found = []
    for r in needing:
        sessions = sorted(s for s in sittings[r.candidate_id] if r.in_force(s[0]))
        if not sessions:
            continue
        if r.room_need in OWN_ROOM:
            missing = [s for s in sessions if not placed.get((r.candidate_id, *s), (0, False))[1]]
            if missing:
                found.append(AccessWarning(NO_ROOM, r.id, r.candidate_id, r.candidate_number,
                                           f"no separate room assigned for {len(missing)} of {len(sessions)} sessions"))
        if r.room_need in HELPER_ROLE:
            role = HELPER_ROLE[r.room_need]
            missing = []
            for day, sess in sessions:
                where = placed.get((r.candidate_id, day, sess))
                key = (day, sess, where[0], role) if where else None
                if key is None or supply[key] < demand[key]:
                    missing.append((day, sess))
            if missing:
                helper = ROOM_NEEDS[r.room_need].lower()
                found.append(AccessWarning(NO_HELPER, r.id, r.candidate_id, r.candidate_number,
                                           f"no {helper} assigned for {len(missing)} of {len(sessions)} sessions"))
    return found


def _sittings_and_rooms(
    reader: Reader, year: AcademicYear, today: date, ids: list[int]
) -> tuple[dict[int, set[tuple[date, str]]], dict[tuple[int, date, str], tuple[int, bool]]]:
    """Each session these candidates sit from today, and the room each is placed in for it, if
    any, with whether it is a separate room (one placement a candidate and session)."""
    sittings: dict[int, set[tuple[date, str]]] = defaultdict(set)
    placed: dict[tuple[int, date, str], tuple[int, bool]] = {}
    for chunk in in_chunks(ids):
        for cid, text, sess, room_id, separate in reader.execute(
            "SELECT DISTINCT entry.candidate_id, paper.sat_on, paper.session, placement.room_id, room.separate "
            "FROM entry JOIN paper ON paper.id = entry.paper_id "
            'LEFT OUTER JOIN placement ON placement.candidate_id = entry.candidate_id AND placement."on" = paper.sat_on '
            "AND placement.session = paper.session "
            "LEFT OUTER JOIN room ON room.id = placement.room_id "
            f"WHERE entry.candidate_id IN ({marks(len(chunk))}) AND {_IN_YEAR} AND paper.sat_on >= ?",
            (*chunk, *_in_year(year), stored_day(today)),
        ):
            on = stored_date(text)
            sittings[cid].add((on, sess))
            if room_id is not None:
                placed[(cid, on, sess)] = (room_id, bool(separate))
    return sittings, placed


def _delegated_not_approved(
    reader: Reader, today: date, records: list[ArrangementRecord], next_exam: dict[int, date]
) -> list[AccessWarning]:
    """From ``access.deadline_warning_days`` before the candidate's next exam."""
    waiting = [r for r in records if r.route == "delegated" and r.status != "approved" and r.status not in CLOSED]
    if not waiting:
        return []
    warn_days = int(settings.get(reader, "access.deadline_warning_days"))
    found = []
    for r in waiting:
        coming = next_exam.get(r.candidate_id)
        if coming is None or today < coming - timedelta(days=warn_days):
            continue
        found.append(AccessWarning(
            NOT_APPROVED, r.id, r.candidate_id, r.candidate_number,
            f"centre-delegated but not yet marked Approved, so it is on no exam-day sheet; the candidate's next "
            f"exam is {format_date(coming)}, {when(coming, today)}",
            coming, "next exam",
        ))
    return found


def year_9_start(year_group: int, today: date) -> date:
    """1 September of the candidate's Year 9, from their year group this academic year."""
    current = AcademicYear.containing(today)
    return date(current.start_year - (year_group - FIRST_ASSESSMENT_YEAR_GROUP), current.start.month, 1)


def assessed_before_year_9(route: str, status: str, assessed_on: date | None, year_group: int | None,
                           today: date, *, kind: str | None = None) -> date | None:
    """The start of the candidate's Year 9 when an arrangement that needs a Form 8 was
    assessed before it; else None. The one Form 8 rule: the warnings check what is saved with
    it, the arrangement dialog what is typed (``form_8_text``).

    A Form 8 supports an application (AAO or referred), so a centre-delegated or closed
    arrangement never warns; and only the kinds the arrangement types table marks ``form_8``
    need one (JCQ AARA chapter 7), so modified papers never do. Without ``kind`` only the
    route and status are checked."""
    if route not in APPLICATION_ROUTES or status in CLOSED or assessed_on is None or year_group is None:
        return None
    if kind is not None and not needs_form_8(kind):
        return None
    starts = year_9_start(year_group, today)
    return starts if assessed_on < starts else None


def form_8_text(kind: str, route: str, status: str, assessed_on: date | None, year_group: int | None,
                today: date) -> str:
    """What the arrangement dialog says about Form 8 for what is typed: the warning with the
    rule when it fires, the rule alone for a kind that needs a Form 8, and that none is needed
    for one that does not (modified papers)."""
    starts = assessed_before_year_9(route, status, assessed_on, year_group, today, kind=kind)
    if starts is not None and assessed_on is not None:
        return (f"Check: assessed {format_date(assessed_on)}, before this candidate's Year 9 "
                f"(from {format_date(starts)}). {FORM_8_NOTE}")
    if kind in TYPES and kind != "other" and not needs_form_8(kind):
        label = TYPES[kind].label
        return f"No Form 8 assessment is needed for {label[0].lower()}{label[1:]} (JCQ AARA chapter 7)."
    return FORM_8_NOTE


def _assessed_before_year_9(reader: Reader, today: date, records: list[ArrangementRecord]) -> list[AccessWarning]:
    assessed = [r for r in records if r.route in APPLICATION_ROUTES and r.fields.assessed_on is not None
                and needs_form_8(r.kind)]
    if not assessed:
        return []
    groups: dict[int, int] = {}
    for chunk in in_chunks(sorted({r.candidate_id for r in assessed})):
        groups.update(reader.execute(
            f"SELECT id, year_group FROM candidate WHERE id IN ({marks(len(chunk))}) AND year_group IS NOT NULL", chunk))
    found = []
    for r in assessed:
        starts = assessed_before_year_9(r.route, r.status, r.fields.assessed_on, groups.get(r.candidate_id), today,
                                        kind=r.kind)
        if starts is not None:
            found.append(AccessWarning(
                ASSESSED_EARLY, r.id, r.candidate_id, r.candidate_number,
                f"assessed {format_date(r.fields.assessed_on)}, before the candidate's Year 9 (from "
                f"{format_date(starts)}); Form 8 assessment tests must be no earlier than Year 9",
            ))
    return found


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_lines(db: Reads, year: AcademicYear, today: date,
                  found: Sequence[AccessWarning] | None = None) -> list[str]:
    """Counts only, for the Overview tab: it is seen by anyone passing the screen. ``found``:
    the year's warnings (``find_warnings``) when the caller has them already, as the Overview
    does for its dated items; working them out is most of the Overview's time at scale."""
    reader = as_reader(db)
    if found is None:
        found = find_warnings(reader, year, today)
    lines = []
    expiring = [w for w in found if w.kind == EXPIRES]
    if expiring:
        verb = "expires" if len(expiring) == 1 else "expire"
        lines.append(f"{_plural(len(expiring), 'approval', 'approvals')} {verb} before the candidate's last exam")
    pending = sorted((w for w in found if w.kind == NOT_APPLIED), key=lambda w: w.deadline or date.max)
    if pending:
        first = pending[0]
        assert first.deadline is not None
        lines.append(f"{_plural(len(pending), 'application', 'applications')} not yet made, "
                     f"{first.deadline_label} deadline {format_date(first.deadline)} {when(first.deadline, today)}")
    unplaced = {w.arrangement_id for w in found if w.kind in (NO_ROOM, NO_HELPER)}
    if unplaced:
        verb = "needs" if len(unplaced) == 1 else "need"
        lines.append(f"{_plural(len(unplaced), 'arrangement', 'arrangements')} still {verb} a room or helper for exam day")
    waiting = [w for w in found if w.kind == NOT_APPROVED]
    if waiting:
        lines.append(f"{_plural(len(waiting), 'centre-delegated arrangement', 'centre-delegated arrangements')} "
                     "not yet approved, so not on exam-day sheets")
    early = [w for w in found if w.kind == ASSESSED_EARLY]
    if early:
        lines.append(f"{_plural(len(early), 'assessment', 'assessments')} dated before the candidate's Year 9")
    if not lines:
        total = len(arrangements(reader))
        lines.append("No access arrangements recorded" if not total
                     else f"{_plural(total, 'access arrangement', 'access arrangements')}; nothing needs attention")
    return lines
