"""Which printed seating plans, registers and desk cards no longer match the seating.

A printed plan is taped to the exam-room door and the registers are in the invigilators'
hands, so re-seating must never change them silently. When the kit is printed, each
room's part is kept as a fingerprint (a SHA-256 of exactly what that part shows, in the
database with the rest of the centre's data, never in a file); ``out_of_date`` compares
the fingerprints with the kit as it would print now and names the rooms and documents to
print again, with when they were printed. A room no longer used counts as out of date.

The kit is the one computed by ``kit_records.kit_for`` (from the one model of sittings),
so what is compared is what the printer was given.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import PrintedPlan
from eoffice.domain import audit
from eoffice.domain.examday.kit import ExamDayKit
from eoffice.domain.roster import slot_label

KIND_WORDS = {"seating-plan": "seating plan", "register": "registers", "desk-cards": "desk cards"}


@dataclass(frozen=True)
class StalePrint:
    """One room's printed document that no longer matches the seating."""

    room: str
    kind: str
    printed_at: datetime  # as stored: UTC
    gone: bool = False  # the room is no longer used in that session

    @property
    def text(self) -> str:
        """``the seating plan for Library printed 07/12/2026 10:02``."""
        when = clock.in_uk(self.printed_at)
        return (f"the {KIND_WORDS.get(self.kind, self.kind)} for {self.room} printed {when:%d/%m/%Y %H:%M}"
                + (" (the room is no longer used)" if self.gone else ""))


def _parts(kit: ExamDayKit, kind: str) -> dict[str, list[Any]]:
    """What each room's part of a document shows, as plain values."""
    found: dict[str, list[Any]] = {}
    if kind == "seating-plan":
        for plan in kit.plans:
            found[plan.room] = [
                [plan.rows, plan.columns, sorted(plan.off), plan.exit, plan.invigilator_desk],
                [[p.code, p.start, p.finish] for p in plan.papers],
                [[s.desk, s.candidate, s.name, list(s.codes), s.start, s.finish, list(s.arrangements),
                  list(s.pending)] for s in (*plan.seats, *plan.unseated)],
            ]
    elif kind == "register":
        for register in kit.registers:
            found.setdefault(register.room, []).append(
                [register.paper.code, [[ln.desk, ln.candidate, ln.name, list(ln.arrangements), list(ln.pending)]
                                       for ln in register.lines]])  # fmt: skip
    elif kind == "desk-cards":
        for card in kit.cards:
            found.setdefault(card.room, []).append(
                [card.desk, card.candidate, card.name, [p.code for p in card.papers], card.start, card.finish,
                 card.timing_text])  # fmt: skip
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return found


def fingerprints(kit: ExamDayKit, kind: str) -> dict[str, str]:
    """Room -> SHA-256 of what the room's part of ``kind`` shows."""
    return {room: hashlib.sha256(json.dumps(part, ensure_ascii=False).encode()).hexdigest()
            for room, part in _parts(kit, kind).items()}


def record_printed(session: Session, kit: ExamDayKit, kind: str) -> None:
    """The kit's ``kind`` was printed: keep each room's fingerprint (replacing the last print's)."""
    prints = fingerprints(kit, kind)
    session.execute(delete(PrintedPlan).where(PrintedPlan.on == kit.on, PrintedPlan.session == kit.session,
                                              PrintedPlan.kind == kind))
    now = clock.stored()
    if prints:
        session.execute(insert(PrintedPlan), [
            {"on": kit.on, "session": kit.session, "room": room, "kind": kind, "fingerprint": digest,
             "printed_at": now} for room, digest in prints.items()])
    session.flush()
    audit.record(session, "export", "printed_plan", None,
                 f"{KIND_WORDS.get(kind, kind)} printed for {slot_label(kit.on, kit.session)}: {len(prints)} rooms")


def out_of_date(session: Session, kit: ExamDayKit) -> list[StalePrint]:
    """Every printed document of the kit's session that no longer matches it, by room and kind."""
    rows = session.execute(
        select(PrintedPlan.room, PrintedPlan.kind, PrintedPlan.fingerprint, PrintedPlan.printed_at)
        .where(PrintedPlan.on == kit.on, PrintedPlan.session == kit.session)
        .order_by(PrintedPlan.room, PrintedPlan.kind)).all()
    if not rows:
        return []
    now: dict[str, dict[str, str]] = {}
    found = []
    for room, kind, digest, printed_at in rows:
        if kind not in now:
            now[kind] = fingerprints(kit, kind) if kind in KIND_WORDS else {}
        current = now[kind].get(room)
        if current != digest:
            found.append(StalePrint(room, kind, printed_at, gone=current is None))
    return found


def out_of_date_text(stale: Iterable[StalePrint], on: date, exam_session: str) -> str:
    """One line for the officer: ``Printed for Wed 12 May AM and now out of date: ...; print them again``."""
    items = [s.text for s in stale]
    if not items:
        return ""
    return f"Printed for {slot_label(on, exam_session)} and now out of date: {'; '.join(items)}. Print again."
