"""Exam day: who sits what with which arrangements and when they finish, and clashes.

The finish time comes from the one rule in ``exam_time`` (start + duration + extra
time + rest, rounded up). An arrangement counts on the day when it is approved and
not expired by then (``access.in_force``): an application still pending gives the
candidate nothing in the exam room, and the invigilator's sheet must not suggest it.

Queries are set-based (a fixed handful per call whatever the number of candidates),
because the busiest session of a large centre has to appear at once.

Clashes follow the JCQ pattern (the rules and their words are in ``clash_rules``): two
papers in one session that add up to 3 hours or less are sat one after the other with a
short supervised break, so the second is timed from the first's finish; over 3 hours one
moves to the other session of the day when the papers already there leave room; three
or more papers in a day that add up to more than 5h30 (GCSE) or 6h (GCE) lead to an
offer of overnight supervision. The limits and the breaks are settings, and extra time
and rest breaks count towards the limits.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from eoffice.db.models import Arrangement, Candidate, Entry, Paper, Placement, Room
from eoffice.domain import settings
from eoffice.domain.access.arrangement_records import arrangements as all_arrangements
from eoffice.domain.access.arrangement_records import candidate_timing, describe_timing, kind_label
from eoffice.domain.access.candidate_records import format_number
from eoffice.domain.access.clash_rules import (
    OTHER,
    OVERNIGHT,
    clash_notes,
    one_after_another,
    overnight_advice,
    session_verdict,
)
from eoffice.domain.access.exam_time import Timing, clock, timing
from eoffice.domain.access.timetable import is_gce
from eoffice.domain.years import AcademicYear


@dataclass(frozen=True)
class ExamDayRow:
    """One candidate with an arrangement sitting one paper."""

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
    room_needs: tuple[str, ...]  # ROOM_NEEDS keys, "none" left out
    extra_percent: int | None
    rest_per_hour: int | None
    timing: Timing  # as sat: a clashing paper starts after the one before it
    published_start: int | None = None  # the timetable's start, when ``sit_clashes_in_turn`` moved it
    clash_note: str = ""  # "clash: sits after 8035/1" when the candidate has another paper this session

    @property
    def candidate(self) -> str:
        return format_number(self.candidate_number)

    @property
    def published(self) -> int:
        return self.timing.start if self.published_start is None else self.published_start

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

    def as_json(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate, "surname": self.surname, "forenames": self.forenames,
            "date": self.sat_on.isoformat(), "session": self.session, "code": self.code, "title": self.title,
            "board": self.board, "room": self.room, "arrangements": list(self.arrangements),
            "room_needs": list(self.room_needs), "start": clock(self.start),
            "published_start": clock(self.published), "clash": self.clash_note or None,
            "duration_minutes": self.timing.duration, "extra_minutes": minutes_json(self.timing.extra_minutes),
            "rest_minutes": minutes_json(self.timing.rest_minutes), "finish": clock(self.finish),
        }


def minutes_json(value: Fraction) -> int | float:
    """22.5 minutes stays 22.5; 30 stays 30 (an int)."""
    return int(value) if value.denominator == 1 else float(value)


def break_minutes(session: Session) -> int:
    """The supervised break between clashing papers sat in one session (the centre's choice)."""
    return int(settings.get(session, "access.clash.break_minutes"))


def sit_clashes_in_turn(rows: list[ExamDayRow], pause: int) -> list[ExamDayRow]:
    """The one timing of clashing papers: a candidate's papers in one session are sat in
    turn (published start, then code), each after the one before finishes plus the
    supervised break of ``pause`` minutes (``break_minutes``), and marked as a clash."""
    groups: dict[tuple[int, date, str], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[(row.candidate_id, row.sat_on, row.session)].append(index)
    timed = list(rows)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        order = sorted(indexes, key=lambda i: (rows[i].timing.start, rows[i].code))
        sat = one_after_another([rows[i].timing for i in order], pause)
        for i, timing_sat, note in zip(order, sat, clash_notes([rows[i].code for i in order]), strict=True):
            timed[i] = replace(rows[i], timing=timing_sat, clash_note=note, published_start=rows[i].timing.start)
    return timed


def _in_force_clause(day_column: Any) -> Any:
    return and_(Arrangement.status == "approved",
                or_(Arrangement.expires_on.is_(None), Arrangement.expires_on >= day_column))


def exam_day_rows(session: Session, day: date | None = None, exam_session: str | None = None,
                  year: AcademicYear | None = None) -> list[ExamDayRow]:
    """Every candidate with an arrangement in force sitting a paper, for one session, one
    day or a whole year; three queries whatever the size of the centre."""
    where = []
    if day is not None:
        where.append(Paper.sat_on == day)
    if exam_session is not None:
        where.append(Paper.session == exam_session)
    if year is not None:
        where += [Paper.sat_on >= year.start, Paper.sat_on <= year.end]
    sitting = (select(Entry.candidate_id).join(Paper, Paper.id == Entry.paper_id).where(*where)
               .distinct().scalar_subquery())
    earliest = day if day is not None else (year.start if year is not None else date.min)
    kept: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(
        select(Arrangement.candidate_id, Arrangement.kind, Arrangement.extra_time_percent,
               Arrangement.rest_minutes_per_hour, Arrangement.room_need, Arrangement.expires_on)
        .where(Arrangement.candidate_id.in_(sitting), _in_force_clause(earliest)).order_by(Arrangement.id)
    ):
        kept[row.candidate_id].append(row)
    if not kept:
        return []
    rooms = {
        (cid, on, sess): name for cid, on, sess, name in session.execute(
            select(Placement.candidate_id, Placement.on, Placement.session, Room.name)
            .join(Room, Room.id == Placement.room_id)
            .where(*([Placement.on == day] if day is not None else []),
                   *([Placement.session == exam_session] if exam_session is not None else []))
        )
    }
    query = (
        select(Candidate.id, Candidate.number, Candidate.surname, Candidate.forenames, Paper.id, Paper.code,
               Paper.title, Paper.board, Paper.sat_on, Paper.session, Paper.start_minutes, Paper.duration_minutes)
        .join(Entry, Entry.candidate_id == Candidate.id).join(Paper, Paper.id == Entry.paper_id)
        .where(*where, Candidate.id.in_(sorted(kept)))
        .order_by(Paper.sat_on, Paper.session, Candidate.number, Paper.start_minutes, Paper.code)
    )
    result = []
    for cid, number, surname, forenames, pid, code, title, board, on, sess, start, duration in session.execute(query):
        active = [a for a in kept[cid] if a.expires_on is None or a.expires_on >= on]
        if not active:
            continue
        extra = max((a.extra_time_percent or 0 for a in active), default=0) or None
        rest = max((a.rest_minutes_per_hour or 0 for a in active), default=0) or None
        needs = tuple(dict.fromkeys(a.room_need for a in active if a.room_need != "none"))
        labels = tuple(dict.fromkeys(kind_label(a.kind) for a in active))
        result.append(ExamDayRow(cid, number, surname, forenames, pid, code, title, board, on, sess,
                                 rooms.get((cid, on, sess)), labels, needs, extra, rest,
                                 timing(start, duration, extra, rest)))
    return sit_clashes_in_turn(result, break_minutes(session))


def session_list(session: Session, day: date, exam_session: str) -> list[ExamDayRow]:
    """The exam-day view for one date and session, by candidate number."""
    return exam_day_rows(session, day, exam_session)


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

    @property
    def candidate(self) -> str:
        return format_number(self.candidate_number)

    def as_json(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate, "surname": self.surname, "forenames": self.forenames,
            "date": self.sat_on.isoformat(), "session": self.session, "codes": list(self.codes),
            "total_minutes": self.total_minutes, "resolution": self.resolution, "advice": self.advice,
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
               Paper.code, Paper.start_minutes, Paper.duration_minutes, Paper.qualification)
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
    found = []
    for (cid, on), rows in days.items():
        extra, rest = candidate_timing(by_candidate.get(cid, []), on)
        lengths = []
        for row in rows:
            t = timing(row.start_minutes, row.duration_minutes, extra, rest)
            lengths.append(t.duration + t.extra_minutes + t.rest_minutes)
        first = rows[0]
        person = (cid, first.number, first.surname, first.forenames, on)
        day_total = _total(lengths)
        gce = all(is_gce(row.qualification) for row in rows)
        if len(rows) >= 3 and day_total > day_max[gce]:
            found.append(Clash(*person, None, tuple(r.code for r in rows), day_total, OVERNIGHT,
                               overnight_advice(on, day_total, day_max[gce], sit_all_over)))
            continue
        for sess in sorted({row.session for row in rows}):
            here = [i for i, row in enumerate(rows) if row.session == sess]
            if len(here) < 2:
                continue
            there = [lengths[i] for i, row in enumerate(rows) if row.session == OTHER.get(sess)]
            verdict = session_verdict([(rows[i].code, lengths[i]) for i in here], OTHER.get(sess, "other"), there,
                                      same_max, pause)
            found.append(Clash(*person, sess, tuple(rows[i].code for i in here), _total([lengths[i] for i in here]),
                               verdict.resolution, verdict.advice))
    return found


def candidates_exams(
    session: Session, candidate_ids: list[int], year: AcademicYear | None = None
) -> dict[int, list[ExamDayRow]]:
    """Every paper each of these candidates sits, timed with what is in force that day
    (their per-candidate summary); three queries for any number of candidates."""
    if not candidate_ids:
        return {}
    wanted = set(candidate_ids)
    by_candidate: dict[int, list[Any]] = defaultdict(list)
    for record in all_arrangements(session):
        if record.candidate_id in wanted:
            by_candidate[record.candidate_id].append(record)
    where: list[ColumnElement[bool]] = [Candidate.id.in_(sorted(candidate_ids))]
    if year is not None:
        where += [Paper.sat_on >= year.start, Paper.sat_on <= year.end]
    rooms = {(cid, on, sess): name for cid, on, sess, name in session.execute(
        select(Placement.candidate_id, Placement.on, Placement.session, Room.name)
        .join(Room, Room.id == Placement.room_id).where(Placement.candidate_id.in_(sorted(candidate_ids))))}
    found: dict[int, list[ExamDayRow]] = defaultdict(list)
    for cid, number, surname, forenames, pid, code, title, board, on, sess, start, duration in session.execute(
        select(Candidate.id, Candidate.number, Candidate.surname, Candidate.forenames, Paper.id, Paper.code,
               Paper.title, Paper.board, Paper.sat_on, Paper.session, Paper.start_minutes, Paper.duration_minutes)
        .join(Entry, Entry.candidate_id == Candidate.id).join(Paper, Paper.id == Entry.paper_id).where(*where)
        .order_by(Paper.sat_on, Paper.session, Paper.start_minutes, Paper.code)
    ):
        records = by_candidate.get(cid, [])
        extra, rest = candidate_timing(records, on)
        active = [r for r in records if r.in_force(on)]
        needs = tuple(dict.fromkeys(r.room_need for r in active if r.room_need != "none"))
        found[cid].append(ExamDayRow(cid, number, surname, forenames, pid, code, title, board, on, sess,
                                     rooms.get((cid, on, sess)), tuple(dict.fromkeys(r.label for r in active)),
                                     needs, extra, rest, timing(start, duration, extra, rest)))
    pause = break_minutes(session)
    return {cid: sit_clashes_in_turn(rows, pause) for cid, rows in found.items()}
