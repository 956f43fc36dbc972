"""The audit log as a spreadsheet, for a head of centre or an inspection."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from eoffice.domain.audit import AuditRecord
from eoffice.io.tables import Column, Sheet, write_csv, write_xlsx

FORMATS = ("xlsx", "csv")


def audit_sheet(records: Sequence[AuditRecord]) -> Sheet:
    columns = [
        Column("When (UTC)", 18),
        Column("Who", 22),
        Column("Action", 12),
        Column("Record", 16),
        Column("Record ID", 12),
        Column("Summary", 60),
    ]
    rows = [
        (r.at.replace(tzinfo=None), r.actor, r.action, r.entity, r.entity_id or "", r.summary) for r in records
    ]
    return Sheet("Audit log", columns, rows)


def export_audit(records: Sequence[AuditRecord], fmt: str, out: Path) -> Path:
    sheet = audit_sheet(records)
    if fmt == "xlsx":
        return write_xlsx(out, [sheet])
    if fmt == "csv":
        return write_csv(out, sheet)
    raise ValueError(f"unknown format {fmt!r}")
