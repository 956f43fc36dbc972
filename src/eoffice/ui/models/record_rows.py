"""Fresh rows into a ``RecordTableModel`` without a reset when they are the rows it shows.

A tab that reads its data again after an edit gets back the same records, one or two of
them changed: replacing only those (the model's id-to-row map, ``replace_records``) repaints
their rows and keeps the view's selection, current row and scroll position, where a reset
would lose them and lay out every row again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from eoffice.ui.models.record_table import RecordTableModel

R = TypeVar("R")


def show_rows(model: RecordTableModel[R], rows: Sequence[R]) -> bool:
    """Rows into a table: when the same records come back in the same order (a refresh after an
    edit), only those that changed are replaced, so only their rows repaint; otherwise one
    reset. True when it was a reset (the caller chooses its rows again)."""
    old = model.records()
    if len(old) == len(rows) and all(model.key_of(a) == model.key_of(b) for a, b in zip(old, rows, strict=True)):
        changed = [new for was, new in zip(old, rows, strict=True) if was != new]
        if changed:
            model.replace_records(changed)
        return False
    model.set_rows(rows)
    return True
