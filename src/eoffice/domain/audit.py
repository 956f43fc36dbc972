"""The audit log: one function writes it, every area calls that function.

Summaries name the record (``task 12``, ``candidate 0042``) and what kind of change it
was; they never carry health or special-needs details, which stay in their own tables.
What each record is called now (``Plan task: Submit summer entries``) is looked up when the
log is read, by ``audit_names``; the log itself keeps the kind and id.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import AuditEntry

_actor: str | None = None

# How each kind of record is named to a person reading the log; areas add theirs.
ENTITY_LABELS: dict[str, str] = {
    "centre": "Centre",
    "person": "Person",
    "academic_year": "Academic year",
    "setting": "Setting",
    "candidate": "Candidate",
    "paper": "Paper",
    "entry": "Entry",
    "arrangement": "Access arrangement",
    "standards_year": "Professional Standards year",
    "knowledge_target": "Knowledge & Understanding target",
    "skill_target": "Key Skills target",
    "standards_meeting": "Standards meeting",
    "signature": "Signature",
    "invigilator": "Invigilator",
    "room": "Room",
    "assignment": "Invigilation assignment",
    "placement": "Candidate placement",
}


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity.replace("_", " ").capitalize())


def set_actor(name: str | None) -> None:
    """Who is making changes in this process: the signed-in person, when there is one."""
    global _actor
    _actor = name


def current_actor() -> str:
    if _actor:
        return _actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    summary: str
    name: str | None = None  # what the record is called now (audit_names.named); None: not named
    gone: bool = False  # looked up and no longer there

    @property
    def what(self) -> str:
        """``Plan task: Submit summer entries to AQA``, ``Plan task 93 (deleted)`` once it has
        gone, ``Candidate placement`` for a change to many; the kind and id when not named."""
        label = entity_label(self.entity)
        if self.name:
            return f"{label}: {self.name}"
        if self.entity_id is None:
            return label
        return f"{label} {self.entity_id}" + (" (deleted)" if self.gone else "")


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: object = None,
    summary: str = "",
    *,
    actor: str | None = None,
    at: datetime | None = None,
) -> None:
    """Add an entry in the caller's transaction, so it lands or vanishes with the change."""
    session.add(
        AuditEntry(
            at=clock.stored(at),
            actor=actor or current_actor(),
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            summary=summary,
        )
    )


def entries(session: Session, *, limit: int | None = None) -> list[AuditRecord]:
    """Newest first; times are returned in UTC."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [
        AuditRecord(e.id, e.at.replace(tzinfo=UTC), e.actor, e.action, e.entity, e.entity_id, e.summary)
        for e in session.scalars(query)
    ]


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0
