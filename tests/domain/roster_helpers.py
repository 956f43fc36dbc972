"""Small builders for the roster tests: papers, candidates, entries, arrangements, rooms, invigilators.

The timetable and candidates modules belong to another area, so these write the rows
directly with the models, the way the roster itself reads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.db.models import Arrangement, Candidate, Entry, Paper
from eoffice.domain.access import DEFAULT_STARTS
from eoffice.domain.roster import InvigilatorFields, RoomFields, add_invigilator, add_room

TRAINED = date(2026, 9, 15)
DBS = date(2025, 1, 10)


def paper(session: Session, on: date, sess: str = "AM", *, code: str | None = None, minutes: int = 90,
          mode: str = "written", start: int | None = None) -> int:  # fmt: skip
    count = session.scalar(select(func.count()).select_from(Paper)) or 0
    row = Paper(board="AQA", code=code or f"P{count + 1}", title=f"Paper {count + 1}", sat_on=on, session=sess,
                start_minutes=DEFAULT_STARTS[sess] if start is None else start, duration_minutes=minutes, mode=mode)
    session.add(row)
    session.flush()
    return row.id


def candidates(session: Session, n: int) -> list[int]:
    first = (session.scalar(select(func.max(Candidate.number))) or 0) + 1
    rows = [Candidate(number=first + i, surname="Test", forenames=f"Candidate {first + i}") for i in range(n)]
    session.add_all(rows)
    session.flush()
    return [r.id for r in rows]


def enter(session: Session, candidate_ids: Iterable[int], paper_id: int) -> None:
    session.add_all(Entry(candidate_id=c, paper_id=paper_id) for c in candidate_ids)
    session.flush()


def sitting(session: Session, n: int, on: date, sess: str = "AM", **paper_options: object) -> tuple[int, list[int]]:
    """A paper with ``n`` new candidates entered for it."""
    pid = paper(session, on, sess, **paper_options)  # type: ignore[arg-type]
    ids = candidates(session, n)
    enter(session, ids, pid)
    return pid, ids


def arrange(session: Session, candidate_id: int, *, need: str = "none", extra: int | None = None,
            rest: int | None = None, status: str = "approved", kind: str = "other") -> None:  # fmt: skip
    session.add(Arrangement(candidate_id=candidate_id, kind=kind, route="aao", status=status, room_need=need,
                            extra_time_percent=extra, rest_minutes_per_hour=rest))  # fmt: skip
    session.flush()


def room(session: Session, name: str, capacity: int, *, on_screen: bool = False, separate: bool = False) -> int:
    return add_room(session, RoomFields(name, capacity, on_screen, separate)).id


def invigilator(session: Session, name: str, roles: Sequence[str] = ("invigilator",), *,
                trained: date | None = TRAINED, dbs: date | None = DBS, **options: object) -> int:  # fmt: skip
    fields = InvigilatorFields(name=name, roles=tuple(roles), trained_on=trained, dbs_checked_on=dbs, **options)  # type: ignore[arg-type]
    return add_invigilator(session, fields).id
