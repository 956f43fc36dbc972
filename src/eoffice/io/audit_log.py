"""The audit log as a spreadsheet, for a head of centre or an inspection.

Each row keeps the record's kind and id, for tracing, beside what it is called now: the
caller hands over records already named (``audit_names.named_entries``); nothing here reads
the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from eoffice.domain.audit import AuditRecord
from eoffice.io.tables import Column, Sheet, write_csv, write_xlsx

FORMATS = ("xlsx", "csv")


def record_name(record: AuditRecord) -> str:
    """What the record is called now; ``(deleted)`` once it has gone; blank when not named."""
    return record.name or ("(deleted)" if record.gone else "")


def audit_sheet(records: Sequence[AuditRecord]) -> Sheet:
    columns = [
        Column("When (UTC)", 18),
        Column("Who", 22),
        Column("Action", 12),
        Column("Record", 16),
        Column("Record ID", 12),
        Column("Record name", 40),
        Column("Summary", 60),
    ]
    rows = [
        (r.at.replace(tzinfo=None), r.actor, r.action, r.entity, r.entity_id or "", record_name(r), r.summary)
        for r in records
    ]
    return Sheet("Audit log", columns, rows)


def export_audit(records: Sequence[AuditRecord], fmt: str, out: Path) -> Path:
    sheet = audit_sheet(records)
    if fmt == "xlsx":
        return write_xlsx(out, [sheet])
    if fmt == "csv":
        return write_csv(out, sheet)
    raise ValueError(f"unknown format {fmt!r}")
