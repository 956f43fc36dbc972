"""The File > Export menu: each area adds an ``ExportAction``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eoffice.ui.context import AppContext


@dataclass(frozen=True)
class ExportAction:
    label: str  # e.g. "Audit log (Excel)…"
    suffix: str  # ".xlsx"
    file_filter: str
    write: Callable[[AppContext, Path], Path]
    sensitive: bool = False  # health or special-needs data: ask before writing


def _audit(fmt: str) -> Callable[[AppContext, Path], Path]:
    def write(context: AppContext, out: Path) -> Path:
        from eoffice.domain.audit import entries
        from eoffice.io.audit_log import export_audit

        records = context.read(entries)
        return export_audit(records, fmt, out)  # type: ignore[arg-type]

    return write


EXPORT_ACTIONS: list[ExportAction] = [
    ExportAction("Audit log (&Excel)…", ".xlsx", "Excel workbook (*.xlsx)", _audit("xlsx")),
    ExportAction("Audit log (&CSV)…", ".csv", "CSV file (*.csv)", _audit("csv")),
]
