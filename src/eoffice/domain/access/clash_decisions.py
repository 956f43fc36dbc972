"""The officer's answers to clashes: a paper sat in another session than the timetable's.

``clashes`` advises (``clash_rules``); the officer decides. A decision moves one of a
candidate's papers either to the other session of the same day (a clash over 3 hours) or
to the next morning under overnight supervision (a day over the limit; a Friday afternoon
paper is sat on Saturday morning, as JCQ's guidance says). ``exam_day.paper_sittings``
reads the decisions, so the moved paper appears in the session where it is sat, in every
view, sheet, seating plan and roster, with the supervision it needs; the session it left
no longer counts it.

A decision is checked against the paper as it stands when read: if the timetable has
moved the paper since, the decision no longer fits and the sitting says so instead of
being moved somewhere the officer never chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import Candidate, ClashDecision, Entry, Paper
from eoffice.domain import audit
from eoffice.domain.access.candidate_records import format_number
from eoffice.domain.access.clash_rules import OTHER
from eoffice.domain.access.exam_time import day_label, slot_label
from eoffice.errors import InputError

MOVE, OVERNIGHT = "move", "overnight"

Slot = tuple[date, str]


def kind_of(published: Slot, sat: Slot) -> str | None:
    """``move`` (the other session of the day), ``overnight`` (a morning paper the next day,
    from an afternoon one) or None: not a place a clash paper may go."""
    (day, sess), (on, to) = published, sat
    if on == day and to == OTHER.get(sess):
        return MOVE
    if sess == "PM" and to == "AM" and on == day + timedelta(days=1):
        return OVERNIGHT
    return None


@dataclass(frozen=True)
class Decision:
    """One paper of one candidate, sat where the officer decided."""

    candidate_id: int
    paper_id: int
    on: date
    session: str

    @property
    def slot(self) -> Slot:
        return (self.on, self.session)


def decisions(session: Session, start: date, end: date) -> dict[tuple[int, int], Decision]:
    """(candidate id, paper id) -> the decision, for papers published or moved into the
    dates (the day before ``start`` too: an afternoon moved overnight lands on ``start``)."""
    rows = session.execute(
        select(ClashDecision.candidate_id, ClashDecision.paper_id, ClashDecision.on, ClashDecision.session)
        .join(Paper, Paper.id == ClashDecision.paper_id)
        .where(or_(and_(ClashDecision.on >= start, ClashDecision.on <= end),
                   and_(Paper.sat_on >= start - timedelta(days=1), Paper.sat_on <= end)))
    )  # fmt: skip
    return {(c, p): Decision(c, p, on, sess) for c, p, on, sess in rows}


def decided_entries(session: Session, start: date, end: date) -> list[tuple[int, int]]:
    """(candidate id, paper id) of papers moved into the dates from outside them."""
    return [(c, p) for c, p in session.execute(
        select(ClashDecision.candidate_id, ClashDecision.paper_id).join(Paper, Paper.id == ClashDecision.paper_id)
        .where(ClashDecision.on >= start, ClashDecision.on <= end, or_(Paper.sat_on < start, Paper.sat_on > end)))]


Before = tuple[date, str] | None  # what undo puts back: the decision there was, or none


def _entered_paper(session: Session, candidate_id: int, paper_id: int) -> tuple[Candidate, Paper]:
    person = session.get(Candidate, candidate_id)
    paper = session.get(Paper, paper_id)
    if person is None or paper is None:
        raise InputError("there is no such candidate or paper")
    entered = session.scalar(select(func.count()).select_from(Entry)
                             .where(Entry.candidate_id == candidate_id, Entry.paper_id == paper_id))
    if not entered:
        raise InputError(f"candidate {format_number(person.number)} is not entered for {paper.code}")
    return person, paper


def decide(session: Session, candidate_id: int, paper_id: int, on: date, sess: str) -> Before:
    """Sit a candidate's clash paper on ``on`` in ``sess``; returns what was decided before, for undo.

    Only the other session of the paper's day, or the next morning for an afternoon
    paper (overnight supervision), and only when the candidate has another paper that day:
    anything else is refused in one sentence. The paper's own session clears the decision."""
    person, paper = _entered_paper(session, candidate_id, paper_id)
    who = format_number(person.number)
    if sess not in OTHER:
        raise InputError(f"{sess!r} is not a session: write AM or PM")
    published = (paper.sat_on, paper.session)
    if (on, sess) == published:
        return clear(session, candidate_id, paper_id)
    kind = kind_of(published, (on, sess))
    if kind is None:
        raise InputError(f"{paper.code} is timetabled for {slot_label(*published)}: a clash paper moves to the other "
                         f"session of that day or, after an afternoon, to the next morning under overnight "
                         f"supervision, not to {slot_label(on, sess)}")
    others = session.scalar(
        select(func.count()).select_from(Entry).join(Paper, Paper.id == Entry.paper_id)
        .where(Entry.candidate_id == candidate_id, Paper.sat_on == paper.sat_on, Paper.id != paper_id))
    if not others:
        raise InputError(f"candidate {who} has no other paper on {day_label(paper.sat_on)}: {paper.code} clashes "
                         "with nothing")
    row = session.scalar(select(ClashDecision).where(ClashDecision.candidate_id == candidate_id,
                                                     ClashDecision.paper_id == paper_id))
    before: Before = None if row is None else (row.on, row.session)
    if row is None:
        session.add(ClashDecision(candidate_id=candidate_id, paper_id=paper_id, on=on, session=sess,
                                  decided_at=clock.stored()))
    else:
        row.on, row.session, row.decided_at = on, sess, clock.stored()
    session.flush()
    how = "overnight supervision" if kind == OVERNIGHT else "clash moved to the other session"
    audit.record(session, "update", "clash_decision", candidate_id,
                 f"candidate {who}: {paper.code} to be sat {slot_label(on, sess)} ({how})")
    return before


