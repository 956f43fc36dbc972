"""Exam day: every sitting, timed once; and clashes.

``paper_sittings`` is the one model of who sits which paper and when: for every active
candidate's entry in a date range, the published start, the start as sat, the finish with
extra time and rest breaks (``exam_time``), the arrangements in force and why, the
applications still pending, and the supervision the day needs. The exam-day view, the
command line, the requirement and the roster, the day sheets and every exam-day PDF read
it (rooms and desks are added by ``examday``, which seats the rows this returns).

An arrangement counts on the day when it is approved and not expired by then
(``in_force``); one applied for and still in date (``pending_on``) is planned for (a room,
a helper) and listed as pending, but never timed: an invigilator's sheet must not give
time the awarding body has not granted.

A candidate's papers in one day are sat in turn (``sit_in_turn``): a second paper in a
session starts when the first finishes plus the supervised break (the JCQ pattern for a
clash of 3 hours or less; the limits and the words are in ``clash_rules``), and when a
morning runs on past the afternoon's published start, the afternoon paper starts after it,
under supervision, with a warning, so no candidate is ever in two places at once.

Queries are set-based (a fixed handful per call whatever the number of candidates),
because the busiest session of a large centre has to appear at once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from eoffice.db.models import Arrangement, Candidate, ClashDecision, Entry, Paper
from eoffice.domain import settings
from eoffice.domain.access.arrangement_records import arrangements as all_arrangements
from eoffice.domain.access.arrangement_records import (
    candidate_timing,
    describe_timing,
    in_force,
    kind_label,
    pending_on,
)
from eoffice.domain.access.candidate_records import format_number
from eoffice.domain.access.clash_decisions import OVERNIGHT as MOVED_OVERNIGHT
from eoffice.domain.access.clash_decisions import Decision, decisions, kind_of
from eoffice.domain.access.clash_rules import (
    OTHER,
    OVERNIGHT,
    clash_notes,
    hours,
    one_after_another,
    overnight_advice,
    session_verdict,
)
from eoffice.domain.access.exam_time import Timing, clock, day_label, slot_label, timing
from eoffice.domain.access.timetable import default_start, is_gce
from eoffice.domain.bulk import bulk
from eoffice.domain.years import AcademicYear


@dataclass(frozen=True)
class ExamDayRow:
    """One candidate sitting one paper: the one answer to who sits what, where and until when."""

    candidate_id: int
    candidate_number: int
    surname: str
    forenames: str
    paper_id: int
    code: str
    title: str
    board: str
    sat_on: date
    session: str
    room: str | None
    arrangements: tuple[str, ...]  # labels of the arrangements in force that day
    room_needs: tuple[str, ...]  # ROOM_NEEDS keys of those in force, "none" left out
    extra_percent: int | None
    rest_per_hour: int | None
    timing: Timing  # as sat: a clashing paper starts after the one before it
    published_start: int | None = None  # the timetable's start, when ``sit_in_turn`` moved it
    clash_note: str = ""  # "clash: sits after 8035/1" when the candidate has another paper this session
    pending: tuple[str, ...] = ()  # labels of applications not yet approved: planned for, never timed
    pending_needs: tuple[str, ...] = ()  # the room needs those applications would bring
    mode: str = "written"  # "written", "on_screen" or "practical"
    desk: str | None = None  # "A1", once ``examday`` has seated the room
    supervision: str = ""  # "supervised from 13:33 until 13:43, after the morning's papers"
    warning: str = ""  # what the officer must settle: a start pushed past the published one
    moved_from: str = ""  # "Wed 12 May PM" when the officer moved this paper to settle a clash

    def seated(self, room: str | None, desk: str | None) -> ExamDayRow:
        """This sitting in a room at a desk: ``dataclasses.replace`` without its cost, because a
        large summer seats tens of thousands of rows at once."""
        new = object.__new__(ExamDayRow)
        new.__dict__.update(self.__dict__, room=room, desk=desk)
        return new

    def timed(self, timing: Timing) -> ExamDayRow:
        """This sitting with another timing (a room's pause moved it), as cheaply as ``seated``."""
        new = object.__new__(ExamDayRow)
        new.__dict__.update(self.__dict__, timing=timing)
        return new

    @property
    def candidate(self) -> str:
        return format_number(self.candidate_number)

    @property
    def published(self) -> int:
        return self.timing.start if self.published_start is None else self.published_start

    @property
    def published_finish(self) -> int:
        """The timetable's finish: published start plus the published duration."""
        return self.published + self.timing.duration

    @property
    def published_note(self) -> str:
        """What the timetable said, when this sitting differs from it: ``published 13:30``, or
        ``published Wed 12 May PM 13:30`` for a paper the officer moved here ("" otherwise)."""
        if self.moved_from:
            return f"published {self.moved_from} {clock(self.published)}"
        return f"published {clock(self.published)}" if self.start != self.published else ""

    @property
    def name(self) -> str:
        return f"{self.surname}, {self.forenames}"

    @property
    def start(self) -> int:
        return self.timing.start

    @property
    def finish(self) -> int:
        return self.timing.finish

    @property
    def timing_text(self) -> str:
        return describe_timing(self.extra_percent, self.rest_per_hour)

    @property
    def planned_needs(self) -> tuple[str, ...]:
        """The room needs seating plans for: those in force and those applied for."""
        if not self.pending_needs:  # nearly every row: nothing to merge
            return self.room_needs
        return tuple(dict.fromkeys((*self.room_needs, *self.pending_needs)))

    @property
    def with_arrangements(self) -> bool:
        """Whether the exam-day view lists this sitting: an arrangement in force or pending."""
        return bool(self.arrangements or self.pending)

    def as_json(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate, "surname": self.surname, "forenames": self.forenames,
            "date": self.sat_on.isoformat(), "session": self.session, "code": self.code, "paper": self.code,
            "title": self.title, "board": self.board, "room": self.room, "desk": self.desk,
            "arrangements": list(self.arrangements), "pending": list(self.pending),
            "room_needs": list(self.room_needs), "start": clock(self.start),
            "published_start": clock(self.published), "clash": self.clash_note or None,
            "duration_minutes": self.timing.duration, "extra_minutes": minutes_json(self.timing.extra_minutes),
            "rest_minutes": minutes_json(self.timing.rest_minutes), "finish": clock(self.finish),
            "supervision": self.supervision or None, "warning": self.warning or None,
            "moved_from": self.moved_from or None,
        }


def minutes_json(value: Fraction) -> int | float:
    """22.5 minutes stays 22.5; 30 stays 30 (an int)."""
    return int(value) if value.denominator == 1 else float(value)


def break_minutes(session: Session) -> int:
    """The supervised break between clashing papers sat in one session: the centre's choice, at
    most 20 minutes (ICE 2025/26 8.2; a larger value stored by an older eoffice reads as 20)."""
    return int(settings.get(session, "access.clash.break_minutes"))


def sit_in_turn(rows: Sequence[ExamDayRow], pause: int) -> list[ExamDayRow]:
    """The one timing of a candidate's day: their papers are sat in turn (session, published
    start, code), each after the one before finishes plus the supervised break of ``pause``
    minutes (``break_minutes``).

    In one session that is the JCQ clash pattern, and each row is marked as a clash. Across
    sessions the afternoon keeps its published start unless the morning runs on past it;
    then the candidate is supervised from the end of the morning and starts after the
    break, and the row carries a warning: a clash the officer still has to settle (move a
    paper, or overnight supervision), never a candidate in two rooms at once.
    """
    groups: dict[tuple[int, date], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[(row.candidate_id, row.sat_on)].append(index)
    timed = list(rows)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        order = sorted(indexes, key=lambda i: (rows[i].session, rows[i].timing.start, rows[i].code))
        by_session: dict[str, list[int]] = defaultdict(list)
        for i in order:
            by_session[rows[i].session].append(i)
        before: ExamDayRow | None = None  # the last paper of the session before
        for sess in sorted(by_session):
            here = by_session[sess]
            first = rows[here[0]].timing
            pushed = before is not None and before.finish + pause > first.start
            timings = [rows[i].timing for i in here]
            if pushed and before is not None:
                timings[0] = replace(first, start=before.finish + pause)
            sat = one_after_another(timings, pause)
            notes = clash_notes([rows[i].code for i in here])
            for position, (i, timing_sat, note) in enumerate(zip(here, sat, notes, strict=True)):
                row = rows[i]
                moved = timing_sat.start != row.timing.start or len(here) > 1
                if not moved:
                    continue  # a paper alone in its session, at its published time: as it was
                changes: dict[str, Any] = {"timing": timing_sat, "clash_note": note}
                if moved:
                    changes["published_start"] = row.published
                if position and len(here) > 1:
                    changes["supervision"] = (f"supervised break of {pause} minutes after "
                                              f"{rows[here[position - 1]].code}")
                if position == 0 and pushed and before is not None:
                    late = timing_sat.start - row.timing.start
                    changes["supervision"] = (f"supervised from {clock(before.finish)} until {clock(timing_sat.start)},"
                                              f" after the {before.session} papers")
                    changes["warning"] = (f"{row.candidate} starts {row.code} at {clock(timing_sat.start)}, "
                                          f"{late} minutes after its published start, because the {before.session} "
                                          f"papers run to {clock(before.finish)}: settle the clash")
                if row.supervision and "supervision" in changes:  # the officer's move said it first
                    changes["supervision"] = f"{row.supervision}; {changes['supervision']}"
                timed[i] = replace(row, **changes)
            before = max((timed[i] for i in here), key=lambda r: r.finish)
    return timed


@bulk
def paper_sittings(session: Session, start: date, end: date, *, exam_session: str | None = None,
                   candidate_ids: Sequence[int] | None = None) -> list[ExamDayRow]:
    """Every active candidate's sittings between two dates (both included), timed.

    By date, session, candidate number, start and code; rooms and desks are not set here
    (``examday.sittings`` seats them). Three queries whatever the size of the centre. A
    candidate's whole day is always read, even for one session, because a morning that
    runs on moves the afternoon.
    """
    moved = decisions(session, start, end)
    dates = and_(Paper.sat_on >= start, Paper.sat_on <= end)
    moved_in = (select(Entry.id).join(ClashDecision, and_(ClashDecision.candidate_id == Entry.candidate_id,
                                                          ClashDecision.paper_id == Entry.paper_id))
                .where(ClashDecision.on >= start, ClashDecision.on <= end))  # fmt: skip
    where = [or_(dates, Entry.id.in_(moved_in)) if moved else dates, Candidate.active.is_(True)]
    if candidate_ids is not None:
        where.append(Candidate.id.in_(sorted(set(candidate_ids))))
    entered = (select(Entry.candidate_id).join(Paper, Paper.id == Entry.paper_id)  # a day early: moved overnight
               .where(Paper.sat_on >= start - timedelta(days=1), Paper.sat_on <= end).distinct().scalar_subquery())
    kept: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(
        select(Arrangement.candidate_id, Arrangement.kind, Arrangement.status, Arrangement.extra_time_percent,
               Arrangement.rest_minutes_per_hour, Arrangement.room_need, Arrangement.expires_on)
        .where(Arrangement.candidate_id.in_(entered), Arrangement.status.in_(("approved", "applied")))
        .order_by(Arrangement.id)
    ):
        kept[row.candidate_id].append(row)
    query = (
        select(Candidate.id, Candidate.number, Candidate.surname, Candidate.forenames, Paper.id, Paper.code,
               Paper.title, Paper.board, Paper.sat_on, Paper.session, Paper.start_minutes, Paper.duration_minutes,
               Paper.mode)
        .join(Entry, Entry.candidate_id == Candidate.id).join(Paper, Paper.id == Entry.paper_id)
        .where(*where)
        .order_by(Paper.sat_on, Paper.session, Candidate.number, Paper.start_minutes, Paper.code)
    )
    found = []
    cache: dict[tuple[int, date], tuple[Any, ...]] = {}
    starts = {s: default_start(session, s) for s in OTHER} if moved else {}
    for cid, number, surname, forenames, pid, code, title, board, on, sess, begin, duration, mode in \
            session.execute(query):
        decided = moved.get((cid, pid)) if moved else None
        extras: dict[str, Any] | None = None
        if decided is not None:
            on, sess, begin, extras = _as_decided(decided, code, on, sess, begin, starts)
            if not start <= on <= end:
                continue
        day = cache.get((cid, on))
        if day is None:
            day = cache[(cid, on)] = _day_arrangements(kept.get(cid, ()), on)
        extra, rest, labels, needs, pending, pending_needs = day
        sat = ExamDayRow(cid, number, surname, forenames, pid, code, title, board, on, sess, None, labels, needs, extra,
                         rest, timing(begin, duration, extra, rest), None, "", pending, pending_needs, mode)
        found.append(sat if extras is None else replace(sat, **extras))
    if moved:
        found.sort(key=lambda r: (r.sat_on, r.session, r.candidate_number, r.timing.start, r.code))
    timed = sit_in_turn(found, break_minutes(session))
    if moved:
        timed = _over_the_limit(timed, int(settings.get(session, "access.clash.same_session_max_minutes")))
    if exam_session is not None:
        timed = [r for r in timed if r.session == exam_session]
    return timed


def _over_the_limit(rows: list[ExamDayRow], same_max: int) -> list[ExamDayRow]:
    """A paper moved into a session where the candidate already sits others: when the
    session then holds more than the clash limit (JCQ: 3 hours, with extra time and rest
    breaks), the moved row says so, since the clash list works from the timetable."""
    sessions: dict[tuple[int, date, str], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        sessions[(row.candidate_id, row.sat_on, row.session)].append(index)
    for indexes in sessions.values():
        here = [rows[i] for i in indexes]
        if len(here) < 2 or not any(r.moved_from for r in here):
            continue
        total = math.ceil(sum((r.timing.duration + r.timing.extra_minutes + r.timing.rest_minutes for r in here),
                              Fraction(0)))
        if total <= same_max:
            continue
        for i in indexes:
            row = rows[i]
            if row.moved_from:
                said = (f"{row.candidate} now sits {hours(total)} of papers in {slot_label(row.sat_on, row.session)} "
                        f"with {row.code} moved in, over the {hours(same_max)} limit for one session: check the move")
                rows[i] = replace(row, warning="; ".join(w for w in (row.warning, said) if w))
    return rows


def _as_decided(decided: Decision, code: str, on: date, sess: str, begin: int,
                starts: dict[str, int]) -> tuple[date, str, int, dict[str, Any]]:
    """A paper the officer moved to settle a clash: where and when it is sat, and the
    supervision that needs; a decision the timetable has since overtaken is not followed,
    and the sitting says so."""
    published = slot_label(on, sess)
    kind = kind_of((on, sess), decided.slot)
    if kind is None:
        return on, sess, begin, {"warning": (
            f"{code} was to be sat {slot_label(*decided.slot)} to settle a clash, but the timetable now has it "
            f"{published}: decide again")}
    new_start = starts[decided.session]
    if kind == MOVED_OVERNIGHT:
        care = f"overnight supervision from the end of {day_label(on)} until it starts (moved from the {sess})"
    elif new_start < begin:
        care = f"moved from the {sess} to settle a clash: kept under supervision until {clock(begin)}, when it starts for everyone else"
    else:
        care = f"moved from the {sess} to settle a clash: kept under supervision from {clock(begin)} until it starts"
    extras = {"published_start": begin, "moved_from": published, "supervision": care}
    return decided.on, decided.session, new_start, extras


_NOTHING: tuple[Any, ...] = (None, None, (), (), (), ())


def _day_arrangements(records: Sequence[Any], on: date) -> tuple[Any, ...]:
    """What a candidate's arrangements give on one day: timing and needs from those in
    force, labels and needs of those pending."""
    if not records:
        return _NOTHING
    active = [a for a in records if in_force(a.status, a.expires_on, on)]
    waiting = [a for a in records if pending_on(a.status, a.expires_on, on)]
    extra = max((a.extra_time_percent or 0 for a in active), default=0) or None
    rest = max((a.rest_minutes_per_hour or 0 for a in active), default=0) or None
    labels = tuple(dict.fromkeys(kind_label(a.kind) for a in active))
    needs = tuple(dict.fromkeys(a.room_need for a in active if a.room_need != "none"))
    pending = tuple(dict.fromkeys(kind_label(a.kind) for a in waiting if kind_label(a.kind) not in labels))
    pending_needs = tuple(dict.fromkeys(a.room_need for a in waiting if a.room_need not in ("none", *needs)))
    return extra, rest, labels, needs, pending, pending_needs


def busiest_session(session: Session) -> tuple[date, str] | None:
    """The date and session with the most entries: the one to measure and to prepare for."""
    row = session.execute(
        select(Paper.sat_on, Paper.session, func.count(Entry.id).label("n")).join(Entry, Entry.paper_id == Paper.id)
        .group_by(Paper.sat_on, Paper.session).order_by(func.count(Entry.id).desc(), Paper.sat_on).limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


# --- clashes -------------------------------------------------------------------------

@dataclass(frozen=True)
class Clash:
    candidate_id: int
    candidate_number: int
    surname: str
    forenames: str
    sat_on: date
    session: str | None  # None when the whole day is the problem (overnight supervision)
    codes: tuple[str, ...]
    total_minutes: int  # counting extra time and rest breaks
    resolution: str
    advice: str = ""  # in plain words: which paper moves, what the other session then holds
    decision: str = ""  # what the officer decided: "8702/1 sat Thu 13 May AM (overnight supervision)"

    @property
    def candidate(self) -> str:
        return format_number(self.candidate_number)

    def as_json(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate, "surname": self.surname, "forenames": self.forenames,
            "date": self.sat_on.isoformat(), "session": self.session, "codes": list(self.codes),
            "total_minutes": self.total_minutes, "resolution": self.resolution, "advice": self.advice,
            "decision": self.decision or None,
        }


def _total(parts: list[Fraction]) -> int:
    return math.ceil(sum(parts, Fraction(0)))


def clashes(session: Session, year: AcademicYear | None = None) -> list[Clash]:
    """Every candidate's clashes, not only those with arrangements; two queries."""
    where = [] if year is None else [Paper.sat_on >= year.start, Paper.sat_on <= year.end]
    busy_days = (
        select(Entry.candidate_id, Paper.sat_on).join(Paper, Paper.id == Entry.paper_id).where(*where)
        .group_by(Entry.candidate_id, Paper.sat_on).having(func.count() >= 2).subquery()
    )
    query = (
        select(Candidate.id, Candidate.number, Candidate.surname, Candidate.forenames, Paper.sat_on, Paper.session,
               Paper.code, Paper.start_minutes, Paper.duration_minutes, Paper.qualification, Paper.id.label("paper_id"))
        .join(Entry, Entry.candidate_id == Candidate.id).join(Paper, Paper.id == Entry.paper_id)
        .join(busy_days, and_(busy_days.c.candidate_id == Candidate.id, busy_days.c.sat_on == Paper.sat_on))
        .order_by(Candidate.number, Paper.sat_on, Paper.session, Paper.start_minutes, Paper.code)
    )
    days: dict[tuple[int, date], list[Any]] = defaultdict(list)
    for row in session.execute(query):
        days[(row[0], row[4])].append(row)
    if not days:
        return []
    by_candidate = defaultdict(list)
    for record in all_arrangements(session):
        by_candidate[record.candidate_id].append(record)
    same_max = int(settings.get(session, "access.clash.same_session_max_minutes"))
    day_max = {gce: int(settings.get(session, f"access.clash.day_max_minutes.{'gce' if gce else 'gcse'}"))
               for gce in (False, True)}
    pause = break_minutes(session)
    sit_all_over = int(settings.get(session, "access.clash.sit_all_break_over_minutes"))
    decided = decisions(session, year.start, year.end) if year is not None else decisions(session, date(1900, 1, 1), date.max)
    found = []
    for (cid, on), rows in days.items():
        if len(rows) < 3 and len({row.session for row in rows}) == len(rows):
            continue  # one paper a session, too few for the day's limit: no clash (most of a busy day)
        extra, rest = candidate_timing(by_candidate.get(cid, []), on)
        lengths = []
        for row in rows:
            if not (extra or rest):  # the published duration: no timing to work out (most candidates)
                lengths.append(Fraction(row.duration_minutes))
                continue
            t = timing(row.start_minutes, row.duration_minutes, extra, rest)
            lengths.append(t.duration + t.extra_minutes + t.rest_minutes)
        first = rows[0]
        person = (cid, first.number, first.surname, first.forenames, on)
        day_total = _total(lengths)
        gce = all(is_gce(row.qualification) for row in rows)
        if len(rows) >= 3 and day_total > day_max[gce]:
            found.append(Clash(*person, None, tuple(r.code for r in rows), day_total, OVERNIGHT,
                               overnight_advice(on, day_total, day_max[gce], sit_all_over),
                               _decided(decided, cid, rows)))
            continue
        for sess in sorted({row.session for row in rows}):
            here = [i for i, row in enumerate(rows) if row.session == sess]
            if len(here) < 2:
                continue
            there = [lengths[i] for i, row in enumerate(rows) if row.session == OTHER.get(sess)]
            verdict = session_verdict([(rows[i].code, lengths[i]) for i in here], OTHER.get(sess, "other"), there,
                                      same_max, pause)
            found.append(Clash(*person, sess, tuple(rows[i].code for i in here), _total([lengths[i] for i in here]),
                               verdict.resolution, verdict.advice, _decided(decided, cid, [rows[i] for i in here])))
    return found


def _decided(decided: dict[tuple[int, int], Decision], cid: int, rows: Sequence[Any]) -> str:
    """What the officer decided for these clashing papers, in words ("" for nothing yet)."""
    said = []
    for row in rows:
        d = decided.get((cid, row.paper_id))
        if d is not None:
            how = "overnight supervision" if kind_of((row.sat_on, row.session), d.slot) == MOVED_OVERNIGHT \
                else "the other session"
            said.append(f"{row.code} sat {slot_label(*d.slot)} ({how})")
    return "; ".join(said)
