"""The audit log: one function writes it, every area calls that function.

Summaries name the record (``task 12``, ``candidate 0042``) and what kind of change it
was; they never carry health or special-needs details, which stay in their own tables.
What each record is called now (``Plan task: Submit summer entries``) is looked up when the
log is read, by ``audit_names``; the log itself keeps the kind and id.

The log is a hash chain, so a row changed or deleted behind eoffice's back shows
(``verify_chain``; ``eoffice check`` runs it). Each row's ``chain_hash`` is

    SHA-256( JSON [previous row's chain_hash, id, at, actor, action, entity, entity_id, summary] )

as 64 lowercase hex digits: the JSON is compact (``separators=(",", ":")``, UTF-8, not
ASCII-escaped), ``at`` is the stored UTC time written ``YYYY-MM-DD HH:MM:SS.ffffff``, and the
first row's "previous" is ``GENESIS`` (64 zeros). The head of the chain is the ``chain_hash`` of
the row with the highest id (``chain_head``); a copy of it kept elsewhere (a backup's name, a
PDF footer) also shows rows cut from the end, or a chain rewritten from a changed row on, which
the chain alone cannot: it has no secret, so anyone who can write the file can recompute it.

Writing stays one insert per row: ``record`` numbers each row itself and hashes it at once
from the head it remembers for the session's transaction (``session.info``), so the head is
read once per transaction, not once per row; the memory goes when the transaction ends, so a
rolled-back row is never chained to.

Who the log names (``set_actor``, ``current_actor``) is kept in ``audit_actor``, re-exported
here: the window sets it before SQLAlchemy loads (issue 17).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, SessionTransaction

from eoffice import clock
from eoffice.db.models import AuditEntry
from eoffice.domain.audit_actor import current_actor as current_actor
from eoffice.domain.audit_actor import set_actor as set_actor

GENESIS = "0" * 64  # the "previous chain_hash" of the first row
TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
_HEAD = "eoffice.audit.head"  # session.info: (id, chain_hash) of the newest row in this transaction
_HASH = re.compile(r"[0-9a-f]{64}")

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
    """Add an entry in the caller's transaction, so it lands or vanishes with the change.

    The entry is numbered and chained here (see the module); no query per entry.
    """
    last_id, last_hash = _head(session)
    number, moment, who = last_id + 1, clock.stored(at), actor or current_actor()
    key = None if entity_id is None else str(entity_id)
    chained = chain_hash(last_hash, number, moment, who, action, entity, key, summary)
    session.info[_HEAD] = (number, chained)
    session.add(AuditEntry(id=number, at=moment, actor=who, action=action, entity=entity, entity_id=key,
                           summary=summary, chain_hash=chained))


# --- the chain ----------------------------------------------------------------------------

def chain_hash(previous: str, entry_id: int, at: datetime, actor: str, action: str, entity: str,
               entity_id: str | None, summary: str) -> str:
    """The row's ``chain_hash``: the formula in the module's docstring (migration 0010 has a copy)."""
    fields = [previous, entry_id, at.strftime(TIME_FORMAT), actor, action, entity, entity_id, summary]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _head(session: Session) -> tuple[int, str]:
    """(id, chain_hash) of the newest row, remembered for the rest of the transaction."""
    found: tuple[int, str] | None = session.info.get(_HEAD)
    if found is None:
        row = session.execute(select(AuditEntry.id, AuditEntry.chain_hash).order_by(AuditEntry.id.desc())
                              .limit(1)).first()
        found = (0, GENESIS) if row is None else (row[0], row[1])
        session.info[_HEAD] = found
    return found


@event.listens_for(Session, "after_transaction_end")
def _forget_head(session: Session, transaction: SessionTransaction) -> None:
    """Committed or rolled back (or a savepoint ended), the next record reads the head afresh.
    A flush's own inner transaction ends after every flush: that keeps the head."""
    if transaction.parent is None or transaction.nested:
        session.info.pop(_HEAD, None)


def chain_head(session: Session) -> str | None:
    """The ``chain_hash`` of the newest row (the highest id); None while the log is empty."""
    found: str | None = session.scalar(select(AuditEntry.chain_hash).order_by(AuditEntry.id.desc()).limit(1))
    return found


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    rows: int
    first_broken_id: int | None
    message: str  # plain words, for ``eoffice check`` and the window
    broken: int = 0  # rows that do not follow from the row before them
    head: str | None = None


def broken_row_message(entry_id: int) -> str:
    return (f"audit log row {entry_id} does not match the chain: it was changed, or a row before it was "
            "deleted")


def verify_chain(session: Session) -> ChainCheck:
    """Recompute every row's hash from its fields and the stored hash of the row before.

    Each row is checked against its stored predecessor, so one changed row is named alone
    and the rows after it still check. Reads the log in one pass, in batches.
    """
    query = select(AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.entity,
                   AuditEntry.entity_id, AuditEntry.summary, AuditEntry.chain_hash).order_by(AuditEntry.id)
    previous, rows, broken, first = GENESIS, 0, 0, None
    for entry_id, at, actor, action, entity, entity_id, summary, stored in session.execute(
            query.execution_options(yield_per=2000)):
        rows += 1
        expected = chain_hash(previous, entry_id, at, actor, action, entity, entity_id, summary)
        if stored != expected:
            broken += 1
            first = entry_id if first is None else first
        previous = stored if isinstance(stored, str) and _HASH.fullmatch(stored) else ""
    if first is not None:
        more = f" ({broken} rows in all do not match)" if broken > 1 else ""
        return ChainCheck(False, rows, first, broken_row_message(first) + more, broken, previous or None)
    message = f"audit log: {rows} row{'' if rows == 1 else 's'}, each one chained to the one before" if rows else \
        "audit log: empty"
    return ChainCheck(True, rows, None, message, 0, previous if rows else None)


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