def clear(session: Session, candidate_id: int, paper_id: int) -> Before:
    """The paper is sat as timetabled again; returns the decision there was, for undo."""
    person, paper = _entered_paper(session, candidate_id, paper_id)
    row = session.scalar(select(ClashDecision).where(ClashDecision.candidate_id == candidate_id,
                                                     ClashDecision.paper_id == paper_id))
    if row is None:
        return None
    before: Before = (row.on, row.session)
    session.delete(row)
    session.flush()
    audit.record(session, "update", "clash_decision", candidate_id,
                 f"candidate {format_number(person.number)}: {paper.code} back to its timetabled session")
    return before


def restore(session: Session, candidate_id: int, paper_id: int, before: Before) -> None:
    """Undo ``decide`` or ``clear``: the decision as it was."""
    if before is None:
        clear(session, candidate_id, paper_id)
    else:
        decide(session, candidate_id, paper_id, *before)


def settle(session: Session, number: int, code: str, on: date, sess: str) -> bool:
    """``decide`` by candidate number and paper code, as the officer writes them; the paper of
    that code the move fits (a code can recur across years). Returns whether the paper is now
    sat where it was timetabled (its own date and session: the decision cleared)."""
    person = session.scalar(select(Candidate).where(Candidate.number == number))
    if person is None:
        raise InputError(f"there is no candidate {format_number(number)}")
    wanted = code.strip().casefold()
    entered = [p for p in session.scalars(select(Paper).join(Entry, Entry.paper_id == Paper.id)
                                          .where(Entry.candidate_id == person.id).order_by(Paper.sat_on))
               if p.code.casefold() == wanted]  # fmt: skip
    if not entered:
        raise InputError(f"candidate {format_number(number)} is not entered for {code.strip()}")
    fits = [p for p in entered if (p.sat_on, p.session) == (on, sess) or kind_of((p.sat_on, p.session), (on, sess))]
    paper = (fits or entered)[0]
    decide(session, person.id, paper.id, on, sess)
    return (paper.sat_on, paper.session) == (on, sess)
